import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Telnyx from 'telnyx';
import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import { reportError, runCli } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/command.js';
import { portoutStore } from '../../src/sim/routes/portouts.js';
import { KEY_BULKPORT_DEMO, startSimulator, type SimulatorHandle } from '../../src/sim/simulator.js';
import { checkContract, recordExchanges, type ContractOptions, type ExchangeRecorder } from '../contract/contract.js';

export interface PortoutSim {
  readonly sim: SimulatorHandle;
  readonly client: Telnyx;
  readonly recorder: ExchangeRecorder;
}

export const PATCH_ENDPOINT = 'PATCH /portouts/:id/:status';

/** A simulator with `count` seeded port-outs, a generous rate limit and its exchanges recorded. */
export async function startPortoutSim(count = 40, seed = 'portout-tests'): Promise<PortoutSim> {
  const recorder = recordExchanges();
  const sim = await startSimulator({ seed, rate: 1000, onExchange: recorder.onExchange });
  if (count !== 40) portoutStore(sim.state).reset(sim.state.seed, count);
  const client = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0, timeout: 10_000 });
  return { sim, client, recorder };
}

export async function listAll(client: Telnyx, filter: Record<string, unknown> = {}): Promise<PortoutDetails[]> {
  const all: PortoutDetails[] = [];
  for await (const portout of client.portouts.list({ filter, 'page[size]': 250 })) all.push(portout);
  return all;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `bulkport-${prefix}-`));
}

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process against the simulator, as a user would type it (never on a TTY unless told). */
export async function runPortouts(
  sim: SimulatorHandle,
  argv: readonly string[],
  options: { cwd: string; now?: Date; isInteractive?: boolean; stdinText?: string },
): Promise<InProcessResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const stdin = new PassThrough();
  stdin.end(options.stdinText ?? '');
  const context: CommandContext = {
    env: { TELNYX_API_KEY: KEY_BULKPORT_DEMO },
    stdout,
    stderr,
    isTTY: false,
    isInteractive: options.isInteractive ?? false,
    stdin,
    signal: new AbortController().signal,
    now: () => options.now ?? sim.clock.now(),
    cwd: options.cwd,
  };
  let code: number;
  try {
    // The simulator allows 1000 requests/s; the tool's default ceiling (20/s) would only slow the tests down.
    code = await runCli(['--base-url', sim.baseURL, '--rate', '500', '--state-dir', path.join(options.cwd, 'state'), ...argv], context);
  } catch (error) {
    code = reportError(error, stderr);
  }
  return { code, stdout: out, stderr: err };
}


/**
 * Contract problems of the recorded exchanges, with one allowance: the spec's PATCH body has only
 * `reason` and `host_messaging`, while Telnyx's port-out guide sends `rejection_code` in the body to
 * reject (api-facts §7), so the tool sends it and that one key is accepted.
 */
export function portoutContractProblems(po: PortoutSim, requests: ContractOptions['requests'] = 'all'): string[] {
  return checkContract(po.recorder.exchanges, { requests })
    .map((v) => `${v.exchange}: ${v.problem}`)
    .filter((problem) => !/^PATCH \/portouts\/.* request \/ must NOT have unevaluated properties \(rejection_code\)$/.test(problem));
}
