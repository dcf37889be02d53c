import type { Argv } from 'yargs';
import type { GlobalOptions, RawGlobalArgs } from '../config/global-options.js';
import type { ExitCode } from '../core/exit-codes.js';

/** What the outside world gives a command (docs/architecture.md §8.8): no command reads process.* itself. */
export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Whether progress may draw on stderr (a TTY and not --quiet is decided by the progress module). */
  readonly isTTY: boolean;
  /** Whether stdin is a TTY (prompts are only shown there). */
  readonly isInteractive: boolean;
  /** Where prompts read answers (only when `isInteractive`); absent in tests that never prompt. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Aborted on the first Ctrl-C or SIGTERM: stop cleanly, write what was done, exit 3. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
  /** The directory the CLI was started in; relative paths resolve against it. */
  readonly cwd: string;
}

/**
 * What `--help` needs of a subcommand: its usage line, description, examples and flags. Lives in
 * `specs/<name>.ts`, which imports nothing heavy (see the start-up rule in `registry.ts`).
 */
export interface CommandSpec {
  readonly command: string;
  readonly describe: string;
  readonly examples?: ReadonlyArray<readonly [string, string]>;
  builder(yargs: Argv<RawGlobalArgs>): Argv<unknown>;
}

/**
 * One subcommand: its spec plus `run`, which gets the parsed args (its own, unvalidated) and the
 * resolved global options, and returns the exit code.
 */
export interface CommandDefinition<Args = Record<string, unknown>> extends CommandSpec {
  run(args: Args & RawGlobalArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode>;
}

/** Helps command files keep their args typed without fighting yargs' generics. */
export function defineCommand<Args>(definition: CommandDefinition<Args>): CommandDefinition<Args> {
  return definition;
}
