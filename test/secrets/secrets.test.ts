import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { portoutStore } from '../../src/sim/routes/portouts.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/simulator.js';
import { runCliInterrupted } from '../check/interrupt-cli.js';
import { usNumber } from '../check/number-records.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * The API key must never reach stdout, stderr, an output file or a state file (docs/architecture.md §8.12), on
 * success, on a refused key and when interrupted.
 * Every command that exists joins this table: add a row per command and path.
 */
const SENTINEL = 'KEYsentinel-9f3c1a7e-do-not-print';

interface CaseContext {
  /** Simulator that accepts the sentinel key. */
  readonly accepting: SimulatorHandle;
  /** Simulator that refuses it (401). */
  readonly refusing: SimulatorHandle;
  /** Accepts the key; only the interrupted cases use it, so their trigger counts only their own calls. */
  readonly interruptible: SimulatorHandle;
  /** A small input sheet in the case's directory. */
  readonly input: string;
  /** Portability checks the interruptible simulator received since this case started. */
  checksSinceStart(): number;
}

interface SecretCase {
  readonly name: string;
  readonly args: (ctx: CaseContext) => string[];
  /** How the key is given: the environment (default), --api-key (shows in ps, still must not be printed) or --api-key-file. */
  readonly keyVia?: 'env' | 'flag' | 'file';
  readonly expectedCode: number;
  /** Send Ctrl-C once this holds (given the command's stdout so far). */
  readonly interruptWhen?: (ctx: CaseContext, stdout: string) => boolean;
  /** Runs before `args` (e.g. submits the campaign that status, fix, comment and cancel work on), with the key in the environment. */
  readonly prepare?: (ctx: CaseContext, env: Record<string, string>) => Promise<void>;
}

const checksSeen = (sim: SimulatorHandle): number => sim.stats().calls['POST /portability_checks'] ?? 0;

