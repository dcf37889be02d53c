// `npm run bench -- check [scale]`: `bulkport check` against the simulator's rate limit (issue 5).
// 100,000 numbers at --check-batch 10 against R = 200 requests/s, and 20,000 numbers at R = 20, each
// with and without Retry-After, a small burst, and --concurrency well above what the limit needs.
// Reports accepted calls/s as a share of R, the share of 429s and the CLI's peak RSS.
// Target: ≥ 90% of R and 429s under 2% of calls in every case. `scale` (default 1) shrinks the
// inputs for a quick look (e.g. 0.1); `onlyRate` (200 or 20) runs only the cases at that R.
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../src/sim/simulator.js';
import { measureChild } from './measure-child.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data');
const cli = path.join(root, 'dist', 'cli.js');
const scale = Number(process.argv[2] ?? 1);
const onlyRate = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const KEY = 'KEY_BENCH_CHECK';
const BATCH = 10;
/** The simulator's bucket: a few requests, far below one second's worth at either rate. */
const BURST = 5;
/** Concurrency well above need: at 200 req/s and ~5 ms per answer, 2 would do. */
const CONCURRENCY = 64;
/** The CLI is told a ceiling of twice the real limit, so it has to find the limit from the server. */
const CEILING_FACTOR = 2;

interface BenchCase {
  readonly numbers: number;
  readonly rate: number;
  readonly sendRetryAfter: boolean;
}

interface CaseResult extends BenchCase {
  readonly calls: number;
  readonly rateLimited: number;
  readonly apiElapsedMs: number;
  readonly acceptedShareOfRate: number;
  readonly attemptsPerSecond: number;
  readonly rateLimitedShare: number;
  readonly peakRssMb: number;
  readonly simCalls: number;
  readonly rowsChecked: number;
}

/** Valid, distinct US numbers the simulator knows: every row is sent, so calls = numbers / batch. */
async function writeNumbers(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('phone_number\n');
  for (let i = 0; i < count; i += 1) {
    if (!out.write(`+1312${String(2_000_000 + i).padStart(7, '0')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function runCase(c: BenchCase): Promise<CaseResult> {
  const input = path.join(dataDir, `check-${c.numbers}.csv`);
  await writeNumbers(input, c.numbers);
  const sim = await startSimulator({ apiKeys: [KEY], rate: c.rate, burst: BURST, sendRetryAfter: c.sendRetryAfter, maxCheckBatch: 250 });
  const outDir = path.join(dataDir, `check-out-${c.numbers}-${c.rate}-${c.sendRetryAfter ? 'ra' : 'nora'}`);
  rmSync(outDir, { recursive: true, force: true });
  try {
    const run = await measureChild(
      'env',
      [
        `TELNYX_API_KEY=${KEY}`,
        process.execPath,
        cli,
        'check',
        input,
        '--base-url',
        sim.baseURL,
        '--check-batch',
        String(BATCH),
        '--concurrency',
        String(CONCURRENCY),
        '--rate',
        String(c.rate * CEILING_FACTOR),
        '--format',
        'csv',
        '-o',
        outDir,
        '--quiet',
      ],
      root,
    );
    if (run.code !== 0 && run.code !== 1) throw new Error(`check exited ${run.code}: ${run.stderr}`);
    const summary = JSON.parse(readFileSync(path.join(outDir, 'summary.json'), 'utf8')) as {
      api: { calls: number; rateLimited: number; elapsedMs: number };
      byStatus: Record<string, number>;
    };
    const { calls, rateLimited, elapsedMs } = summary.api;
    return {
      ...c,
      calls,
      rateLimited,
      apiElapsedMs: elapsedMs,
      acceptedShareOfRate: (calls - rateLimited) / (elapsedMs / 1000) / c.rate,
      attemptsPerSecond: calls / (elapsedMs / 1000),
      rateLimitedShare: rateLimited / calls,
      peakRssMb: run.peakRssMb,
      simCalls: sim.stats().totalCalls,
      rowsChecked: (summary.byStatus.portable ?? 0) + (summary.byStatus.not_portable ?? 0),
    };
  } finally {
    await sim.close();
  }
}

mkdirSync(dataDir, { recursive: true });
const cases: BenchCase[] = [
  { numbers: Math.round(100_000 * scale), rate: 200, sendRetryAfter: false },
  { numbers: Math.round(100_000 * scale), rate: 200, sendRetryAfter: true },
  { numbers: Math.round(20_000 * scale), rate: 20, sendRetryAfter: false },
  { numbers: Math.round(20_000 * scale), rate: 20, sendRetryAfter: true },
];
let isMet = true;
for (const c of cases.filter((k) => onlyRate === undefined || k.rate === onlyRate)) {
  const r = await runCase(c);
  const ok = r.acceptedShareOfRate >= 0.9 && r.rateLimitedShare < 0.02 && r.rowsChecked === r.numbers && r.simCalls === r.calls;
  isMet &&= ok;
  console.log(
    `check ${r.numbers} numbers, batch ${BATCH}, R=${r.rate}/s burst ${BURST}, ${r.sendRetryAfter ? 'with' : 'without'} Retry-After, ` +
      `--rate ${r.rate * CEILING_FACTOR} --concurrency ${CONCURRENCY}: ${r.calls} calls (simulator ${r.simCalls}) in ${(r.apiElapsedMs / 1000).toFixed(1)} s, ` +
      `accepted ${((r.calls - r.rateLimited) / (r.apiElapsedMs / 1000)).toFixed(1)}/s = ${(r.acceptedShareOfRate * 100).toFixed(1)}% of R ` +
      `(attempts ${r.attemptsPerSecond.toFixed(1)}/s), 429s ${r.rateLimited} = ${(r.rateLimitedShare * 100).toFixed(2)}%, ` +
      `rows checked ${r.rowsChecked}/${r.numbers}, peak RSS ${r.peakRssMb.toFixed(0)} MB ${ok ? 'OK' : 'MISSED'}`,
  );
}
process.exitCode = isMet ? 0 : 1;
