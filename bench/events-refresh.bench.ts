// `npm run bench -- events-refresh [numbers]`: one `bulkport status` refresh of a 10,000-number campaign
// (default) from the events feed, side by side with today's full refresh (`status --full`) of the same
// journal at the same moment (the state dir is copied before each pair), against the in-process
// simulator. Cases: the campaign alone 6 simulated hours after submit (orders moved, split, raised
// exceptions); a busy second campaign of half the size submitted and moving on the same account while
// ours is quiet; nothing changed and no other activity; a few of ours changed in the portal (3 cancels,
// 5 comments); both campaigns moving a day later. Prints the
// calls of each refresh (events: event pages, k orders read, E events in the window, the budget
// 3 + k + ⌈E/250⌉; k changed orders are read by id, or through the campaign listing when that is fewer calls)
// and its time. Exit 0 when every events refresh is within its budget.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Telnyx from 'telnyx';
import { runCli, reportError } from '../src/cli.js';
import type { CommandContext } from '../src/commands/command.js';
import { HOUR_MS } from '../src/sim/clock.js';
import { KEY_BULKPORT_DEMO, startSimulator, type SimulatorHandle } from '../src/sim/simulator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data', 'events-refresh');
const numberCount = Number(process.argv[2] ?? 10_000);
const busyCount = Math.ceil(numberCount / 2);
const PREFIXES = ['+1303555', '+1720555', '+1415555', '+1212555', '+1312555', '+1617555', '+1206555', '+1512555', '+1404555', '+1305555'];
const HEADER = 'phone_number,entity_name,auth_person_name,billing_phone_number,account_number,pin_passcode,street_address,locality,administrative_area,postal_code,loa_file,invoice_file';
const CAMPAIGN = 'bench';

interface Refresh {
  readonly calls: number;
  readonly byEndpoint: Readonly<Record<string, number>>;
  readonly ms: number;
  readonly details: { refresh: string; reads: { orderReads: number; orderPages: number; eventPages: number }; events: { fromFeed: number; applied: number; ignored: number; changedOrders: number }; orderCount: number };
  readonly lines: readonly string[];
}

function portableNumbers(sim: SimulatorHandle, count: number): string[] {
  const found: string[] = [];
  for (const prefix of PREFIXES) {
    for (let i = 0; i < 10_000 && found.length < count; i += 1) {
      const e164 = `${prefix}${String(i).padStart(4, '0')}`;
      if (sim.state.numbers.profile(e164)?.portable === true) found.push(e164);
    }
  }
  if (found.length < count) throw new Error(`only ${found.length} portable numbers found`);
  return found;
}

async function run(args: readonly string[], sim: SimulatorHandle, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const context: CommandContext = {
    env: { TELNYX_API_KEY: KEY_BULKPORT_DEMO, TELNYX_BASE_URL: sim.baseURL },
    stdout,
    stderr,
    isTTY: false,
    isInteractive: false,
    signal: new AbortController().signal,
    now: () => new Date(),
    cwd,
  };
  let code: number;
  try {
    code = await runCli([...args, '--rate', '2000', '--concurrency', '16', '--quiet'], context);
  } catch (error) {
    code = reportError(error, stderr);
  }
  return { code, stdout: out, stderr: err };
}

async function submit(sim: SimulatorHandle, dir: string, campaign: string, numbers: readonly string[]): Promise<void> {
  // Ten end users, so the campaign has exceptions of several kinds.
  const rows = numbers.map((n, i) => `${n},${campaign} customer ${i % 10} LLC,Pat Porter,+13035550199,${campaign.toUpperCase()}-${i % 10},1234,600 Congress Avenue,Austin,TX,78701,docs/loa.pdf,docs/invoice.pdf`);
  const sheet = path.join(dir, `${campaign}.csv`);
  writeFileSync(sheet, `${HEADER}\n${rows.join('\n')}\n`);
  const result = await run(['submit', sheet, '--campaign', campaign, '--confirm', '--state-dir', path.join(dir, 'state'), '-o', path.join(dir, `submit-${campaign}`)], sim, dir);
  if (result.code > 1) throw new Error(`submit ${campaign} failed (${result.code}): ${result.stderr}`);
}

async function status(sim: SimulatorHandle, dir: string, stateDir: string, out: string, extra: readonly string[] = []): Promise<Refresh> {
  sim.resetStats();
  const startedAt = performance.now();
  const result = await run(['status', '--campaign', CAMPAIGN, '--state-dir', stateDir, '-o', path.join(dir, out), '--format', 'csv', '--json', ...extra], sim, dir);
  const ms = performance.now() - startedAt;
  if (result.code > 1) throw new Error(`status failed (${result.code}): ${result.stderr}`);
  const summary = JSON.parse(result.stdout) as { details: Refresh['details']; changes: { lines: string[] } };
  const byEndpoint = sim.stats().calls;
  return { calls: Object.values(byEndpoint).reduce((a, b) => a + b, 0), byEndpoint, ms, details: summary.details, lines: summary.changes.lines };
}

