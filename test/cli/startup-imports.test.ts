import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.js';
import { runCli } from '../helpers/run-cli.js';

// Issue 18: help and version must not pay for the modules commands use when they run. The built CLI
// is spawned with an ESM resolve hook (module.register, via NODE_OPTIONS=--import) that appends every
// resolved URL to a file; CommonJS packages such as exceljs are caught at the ESM import that enters them.
const FORBIDDEN: ReadonlyArray<readonly [string, RegExp]> = [
  ['exceljs', /\/node_modules\/exceljs\//],
  ['telnyx SDK', /\/node_modules\/telnyx\//],
  ['libphonenumber-js (any metadata)', /\/node_modules\/libphonenumber-js\//],
  ['csv-parse / csv-stringify', /\/node_modules\/csv-(parse|stringify)\//],
  ['ajv', /\/node_modules\/ajv\//],
  ['the simulator (src/sim)', /\/dist\/sim\//],
  ['the API layer (src/api)', /\/dist\/api\//],
  // Issue 17: the chart library and the report come only with a report being written (status, report).
  ['the chart library (echarts, zrender)', /\/node_modules\/(echarts|zrender)\//],
  ['the report (src/report)', /\/dist\/report\//],
];

let dir: string;
let register: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bulkport-startup-imports-'));
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.IMPORT_TRACE_FILE, resolved.url + '\\n');
  return resolved;
}
`,
  );
  register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

/** Runs the built CLI and returns its exit code, output and every module URL it resolved. */
async function traced(args: readonly string[], name: string): Promise<{ code: number | null; stdout: string; stderr: string; urls: string[] }> {
  const traceFile = path.join(dir, `${name}.txt`);
  writeFileSync(traceFile, '');
  const result = await runCli(args, { cwd: dir, env: { NODE_OPTIONS: `--import=${pathToFileURL(register).href}`, IMPORT_TRACE_FILE: traceFile } });
  return { ...result, urls: readFileSync(traceFile, 'utf8').split('\n').filter(Boolean) };
}

function forbiddenIn(urls: readonly string[]): string[] {
  return FORBIDDEN.flatMap(([label, pattern]) => {
    const hit = urls.find((url) => pattern.test(url));
    return hit === undefined ? [] : [`${label}: ${hit}`];
  });
}

const CASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['--version', ['--version']],
  ['--help', ['--help']],
  ...COMMANDS.map(({ name }) => [`${name} --help`, [name, '--help']] as const),
];

describe('start-up loads only what help and version need (issue 18)', () => {
  it.concurrent.each(CASES)('%s loads no forbidden module', async (label, args) => {
    const run = await traced(args, label.replace(/\W+/g, '_'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.urls.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    expect(forbiddenIn(run.urls)).toEqual([]);
  });

  it('find, running, loads only what it uses: the normalizer, not exceljs, the SDK, csv, ajv or the API layer (issue 14)', async () => {
    const run = await traced(['find', '+14155550132', '--state-dir', path.join(dir, 'find-state')], 'find_run');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('not found in any campaign');
    expect(forbiddenIn(run.urls).filter((hit) => !hit.startsWith('libphonenumber-js'))).toEqual([]);
  });

  it('--help answers from the text the build saved, without loading yargs (test/cli/top-help.test.ts)', async () => {
    const run = await traced(['--help'], 'help_no_yargs');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Commands:');
    expect(run.urls.filter((url) => /\/node_modules\/yargs\//.test(url))).toEqual([]);
  });

  it('report, running, loads the chart library (find and help, above, never do: issue 17)', async () => {
    const stateDir = path.join(dir, 'report-state');
    mkdirSync(path.join(stateDir, 'r17'), { recursive: true });
    writeFileSync(path.join(stateDir, 'r17', 'journal.jsonl'), `${JSON.stringify({ t: 'run', at: '2026-12-01T09:00:00.000Z', run: 'r1', command: 'submit', pid: 1, host: 'h', options: {} })}\n`);
    const report = await traced(['report', '--campaign', 'r17', '--state-dir', stateDir, '--tz', 'UTC', '-o', path.join(dir, 'r17.html')], 'report_run');
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(forbiddenIn(report.urls)).toContainEqual(expect.stringMatching(/^the chart library \(echarts, zrender\): file:.*\/node_modules\/(echarts|zrender)\//));
  });

  it('the trace sees a forbidden module when a command really loads it (the hook works)', async () => {
    const run = await traced(['template', '--format', 'xlsx', '-o', path.join(dir, 'template-out')], 'template_run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(forbiddenIn(run.urls)).toContainEqual(expect.stringMatching(/^exceljs: file:.*\/node_modules\/exceljs\//));
  });
});
