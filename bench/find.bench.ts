// `npm run bench -- find [campaigns] [numbers] [runs]`: whole-process timings of `bulkport find` (issue 14)
// over a state dir of 100 campaign journals holding 1,000,000 numbers in total (defaults). The journals
// are written directly in the journal format (run, input rows, parts, created orders, the full number
// list, a status snapshot and the later status of each order), as submit and status would leave
// them. The first `find` builds the index (`<state-dir>/.find-index/`); then `runs` whole processes each
// look up 6 numbers given in different formats (one in two campaigns, one in none), round-robin with
// `--version` as the start-up baseline. Target: median under 1 s after the first run.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data', 'find');
const campaignCount = Number(process.argv[2] ?? 100);
const numberCount = Number(process.argv[3] ?? 1_000_000);
const runs = Number(process.argv[4] ?? 10);
const cli = process.env.BULKPORT_CLI ?? path.join(root, 'dist', 'cli.js');
const PART_SIZE = 250;
const TARGET_MS = 1000;

/** The i-th number of the whole set: New York (212) exchanges 200–999, all valid NANP numbers. */
const numberAt = (i: number): string => `+1212${String(2_000_000 + i).padStart(7, '0')}`;

function view(status: string, supportKey: string): unknown {
  return {
    status,
    detailCodes: status === 'exception' ? ['ACCOUNT_NUMBER_MISMATCH'] : [],
    focRequested: '2026-12-15T16:00:00Z',
    focActual: status === 'ported' ? '2026-12-15T16:00:00Z' : '',
    requirementsMet: true,
    missingRequirements: [],
    supportKey,
    parentSupportKey: '',
    count: PART_SIZE,
    lastComment: { at: '2026-12-01T09:00:00Z', userType: 'admin', body: 'Losing carrier asked for a new LOA.' },
    values: {},
  };
}