const CASES: readonly SecretCase[] = [
  { name: 'validate', args: (c) => ['validate', c.input], expectedCode: 1 },
  { name: 'check, success', args: (c) => ['check', c.input, '--base-url', c.accepting.baseURL, '--check-batch', '10'], expectedCode: 1 },
  { name: 'check --lookup-carriers, key as a flag', args: (c) => ['check', c.input, '--base-url', c.accepting.baseURL, '--lookup-carriers'], keyVia: 'flag', expectedCode: 1 },
  { name: 'check, key refused', args: (c) => ['check', c.input, '--base-url', c.refusing.baseURL], expectedCode: 3 },
  { name: 'check, key refused, key as a flag', args: (c) => ['check', c.input, '--base-url', c.refusing.baseURL], keyVia: 'flag', expectedCode: 3 },
  { name: 'check, key refused, key in a file', args: (c) => ['check', c.input, '--base-url', c.refusing.baseURL], keyVia: 'file', expectedCode: 3 },
  {
    name: 'check, interrupted',
    args: (c) => ['check', c.input, '--base-url', c.interruptible.baseURL, '--check-batch', '2', '--concurrency', '1', '--rate', '5'],
    expectedCode: 3,
    interruptWhen: (c) => c.checksSinceStart() >= 2,
  },
  { name: 'export porting-orders, success', args: (c) => ['export', 'porting-orders', '--base-url', c.accepting.baseURL, '-o', 'exports', '--poll-interval', '1s'], expectedCode: 0 },
  { name: 'export porting-orders, key refused', args: (c) => ['export', 'porting-orders', '--base-url', c.refusing.baseURL, '-o', 'exports'], expectedCode: 3 },
  { name: 'export port-outs --json --diff, key as a flag', args: (c) => ['export', 'port-outs', '--base-url', c.accepting.baseURL, '-o', 'exports', '--json', '--diff', '--poll-interval', '1s'], keyVia: 'flag', expectedCode: 0 },
  { name: 'export port-outs, key refused, key in a file', args: (c) => ['export', 'port-outs', '--base-url', c.refusing.baseURL, '-o', 'exports', '--json'], keyVia: 'file', expectedCode: 3 },
  {
    name: 'export porting-orders, interrupted while waiting',
    // The first status check comes 10 s after the create: the interrupt lands while the report is pending.
    args: (c) => ['export', 'porting-orders', '--base-url', c.interruptible.baseURL, '-o', 'exports', '--poll-interval', '10s'],
    expectedCode: 3,
    interruptWhen: (c) => (c.interruptible.stats().calls['POST /porting/reports'] ?? 0) >= 1,
  },
  { name: 'portouts list, success', args: (c) => ['portouts', 'list', '--base-url', c.accepting.baseURL, '-o', 'portouts'], expectedCode: 0 },
  {
    name: 'portouts list, interrupted while reading comments',
    args: (c) => ['portouts', 'list', '--base-url', c.interruptible.baseURL, '-o', 'portouts', '--concurrency', '1', '--rate', '5'],
    expectedCode: 3,
    interruptWhen: (c) => (c.interruptible.stats().calls['GET /portouts/:id/comments'] ?? 0) >= 1,
  },
  { name: 'portouts review, key refused', args: (c) => ['portouts', 'review', '--base-url', c.refusing.baseURL, '-o', 'review.xlsx'], expectedCode: 3 },
  {
    name: 'portouts apply, success',
    args: (c) => ['portouts', 'apply', writeDecisions(c), '--yes', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'applied'],
    expectedCode: 0,
  },
  // `sim`: its --api-key is the simulator's own accepted key; it says how many keys it accepts, never which.
  {
    name: 'sim, its key as a flag, stopped with Ctrl-C',
    args: () => ['sim', '--port', '0', '--state-file', 'sim-state.json'],
    keyVia: 'flag',
    expectedCode: 0,
    interruptWhen: (_c, stdout) => stdout.includes('Ctrl-C stops'),
  },
  { name: 'plan, success', args: (c) => ['plan', writeCampaignSheet(c, 0), '--campaign', 'secrets-plan', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'plan'], expectedCode: 0 },
  { name: 'plan, key refused, key in a file', args: (c) => ['plan', writeCampaignSheet(c, 0), '--campaign', 'secrets-plan', '--base-url', c.refusing.baseURL, '-o', 'plan'], keyVia: 'file', expectedCode: 3 },
  {
    name: 'submit --confirm, success, key as a flag',
    args: (c) => ['submit', writeCampaignSheet(c, 100), '--campaign', 'secrets-submit', '--confirm', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'submit'],
    keyVia: 'flag',
    expectedCode: 0,
  },
  { name: 'submit, key refused', args: (c) => ['submit', writeCampaignSheet(c, 200), '--campaign', 'secrets-refused', '--base-url', c.refusing.baseURL, '--state-dir', 'state', '-o', 'submit'], expectedCode: 3 },
  {
    name: 'submit, interrupted after the first order',
    args: (c) => ['submit', writeCampaignSheet(c, 300), '--campaign', 'secrets-interrupted', '--max-per-order', '2', '--concurrency', '1', '--rate', '5', '--base-url', c.interruptible.baseURL, '--state-dir', 'state', '-o', 'submit'],
    expectedCode: 3,
    interruptWhen: (c) => (c.interruptible.stats().calls['POST /porting_orders'] ?? 0) >= 1,
  },
  // Tracking commands (issue 7), each on a campaign its `prepare` submitted with the key in the environment.
  {
    name: 'status, success',
    prepare: (c, env) => submitCampaign(c, env, 'secrets-status', 400),
    args: (c) => ['status', '--campaign', 'secrets-status', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'status'],
    expectedCode: 0,
  },
  {
    name: 'status, key refused',
    prepare: (c, env) => submitCampaign(c, env, 'secrets-status-refused', 500),
    args: (c) => ['status', '--campaign', 'secrets-status-refused', '--base-url', c.refusing.baseURL, '--state-dir', 'state', '-o', 'status'],
    expectedCode: 3,
  },
  {
    name: 'fix, success, key in a file',
    prepare: async (c, env) => {
      await submitCampaign(c, env, 'secrets-fix', 600);
      writeFileSync(path.join(path.dirname(c.input), 'fix.csv'), `porting_order_id,account_number\n${firstOrderId(c)},ACCT-1\n`);
    },
    args: (c) => ['fix', path.join(path.dirname(c.input), 'fix.csv'), '--campaign', 'secrets-fix', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'fix'],
    keyVia: 'file',
    expectedCode: 0,
  },
  {
    name: 'comment, success, key as a flag',
    prepare: (c, env) => submitCampaign(c, env, 'secrets-comment', 700),
    args: (c) => ['comment', 'Customer confirmed the PIN', '--campaign', 'secrets-comment', '--order', firstOrderId(c), '--base-url', c.accepting.baseURL, '--state-dir', 'state'],
    keyVia: 'flag',
    expectedCode: 0,
  },
  {
    name: 'cancel --yes, success',
    prepare: (c, env) => submitCampaign(c, env, 'secrets-cancel', 800),
    args: (c) => ['cancel', '--campaign', 'secrets-cancel', '--yes', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'cancel'],
    expectedCode: 0,
  },
  {
    name: 'activate --watch, success (nothing eligible yet)',
    prepare: (c, env) => submitCampaign(c, env, 'secrets-activate', 900),
    args: (c) => ['activate', '--campaign', 'secrets-activate', '--watch', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'activate'],
    expectedCode: 0,
  },
  {
    name: 'activate --list, key refused, key in a file',
    prepare: (c, env) => submitCampaign(c, env, 'secrets-activate-list', 1000),
    args: (c) => ['activate', '--campaign', 'secrets-activate-list', '--list', '--base-url', c.refusing.baseURL, '--state-dir', 'state'],
    keyVia: 'file',
    expectedCode: 3,
  },
];

