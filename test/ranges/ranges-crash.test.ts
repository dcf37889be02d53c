import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { campaignOrders, makeCampaignDir, readResults, runBulkport, type CampaignDir } from '../submit/campaign-fixture.js';
import { BERLIN, portableGermanHundred, portableGermanSingle, writeRangeSheet } from './ranges-fixture.js';
import { killAtHold, spawnKillableCli } from '../helpers/crash-point.js';

/**
 * Crash tests for the writes of issue 15 (needs `npm run build`): a real `bulkport submit` is SIGKILLed
 * around the create that carries a German block and around the extension write behind a number; the
 * re-run must leave the block in exactly one live order and the extension range created exactly once.
 */
interface CrashCase {
  readonly name: string;
  readonly endpoint: string;
  readonly point: 'before' | 'after';
  readonly then: 'drop' | 'release';
}

const CREATE = 'POST /porting_orders';
const EXTENSION = 'POST /porting_orders/:porting_order_id/phone_number_extensions';

const CASES: readonly CrashCase[] = [
  { name: 'before the create with the block reaches the server', endpoint: CREATE, point: 'before', then: 'drop' },
  { name: 'during the create with the block (handled after the client died)', endpoint: CREATE, point: 'before', then: 'release' },
  { name: 'after the create with the block, its answer not yet received', endpoint: CREATE, point: 'after', then: 'release' },
  { name: 'before the extension write reaches the server', endpoint: EXTENSION, point: 'before', then: 'drop' },
  { name: 'during the extension write (handled after the client died)', endpoint: EXTENSION, point: 'before', then: 'release' },
  { name: 'after the extension write, its answer not yet received', endpoint: EXTENSION, point: 'after', then: 'release' },
];

const running = new Set<TestSimulator>();
afterAll(async () => {
  for (const sim of running) await sim.sim.close();
});

async function setUp(): Promise<{ sim: TestSimulator; campaign: CampaignDir; block: string; single: string }> {
  const sim = await startTestSimulator();
  running.add(sim);
  const campaign = await makeCampaignDir();
  const block = portableGermanHundred(sim.sim);
  const single = portableGermanSingle(sim.sim, block);
  await writeRangeSheet(campaign, [
    { ...BERLIN, country: 'DE', phone_number: `${block} - ${block.slice(0, -2)}99`, activation_range: '00-49' },
    { ...BERLIN, country: 'DE', phone_number: single, extension_range: '100-199', extension_activation_range: '100-149' },
  ]);
  return { sim, campaign, block, single };
}

function submitArgs(campaign: CampaignDir, out: string): string[] {
  return ['submit', campaign.sheet, '--campaign', 'de', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), '--confirm', '--max-per-order', '200'];
}

function spawnSubmit(campaign: CampaignDir, baseURL: string): ReturnType<typeof spawnKillableCli> {
  return spawnKillableCli([...submitArgs(campaign, 'crashed')], { cwd: campaign.dir, baseURL: baseURL });
}

describe.concurrent('crash tests: SIGKILL around a block or extension write, then a re-run creates nothing twice', () => {
  for (const testCase of CASES) {
    it(`killed ${testCase.name}`, async ({ expect }) => {
      const { sim, campaign, block, single } = await setUp();
      const hold = sim.sim.hold(testCase.endpoint, 1, testCase.point);
      const child = spawnSubmit(campaign, sim.sim.baseURL);
      expect(await killAtHold(child, hold, testCase.then, sim.sim)).toBe('held');

      const rerun = await runBulkport(submitArgs(campaign, 'rerun'), sim.sim, campaign.dir);
      expect(rerun.code).toBe(0);
      const orders = campaignOrders(sim.sim, 'de').filter((o) => o.status.value !== 'cancelled');
      // One create ever reached the server's store: the block and the single number are in one live order.
      expect(sim.sim.stats().ordersCreated).toBe(1);
      expect(orders).toHaveLength(1);
      const order = orders[0]!;
      expect(order.status.value).not.toBe('draft');
      expect((order.phone_numbers ?? []).map((n) => n.phone_number)).toEqual([single]);
      const blocks = await sim.client.portingOrders.phoneNumberBlocks.list(order.id);
      expect(blocks.data.map((b) => b.phone_number_range?.start_at)).toEqual([block]);
      const extensions = await sim.client.portingOrders.phoneNumberExtensions.list(order.id);
      expect(extensions.data.map((e) => [e.extension_range, e.activation_ranges])).toEqual([[{ start_at: 100, end_at: 199 }, [{ start_at: 100, end_at: 149 }]]]);
      const rows = await readResults(path.join(campaign.dir, 'rerun'));
      expect(rows.map((r) => [r.status, r.porting_order_id])).toEqual([['submitted', order.id], ['submitted', order.id]]);

      const again = await runBulkport(submitArgs(campaign, 'again'), sim.sim, campaign.dir);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('is up to date');
      assertContract(sim.recorder.exchanges);
    });
  }
});