/** One campaign's journal.jsonl holding numbers [from, to) of the set. */
function writeJournal(stateDir: string, campaign: string, from: number, to: number, extra: readonly string[]): void {
  const at = '2026-11-24T10:00:00.000Z';
  const lines: string[] = [JSON.stringify({ t: 'run', at, run: `${campaign}-1`, command: 'submit', pid: 1, host: 'bench', options: {} })];
  const numbers = [...Array.from({ length: to - from }, (_, k) => numberAt(from + k)), ...extra];
  const partKey = (k: number) => `${campaign}-p${Math.floor(k / PART_SIZE)}`;
  const rows = numbers.map((e164, k) => [k + 2, 'Numbers', e164.slice(2), e164, 'US', 'local', 'ordered', '', '', 'true', 'false', '', 'Verizon', '', partKey(k), []]);
  lines.push(JSON.stringify({ t: 'input', at, file: `${campaign}.xlsx`, path: `/data/${campaign}.xlsx`, sha256: '0'.repeat(64), passthroughHeaders: [], rows }));
  for (let start = 0; start < numbers.length; start += PART_SIZE) {
    const key = partKey(start);
    const partNumbers = numbers.slice(start, start + PART_SIZE);
    const order = `${campaign}-order-${start / PART_SIZE}`;
    const status = ['submitted', 'in-process', 'exception', 'foc-date-confirmed', 'ported'][(start / PART_SIZE) % 5]!;
    lines.push(JSON.stringify({ t: 'part', at, part: { key, numbers: partNumbers, country: 'US', numberType: 'local', isFastPortable: false, carrier: 'Verizon', endUser: {}, settings: {}, customerReferences: [] } }));
    lines.push(JSON.stringify({ t: 'intent', at, op: 'create', part: key }));
    lines.push(JSON.stringify({ t: 'created', at, part: key, via: 'response', orders: [{ id: order, numbers: partNumbers.slice(0, 50), count: partNumbers.length, status: 'draft' }] }));
    lines.push(JSON.stringify({ t: 'confirmed', at: '2026-11-24T10:05:00.000Z', order, status: 'in-process' }));
    lines.push(JSON.stringify({ t: 'numbers', at: '2026-11-25T10:00:00.000Z', order, numbers: partNumbers }));
    lines.push(JSON.stringify({ t: 'snapshot', at: '2026-11-25T10:00:00.000Z', order, view: view(status, `SK-${campaign}-${start}`) }));
    lines.push(JSON.stringify({ t: 'order', at: '2026-11-25T10:00:00.000Z', order, status }));
  }
  lines.push(JSON.stringify({ t: 'end', at, run: `${campaign}-1`, exitCode: 0, changed: 1 }));
  const dir = path.join(stateDir, campaign);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, 'journal.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
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

rmSync(dataDir, { recursive: true, force: true });
const stateDir = path.join(dataDir, 'state');
mkdirSync(stateDir, { recursive: true, mode: 0o700 });
const generateStart = performance.now();
const perCampaign = Math.ceil(numberCount / campaignCount);
const shared = numberAt(numberCount + 7); // in the first and the last campaign
for (let c = 0; c < campaignCount; c += 1) {
  const from = c * perCampaign;
  const to = Math.min(numberCount, from + perCampaign);
  writeJournal(stateDir, `campaign-${String(c).padStart(3, '0')}`, from, to, c === 0 || c === campaignCount - 1 ? [shared] : []);
}
console.log(`generated ${campaignCount} journals, ${numberCount.toLocaleString('en-US')} numbers, in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`);

const pick = (i: number) => numberAt(Math.min(numberCount - 1, i)).slice(2);
const asked = [
  numberAt(12_345), // E.164
  `(${pick(500_000).slice(0, 3)}) ${pick(500_000).slice(3, 6)}-${pick(500_000).slice(6)}`, // national
  `1-${pick(999_999).slice(0, 3)}-${pick(999_999).slice(3, 6)}-${pick(999_999).slice(6)}`,
  `+1 ${pick(250_001)}`,
  shared,
  '+14155550199', // in no campaign
];
const findArgs = [cli, 'find', ...asked, '--state-dir', stateDir];

const first = await timeProcess(findArgs);
if (first.code !== 1) throw new Error(`find exited ${String(first.code)}: ${first.stderr}`);
console.log(`first run (builds the index of ${campaignCount} campaigns): ${(first.ms / 1000).toFixed(2)} s`);
console.log(first.stdout.trimEnd());

const cases = [
  { name: '--version (start-up baseline)', args: [cli, '--version'], ok: [0] },
  { name: `find ${asked.length} numbers (index warm)`, args: findArgs, ok: [1] },
  { name: `find ${asked.length} numbers --json`, args: [...findArgs, '--json'], ok: [1] },
];
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let run = 0; run < runs; run += 1) {
  for (const c of cases) {
    const result = await timeProcess(c.args);
    if (result.code === null || !c.ok.includes(result.code)) throw new Error(`${c.name} exited ${String(result.code)}: ${result.stderr}`);
    times.get(c.name)!.push(result.ms);
  }
}
const median = (sorted: readonly number[]): number => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number): string => `${value.toFixed(0)} ms`.padStart(9);
console.log(`\n${runs} whole-process runs each, round-robin; node ${process.version}`);
console.log(`${'case'.padEnd(34)}${'min'.padStart(9)}${'median'.padStart(9)}${'max'.padStart(9)}`);
let isMet = true;
for (const c of cases) {
  const sorted = [...times.get(c.name)!].sort((a, b) => a - b);
  if (c.name.startsWith('find')) isMet &&= median(sorted) < TARGET_MS;
  console.log(`${c.name.padEnd(34)}${ms(sorted[0]!)}${ms(median(sorted))}${ms(sorted.at(-1)!)}`);
}
console.log(`target: find median < ${TARGET_MS} ms after the first run: ${isMet ? 'OK' : 'MISSED'}`);
rmSync(dataDir, { recursive: true, force: true });
process.exitCode = isMet ? 0 : 1;