/** Submits (and confirms) a campaign in the case's directory through the built CLI. */
async function submitCampaign(c: CaseContext, env: Record<string, string>, campaign: string, offset: number): Promise<void> {
  const cwd = path.dirname(c.input);
  const sheet = writeCampaignSheet(c, offset);
  const result = await runCli(['submit', sheet, '--campaign', campaign, '--confirm', '--base-url', c.accepting.baseURL, '--state-dir', 'state', '-o', 'submit'], { env: { TELNYX_API_KEY: SENTINEL, ...env }, cwd });
  if (result.code !== 0) throw new Error(`prepare: submit exited ${String(result.code)}: ${result.stderr}`);
  const journal = readdirSync(path.join(cwd, 'state', campaign));
  if (!journal.includes('journal.jsonl')) throw new Error('prepare: no journal');
}

/** The first order id the case's campaign journal recorded. */
function firstOrderId(c: CaseContext): string {
  const state = path.join(path.dirname(c.input), 'state');
  const [campaign] = readdirSync(state);
  const lines = readFileSync(path.join(state, campaign ?? '', 'journal.jsonl'), 'utf8').split('\n');
  for (const line of lines) {
    if (!line.includes('"t":"created"')) continue;
    const record = JSON.parse(line) as { orders: Array<{ id: string }> };
    if (record.orders[0] !== undefined) return record.orders[0].id;
  }
  throw new Error('no order in the journal');
}

/**
 * A complete campaign sheet (portable numbers of the simulator, end user, LOA and invoice) in the
 * case's directory; `offset` keeps each case's numbers apart (a number can be in one order only).
 */
function writeCampaignSheet(c: CaseContext, offset: number): string {
  const dir = path.dirname(c.input);
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  writeFileSync(path.join(dir, 'docs', 'loa.pdf'), '%PDF-1.4 signed LOA');
  writeFileSync(path.join(dir, 'docs', 'invoice.pdf'), '%PDF-1.4 invoice');
  const numbers: string[] = [];
  for (let i = 5000 + offset; numbers.length < 6; i += 1) {
    const profile = c.accepting.state.numbers.profile(usNumber(i));
    if (profile?.portable && profile.phoneNumberType === 'local') numbers.push(usNumber(i));
  }
  const header = 'phone_number,entity_name,auth_person_name,billing_phone_number,account_number,pin_passcode,street_address,locality,administrative_area,postal_code,loa_file,invoice_file';
  const rows = numbers.map((n) => `${n},Acme Widgets LLC,Pat Porter,(312) 555-0100,ACCT-1,1234,233 S Wacker Dr,Chicago,IL,60606,docs/loa.pdf,docs/invoice.pdf`);
  const file = path.join(dir, 'campaign.csv');
  writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
  return file;
}

