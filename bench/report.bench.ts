// `npm run bench -- report [numbers…]`: report.html of simulated campaigns (default 10,000 and
// 100,000 numbers): its size, the time to write it (read and fold the journal, build the page and
// its charts, write the file: what `status` adds, and all of `bulkport report`), and the time
// headless Chromium takes to load it. Targets (issue 17): under 2 MB at 10,000 numbers and 8 MB at
// 100,000; written in < 3 s and loaded in < 2 s at 100,000. Exit 0 when every case meets them.
//
// The campaign is a journal written here, shaped like a month of a real one: 50 numbers per order,
// 1,000 per end user, 2% invalid and 3% not portable rows, then a status refresh a day for 30 days
// with orders moving through submitted, FOC-confirmed and ported, 5% in exception with a comment,
// splits, days without a refresh, and every run's end record with its API figures.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import type { ApiStats } from '../src/api/api-stats.js';
import { EDITABLE_ORDER_FIELDS, type JournalRecord, type JournalRow, type TrackedOrderView } from '../src/campaign/journal-records.js';
import type { PlannedPart } from '../src/plan/plan-types.js';
import { writeCampaignReport } from '../src/report/write-report.js';
import { CHROMIUM_ARGS, findChromium } from '../test/report/browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data', 'report');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const CASES = sizes.length > 0 ? sizes : [10_000, 100_000];
const DAY_MS = 24 * 60 * 60 * 1000;
const START = new Date('2026-11-02T09:00:00Z');
const NOW = new Date(START.getTime() + 30 * DAY_MS);
const PER_ORDER = 50;
const PER_END_USER = 1000;
const LIMITS = { writeMs: 3000, loadMs: 2000, bytes: (numbers: number) => (numbers <= 10_000 ? 2 : 8) * 1024 * 1024 };

const iso = (ms: number): string => new Date(ms).toISOString();
const E164 = (i: number): string => `+1${['303', '720', '415', '212', '312', '617', '206', '512'][i % 8]}${String(2_000_000 + Math.floor(i / 8)).padStart(7, '0')}`;

function api(calls: number): ApiStats {
  return {
    calls,
    retries: Math.floor(calls / 200),
    rateLimited: Math.floor(calls / 400),
    serverErrors: Math.floor(calls / 1000),
    connectionErrors: 0,
    failures: 0,
    latency: { avgMs: 120, p95Ms: 310, maxMs: 900 },
    elapsedMs: calls * 20,
    callsPerSecond: 50,
    maxInFlight: 8,
  };
}

function view(status: string, count: number, extra: Partial<TrackedOrderView> = {}): TrackedOrderView {
  return {
    status,
    detailCodes: [],
    focRequested: '',
    focActual: '',
    requirementsMet: true,
    missingRequirements: [],
    supportKey: 'SK-1',
    parentSupportKey: '',
    count,
    values: Object.fromEntries(EDITABLE_ORDER_FIELDS.map((field) => [field, ''])) as TrackedOrderView['values'],
    ...extra,
  };
}

