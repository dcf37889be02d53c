// Build step (`npm run build`, after tsc): renders `bulkport --help` with the real yargs parser at each
// width in PRERENDERED_WIDTHS and saves the texts to dist/top-help.json, which the CLI prints instead of
// loading yargs (see top-help.ts). Run as `node dist/commands/write-top-help.js`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli.js';
import { ExitCode } from '../core/exit-codes.js';
import type { CommandContext } from './command.js';
import { PRERENDERED_WIDTHS, TOP_HELP_FILE } from './top-help.js';

/** What `runCli(['--help'])` prints on stdout at this width (yargs writes help through console.log). */
async function renderTopHelp(width: number): Promise<string> {
  let text = '';
  const write = process.stdout.write.bind(process.stdout);
  const context: CommandContext = {
    env: process.env,
    stdout: process.stdout,
    stderr: Object.assign(Object.create(process.stderr) as NodeJS.WriteStream, { columns: width, isTTY: false }),
    isTTY: false,
    isInteractive: false,
    signal: new AbortController().signal,
    now: () => new Date(),
    cwd: process.cwd(),
  };
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runCli(['--help'], context);
    if (code !== ExitCode.OK) throw new Error(`bulkport --help exited ${String(code)}`);
  } finally {
    process.stdout.write = write;
  }
  return text;
}

// The English text: yargs translates help into the locale it reads from the environment.
process.env.LC_ALL = 'en_US';
const texts: Record<string, string> = {};
for (const width of PRERENDERED_WIDTHS) texts[String(width)] = await renderTopHelp(width);
writeFileSync(TOP_HELP_FILE, `${JSON.stringify(texts, null, 2)}\n`);
console.log(`wrote ${fileURLToPath(TOP_HELP_FILE)}`);
