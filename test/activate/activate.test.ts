import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { activate, activateWatching, activationCampaign, advanceToFocDay, storedJobs, type ActivationCampaign } from './activate-fixture.js';
import { ACME, campaignOrders, makeCampaignDir, runBulkport, writeSheet } from '../submit/campaign-fixture.js';
import { findNumbers, startTestSimulator } from '../sim/sim-fixture.js';
import { startInProcess } from '../helpers/run-in-process.js';

const opened: ActivationCampaign[] = [];
async function campaign(failShare = 0): Promise<ActivationCampaign> {
  const setup = await activationCampaign(failShare);
  opened.push(setup);
  setup.sim.resetStats();
  return setup;
}
afterAll(async () => {
  for (const setup of opened.splice(0)) await setup.sim.close();
});

async function csv(setup: ActivationCampaign, out: string, name: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(path.join(setup.campaign.dir, out, `${name}.csv`)), { columns: true, bom: true }) as Array<Record<string, string>>;
}

const calls = (setup: ActivationCampaign, endpoint: string): number => setup.sim.stats().calls[endpoint] ?? 0;
const ACTIVATE = 'POST /porting_orders/:id/actions/activate';
const LIST_JOBS = 'GET /porting_orders/:id/activation_jobs';
const READ_JOB = 'GET /porting_orders/:id/activation_jobs/:jobId';
const PATCH_JOB = 'PATCH /porting_orders/:id/activation_jobs/:jobId';

