// `bulkport submit` of 10,000 numbers against the simulator's rate limit (issue 6).
// Eight accounts at several carriers: four name their carrier in the sheet (the plan splits by it),
// four leave it blank (Telnyx splits the orders itself); two accounts share one invoice file's
// bytes under different names; two ask for a FOC date. Reports API calls per order (target: create
// + 1 PATCH + 1 confirm per order, plus one upload per distinct document), wall time at the
// simulator's limit, the CLI's peak RSS, and what a re-run of the finished campaign sends.
// `npm run bench -- submit [scale]` runs it; `run(scale)` is exported for other scripts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY_BULKPORT_DEMO, startSimulator, type SimulatorHandle } from '../src/sim/simulator.js';
import { measureChild } from './measure-child.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data', 'submit');
const cli = path.join(root, 'dist', 'cli.js');
/** The simulator's per-key limit; the CLI is given the same ceiling so the server's limit is what paces it. */
const RATE = 50;
const ACCOUNTS = 8;

interface Account {
  readonly name: string;
  readonly account: string;
  readonly pin: string;
  readonly isCarrierGiven: boolean;
  readonly foc: string;
  readonly loa: string;
  readonly invoice: string;
}

export interface SubmitBenchResult {
  readonly numbers: number;
  readonly parts: number;
  readonly orders: number;
  readonly calls: Record<string, number>;
  readonly totalCalls: number;
  readonly writesPerOrder: number;
  readonly readsPerOrder: number;
  readonly uploads: number;
  readonly distinctDocuments: number;
  readonly rateLimited: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly rerunCalls: number;
  readonly rerunWallMs: number;
}

/** Business day ~two weeks ahead at 15:00 UTC: inside the simulator's allowed FOC windows. */
function focDate(now: Date): string {
  const day = new Date(now.getTime() + 14 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return `${day.toISOString().slice(0, 10)}T15:00:00Z`;
}

function accounts(now: Date): Account[] {
  return Array.from({ length: ACCOUNTS }, (_, i) => ({
    name: `Bench Customer ${i + 1} Inc.`,
    account: `BENCH-${1000 + i}`,
    pin: String(4000 + i),
    isCarrierGiven: i % 2 === 0,
    foc: i < 2 ? focDate(now) : '',
    loa: `docs/loa-${i + 1}.pdf`,
    // Accounts 7 and 8 send the same invoice bytes under two names: one upload.
    invoice: `docs/invoice-${i + 1}.pdf`,
  }));
}

/** Portable local numbers the simulator knows, round-robin over the accounts. */
function writeSheet(sim: SimulatorHandle, count: number, now: Date): { sheet: string; distinctDocuments: number } {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.join(dataDir, 'docs'), { recursive: true });
  const list = accounts(now);
  for (const [i, account] of list.entries()) {
    writeFileSync(path.join(dataDir, account.loa), `%PDF-1.4 signed LOA of ${account.name}`);
    writeFileSync(path.join(dataDir, account.invoice), i >= 6 ? '%PDF-1.4 shared invoice' : `%PDF-1.4 invoice of ${account.name}`);
  }
  const header = 'phone_number,entity_name,auth_person_name,billing_phone_number,account_number,pin_passcode,street_address,locality,administrative_area,postal_code,carrier,foc_date,port_type,loa_file,invoice_file';
  const lines = [header];
  let found = 0;
  for (let n = 0; found < count && n < count * 3; n += 1) {
    const e164 = `+1312${String(3_000_000 + n).padStart(7, '0')}`;
    const profile = sim.state.numbers.profile(e164);
    if (profile === undefined || !profile.portable || profile.phoneNumberType !== 'local') continue;
    const account = list[found % ACCOUNTS] as Account;
    lines.push(
      [
        e164,
        account.name,
        'Pat Porter',
        '(312) 555-0100',
        account.account,
        account.pin,
        '233 S Wacker Dr',
        'Chicago',
        'IL',
        '60606',
        account.isCarrierGiven ? profile.carrier.name : '',
        account.foc,
        'full',
        account.loa,
        account.invoice,
      ].join(','),
    );
    found += 1;
  }
  if (found < count) throw new Error(`bench: only ${found} portable numbers found`);
  const sheet = path.join(dataDir, 'campaign.csv');
  writeFileSync(sheet, `${lines.join('\n')}\n`);
  return { sheet, distinctDocuments: ACCOUNTS * 2 - 1 };
}

