import { PassThrough } from 'node:stream';
import { reportError, runCli } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/command.js';
import { KEY_BULKPORT_DEMO, type SimulatorHandle } from '../../src/sim/simulator.js';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InProcessOptions {
  /** The directory the command runs in; this process's when absent. */
  readonly cwd?: string;
  /** A fixed clock; the wall clock when absent. */
  readonly now?: Date;
  readonly signal?: AbortSignal;
  readonly isTTY?: boolean;
  /** What a person types at the prompt: the run is interactive and reads this from stdin. */
  readonly typed?: string;
}

/** A command started in this process; its output can be read while it runs. */
export interface InProcessRun {
  /** The exit code; a run error is reported on stderr and turned into its code, as main() does. */
  readonly done: Promise<number>;
  stdout(): string;
  stderr(): string;
}

/**
 * Starts `bulkport …` in this process (the same `runCli` the binary runs) against the simulator,
 * with the demo key and captured output. Spawned-binary tests use `runCli` in `run-cli.ts` instead.
 */
export function startInProcess(args: readonly string[], sim: Pick<SimulatorHandle, 'baseURL'>, options: InProcessOptions = {}): InProcessRun {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  let stdin: PassThrough | undefined;
  if (options.typed !== undefined) {
    stdin = new PassThrough();
    stdin.end(options.typed);
  }
  const context: CommandContext = {
    env: { TELNYX_API_KEY: KEY_BULKPORT_DEMO, TELNYX_BASE_URL: sim.baseURL },
    stdout,
    stderr,
    ...(stdin === undefined ? {} : { stdin }),
    isTTY: options.isTTY ?? false,
    isInteractive: stdin !== undefined,
    signal: options.signal ?? new AbortController().signal,
    now: () => options.now ?? new Date(),
    cwd: options.cwd ?? process.cwd(),
  };
  const done = runCli(args, context).catch((error: unknown) => reportError(error, stderr));
  return { done, stdout: () => out, stderr: () => err };
}

/** Runs `bulkport …` in this process to the end (see `startInProcess`) and returns its exit code and output. */
export async function runInProcess(args: readonly string[], sim: Pick<SimulatorHandle, 'baseURL'>, options: InProcessOptions = {}): Promise<InProcessResult> {
  const run = startInProcess(args, sim, options);
  const code = await run.done;
  // Output written in the command's last tick reaches the 'data' listeners on a later one.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