/** A decided review sheet (one pending port-out of the accepting simulator) next to the case's input. */
function writeDecisions(c: CaseContext): string {
  const [pending] = portoutStore(c.accepting.state).list({ status: 'pending' });
  const file = path.join(path.dirname(c.input), 'decisions.csv');
  writeFileSync(file, `portout_id,decision,rejection_code,reason\n${pending?.id ?? ''},authorize,,Customer confirmed\n`);
  return file;
}

let accepting: SimulatorHandle;
let refusing: SimulatorHandle;
let interruptible: SimulatorHandle;
let root: string;

beforeAll(async () => {
  // speed: report polling in export finishes in simulated minutes, not real ones.
  accepting = await startSimulator({ apiKeys: [SENTINEL], rate: 500, speed: 120 });
  refusing = await startSimulator({ rate: 500 });
  interruptible = await startSimulator({ apiKeys: [SENTINEL], rate: 500 });
  root = mkdtempSync(path.join(os.tmpdir(), 'bulkport-secrets-'));
});

afterAll(async () => {
  await accepting.close();
  await refusing.close();
  await interruptible.close();
});

describe('the API key never leaks', () => {
  // Concurrent: each case is a spawned CLI that mostly waits; they share nothing but the simulators.
  it.concurrent.for(CASES.map((c) => [c.name, c] as const))('%s', async ([, secretCase], { expect }) => {
    const cwd = path.join(root, secretCase.name.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(cwd, { recursive: true });
    const input = path.join(cwd, 'numbers.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${usNumber(1000 + i)},note ${i}`);
    writeFileSync(input, `phone_number,notes\n${rows.join('\n')}\n555-01,bad\n`);
    const keyFile = path.join(root, `${path.basename(cwd)}.key`);
    writeFileSync(keyFile, `${SENTINEL}\n`);
    const checksBefore = checksSeen(interruptible);
    const ctx: CaseContext = { accepting, refusing, interruptible, input, checksSinceStart: () => checksSeen(interruptible) - checksBefore };

    const keyVia = secretCase.keyVia ?? 'env';
    await secretCase.prepare?.(ctx, {});
    const args = [...secretCase.args(ctx), ...(keyVia === 'flag' ? ['--api-key', SENTINEL] : keyVia === 'file' ? ['--api-key-file', keyFile] : [])];
    const env: Record<string, string> = keyVia === 'env' ? { TELNYX_API_KEY: SENTINEL } : {};
    const result = secretCase.interruptWhen
      ? await runCliInterrupted(args, env, (stdout) => secretCase.interruptWhen!(ctx, stdout), cwd)
      : await runCli(args, { env, cwd });

    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: secretCase.expectedCode });
    expect(result.stdout).not.toContain(SENTINEL);
    expect(result.stderr).not.toContain(SENTINEL);
    for (const file of listFiles(cwd)) {
      expect(await readableText(file), file).not.toContain(SENTINEL);
    }
  });
});

/** Every file the run left under its working directory: results, summaries, journals, state. */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) files.push(...listFiles(full));
    else if (entry !== 'numbers.csv' && entry !== 'campaign.csv') files.push(full);
  }
  return files;
}

/** The file as text; an XLSX is unpacked to its cell values (its XML is compressed inside the zip). */
async function readableText(file: string): Promise<string> {
  const bytes = readFileSync(file);
  if (!file.endsWith('.xlsx')) return bytes.toString('latin1');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const values: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.text)))));
  return `${bytes.toString('latin1')}\n${values.join('\n')}`;
}