// Each test has its own simulator and folders, so they run side by side (most of a test is the submit that sets it up).
describe.concurrent('activate (on-demand activation of US FastPort orders)', () => {
  it('on the FOC day activates each eligible order with one call, lists the others with why, and a re-run sends nothing', async () => {
    const setup = await campaign();
    advanceToFocDay(setup);
    const run = await activate(setup, 'a1');
    expect(run.code, run.stderr).toBe(0);
    expect(calls(setup, ACTIVATE)).toBe(setup.fastOrders.length);
    expect(calls(setup, LIST_JOBS)).toBe(0);
    expect(calls(setup, 'GET /porting_orders')).toBe(1);
    expect(run.stdout).toContain(`${setup.otherOrders.length} order(s) not eligible — not FastPort eligible`);
    const rows = await csv(setup, 'a1', 'activation-outcomes');
    // Every order of the campaign is in the outcomes, each not-eligible one with why.
    expect(rows.map((r) => r.porting_order_id).sort()).toEqual([...setup.fastOrders, ...setup.otherOrders].sort());
    for (const id of setup.otherOrders) expect(rows.find((r) => r.porting_order_id === id)).toMatchObject({ outcome: 'not-eligible', detail: expect.stringContaining('not FastPort eligible') });
    expect(rows.filter((r) => r.outcome === 'activated').map((r) => r.porting_order_id).sort()).toEqual([...setup.fastOrders].sort());
    expect(storedJobs(setup).filter((j) => j.type === 'on-demand')).toHaveLength(setup.fastOrders.length);

    // The jobs are still running: a re-run looks at them (one read per order) and sends nothing.
    setup.sim.resetStats();
    const again = await activate(setup, 'a2');
    expect(again.code, again.stderr).toBe(0);
    expect(calls(setup, ACTIVATE)).toBe(0);
    expect(calls(setup, LIST_JOBS)).toBe(setup.fastOrders.length);
    expect(storedJobs(setup).filter((j) => j.type === 'on-demand')).toHaveLength(setup.fastOrders.length);
    assertContract(setup.test.recorder.exchanges);
  });

  it('--watch follows the jobs to completed with job reads only, and reports each number from its activation_status', async () => {
    const setup = await campaign();
    advanceToFocDay(setup);
    const run = await activateWatching(setup, 'w1');
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(calls(setup, ACTIVATE)).toBe(setup.fastOrders.length);
    expect(calls(setup, LIST_JOBS)).toBe(0);
    expect(calls(setup, READ_JOB)).toBeGreaterThanOrEqual(setup.fastOrders.length);
    // The campaign listing, before and after the watch: no per-order reads.
    expect(calls(setup, 'GET /porting_orders')).toBe(2);
    expect(calls(setup, 'GET /porting_orders/:id')).toBe(0);
    const numbers = await csv(setup, 'w1', 'activation-numbers');
    expect(numbers.length).toBe(4);
    expect(numbers.every((n) => n.outcome === 'ported' && n.activation_status === 'Active')).toBe(true);
    expect(run.stdout).toContain('numbers: 4 ported, 0 failed');
    const summary = JSON.parse(await readFile(path.join(setup.campaign.dir, 'w1', 'summary.json'), 'utf8')) as { details: { outcomes: Record<string, number> }; api: { stateChangingCalls: number } };
    expect(summary.details.outcomes).toMatchObject({ activated: setup.fastOrders.length, 'not-eligible': setup.otherOrders.length });
    expect(summary.api.stateChangingCalls).toBe(setup.fastOrders.length);
    // Once activated, a re-run sends nothing and reads nothing per order: the journal knows they completed.
    setup.sim.resetStats();
    const again = await activate(setup, 'w2');
    expect(again.code).toBe(0);
    expect(calls(setup, ACTIVATE) + calls(setup, LIST_JOBS) + calls(setup, READ_JOB)).toBe(0);
    expect(again.stdout).toContain('already ported');
  });

  it('before the FOC day nothing is sent: the whole campaign exits 0, a named order exits 1, each saying why', async () => {
    const setup = await campaign();
    const run = await activate(setup, 'early');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/not eligible — FOC date \d{4}-\d\d-\d\d not reached \(Telnyx's date is \d{4}-\d\d-\d\d, UTC\)/);
    const named = await activate(setup, 'early-named', '--order', setup.fastOrders[0] ?? '');
    expect(named.code).toBe(1);
    const notFast = await activate(setup, 'not-fast', '--order', setup.otherOrders[0] ?? '');
    expect(notFast.code).toBe(1);
    expect(notFast.stdout).toContain('not FastPort eligible');
    expect(calls(setup, ACTIVATE)).toBe(0);
  });

  it('after a seeded failure: exit 1 with what Telnyx says per number; a re-run re-activates only the orders whose latest job failed', async () => {
    const setup = await campaign(1);
    advanceToFocDay(setup);
    const [first, second] = setup.fastOrders;
    const failed = await activateWatching(setup, 'f1', '--order', first ?? '');
    expect(failed.code, failed.stderr + failed.stdout).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`porting order ${first}: failed .*SV_`));
    const numbers = await csv(setup, 'f1', 'activation-numbers');
    expect(numbers.every((n) => n.outcome === 'failed' && n.activation_status === 'Failed' && /^SV_/.test(n.detail ?? ''))).toBe(true);

    // Whole campaign: the failed order again (its second job completes) and the other one for the first time (fails).
    setup.sim.resetStats();
    const rerun = await activateWatching(setup, 'f2');
    expect(rerun.code).toBe(1);
    expect(calls(setup, ACTIVATE)).toBe(2);
    expect(rerun.stdout).toContain(`porting order ${first}: activated`);
    expect(rerun.stdout).toMatch(new RegExp(`porting order ${second}: failed`));

    // Only the order whose latest job failed is sent again.
    setup.sim.resetStats();
    const last = await activateWatching(setup, 'f3');
    expect(last.code, last.stdout).toBe(0);
    expect(calls(setup, ACTIVATE)).toBe(1);
    expect(last.stdout).toContain(`porting order ${second}: activated`);
    expect(storedJobs(setup).filter((j) => j.type === 'on-demand').map((j) => j.status).sort()).toEqual(['completed', 'completed', 'failed', 'failed']);
  });

  it('--at: a time outside every window is refused before any write (exit 2, naming the windows); inside one each scheduled job moves once', async () => {
    const setup = await campaign();
    const outside = await activate(setup, 'at1', '--at', '17:30');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/is outside every activation window of job .* \(\d{4}-\d\d-\d\d 12:00–16:00 UTC, \d{4}-\d\d-\d\d 19:00–23:00 UTC\)/);
    expect(outside.stderr).toContain('nothing was sent');
    expect(calls(setup, PATCH_JOB) + calls(setup, ACTIVATE)).toBe(0);

    // A time that is not a time is refused before any call at all.
    setup.sim.resetStats();
    const bad = await activate(setup, 'at2', '--at', '2027-01-15 19:30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected an ISO 8601 date-time with its time zone');
    expect(setup.sim.stats().totalCalls).toBe(0);

    const moved = await activate(setup, 'at3', '--at', '19:30');
    expect(moved.code, moved.stderr).toBe(0);
    expect(calls(setup, PATCH_JOB)).toBe(setup.fastOrders.length);
    expect(moved.stdout).toContain(`${setup.otherOrders.length} order(s) not eligible`);
    const scheduled = setup.fastOrders.map((id) => setup.sim.orders.activationJobs(id).find((j) => j.type === 'scheduled'));
    expect(scheduled.every((j) => new Date(j?.activateAtMs ?? 0).toISOString().slice(11, 16) === '19:30')).toBe(true);

    const again = await activate(setup, 'at4', '--at', '19:30');
    expect(again.code).toBe(0);
    expect(calls(setup, PATCH_JOB)).toBe(setup.fastOrders.length);
    expect(again.stdout).toContain('activate_at already');

    const list = await activate(setup, 'list', '--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/scheduled +created +activate_at \d{4}-\d\d-\d\dT19:30:00.000Z +windows .*12:00–16:00 UTC/);
    expect(list.stdout).toContain('not FastPort');
    assertContract(setup.test.recorder.exchanges);
  });

  it('usage errors and a watch that runs out of time: exit 2 before anything is sent, exit 3 with the jobs still running', async () => {
    const setup = await campaign();
    advanceToFocDay(setup);
    expect((await activate(setup, 'u1', '--order', 'not-an-order')).code).toBe(2);
    expect((await activate(setup, 'u2', '--list', '--watch')).code).toBe(2);
    expect((await activate(setup, 'u3', '--watch', '--poll-interval', 'soon')).code).toBe(2);
    expect(calls(setup, ACTIVATE)).toBe(0);
    const timedOut = await activate(setup, 'u4', '--watch', '--poll-interval', '10ms', '--timeout', '50ms');
    expect(timedOut.code).toBe(3);
    expect(timedOut.stdout).toContain('run activate --watch again (nothing is sent twice)');
    expect(calls(setup, ACTIVATE)).toBe(setup.fastOrders.length);
  });

  it('Ctrl-C while watching: exit 3, the outcomes written with the jobs still running, the run ended in the journal; a re-run watches on without sending', async () => {
    const setup = await campaign();
    advanceToFocDay(setup);
    const abort = new AbortController();
    const args = ['activate', '--campaign', 'c1', '--state-dir', setup.campaign.stateDir, '-o', path.join(setup.campaign.dir, 'stopped'), '--watch', '--poll-interval', '20ms', '--quiet'];
    const run = startInProcess(args, setup.sim, { cwd: setup.campaign.dir, signal: abort.signal });
    while (storedJobs(setup).filter((j) => j.type === 'on-demand').length < setup.fastOrders.length) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    abort.abort();
    expect(await run.done).toBe(3);
    const rows = await csv(setup, 'stopped', 'activation-outcomes');
    expect(rows.filter((r) => r.outcome === 'running').map((r) => r.porting_order_id).sort()).toEqual([...setup.fastOrders].sort());
    const journal = await readFile(path.join(setup.campaign.stateDir, 'c1', 'journal.jsonl'), 'utf8');
    expect(journal.trim().split('\n').at(-1)).toContain('"t":"end"');
    const before = calls(setup, ACTIVATE);
    const resumed = await activateWatching(setup, 'resumed');
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(calls(setup, ACTIVATE)).toBe(before);
    const resumedRows = await csv(setup, 'resumed', 'activation-outcomes');
    expect(resumedRows.filter((r) => r.outcome === 'activated' || r.outcome === 'done').map((r) => r.porting_order_id).sort()).toEqual([...setup.fastOrders].sort());
  });

  it('an activate whose answer is lost is found by reading the order\'s jobs, not sent again; one that never arrived is sent once more', async () => {
    const setup = await campaign();
    advanceToFocDay(setup);
    setup.sim.faults.add({ kind: 'lost-create', rate: 1, endpoints: [ACTIVATE], count: 1 });
    const lost = await activate(setup, 'lost', '--order', setup.fastOrders[0] ?? '');
    expect(lost.code, lost.stderr + lost.stdout).toBe(0);
    expect(lost.stdout).toContain('found (an earlier send reached Telnyx)');
    expect(calls(setup, ACTIVATE)).toBe(1);
    expect(calls(setup, LIST_JOBS)).toBe(1);
    setup.sim.faults.add({ kind: 'drop', rate: 1, endpoints: [ACTIVATE], count: 1 });
    const dropped = await activate(setup, 'dropped', '--order', setup.fastOrders[1] ?? '');
    expect(dropped.code, dropped.stderr + dropped.stdout).toBe(0);
    expect(calls(setup, ACTIVATE)).toBe(3);
    expect(storedJobs(setup).filter((j) => j.type === 'on-demand').map((j) => j.order).sort()).toEqual([...setup.fastOrders].sort());
  });
});