interface CaseRow {
  readonly name: string;
  readonly events: Refresh;
  readonly full: Refresh;
  readonly budget: number;
}

/** The events refresh on the campaign's journal, the full refresh on a copy of it taken just before. */
async function pair(sim: SimulatorHandle, dir: string, name: string): Promise<CaseRow> {
  const state = path.join(dir, 'state');
  const copy = path.join(dir, `state-${name}`);
  rmSync(copy, { recursive: true, force: true });
  cpSync(state, copy, { recursive: true });
  const events = await status(sim, dir, state, `status-${name}`);
  const full = await status(sim, dir, copy, `full-${name}`, ['--full']);
  rmSync(copy, { recursive: true, force: true });
  const k = events.details.events.changedOrders;
  const budget = 3 + k + Math.ceil(events.details.events.fromFeed / 250);
  return { name, events, full, budget };
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(path.join(dataDir, 'docs'), { recursive: true });
writeFileSync(path.join(dataDir, 'docs', 'loa.pdf'), '%PDF-1.4 bench LOA');
writeFileSync(path.join(dataDir, 'docs', 'invoice.pdf'), '%PDF-1.4 bench invoice');
const sim = await startSimulator({ seed: 'bench-events', rate: 5000, burst: 500, speed: 0, startAt: new Date('2026-11-24T10:00:00Z') });
const rows: CaseRow[] = [];
try {
  const numbers = portableNumbers(sim, numberCount + busyCount);
  let setupMs = performance.now();
  await submit(sim, dataDir, CAMPAIGN, numbers.slice(0, numberCount));
  const first = await status(sim, dataDir, path.join(dataDir, 'state'), 'status-first');
  setupMs = performance.now() - setupMs;
  console.log(`setup: ${numberCount} numbers submitted, first (full) status: ${first.details.orderCount} orders, ${first.calls} calls, ${(first.ms / 1000).toFixed(1)} s (setup ${(setupMs / 1000).toFixed(0)} s)`);

  sim.advance(6 * HOUR_MS);
  rows.push(await pair(sim, dataDir, 'alone-6h-later'));
  await submit(sim, dataDir, 'busy', numbers.slice(numberCount));
  sim.advance(HOUR_MS);
  rows.push(await pair(sim, dataDir, 'busy-second-campaign'));
  rows.push(await pair(sim, dataDir, 'nothing-changed'));
  // A few of ours move (people in the portal): 3 cancels, 5 comments.
  const client = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0 });
  const ours = sim.orders.list().filter((o) => o.customerGroupReference === CAMPAIGN && o.status === 'submitted');
  for (const order of ours.slice(0, 3)) await client.portingOrders.actions.cancel(order.id);
  for (const order of ours.slice(3, 8)) await client.portingOrders.comments.create(order.id, { body: 'Customer called' });
  rows.push(await pair(sim, dataDir, 'a-few-of-ours-changed'));
  sim.advance(20 * HOUR_MS);
  rows.push(await pair(sim, dataDir, 'both-moving-a-day-later'));
} finally {
  await sim.close();
}

let isMet = true;
console.log('\ncase                        | refresh | calls | event pages | k    | E (events in window) | budget 3+k+⌈E/250⌉ | time');
// k: orders an event said changed; they are read by id, or through the campaign listing when that costs fewer calls.
for (const row of rows) {
  const { events, full } = row;
  const ok = events.calls <= row.budget;
  isMet &&= ok;
  console.log(
    `${row.name.padEnd(27)} | events  | ${String(events.calls).padStart(5)} | ${String(events.details.reads.eventPages).padStart(11)} | ${String(events.details.events.changedOrders).padStart(4)} | ${String(events.details.events.fromFeed).padStart(20)} | ${String(row.budget).padStart(18)} ${ok ? 'OK  ' : 'OVER'} | ${(events.ms / 1000).toFixed(2)} s`,
  );
  console.log(`${''.padEnd(27)} | full    | ${String(full.calls).padStart(5)} | ${''.padStart(11)} | ${''.padStart(4)} | ${''.padStart(20)} | ${''.padStart(18)}      | ${(full.ms / 1000).toFixed(2)} s`);
  console.log(`    events: ${events.details.events.applied} applied, ${events.details.events.ignored} of other orders ignored; changed orders read: ${events.details.reads.orderPages} listing page(s) + ${events.details.reads.orderReads} by id; changes: ${events.lines.join('; ')}`);
  console.log(`    events calls: ${JSON.stringify(events.byEndpoint)}`);
  console.log(`    full calls:   ${JSON.stringify(full.byEndpoint)}`);
}
process.exit(isMet ? 0 : 1);
