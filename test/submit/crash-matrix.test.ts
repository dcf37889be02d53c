import path from 'node:path';
import { afterAll, describe, it, type ExpectStatic } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, campaignOrders, convergence, GLOBEX, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir } from './campaign-fixture.js';
import { killAtHold, spawnKillableCli } from '../helpers/crash-point.js';

/**
 * The crash matrix (needs `npm run build`): a real `bulkport submit` child process is SIGKILLed at
 * an exact point (the simulator holds the k-th request of an endpoint until the test acts), then a
 * re-run must converge: every planned number in exactly one live order, each part created by exactly
 * one request (orders = parts + Telnyx's splits), every order confirmed, nothing created twice.
 */

interface CrashCase {
  readonly name: string;
  readonly endpoint: string;
  readonly k: number;
  readonly point: 'before' | 'after';
  /** What the held request does once the client is dead: never handled (drop) or handled anyway (release). */
  readonly then: 'drop' | 'release';
  /** Simulated time that passes before the re-run (31 min: unlinked uploads are deleted). */
  readonly advanceMs?: number;
}

const CASES: readonly CrashCase[] = [
  { name: 'before the first create reaches the server', endpoint: 'POST /porting_orders', k: 1, point: 'before', then: 'drop' },
  { name: 'during the first create (handled after the client died)', endpoint: 'POST /porting_orders', k: 1, point: 'before', then: 'release' },
  { name: 'after the first create, its answer not yet received', endpoint: 'POST /porting_orders', k: 1, point: 'after', then: 'release' },
  { name: 'after the second create', endpoint: 'POST /porting_orders', k: 2, point: 'after', then: 'release' },
  { name: 'before the first document upload', endpoint: 'POST /documents', k: 1, point: 'before', then: 'drop' },
  { name: 'during an upload (stored, answer lost)', endpoint: 'POST /documents', k: 2, point: 'after', then: 'release' },
  { name: 'before the first PATCH', endpoint: 'PATCH /porting_orders/:id', k: 1, point: 'before', then: 'drop' },
  { name: 'before the first PATCH, uploads deleted by the time of the re-run', endpoint: 'PATCH /porting_orders/:id', k: 1, point: 'before', then: 'drop', advanceMs: 31 * 60_000 },
  { name: 'after a PATCH', endpoint: 'PATCH /porting_orders/:id', k: 2, point: 'after', then: 'release' },
  { name: 'before the first confirm', endpoint: 'POST /porting_orders/:id/actions/confirm', k: 1, point: 'before', then: 'drop' },
  { name: 'during a confirm (handled after the client died)', endpoint: 'POST /porting_orders/:id/actions/confirm', k: 1, point: 'before', then: 'release' },
  { name: 'after a confirm', endpoint: 'POST /porting_orders/:id/actions/confirm', k: 2, point: 'after', then: 'release' },
];

const running = new Set<TestSimulator>();
afterAll(async () => {
  for (const sim of running) await sim.sim.close();
});

/** Two accounts, numbers of two carriers each without a carrier column: 2 parts that Telnyx splits into 4 orders. */
async function setUp(): Promise<{ sim: TestSimulator; campaign: CampaignDir; numbers: string[] }> {
  const sim = await startTestSimulator();
  running.add(sim);
  const campaign = await makeCampaignDir();
  const isLocal = (spid: string) => (p: { portable: boolean; fastPortable: boolean; phoneNumberType: string; carrier: { spid: string } }) =>
    p.portable && !p.fastPortable && p.phoneNumberType === 'local' && p.carrier.spid === spid;
  const acme = [...findNumbers(sim.sim, 2, isLocal('9104')), ...findNumbers(sim.sim, 1, isLocal('9206'))];
  const globex = [...findNumbers(sim.sim, 2, isLocal('9104'), '+1720555'), ...findNumbers(sim.sim, 1, isLocal('9206'), '+1720555')];
  await writeSheet(campaign, [...acme.map((n) => ({ ...ACME, phone_number: n })), ...globex.map((n) => ({ ...GLOBEX, phone_number: n }))]);
  return { sim, campaign, numbers: [...acme, ...globex] };
}

function submitArgs(campaign: CampaignDir, out: string): string[] {
  return ['submit', campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), '--confirm'];
}

