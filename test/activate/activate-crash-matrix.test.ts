import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { activate, activationCampaign, advanceToFocDay, storedJobs, type ActivationCampaign } from './activate-fixture.js';
import { killAtHold, spawnKillableCli } from '../helpers/crash-point.js';

/**
 * The crash matrix of `activate` (needs `npm run build`): a real `bulkport activate` child is
 * SIGKILLed while the simulator holds its k-th activate (or job PATCH) request, the request is then
 * dropped or handled anyway, and a re-run must converge: every FastPort order has exactly one
 * on-demand job (none sent twice), or its scheduled job at the asked time.
 */
interface CrashCase {
  readonly name: string;
  readonly endpoint: string;
  readonly k: number;
  readonly point: 'before' | 'after';
  readonly then: 'drop' | 'release';
  readonly at?: string;
}

const ACTIVATE = 'POST /porting_orders/:id/actions/activate';
const PATCH_JOB = 'PATCH /porting_orders/:id/activation_jobs/:jobId';
const CASES: readonly CrashCase[] = [
  { name: 'before the first activate reaches the server', endpoint: ACTIVATE, k: 1, point: 'before', then: 'drop' },
  { name: 'during the first activate (handled after the client died)', endpoint: ACTIVATE, k: 1, point: 'before', then: 'release' },
  { name: 'after the first activate, its answer not yet received', endpoint: ACTIVATE, k: 1, point: 'after', then: 'release' },
  { name: 'after the second activate', endpoint: ACTIVATE, k: 2, point: 'after', then: 'release' },
  { name: 'before the first job PATCH (--at)', endpoint: PATCH_JOB, k: 1, point: 'before', then: 'drop', at: '20:15' },
  { name: 'after the first job PATCH (--at)', endpoint: PATCH_JOB, k: 1, point: 'after', then: 'release', at: '20:15' },
];

const running = new Set<ActivationCampaign>();
afterAll(async () => {
  for (const setup of running) await setup.sim.close();
});

function spawnActivate(setup: ActivationCampaign, extra: readonly string[]): ReturnType<typeof spawnKillableCli> {
  const args = ['activate', '--campaign', 'c1', '--state-dir', setup.campaign.stateDir, '-o', path.join(setup.campaign.dir, 'crashed'), ...extra];
  return spawnKillableCli(args, { cwd: setup.campaign.dir, baseURL: setup.sim.baseURL });
}

describe.concurrent('activate crash matrix: SIGKILL at an exact point, then a re-run sends nothing twice', () => {
  for (const testCase of CASES) {
    it(`killed ${testCase.name}`, async ({ expect }) => {
      const setup = await activationCampaign(0);
      running.add(setup);
      if (testCase.at === undefined) advanceToFocDay(setup);
      const extra = testCase.at === undefined ? [] : ['--at', testCase.at];
      const hold = setup.sim.hold(testCase.endpoint, testCase.k, testCase.point);
      const child = spawnActivate(setup, extra);
      expect(await killAtHold(child, hold, testCase.then, setup.sim)).toBe('held');

      const rerun = await activate(setup, 'rerun', ...extra);
      expect(rerun.code, rerun.stderr + rerun.stdout).toBe(0);
      expect(rerun.stderr).toContain('no longer running; taking the lock over');
      if (testCase.at === undefined) {
        const onDemand = storedJobs(setup).filter((job) => job.type === 'on-demand');
        // Exactly one on-demand job per FastPort order: nothing was activated twice.
        expect(onDemand.map((job) => job.order).sort()).toEqual([...setup.fastOrders].sort());
      } else {
        for (const id of setup.fastOrders) {
          const scheduled = setup.sim.orders.activationJobs(id).filter((job) => job.type === 'scheduled');
          expect(scheduled.map((job) => new Date(job.activateAtMs).toISOString().slice(11, 16))).toEqual(['20:15']);
        }
      }
      // A third run sends nothing at all.
      const writes = (): number => (setup.sim.stats().calls[ACTIVATE] ?? 0) + (setup.sim.stats().calls[PATCH_JOB] ?? 0);
      const before = writes();
      const again = await activate(setup, 'again', ...extra);
      expect(again.code).toBe(0);
      expect(writes()).toBe(before);
      assertContract(setup.test.recorder.exchanges);
    });
  }
});
