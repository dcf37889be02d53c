import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { assertContract } from '../contract/contract.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, campaignOrders, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir } from './campaign-fixture.js';

/**
 * The submit stage "after the order exists, add its sub-resources", through regulatory bundles
 * (`user_bundle_id` → `POST /porting_orders/phone_number_configurations`): batches of at most 20, each
 * journaled and looked for before being sent again, the order confirmed only once they are all there.
 */
let t: TestSimulator;
let campaign: CampaignDir;

beforeEach(async () => {
  t = await startTestSimulator();
  campaign = await makeCampaignDir();
});
afterEach(async () => {
  await t.sim.close();
});

const LOCAL_9104 = (p: { portable: boolean; phoneNumberType: string; carrier: { spid: string } }): boolean => p.portable && p.phoneNumberType === 'local' && p.carrier.spid === '9104';
const bundleOf = (i: number): string => `ff901545-3e27-462a-ba9d-${String(i).padStart(12, '0')}`;
const CONFIGURE = 'POST /porting_orders/phone_number_configurations';

function args(out: string, ...extra: string[]): string[] {
  return ['submit', campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), ...extra];
}

/** Every configuration in the simulator, as number → bundle (read through the API, like a client would). */
async function configuredBundles(): Promise<Map<string, string>> {
  const numberIds = new Map<string, string>();
  for await (const row of t.client.portingPhoneNumbers.list({ 'page[size]': 250 })) numberIds.set((row as { id: string }).id, row.phone_number ?? '');
  const bundles = new Map<string, string>();
  for await (const c of t.client.portingOrders.phoneNumberConfigurations.list({ 'page[size]': 250 })) bundles.set(numberIds.get(c.porting_phone_number_id ?? '') ?? '?', c.user_bundle_id ?? '');
  return bundles;
}

describe('sub-resources: regulatory bundles', () => {
  it('adds 22 bundles in two calls (20 + 2) before confirming, and a re-run sends nothing', async () => {
    const numbers = findNumbers(t.sim, 22, LOCAL_9104);
    await writeSheet(campaign, numbers.map((n, i) => ({ ...ACME, phone_number: n, user_bundle_id: bundleOf(i) })), ['user_bundle_id']);
    const first = await runBulkport(args('out1', '--confirm'), t.sim, campaign.dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(t.sim.stats().calls[CONFIGURE]).toBe(2);
    const bundles = await configuredBundles();
    expect(bundles.size).toBe(22);
    numbers.forEach((n, i) => expect(bundles.get(n)).toBe(bundleOf(i)));
    // Configured before the confirm: the order is past draft only after both writes.
    const [order] = campaignOrders(t.sim, 'c1');
    expect(order?.status.value).not.toBe('draft');
    const journal = await readCampaign(campaign.stateDir, 'c1');
    expect([...(journal?.subResources.values() ?? [])].map((s) => s.result?.outcome)).toEqual(['done', 'done']);

    const again = await runBulkport(args('out2', '--confirm'), t.sim, campaign.dir);
    expect(again.code).toBe(0);
    expect(t.sim.stats().calls[CONFIGURE]).toBe(2);
    assertContract(t.recorder.exchanges);
  });

  it('after an answer lost on the way back, looks at the server and does not send the batch again', async () => {
    const numbers = findNumbers(t.sim, 3, LOCAL_9104);
    await writeSheet(campaign, numbers.map((n, i) => ({ ...ACME, phone_number: n, user_bundle_id: bundleOf(i) })), ['user_bundle_id']);
    t.sim.faults.set([{ kind: 'lost-create', rate: 1, count: 1, endpoints: [CONFIGURE] }]);
    const run = await runBulkport(args('out', '--confirm'), t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(t.sim.stats().calls[CONFIGURE]).toBe(1);
    expect(t.sim.stats().calls['GET /porting_orders/phone_number_configurations']).toBe(1);
    expect((await configuredBundles()).size).toBe(3);
  });

  it('a bundle write without an answer keeps the order a draft, reported on the rows; a malformed bundle id blocks its row', async () => {
    const numbers = findNumbers(t.sim, 3, LOCAL_9104);
    // Configured by someone else already: the simulator refuses a second configuration of a number.
    await writeSheet(campaign, [
      { ...ACME, phone_number: numbers[0], user_bundle_id: bundleOf(1) },
      { ...ACME, phone_number: numbers[1], user_bundle_id: bundleOf(2) },
      { ...ACME, phone_number: numbers[2], user_bundle_id: 'bundle-7' },
    ], ['user_bundle_id']);
    const plan = await runBulkport(['plan', campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, 'plan')], t.sim, campaign.dir);
    expect(plan.code).toBe(1);
    const planned = await readResults(path.join(campaign.dir, 'plan'));
    expect(planned.map((r) => r.status)).toEqual(['planned', 'planned', 'blocked']);
    expect(planned[2]?.issue).toContain('expected a Telnyx user bundle id');

    // No clear answer twice and not on the server: unresolved (exit 3), the order left a draft.
    t.sim.faults.set([{ kind: '5xx', rate: 1, endpoints: [CONFIGURE] }]);
    const run = await runBulkport(args('out', '--confirm'), t.sim, campaign.dir);
    expect(run.code).toBe(3);
    expect(t.sim.stats().calls[CONFIGURE]).toBe(2);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows[0]?.status).toBe('failed');
    expect(rows[0]?.issue).toContain('regulatory bundles of 2 numbers');
    expect(campaignOrders(t.sim, 'c1')[0]?.status.value).toBe('draft');

    // Once the server takes it, the next run adds the bundles and confirms.
    t.sim.faults.set([]);
    const again = await runBulkport(args('out2', '--confirm'), t.sim, campaign.dir);
    expect(again.code).toBe(1);
    const after = await readResults(path.join(campaign.dir, 'out2'));
    expect(after.map((r) => r.status)).toEqual(['submitted', 'submitted', 'blocked']);
    expect((await configuredBundles()).size).toBe(2);
  });
});
