// Start-up cost (issue 18): `bulkport --help` (and `bulkport help`) print the text yargs renders, written
// to dist/top-help.json by `npm run build` (write-top-help.ts runs the real yargs parser once per width
// below). Loading yargs and laying out its help costs about 90 ms; reading this file costs under 1 ms.
// Whenever the saved text cannot be the one yargs would print (another width, a locale yargs
// translates, no file), the CLI falls back to yargs. test/cli/top-help.test.ts checks the file against
// yargs' own rendering.
import { readFileSync } from 'node:fs';

/** Where the build writes the rendered texts, beside the compiled `cli.js`. */
export const TOP_HELP_FILE = new URL('../top-help.json', import.meta.url);

/** Widths the build renders: 100 (output not a terminal: pipes, CI, tests) and 110 (a wide terminal). */
export const PRERENDERED_WIDTHS: readonly number[] = [100, 110];

/** The width help wraps at: the terminal's, at most 110; 100 when stderr is not a terminal. */
export function helpWidth(stderr: { columns?: number }): number {
  return Math.min(110, stderr.columns ?? 100);
}

/** The locale yargs picks from the environment (yargs-factory's kGuessLocale), without its encoding. */
function yargsLocale(env: NodeJS.ProcessEnv): string {
  return (env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || 'en_US').replace(/[.:].*/, '');
}

/**
 * The saved top-level help for these arguments, or undefined when yargs must render it: the arguments
 * are not exactly `--help` or `help`, the width was not rendered, yargs would translate the text (it
 * reads the locale from `process.env`), or the file is missing or unreadable.
 */
export function prerenderedTopHelp(
  argv: readonly string[],
  width: number,
  env: NodeJS.ProcessEnv,
  file: URL | string = TOP_HELP_FILE,
): string | undefined {
  if (argv.length !== 1 || (argv[0] !== '--help' && argv[0] !== 'help')) return undefined;
  if (!PRERENDERED_WIDTHS.includes(width)) return undefined;
  if (!/^(en(_[A-Za-z]{2})?|C|POSIX)$/.test(yargsLocale(env))) return undefined;
  try {
    const texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const text = texts[String(width)];
    return typeof text === 'string' && text !== '' ? text : undefined;
  } catch {
    return undefined;
  }
}