describe('activate: an order with more numbers than Telnyx embeds', () => {
  it('reports every number of a 60-number order (--max-per-order 100), the ones past the first 50 from the numbers listing', async () => {
    const test = await startTestSimulator({ activationFailShare: 0, startAt: new Date('2026-11-23T09:00:00Z') });
    try {
      const sim = test.sim;
      const [first] = findNumbers(sim, 1, (p) => p.portable && p.fastPortable && p.phoneNumberType === 'local');
      const spid = sim.state.numbers.profile(first ?? '')?.carrier.spid;
      const numbers = findNumbers(sim, 60, (p) => p.portable && p.fastPortable && p.phoneNumberType === 'local' && p.carrier.spid === spid);
      const dir = await makeCampaignDir();
      await writeSheet(dir, numbers.map((n) => ({ ...ACME, phone_number: n })));
      const submit = await runBulkport(['submit', dir.sheet, '--campaign', 'c1', '--state-dir', dir.stateDir, '-o', path.join(dir.dir, 'submit'), '--confirm', '--max-per-order', '100'], sim, dir.dir);
      expect(submit.code, submit.stdout).toBe(0);
      sim.advance(2 * 3_600_000 + 60_000);
      const orders = campaignOrders(sim, 'c1');
      expect(orders.map((o) => o.porting_phone_numbers_count)).toEqual([60]);
      const setup: ActivationCampaign = { test, sim, campaign: dir, fastOrders: orders.map((o) => o.id), otherOrders: [] };
      advanceToFocDay(setup);
      sim.resetStats();
      const run = await activateWatching(setup, 'big');
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const rows = await csv(setup, 'big', 'activation-numbers');
      expect(rows.map((r) => r.phone_number).sort()).toEqual([...numbers].sort());
      expect(rows.every((r) => r.outcome === 'ported')).toBe(true);
      expect(calls(setup, 'GET /porting_phone_numbers')).toBe(1);
    } finally {
      await test.sim.close();
    }
  });
});
