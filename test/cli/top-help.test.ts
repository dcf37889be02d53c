import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli as runInProcess } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/command.js';
import { PRERENDERED_WIDTHS, prerenderedTopHelp } from '../../src/commands/top-help.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

// Issue 18: `bulkport --help` prints dist/top-help.json, saved by `npm run build` from yargs, instead of
// loading yargs. These tests fail when that text differs from what yargs prints for today's commands
// (a spec changed and the build did not run), and when the CLI prints the saved text where yargs'
// would differ (another locale).

const SAVED = path.join(REPO_ROOT, 'dist', 'top-help.json');

/** The saved texts of the last `npm run build`, by width. */
function savedTexts(): Record<string, string> {
  return JSON.parse(readFileSync(SAVED, 'utf8')) as Record<string, string>;
}

/** What yargs itself prints for `bulkport --help` at this width (in process: yargs writes help through console.log). */
async function yargsTopHelp(width: number): Promise<string> {
  let text = '';
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    text += `${args.join(' ')}\n`;
  });
  vi.stubEnv('LC_ALL', 'en_US');
  const stream = { write: () => true, columns: width } as unknown as CommandContext['stderr'];
  const context: CommandContext = {
    env: {},
    stdout: stream,
    stderr: stream,
    isTTY: false,
    isInteractive: false,
    signal: new AbortController().signal,
    now: () => new Date(),
    cwd: REPO_ROOT,
  };
  expect(await runInProcess(['--help'], context)).toBe(0);
  return text;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('top-level help saved at build time (issue 18)', () => {
  it.each(PRERENDERED_WIDTHS)('the saved text at width %i is what yargs prints now', async (width) => {
    const saved = savedTexts()[String(width)];
    expect(saved).toContain('Commands:');
    expect(saved).toBe(await yargsTopHelp(width));
  });

  it('is used only for exactly `--help` or `help`, at a saved width, in a locale yargs leaves in English', () => {
    const english = { LANG: 'C.UTF-8' };
    expect(prerenderedTopHelp(['--help'], 100, english, SAVED)).toBe(savedTexts()['100']);
    expect(prerenderedTopHelp(['help'], 110, { LANG: 'en_GB.UTF-8' }, SAVED)).toBe(savedTexts()['110']);
    expect(prerenderedTopHelp(['--help'], 100, {}, SAVED)).toBe(savedTexts()['100']);
    expect(prerenderedTopHelp(['--help'], 80, english, SAVED)).toBeUndefined();
    expect(prerenderedTopHelp(['-h'], 100, english, SAVED)).toBeUndefined();
    expect(prerenderedTopHelp(['validate', '--help'], 100, english, SAVED)).toBeUndefined();
    expect(prerenderedTopHelp(['--help', '--json'], 100, english, SAVED)).toBeUndefined();
    expect(prerenderedTopHelp(['--help'], 100, { LANG: 'de_DE.UTF-8' }, SAVED)).toBeUndefined();
    expect(prerenderedTopHelp(['--help'], 100, { LC_ALL: 'fr_FR', LANG: 'en_US.UTF-8' }, SAVED)).toBeUndefined();
    expect(prerenderedTopHelp(['--help'], 100, english, path.join(REPO_ROOT, 'no-such-top-help.json'))).toBeUndefined();
  });

  it('the built CLI prints the saved text, and yargs\' translation in a locale yargs translates', async () => {
    const english = await runCli(['--help'], { env: { LANG: 'C.UTF-8' } });
    expect(english).toMatchObject({ code: 0, stderr: '', stdout: savedTexts()['100'] });
    const german = await runCli(['--help'], { env: { LANG: 'de_DE.UTF-8' } });
    expect(german.code).toBe(0);
    expect(german.stdout).toContain('Kommandos:');
  });
});
