#!/usr/bin/env node
// Start-up cost (issue 18): this file and what it imports statically must stay light — yargs, the command
// registry and its specs. Each command's work loads when it runs; the rule is spelled out in
// commands/registry.ts and enforced by test/cli/startup-imports.test.ts.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from './commands/command.js';
import { COMMANDS } from './commands/registry.js';
import { helpWidth, prerenderedTopHelp } from './commands/top-help.js';
import { resolveGlobalOptions, withGlobalOptions, type RawGlobalArgs } from './config/global-options.js';
import { BulkportError, UsageError } from './core/errors.js';
import { EXIT_CODE_HELP, ExitCode } from './core/exit-codes.js';

const EPILOG = `Exit codes (every command):
${EXIT_CODE_HELP}

The API key comes from TELNYX_API_KEY or --api-key-file (a key on the command line shows in ps).
Without --base-url or TELNYX_BASE_URL, commands talk to Telnyx production; \`bulkport sim\`
runs a local simulator to rehearse against.`;

/** Parses argv, runs one command and returns its exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], context: CommandContext): Promise<ExitCode> {
  // `--version` alone is answered without yargs (a third of the start-up of `--help`).
  if (argv.length === 1 && argv[0] === '--version') {
    context.stdout.write(`${packageVersion()}\n`);
    return ExitCode.OK;
  }
  const { default: yargs } = await import('yargs');
  let exitCode: ExitCode = ExitCode.OK;
  const parser = withGlobalOptions(yargs([...argv]))
    .scriptName('bulkport')
    .usage('$0 <command> [options]\n\nPort phone numbers into Telnyx in bulk, from CSV or XLSX sheets.')
    .strict()
    .demandCommand(1, 'Name a command; `bulkport --help` lists them.')
    .recommendCommands()
    .epilog(EPILOG)
    .wrap(helpWidth(context.stderr))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(message, 'Run `bulkport --help` (or `bulkport <command> --help`) for usage.');
    })
    .help()
    .version(packageVersion());

  for (const { spec, load } of COMMANDS) {
    parser.command(
      spec.command,
      spec.describe,
      (y) => {
        const built = spec.builder(y as never);
        for (const [example, description] of spec.examples ?? []) built.example(example, description);
        return built as never;
      },
      async (args) => {
        const options = resolveGlobalOptions(args as unknown as RawGlobalArgs, context.env);
        const definition = await load();
        exitCode = await definition.run(args as never, options, context);
      },
    );
  }

  await parser.parseAsync();
  return exitCode;
}

/** The `version` of bulkport's package.json (one level above both `src/cli.ts` and `dist/cli.js`). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Prints a run problem as one line plus a hint; unknown errors are bugs and keep their stack. */
export function reportError(error: unknown, stderr: NodeJS.WritableStream): ExitCode {
  if (error instanceof BulkportError) {
    stderr.write(`bulkport: ${error.message}\n`);
    if (error.hint) stderr.write(`hint: ${error.hint}\n`);
    return error.exitCode;
  }
  stderr.write(`bulkport: unexpected error (a bug; please report it with this trace)\n`);
  stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return ExitCode.STOPPED;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // `--help` prints the text the build saved from yargs (commands/top-help.ts) when it is the text yargs would print.
  const topHelp = prerenderedTopHelp(argv, helpWidth(process.stderr), process.env);
  if (topHelp !== undefined) {
    process.stdout.write(topHelp);
    return;
  }
  const controller = new AbortController();
  let signalCount = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalCount += 1;
    if (signalCount > 1) {
      process.stderr.write('bulkport: stopping now\n');
      process.exit(ExitCode.STOPPED);
    }
    process.stderr.write(`bulkport: ${signal} received, stopping cleanly (send it again to stop at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const context: CommandContext = {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    isInteractive: process.stdin.isTTY === true,
    stdin: process.stdin,
    signal: controller.signal,
    now: () => new Date(),
    cwd: process.cwd(),
  };
  let code: ExitCode;
  try {
    code = await runCli(argv, context);
  } catch (error) {
    code = reportError(error, process.stderr);
  }
  process.exitCode = code;
  // Long-lived handles (the simulator in `sim`, keep-alive sockets) must not keep a finished run alive.
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

const isEntryPoint = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) await main();
