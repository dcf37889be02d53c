import { spawn } from 'node:child_process';
import type { HoldHandle, HoldOutcome } from '../../src/sim/hold.js';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { CLI_PATH } from './run-cli.js';

/**
 * Crash tests (needs `npm run build`): the built CLI is spawned against a simulator that holds the
 * k-th request of an endpoint, SIGKILLed while that request is held, and the held request then
 * completes (`release`: the server did it, the answer is lost) or vanishes (`drop`).
 */
interface KillableCli {
  readonly exited: Promise<number | null>;
  readonly kill: () => void;
}

/** The built CLI with `args`, quiet, fast-paced, keyed for the simulator at `baseURL`. */
export function spawnKillableCli(args: readonly string[], options: { readonly cwd: string; readonly baseURL: string }): KillableCli {
  const child = spawn(process.execPath, [CLI_PATH, ...args, '--quiet', '--rate', '500'], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TELNYX_API_KEY: KEY_BULKPORT_DEMO, TELNYX_BASE_URL: options.baseURL },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { exited, kill: () => child.kill('SIGKILL') };
}

/**
 * Waits until the CLI reaches the held request (or exits first), kills it, lets the held request
 * `then` release or drop, and waits (by condition, not by time) until the simulator has nothing in
 * flight. Says what came first, so the test can assert the kill happened at the point.
 */
export async function killAtHold(
  cli: KillableCli,
  hold: HoldHandle,
  then: HoldOutcome,
  sim: { stats(): { inFlight: number } },
): Promise<'held' | 'exited'> {
  const first = await Promise.race([hold.reached.then(() => 'held' as const), cli.exited.then(() => 'exited' as const)]);
  cli.kill();
  await cli.exited;
  if (then === 'drop') hold.drop();
  else hold.release();
  for (let i = 0; i < 500 && sim.stats().inFlight > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return first;
}
