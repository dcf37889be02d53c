import path from 'node:path';
import { expect } from 'vitest';
import type { SimulatorHandle } from '../../src/sim/simulator.js';
import { startInProcess, type InProcessResult } from '../helpers/run-in-process.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, GLOBEX, campaignOrders, makeCampaignDir, runBulkport, writeSheet, type CampaignDir } from '../submit/campaign-fixture.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ActivationCampaign {
  readonly test: TestSimulator;
  readonly sim: SimulatorHandle;
  readonly campaign: CampaignDir;
  /** The campaign's US FastPort orders (ids), and its other order ids. */
  readonly fastOrders: string[];
  readonly otherOrders: string[];
}

/**
 * A submitted and confirmed campaign of two end users with FastPort numbers (two FastPort orders)
 * and one number that is not FastPort (a third order), moved on until every order's FOC is
 * confirmed. `activationFailShare` 1 makes every order's first activation job fail.
 */
export async function activationCampaign(activationFailShare = 0): Promise<ActivationCampaign> {
  // A Monday morning: the FastPort FOC falls on Tuesday, the next business day.
  const test = await startTestSimulator({ activationFailShare, startAt: new Date('2026-11-23T09:00:00Z') });
  const sim = test.sim;
  const campaign = await makeCampaignDir();
  const isFast = (p: { portable: boolean; fastPortable: boolean; phoneNumberType: string }) => p.portable && p.fastPortable && p.phoneNumberType === 'local';
  const isSlow = (p: { portable: boolean; fastPortable: boolean; phoneNumberType: string }) => p.portable && !p.fastPortable && p.phoneNumberType === 'local';
  const acme = findNumbers(sim, 2, isFast);
  const globex = findNumbers(sim, 2, isFast, '+1720555');
  const slow = findNumbers(sim, 1, isSlow);
  await writeSheet(campaign, [...[...acme, ...slow].map((n) => ({ ...ACME, phone_number: n })), ...globex.map((n) => ({ ...GLOBEX, phone_number: n }))]);
  const submit = await runBulkport(['submit', campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, 'submit'), '--confirm'], sim, campaign.dir);
  expect(submit.code, submit.stderr + submit.stdout).toBe(0);
  // in-process → submitted (1 h) → foc-date-confirmed (FastPort +1 h; the others are still submitted).
  sim.advance(2 * HOUR_MS + 60_000);
  const orders = campaignOrders(sim, 'c1');
  expect(orders.filter((o) => o.activation_settings.fast_port_eligible).every((o) => o.status.value === 'foc-date-confirmed')).toBe(true);
  const fastOrders = orders.filter((o) => o.activation_settings.fast_port_eligible).map((o) => o.id);
  const otherOrders = orders.filter((o) => !o.activation_settings.fast_port_eligible).map((o) => o.id);
  return { test, sim, campaign, fastOrders, otherOrders };
}

/** Moves the simulated clock to 06:00 UTC on the FastPort orders' FOC date (before their scheduled 12:00 activation). */
export function advanceToFocDay(setup: ActivationCampaign): void {
  const focs = campaignOrders(setup.sim, 'c1')
    .filter((o) => setup.fastOrders.includes(o.id))
    .map((o) => Date.parse(o.activation_settings.foc_datetime_actual ?? ''));
  const dayStart = Math.floor(Math.max(...focs) / DAY_MS) * DAY_MS;
  expect(Math.floor(Math.min(...focs) / DAY_MS) * DAY_MS).toBe(dayStart);
  const target = dayStart + 6 * HOUR_MS;
  expect(target).toBeGreaterThan(setup.sim.clock.nowMs());
  setup.sim.advance(Math.max(0, target - setup.sim.clock.nowMs()));
}

function activateArgs(setup: ActivationCampaign, out: string, ...extra: string[]): string[] {
  return ['activate', '--campaign', 'c1', '--state-dir', setup.campaign.stateDir, '-o', path.join(setup.campaign.dir, out), ...extra];
}

export async function activate(setup: ActivationCampaign, out: string, ...extra: string[]): Promise<InProcessResult> {
  return runBulkport(activateArgs(setup, out, ...extra), setup.sim, setup.campaign.dir);
}

/**
 * `activate --watch` in this process while the simulated clock moves a minute every few
 * milliseconds (the jobs need five simulated minutes; the scheduled ones run at 12:00, hours away); returns when the command exits.
 */
export async function activateWatching(setup: ActivationCampaign, out: string, ...extra: string[]): Promise<InProcessResult> {
  const run = startInProcess([...activateArgs(setup, out, '--watch', '--poll-interval', '20ms', ...extra), '--rate', '500', '--quiet'], setup.sim, { cwd: setup.campaign.dir });
  let isDone = false;
  const ticking = (async () => {
    while (!isDone) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      setup.sim.advance(20_000);
    }
  })();
  const code = await run.done;
  isDone = true;
  await ticking;
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Every activation job of every campaign order, from the simulator's own store. */
export function storedJobs(setup: ActivationCampaign): Array<{ order: string; type: string; status: string }> {
  return setup.fastOrders.flatMap((id) => setup.sim.orders.activationJobs(id).map((job) => ({ order: id, type: job.type, status: job.status })));
}