export async function run(scale = 1): Promise<SubmitBenchResult> {
  const numbers = Math.round(10_000 * scale);
  const sim = await startSimulator({ rate: RATE, burst: RATE, exceptionShare: 0, splitShare: 0, seed: 'bench-submit' });
  try {
    const { sheet, distinctDocuments } = writeSheet(sim, numbers, new Date(sim.clock.nowMs()));
    process.env.TELNYX_API_KEY = KEY_BULKPORT_DEMO;
    process.env.TELNYX_BASE_URL = sim.baseURL;
    const args = (out: string): string[] => [cli, 'submit', sheet, '--campaign', 'bench', '--confirm', '--rate', String(RATE), '--concurrency', '8', '--state-dir', path.join(dataDir, 'state'), '-o', path.join(dataDir, out), '--quiet', '--json'];

    const first = await measureChild(process.execPath, args('out'), root);
    if (first.code !== 0) throw new Error(`bench: submit exited ${first.code}: ${first.stderr.slice(0, 2000)}`);
    const stats = sim.stats();
    const summary = JSON.parse(first.stdout) as { byStatus: Record<string, number> };
    const calls = stats.calls;
    const get = (endpoint: string): number => calls[endpoint] ?? 0;
    const orders = stats.ordersCreated;
    const writes = get('POST /porting_orders') + get('PATCH /porting_orders/:id') + get('POST /porting_orders/:id/actions/confirm');
    const uploads = get('POST /documents');
    const reads = Object.entries(calls)
      .filter(([endpoint]) => endpoint.startsWith('GET '))
      .reduce((sum, [, count]) => sum + count, 0);

    sim.resetStats();
    const rerun = await measureChild(process.execPath, args('rerun'), root);
    if (rerun.code !== 0) throw new Error(`bench: re-run exited ${rerun.code}: ${rerun.stderr.slice(0, 2000)}`);
    const result: SubmitBenchResult = {
      numbers,
      parts: get('POST /porting_orders'),
      orders,
      calls,
      totalCalls: stats.totalCalls,
      writesPerOrder: writes / orders,
      readsPerOrder: reads / orders,
      uploads,
      distinctDocuments,
      rateLimited: stats.rateLimited,
      wallMs: first.elapsedMs,
      peakRssMb: first.peakRssMb,
      rerunCalls: sim.stats().totalCalls,
      rerunWallMs: rerun.elapsedMs,
    };
    console.log(`submit --confirm: ${numbers} numbers → ${result.parts} parts → ${orders} orders (${orders - result.parts} server splits); rows ${JSON.stringify(summary.byStatus)}`);
    console.log(`  API calls: ${result.totalCalls} total, ${JSON.stringify(calls)}`);
    console.log(
      `  per order: ${result.writesPerOrder.toFixed(2)} writes (create shared by a part's orders + 1 PATCH + 1 confirm; target ≤ 3), ` +
        `${result.readsPerOrder.toFixed(2)} reads (check, listing, FOC windows for orders with a FOC date)`,
    );
    console.log(`  uploads: ${uploads} for ${distinctDocuments} distinct documents (target: equal)`);
    console.log(`  wall ${(result.wallMs / 1000).toFixed(1)} s at the simulator's ${RATE} req/s (${(result.totalCalls / (result.wallMs / 1000)).toFixed(1)} calls/s incl. start-up); ${result.rateLimited} answered 429; peak RSS ${result.peakRssMb.toFixed(0)} MB`);
    console.log(`  re-run of the finished campaign: ${result.rerunCalls} calls (the listing), ${(result.rerunWallMs / 1000).toFixed(1)} s`);
    return result;
  } finally {
    await sim.close();
  }
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) await run(Number(process.argv[2] ?? 1));