/** Spawns the built CLI; resolves when it exits. */
function spawnSubmit(campaign: CampaignDir, baseURL: string): ReturnType<typeof spawnKillableCli> {
  return spawnKillableCli([...submitArgs(campaign, 'crashed')], { cwd: campaign.dir, baseURL: baseURL });
}

function expectConverged(expect: ExpectStatic, sim: TestSimulator['sim'], numbers: readonly string[]): void {
  const result = convergence(sim, 'c1', numbers);
  expect(result.problems).toEqual([]);
  const orders = campaignOrders(sim, 'c1');
  // Nothing was created and thrown away: every order the simulator ever created is a live order of the campaign.
  expect(sim.stats().ordersCreated).toBe(orders.length);
  expect(result.partCount).toBe(2);
  expect(orders.every((order) => order.status.value !== 'draft')).toBe(true);
  // The journal keeps only masked PINs: a resumed run sends the PIN its input sheet gives, never the masked form.
  expect(orders.map((order) => order.end_user.admin.pin_passcode).sort()).toEqual(
    orders.map((order) => (order.end_user.admin.entity_name === ACME.entity_name ? ACME.pin_passcode : GLOBEX.pin_passcode)).sort(),
  );
}

// Each case has its own simulator and folder, so they run side by side (most of a case is process start-up).
describe.concurrent('crash matrix: SIGKILL at an exact point, then a re-run converges', () => {
  for (const testCase of CASES) {
    it(`killed ${testCase.name}`, async ({ expect }) => {
      const { sim, campaign, numbers } = await setUp();
      const hold = sim.sim.hold(testCase.endpoint, testCase.k, testCase.point);
      const child = spawnSubmit(campaign, sim.sim.baseURL);
      expect(await killAtHold(child, hold, testCase.then, sim.sim)).toBe('held');
      if (testCase.advanceMs !== undefined) sim.sim.advance(testCase.advanceMs);
      const uploadsBefore = sim.sim.stats().calls['POST /documents'] ?? 0;

      const rerun = await runBulkport(submitArgs(campaign, 'rerun'), sim.sim, campaign.dir);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toContain('no longer running; taking the lock over');
      expectConverged(expect, sim.sim, numbers);
      const rows = await readResults(path.join(campaign.dir, 'rerun'));
      expect(rows.every((row) => row.status === 'submitted' && row.porting_order_id !== '')).toBe(true);
      if (testCase.advanceMs !== undefined) {
        // The uploads of the killed run were deleted unreferenced: the re-run uploaded them again.
        expect((sim.sim.stats().calls['POST /documents'] ?? 0) - uploadsBefore).toBeGreaterThan(0);
      }

      const finalRun = await runBulkport(submitArgs(campaign, 'again'), sim.sim, campaign.dir);
      expect(finalRun.code).toBe(0);
      expect(finalRun.stdout).toContain('is up to date');
      assertContract(sim.recorder.exchanges);
    });
  }

  it('"created but the response was lost": the same run finds the order by its reference instead of creating it again', async ({ expect }) => {
    const { sim, campaign, numbers } = await setUp();
    sim.sim.faults.add({ kind: 'lost-create', rate: 1, endpoints: ['POST /porting_orders'], count: 1 });
    const run = await runBulkport(submitArgs(campaign, 'out'), sim.sim, campaign.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sim.sim.stats().faultsInjected['lost-create']).toBe(1);
    expectConverged(expect, sim.sim, numbers);
    const again = await runBulkport(submitArgs(campaign, 'again'), sim.sim, campaign.dir);
    expect(again.stdout).toContain('is up to date');
  });

  it('a create that got no answer and left nothing on the server is not sent again in that run (exit 3); the next run creates it once', async ({ expect }) => {
    const { sim, campaign, numbers } = await setUp();
    sim.sim.faults.add({ kind: 'drop', rate: 1, endpoints: ['POST /porting_orders'], count: 1 });
    const first = await runBulkport(submitArgs(campaign, 'out'), sim.sim, campaign.dir);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('got no clear answer; run the same command again');
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.filter((row) => row.status === 'failed' && row.issue_code === 'SUBMIT_FAILED').length).toBeGreaterThan(0);
    const second = await runBulkport(submitArgs(campaign, 'again'), sim.sim, campaign.dir);
    expect(second.code).toBe(0);
    expectConverged(expect, sim.sim, numbers);
  });
});
