// `npm run bench -- status [numbers]`: API calls of one `bulkport status` refresh on a campaign of
// 10,000 numbers (default), set up through the real `submit --confirm` path against the simulator
// (in-process, default exception and split shares, clock moved 6 hours on so orders have moved,
// split and raised exceptions). Two layouts: the default --max-per-order 50 (every order embeds all
// its numbers) and --max-per-order 1000 (orders larger than the 50 they embed: numbers come from
// porting_phone_numbers). Target per case: list calls ≤ ceil(orders/250) + ceil(numbers/250); the
// other reads are one comment read per order still moving, requirements for orders not met, and one
// retrieve per order adopted without the campaign's reference. Exit 0 when every case meets it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli, reportError } from '../src/cli.js';
import type { CommandContext } from '../src/commands/command.js';
import { HOUR_MS } from '../src/sim/clock.js';
import { KEY_BULKPORT_DEMO, startSimulator, type SimulatorHandle } from '../src/sim/simulator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data', 'status');
const numberCount = Number(process.argv[2] ?? 10_000);
const PREFIXES = ['+1303555', '+1720555', '+1415555', '+1212555', '+1312555', '+1617555', '+1206555', '+1512555'];
const HEADER = 'phone_number,entity_name,auth_person_name,billing_phone_number,account_number,pin_passcode,street_address,locality,administrative_area,postal_code,loa_file,invoice_file';

interface CaseResult {
  readonly name: string;
  readonly orders: number;
  readonly numbers: number;
  readonly calls: Readonly<Record<string, number>>;
  readonly listCalls: number;
  readonly bound: number;
  readonly otherReads: number;
  readonly statusElapsedMs: number;
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

async function benchCase(name: string, maxPerOrder: number): Promise<CaseResult> {
  const dir = path.join(dataDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  writeFileSync(path.join(dir, 'docs', 'loa.pdf'), '%PDF-1.4 bench LOA');
  writeFileSync(path.join(dir, 'docs', 'invoice.pdf'), '%PDF-1.4 bench invoice');
  const sim = await startSimulator({ seed: 'bench-status', rate: 5000, burst: 500, startAt: new Date('2026-11-24T10:00:00Z') });
  try {
    const numbers = portableNumbers(sim, numberCount);
    // Ten end users, so the campaign has exceptions of several kinds.
    const rows = numbers.map((n, i) => `${n},Customer ${i % 10} LLC,Pat Porter,+13035550199,ACCT-${i % 10},1234,600 Congress Avenue,Austin,TX,78701,docs/loa.pdf,docs/invoice.pdf`);
    const sheet = path.join(dir, 'campaign.csv');
    writeFileSync(sheet, `${HEADER}\n${rows.join('\n')}\n`);
    const state = path.join(dir, 'state');
    const submit = await run(['submit', sheet, '--campaign', 'bench', '--confirm', '--max-per-order', String(maxPerOrder), '--state-dir', state, '-o', path.join(dir, 'submit')], sim, dir);
    if (submit.code > 1) throw new Error(`submit failed (${submit.code}): ${submit.stderr}`);
    sim.advance(6 * HOUR_MS);
    sim.resetStats();
    const startedAt = performance.now();
    const status = await run(['status', '--campaign', 'bench', '--state-dir', state, '-o', path.join(dir, 'status'), '--json'], sim, dir);
    const statusElapsedMs = performance.now() - startedAt;
    if (status.code > 1) throw new Error(`status failed (${status.code}): ${status.stderr}`);
    const summary = JSON.parse(status.stdout) as { orders: { count: number }; details: { numberCount: number }; changes: { lines: string[] } };
    const calls = sim.stats().calls;
    const listCalls = (calls['GET /porting_orders'] ?? 0) + (calls['GET /porting_phone_numbers'] ?? 0);
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    console.log(`  ${name}: changes: ${summary.changes.lines.join('; ')}`);
    return {
      name,
      orders: summary.orders.count,
      numbers: summary.details.numberCount,
      calls,
      listCalls,
      bound: Math.ceil(summary.orders.count / 250) + Math.ceil(summary.details.numberCount / 250),
      otherReads: total - listCalls,
      statusElapsedMs,
    };
  } finally {
    await sim.close();
  }
}

const results: CaseResult[] = [];
results.push(await benchCase('max-50', 50));
results.push(await benchCase('max-1000', 1000));
let isMet = true;
for (const r of results) {
  const ok = r.listCalls <= r.bound;
  isMet &&= ok;
  console.log(
    `${r.name}: ${r.numbers} numbers in ${r.orders} orders; list calls ${r.listCalls} (bound ${r.bound}) ${ok ? 'OK' : 'OVER'}; ` +
      `other reads ${r.otherReads}; status took ${(r.statusElapsedMs / 1000).toFixed(1)} s`,
  );
  console.log(`  calls: ${JSON.stringify(r.calls)}`);
}
process.exit(isMet ? 0 : 1);
