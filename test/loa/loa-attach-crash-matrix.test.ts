import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { campaignOrders } from '../submit/campaign-fixture.js';
import { CAMPAIGN, draftCampaign, fillIndex, writeSignedPdf, type DraftCampaign } from './loa-fixture.js';
import { killAtHold, spawnKillableCli } from '../helpers/crash-point.js';

/**
 * The crash matrix of `loa attach` (needs `npm run build`): a real child process is SIGKILLed while
 * the simulator holds the k-th request of an endpoint, then a re-run must converge: every order has
 * its signed LOA, no order had its LOA set twice (one `loa_updated` event per order), orders that
 * signed the same bytes share one document, and a last run sends nothing at all.
 */
interface CrashCase {
  readonly name: string;
  readonly endpoint: string;
  readonly k: number;
  readonly point: 'before' | 'after';
  readonly then: 'drop' | 'release';
  readonly advanceMs?: number;
  /** The re-run must not send this PATCH again: it reads the order and finds the LOA there. */
  readonly isHandled?: boolean;
}

const CASES: readonly CrashCase[] = [
  { name: 'before the first upload reaches the server', endpoint: 'POST /documents', k: 1, point: 'before', then: 'drop' },
  { name: 'during the first upload (stored, answer lost)', endpoint: 'POST /documents', k: 1, point: 'after', then: 'release' },
  { name: 'before the first PATCH', endpoint: 'PATCH /porting_orders/:id', k: 1, point: 'before', then: 'drop' },
  { name: 'during the first PATCH (handled after the client died)', endpoint: 'PATCH /porting_orders/:id', k: 1, point: 'before', then: 'release', isHandled: true },
  { name: 'after the second PATCH, its answer not yet received', endpoint: 'PATCH /porting_orders/:id', k: 2, point: 'after', then: 'release', isHandled: true },
  { name: 'before the first PATCH, uploads deleted by the time of the re-run', endpoint: 'PATCH /porting_orders/:id', k: 1, point: 'before', then: 'drop', advanceMs: 31 * 60_000 },
];

const running = new Set<DraftCampaign>();
afterAll(async () => {
  for (const setup of running) await setup.t.sim.close();
});

/** Three drafts, their LOAs downloaded; Acme and Initech sign the same bytes, Globex its own: 2 distinct files. */
async function setUp(): Promise<{ setup: DraftCampaign; index: string }> {
  const setup = await draftCampaign();
  running.add(setup);
  const outDir = path.join(setup.campaign.dir, 'loas');
  const download = await setup.run('loa', 'download', '--campaign', CAMPAIGN, '-o', outDir);
  if (download.code !== 0) throw new Error(`loa download: ${download.stderr}`);
  await writeSignedPdf(path.join(outDir, 'signed', 'shared.pdf'), 'acme and initech');
  await copyFile(path.join(outDir, 'signed', 'shared.pdf'), path.join(outDir, 'signed', 'initech.pdf'));
  await writeSignedPdf(path.join(outDir, 'signed', 'globex.pdf'), 'globex');
  const index = path.join(outDir, 'loa-index.xlsx');
  await fillIndex(index, ({ endUser }) => `signed/${endUser.startsWith('Globex') ? 'globex' : endUser.startsWith('Acme') ? 'shared' : 'initech'}.pdf`);
  return { setup, index };
}

function spawnAttach(setup: DraftCampaign, index: string): ReturnType<typeof spawnKillableCli> {
  return spawnKillableCli(['loa', 'attach', '--campaign', CAMPAIGN, index, '--state-dir', setup.campaign.stateDir], { cwd: setup.campaign.dir, baseURL: setup.t.sim.baseURL });
}

describe.concurrent('loa attach crash matrix: SIGKILL at an exact point, then a re-run converges', () => {
  for (const testCase of CASES) {
    it(`killed ${testCase.name}`, async ({ expect }) => {
      const { setup, index } = await setUp();
      const sim = setup.t.sim;
      const hold = sim.hold(testCase.endpoint, testCase.k, testCase.point);
      const child = spawnAttach(setup, index);
      expect(await killAtHold(child, hold, testCase.then, setup.t.sim)).toBe('held');
      if (testCase.advanceMs !== undefined) sim.advance(testCase.advanceMs);

      sim.resetStats();
      const rerun = await setup.run('loa', 'attach', '--campaign', CAMPAIGN, index);
      expect(rerun.code).toBe(0);
      if (testCase.endpoint.startsWith('PATCH')) {
        // An intent without a result: the order is read before anything is sent again.
        expect(sim.stats().calls['GET /porting_orders/:id'] ?? 0).toBeGreaterThanOrEqual(1);
      }
      if (testCase.isHandled === true) expect(sim.stats().calls['PATCH /porting_orders/:id'] ?? 0).toBeLessThanOrEqual(2);
      expect(rerun.stderr).toContain('no longer running; taking the lock over');
      const orders = campaignOrders(sim, CAMPAIGN);
      expect(orders.every((o) => o.documents.loa !== null && o.requirements_met)).toBe(true);
      // No order had its LOA set twice: exactly one loa_updated event per order.
      const loaEvents = sim.events.all('porting').filter((e) => e.eventType === 'porting_order.loa_updated');
      expect(loaEvents.map((e) => e.subjectId).sort()).toEqual(orders.map((o) => o.id).sort());
      // The same signed bytes are one document on both orders.
      const byUser = (prefix: string) => orders.find((o) => o.end_user.admin.entity_name?.startsWith(prefix))?.documents.loa;
      expect(byUser('Acme')).toBe(byUser('Initech'));
      expect(byUser('Globex')).not.toBe(byUser('Acme'));

      sim.resetStats();
      const last = await setup.run('loa', 'attach', '--campaign', CAMPAIGN, index);
      expect(last.code).toBe(0);
      expect(last.stdout).toContain('0 LOA(s) attached, 3 already attached');
      expect(sim.stats().calls).toEqual({});
      assertContract(setup.t.recorder.exchanges);
    });
  }
});
