import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SimulatorOptions } from '../../src/sim/simulator.js';
import { HOUR_MS } from '../../src/sim/clock.js';
import { CORRECTABLE_EXCEPTIONS } from '../../src/sim/orders/exception-types.js';
import { seededPick } from '../../src/sim/seeded-hash.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import type { InProcessResult } from '../helpers/run-in-process.js';
import { ACME, GLOBEX, makeCampaignDir, runBulkport, writeSheet, type CampaignDir } from '../submit/campaign-fixture.js';

export const CAMPAIGN = 'c7';

/** A local portable number of one carrier (SPID), not FastPort: one order per end user, on the same timetable. */
export const ON_CARRIER = (spid: string) => (p: { portable: boolean; fastPortable: boolean; phoneNumberType: string; carrier: { spid: string } }) =>
  p.portable && !p.fastPortable && p.phoneNumberType === 'local' && p.carrier.spid === spid;

export interface TrackedSetup {
  readonly t: TestSimulator;
  readonly campaign: CampaignDir;
  readonly acme: readonly string[];
  readonly globex: readonly string[];
  /** Runs a bulkport command in-process against the simulator with the campaign's state dir. */
  run(...args: string[]): Promise<InProcessResult>;
  /** Moves the simulator's clock on. */
  advanceHours(hours: number): void;
  /** Calls the simulator counted for one endpoint, e.g. `PATCH /porting_orders/:id`. */
  callsTo(endpoint: string): number;
}

/**
 * A campaign submitted through the real `submit` code path (in-process CLI): ACME numbers in one
 * order, GLOBEX numbers in another, both confirmed unless `confirm` is false.
 */
export async function submittedCampaign(
  simOptions: SimulatorOptions = {},
  sizes: { acme?: number; globex?: number; confirm?: boolean; acmeAccount?: string } = {},
): Promise<TrackedSetup> {
  const t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), ...simOptions });
  const campaign = await makeCampaignDir();
  const acme = findNumbers(t.sim, sizes.acme ?? 4, ON_CARRIER('9104'));
  const globex = findNumbers(t.sim, sizes.globex ?? 2, ON_CARRIER('9104'), '+1720555');
  await writeSheet(campaign, [
    ...acme.map((n) => ({ ...ACME, phone_number: n, ...(sizes.acmeAccount === undefined ? {} : { account_number: sizes.acmeAccount }) })),
    ...globex.map((n) => ({ ...GLOBEX, phone_number: n })),
  ]);
  const run = (...args: string[]) => runBulkport([...args, '--state-dir', campaign.stateDir], t.sim, campaign.dir);
  const submit = await run('submit', campaign.sheet, '--campaign', CAMPAIGN, '-o', path.join(campaign.dir, 'submit'), ...(sizes.confirm === false ? [] : ['--confirm']));
  if (submit.code !== 0 && submit.code !== 1) throw new Error(`submit failed (${submit.code}): ${submit.stderr}${submit.stdout}`);
  return {
    t,
    campaign,
    acme,
    globex,
    run,
    advanceHours: (hours) => t.sim.advance(hours * HOUR_MS),
    callsTo: (endpoint) => t.sim.stats().calls[endpoint] ?? 0,
  };
}

export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** An account number whose simulated exception (exceptionShare 1) is `code`, for the seed the test simulator uses. */
export function accountRaising(code: string, seed = 'test-seed'): string {
  for (let i = 1000; i < 3000; i += 1) {
    const account = `ACCT-${i}`;
    if (seededPick(CORRECTABLE_EXCEPTIONS, seed, 'exception-type', account).code === code) return account;
  }
  throw new Error(`no account number raises ${code}`);
}
