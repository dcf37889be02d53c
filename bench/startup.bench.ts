// `npm run bench -- startup [runs]`: wall time of whole `bulkport` processes (issue 18), each case beside
// `node -e 0` measured in the same run. Cases run round-robin, so load from other work on the machine
// spreads over all of them alike. Targets (medians): --version and --help ≤ 150 ms, `<command> --help`
// ≤ 200 ms, validate of a 10-row CSV ≤ 500 ms.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchCsv } from './generate-sheet.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data');
const runs = Number(process.argv[2] ?? 10);
// BULKPORT_CLI=/path/to/other/dist/cli.js times another build (e.g. a copy of dist from before a change).
const cli = process.env.BULKPORT_CLI ?? path.join(root, 'dist', 'cli.js');

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Median target in ms; undefined for the baseline. */
  readonly targetMs: number | undefined;
  readonly okCodes: readonly number[];
}

interface Timed {
  readonly ms: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function timeProcess(args: readonly string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - startedAt, code, stdout, stderr }));
  });
}

mkdirSync(dataDir, { recursive: true });
const input = path.join(dataDir, 'startup-10.csv');
await writeBenchCsv(input, 10);
const scratch = mkdtempSync(path.join(dataDir, 'startup-'));
const emptyStateDir = path.join(scratch, 'state');
mkdirSync(emptyStateDir);
const outDir = path.join(scratch, 'out');

const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'], targetMs: undefined, okCodes: [0] },
  { name: '--version', args: [cli, '--version'], targetMs: 150, okCodes: [0] },
  { name: '--help', args: [cli, '--help'], targetMs: 150, okCodes: [0] },
  { name: 'validate --help', args: [cli, 'validate', '--help'], targetMs: 200, okCodes: [0] },
  { name: 'find (empty state dir)', args: [cli, 'find', '+14155550132', '--state-dir', emptyStateDir, '--quiet'], targetMs: undefined, okCodes: [0, 1] },
  { name: 'validate 10-row CSV', args: [cli, 'validate', input, '-o', outDir, '--quiet'], targetMs: 500, okCodes: [0, 1] },
  { name: 'validate 10-row CSV --format csv', args: [cli, 'validate', input, '-o', outDir, '--quiet', '--format', 'csv'], targetMs: 500, okCodes: [0, 1] },
];

// `find` arrives with issue 14; until then the bench says so instead of timing a usage error.
const hasFind = /^\s*bulkport find\b/m.test((await timeProcess([cli, '--help'])).stdout);
const active = cases.filter((c) => {
  if (!c.name.startsWith('find') || hasFind) return true;
  console.log('note: `bulkport find` is not a command in this build (issue 14 adds it); skipping its case');
  return false;
});

const times = new Map<string, number[]>(active.map((c) => [c.name, []]));
for (let run = 0; run < runs; run++) {
  for (const c of active) {
    rmSync(outDir, { recursive: true, force: true });
    const result = await timeProcess(c.args);
    if (result.code === null || !c.okCodes.includes(result.code)) {
      throw new Error(`${c.name} exited ${String(result.code)}: ${result.stderr}`);
    }
    times.get(c.name)!.push(result.ms);
  }
}
rmSync(scratch, { recursive: true, force: true });

const median = (sorted: readonly number[]): number => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number): string => `${value.toFixed(0)} ms`.padStart(8);
console.log(`${runs} runs each, round-robin; ${path.relative(root, cli)}; node ${process.version}`);
console.log(`${'case'.padEnd(34)}${'min'.padStart(8)}${'median'.padStart(8)}${'max'.padStart(8)}  target`);
let isMet = true;
for (const c of active) {
  const sorted = [...times.get(c.name)!].sort((a, b) => a - b);
  const mid = median(sorted);
  const ok = c.targetMs === undefined || mid <= c.targetMs;
  isMet &&= ok;
  const verdict = c.targetMs === undefined ? '' : `≤ ${c.targetMs} ms ${ok ? 'OK' : 'MISSED'}`;
  console.log(`${c.name.padEnd(34)}${ms(sorted[0]!)}${ms(mid)}${ms(sorted.at(-1)!)}  ${verdict}`);
}
process.exitCode = isMet ? 0 : 1;
