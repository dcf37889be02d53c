import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, campaignOrders, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir } from './campaign-fixture.js';
import { killAtHold, spawnKillableCli } from '../helpers/crash-point.js';

/**
 * Crash tests for the sub-resource writes (needs `npm run build`): a real `bulkport submit` is SIGKILLed
 * while its associated-number or bundle POST is held in the simulator, then a re-run must leave each
 * written exactly once (looking at the order's list before sending again) and confirm the order.
 */
const ASSOCIATE = 'POST /porting_orders/:porting_order_id/associated_phone_numbers';
const CONFIGURE = 'POST /porting_orders/phone_number_configurations';

const CASES = [
  { name: 'before the first associated-number write reaches the server', endpoint: ASSOCIATE, point: 'before', then: 'drop' },
  { name: 'after the first associated-number write was stored, its answer lost', endpoint: ASSOCIATE, point: 'after', then: 'release' },
  { name: 'after the bundle write was stored, its answer lost', endpoint: CONFIGURE, point: 'after', then: 'release' },
] as const;

const running = new Set<TestSimulator>();
afterAll(async () => {
  for (const sim of running) await sim.sim.close();
});

const UK = {
  ...ACME,
  entity_name: 'Albion Widgets Ltd',
  billing_phone_number: '020 7946 0999',
  account_number: 'UK-1',
  street_address: '1 Fleet Street',
  locality: 'London',
  administrative_area: '',
  postal_code: 'EC4Y 1AA',
  port_type: 'partial',
};
const BUNDLE = 'ff901545-3e27-462a-ba9d-2b34654cab82';

async function setUp(): Promise<{ sim: TestSimulator; campaign: CampaignDir; numbers: string[] }> {
  const sim = await startTestSimulator();
  running.add(sim);
  const campaign = await makeCampaignDir();
  const numbers = findNumbers(sim.sim, 4, (p) => p.portable && p.countryCode === 'GB' && p.phoneNumberType === 'landline', '+44207946');
  await writeSheet(
    campaign,
    [
      { ...UK, phone_number: numbers[0], user_bundle_id: BUNDLE },
      { ...UK, phone_number: numbers[1], user_bundle_id: BUNDLE },
      { phone_number: numbers[2], account_number: 'UK-1', action: 'keep' },
      { phone_number: numbers[3], account_number: 'UK-1', action: 'disconnect' },
    ],
    ['action', 'user_bundle_id'],
  );
  return { sim, campaign, numbers };
}

function submitArgs(campaign: CampaignDir, out: string): string[] {
  return ['submit', campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), '--confirm'];
}

function spawnSubmit(campaign: CampaignDir, baseURL: string): ReturnType<typeof spawnKillableCli> {
  return spawnKillableCli([...submitArgs(campaign, 'crashed')], { cwd: campaign.dir, baseURL: baseURL });
}

describe.concurrent('sub-resource writes: SIGKILL around the call, then a re-run writes each once', () => {
  for (const testCase of CASES) {
    it(`killed ${testCase.name}`, async ({ expect }) => {
      const { sim, campaign, numbers } = await setUp();
      const hold = sim.sim.hold(testCase.endpoint, 1, testCase.point);
      const child = spawnSubmit(campaign, sim.sim.baseURL);
      expect(await killAtHold(child, hold, testCase.then, sim.sim)).toBe('held');
      const sentBefore = sim.sim.stats().calls[testCase.endpoint] ?? 0;

      const rerun = await runBulkport(submitArgs(campaign, 'rerun'), sim.sim, campaign.dir);
      expect(rerun.code).toBe(0);
      const orders = campaignOrders(sim.sim, 'c1');
      expect(orders).toHaveLength(1);
      const order = orders[0]!;
      expect(order.status.value).not.toBe('draft');
      const associated: string[] = [];
      for await (const a of sim.client.portingOrders.associatedPhoneNumbers.list(order.id)) associated.push(`${a.action ?? ''} ${a.phone_number_range?.start_at ?? ''}`);
      expect(associated.sort()).toEqual([`disconnect ${numbers[3]}`, `keep ${numbers[2]}`]);
      const configured = (await sim.client.portingOrders.phoneNumberConfigurations.list()).data;
      expect(configured).toHaveLength(2);
      // A write the killed run got stored was found by looking, not sent again; a dropped one was sent once more.
      const resent = (sim.sim.stats().calls[testCase.endpoint] ?? 0) - sentBefore;
      const expectedResends = testCase.then === 'drop' ? 2 : testCase.endpoint === ASSOCIATE ? 1 : 0;
      expect(resent).toBe(expectedResends);
      const rows = await readResults(path.join(campaign.dir, 'rerun'));
      expect(rows.map((r) => r.status)).toEqual(['submitted', 'submitted', 'associated', 'associated']);

      const again = await runBulkport(submitArgs(campaign, 'again'), sim.sim, campaign.dir);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('is up to date');
      assertContract(sim.recorder.exchanges);
    });
  }
});