/** Writes the simulated campaign's journal; returns its path. */
function writeJournal(numberCount: number, stateDir: string): string {
  const lines: string[] = [];
  const put = (record: JournalRecord): void => void lines.push(JSON.stringify(record));
  let runIndex = 0;
  const run = (command: string, atMs: number, body: () => void, calls: number): void => {
    const id = `run-${(runIndex += 1)}`;
    put({ t: 'run', at: iso(atMs), run: id, command, pid: 1, host: 'bench', options: {} });
    body();
    put({ t: 'end', at: iso(atMs + 60_000), run: id, exitCode: 1, changed: 0, api: api(calls) });
  };

  const rows: JournalRow[] = [];
  const parts = new Map<string, string[]>();
  for (let i = 0; i < numberCount; i += 1) {
    const e164 = E164(i);
    const endUser = Math.floor(i / PER_END_USER);
    if (i % 50 === 7) rows.push([i + 2, 'Sheet1', '555-01', '', 'US', '', 'invalid', 'TOO_SHORT', `campaign.xlsx [Sheet1] row ${i + 2}: too short`, '', '', '', '', '', '', [`End user ${endUser}`]]);
    else if (i % 33 === 5) rows.push([i + 2, 'Sheet1', e164, e164, 'US', 'local', 'not_portable', 'NOT_PORTABLE', 'Telnyx cannot port this number', 'false', 'false', ['Number has a pending port', 'Rate center is not portable', 'No coverage'][i % 3]!, 'Carrier A', '', '', [`End user ${endUser}`]]);
    else {
      const key = `bp-${endUser}-${Math.floor(i / PER_ORDER)}`;
      parts.set(key, [...(parts.get(key) ?? []), e164]);
      rows.push([i + 2, 'Sheet1', e164, e164, 'US', 'local', 'planned', '', '', 'true', 'false', '', 'Carrier A', `ref-${i}`, key, [`End user ${endUser}`]]);
    }
  }
  const orders: { id: string; key: string; numbers: string[] }[] = [];
  run('submit', START.getTime(), () => {
    put({ t: 'input', at: iso(START.getTime()), file: 'campaign.xlsx', path: '/data/campaign.xlsx', sha256: 'ab'.repeat(32), passthroughHeaders: ['Customer'], rows });
    let index = 0;
    for (const [key, numbers] of parts) {
      const endUser = key.split('-')[1];
      const part: PlannedPart = {
        key,
        numbers,
        country: 'US',
        numberType: 'local',
        isFastPortable: false,
        carrier: 'Carrier A',
        endUser: {
          admin: { entity_name: `End user ${endUser} Inc.`, auth_person_name: 'Pat Porter', billing_phone_number: numbers[0]!, account_number: `ACCT-${endUser}`, pin_passcode: '•••• (4 digits)' },
          location: { street_address: '600 Congress Avenue', locality: 'Austin', administrative_area: 'TX', postal_code: '78701', country_code: 'US' },
        },
        settings: {},
        customerReferences: [],
      };
      const id = `order-${String((index += 1)).padStart(6, '0')}`;
      orders.push({ id, key, numbers });
      put({ t: 'part', at: iso(START.getTime()), part });
      put({ t: 'created', at: iso(START.getTime()), part: key, orders: [{ id, numbers, count: numbers.length, status: 'draft' }], via: 'response' });
      put({ t: 'confirmed', at: iso(START.getTime()), order: id, status: 'in-process' });
    }
  }, orders.length * 4 + numberCount / 250);

  // A refresh on most days (every 6th day skipped: carried forward on the chart).
  for (let day = 1; day <= 30; day += 1) {
    if (day % 6 === 0) continue;
    const atMs = START.getTime() + day * DAY_MS;
    run('status', atMs, () => {
      orders.forEach((order, index) => {
        const count = order.numbers.length;
        const foc = iso(NOW.getTime() + ((index % 45) + 1) * DAY_MS);
        let status: string | undefined;
        let extra: Partial<TrackedOrderView> = {};
        if (day === 1) status = 'submitted';
        if (index % 20 === 3 && day === 4 + (index % 7)) {
          status = 'exception';
          extra = { detailCodes: ['ACCOUNT_NUMBER_MISMATCH'], lastComment: { at: iso(atMs - 3600_000), userType: 'admin', body: 'The account number does not match the losing carrier records; please correct it.' } };
        } else if (index % 20 !== 3 && day === 3 + (index % 10)) {
          status = 'foc-date-confirmed';
          extra = { focRequested: foc, focActual: foc };
        } else if (index % 20 !== 3 && index % 3 === 0 && day === 20 + (index % 9)) status = 'ported';
        if (status === undefined) return;
        put({ t: 'order', at: iso(atMs), order: order.id, status });
        put({ t: 'snapshot', at: iso(atMs), order: order.id, view: view(status, count, extra) });
      });
      put({ t: 'refreshed', at: iso(atMs), orderCount: orders.length, numberCount, changes: [] });
    }, Math.ceil(orders.length / 250) + Math.ceil(numberCount / 250) + orders.length / 10);
  }
  const file = path.join(stateDir, 'bench', 'journal.jsonl');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const chromium = findChromium();
if (chromium === undefined) console.warn('bench report: no Chromium (apt-get install chromium, or CHROMIUM_PATH): load times are not measured');
const browser = chromium === undefined ? undefined : await puppeteer.launch({ executablePath: chromium, headless: true, args: CHROMIUM_ARGS });
let failed = false;
try {
  for (const numbers of CASES) {
    const dir = path.join(dataDir, String(numbers));
    rmSync(dir, { recursive: true, force: true });
    const journal = writeJournal(numbers, path.join(dir, 'state'));
    const file = path.join(dir, 'report.html');
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const written = await writeCampaignReport({ stateDir: path.join(dir, 'state'), campaign: 'bench', file, now: NOW, timeZone: 'UTC' });
    const writeMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    // On a shared machine the wall time includes waiting for a core: the CPU time is what the write costs.
    const writeCpuMs = (cpu.user + cpu.system) / 1000;
    let loadMs: number | undefined;
    if (browser !== undefined) {
      const page = await browser.newPage();
      const loadStarted = performance.now();
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      loadMs = performance.now() - loadStarted;
      await page.close();
    }
    const ok = written.bytes < LIMITS.bytes(numbers) && writeMs < LIMITS.writeMs && (loadMs === undefined || loadMs < LIMITS.loadMs);
    if (!ok) failed = true;
    console.log(
      `${numbers.toLocaleString('en-US')} numbers (journal ${Math.round(statSync(journal).size / 1024 / 1024)} MB): ` +
        `report ${(written.bytes / 1024 / 1024).toFixed(2)} MB (limit ${LIMITS.bytes(numbers) / 1024 / 1024} MB), written in ${Math.round(writeMs)} ms (${Math.round(writeCpuMs)} ms CPU; target < ${LIMITS.writeMs}), ` +
        `Chromium load ${loadMs === undefined ? 'not measured' : `${Math.round(loadMs)} ms (target < ${LIMITS.loadMs})`} — ${ok ? 'ok' : 'OVER TARGET'} (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
    );
  }
} finally {
  await browser?.close();
}
process.exit(failed ? 1 : 0);
