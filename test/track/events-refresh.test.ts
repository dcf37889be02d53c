import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { DAY_MS, HOUR_MS } from '../../src/sim/clock.js';
import { buildTrackingOrderSheet } from '../../src/track/build-tracking-results.js';
import type { TrackingSummary } from '../../src/track/write-tracking-results.js';
import { assertContract } from '../contract/contract.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { completeOrder, findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir, type SheetRow } from '../submit/campaign-fixture.js';
import { CAMPAIGN, ON_CARRIER, readJson } from './track-fixture.js';

let t: TestSimulator | undefined;
afterEach(async () => {
  await t?.sim.close();
  t = undefined;
});

/** Six end users of three numbers each: with the shares below some orders raise exceptions, some split. */
function endUsers(numbers: readonly string[]): SheetRow[] {
  return numbers.map((phone_number, index) => {
    const user = Math.floor(index / 3);
    return { ...ACME, phone_number, entity_name: `End User ${user}`, account_number: `EU-${1000 + user}` };
  });
}

interface Campaign {
  readonly sim: TestSimulator;
  readonly dir: CampaignDir;
  status(stateDir: string, out: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string; dir: string; summary: TrackingSummary | undefined }>;
  /** The control route that moves the simulator's clock (as an operator's script would). */
  advance(ms: number): Promise<void>;
}

async function submitted(options: { exceptionShare?: number; splitShare?: number; size?: number; confirm?: boolean } = {}): Promise<Campaign> {
  t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), speed: 0, exceptionShare: options.exceptionShare ?? 0, splitShare: options.splitShare ?? 0 });
  const sim = t;
  const dir = await makeCampaignDir();
  await writeSheet(dir, endUsers(findNumbers(sim.sim, options.size ?? 18, ON_CARRIER('9104'))));
  const submit = await runBulkport(['submit', dir.sheet, '--campaign', CAMPAIGN, '--state-dir', dir.stateDir, '-o', path.join(dir.dir, 'submit'), ...(options.confirm === false ? [] : ['--confirm'])], sim.sim, dir.dir);
  if (submit.code !== 0) throw new Error(`submit: ${submit.code} ${submit.stderr}`);
  return {
    sim,
    dir,
    async status(stateDir, out, ...extra) {
      const outDir = path.join(dir.dir, out);
      const run = await runBulkport(['status', '--campaign', CAMPAIGN, '--state-dir', stateDir, '-o', outDir, ...extra], sim.sim, dir.dir);
      const summary = await readJson<TrackingSummary>(path.join(outDir, 'summary.json')).catch(() => undefined);
      return { ...run, dir: outDir, summary };
    },
    async advance(ms) {
      const response = await fetch(`${sim.sim.origin}/_sim/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
      expect(response.status).toBe(200);
    },
  };
}

/** A busy second campaign on the same account: its orders make events the first campaign must ignore. */
async function otherCampaignOrders(sim: TestSimulator, count: number): Promise<string[]> {
  const ids: string[] = [];
  const numbers = findNumbers(sim.sim, count, ON_CARRIER('9104'), '+1720555');
  for (const number of numbers) {
    const id = (await sim.client.portingOrders.create({ phone_numbers: [number], customer_group_reference: 'the-other-campaign' })).data?.[0]?.id ?? '';
    await completeOrder(sim.client, id);
    await sim.client.portingOrders.actions.confirm(id);
    ids.push(id);
  }
  return ids;
}

/** The Orders sheet of results.xlsx (status, FOC, requirements, last comment, support key per order), as text rows. */
async function ordersSheet(outDir: string): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(outDir, 'results.xlsx'));
  const rows: string[][] = [];
  workbook.getWorksheet('Orders')?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

function apiCalls(sim: TestSimulator): number {
  return Object.values(sim.sim.stats().calls).reduce((a, b) => a + b, 0);
}

describe('status from the events feed', () => {
  it('20 simulated days: the events refresh gives the full refresh results, row by row, at every refresh', async () => {
    const c = await submitted({ exceptionShare: 0.4, splitShare: 0.6 });
    const eventsDir = c.dir.stateDir;
    const fullDir = path.join(c.dir.dir, 'state-full');
    await cp(eventsDir, fullDir, { recursive: true });
    // Day 0: the first status of each journal is a full refresh.
    expect((await c.status(eventsDir, 'e0')).summary?.details).toMatchObject({ refresh: 'full', fullRefreshReason: 'first refresh' });
    expect((await c.status(fullDir, 'f0')).summary?.details).toMatchObject({ refresh: 'full' });
    const other = await otherCampaignOrders(c.sim, 3);

    const seen = { exception: 0, split: 0, cancelled: 0, comments: 0 };
    // Refreshes on the days a campaign moves most, then further apart (each step applies every event since the last).
    let previousDay = 0;
    for (const day of [1, 2, 3, 4, 6, 9, 14, 20]) {
      await c.advance(day === 1 ? 5 * HOUR_MS : (day - previousDay) * DAY_MS);
      previousDay = day;
      const orders = c.sim.sim.orders.list().filter((o) => o.customerGroupReference === CAMPAIGN);
      if (day === 2) {
        // People outside the tool: a comment, a cancel, an exception corrected in the portal.
        const moving = orders.find((o) => o.status === 'submitted' || o.status === 'foc-date-confirmed');
        if (moving) await c.sim.client.portingOrders.comments.create(moving.id, { body: 'Customer asks for an early date' });
        const toCancel = orders.find((o) => o !== moving && (o.status === 'submitted' || o.status === 'foc-date-confirmed'));
        if (toCancel) await c.sim.client.portingOrders.actions.cancel(toCancel.id);
        for (const order of orders.filter((o) => o.status === 'exception')) {
          const [, , group, field] = (order.openException?.pointer ?? '').split('/');
          const corrected = field === 'billing_phone_number' ? '+13035550177' : field === 'postal_code' ? '78702' : 'CORRECTED-1';
          await c.sim.client.portingOrders.update(order.id, { end_user: { [group ?? 'admin']: { [field ?? 'account_number']: corrected } } } as never);
        }
        await c.sim.client.portingOrders.comments.create(other[0] ?? '', { body: 'not this campaign' });
      }
      const byEvents = await c.status(eventsDir, `e${day}`, '--format', 'csv');
      const byListing = await c.status(fullDir, `f${day}`, '--full', '--format', 'csv');
      expect(byEvents.code, byEvents.stderr).toBe(byListing.code);
      expect(byEvents.summary?.details).toMatchObject({ refresh: 'events', reads: { comments: 0 } });
      expect(byListing.summary?.details).toMatchObject({ refresh: 'full' });
      expect(await readResults(byEvents.dir), `day ${day}`).toEqual(await readResults(byListing.dir));
      expect(await readFile(path.join(byEvents.dir, 'exceptions.csv'), 'utf8'), `day ${day}`).toBe(await readFile(path.join(byListing.dir, 'exceptions.csv'), 'utf8'));
      // The Orders sheet of results.xlsx (FOC, requirements, last comment, support key), built from each journal.
      expect(buildTrackingOrderSheet((await readCampaign(eventsDir, CAMPAIGN))!), `day ${day}`).toEqual(buildTrackingOrderSheet((await readCampaign(fullDir, CAMPAIGN))!));
      const lines = byEvents.summary?.changes?.lines.join('; ') ?? '';
      if (lines.includes('exception')) seen.exception += 1;
      if (lines.includes('split into')) seen.split += 1;
      if (lines.includes('cancelled')) seen.cancelled += 1;
      if (lines.includes('new comment')) seen.comments += 1;
    }
    // The days covered what a campaign meets: exceptions, splits, a cancel, comments, all ported in the end.
    expect(seen.exception).toBeGreaterThan(0);
    expect(seen.split).toBeGreaterThan(0);
    expect(seen.cancelled).toBeGreaterThan(0);
    expect(seen.comments).toBeGreaterThan(0);
    const finalRows = await readResults(path.join(c.dir.dir, 'e20'));
    expect(new Set(finalRows.map((r) => r.status))).toEqual(new Set(['ported', 'cancelled']));
    const state = await readCampaign(eventsDir, CAMPAIGN);
    expect(state?.tracking.eventIds.size).toBeGreaterThan(20);
    assertContract(c.sim.recorder.exchanges);
  });

  it('call budget: nothing changed costs one call; k changed orders among a busy account cost ≤ 3 + k + ⌈E/250⌉', async () => {
    const c = await submitted({ size: 12 });
    await c.status(c.dir.stateDir, 's0');
    c.sim.sim.resetStats();
    const quiet = await c.status(c.dir.stateDir, 's1');
    expect(apiCalls(c.sim)).toBe(1);
    expect(c.sim.sim.stats().calls['GET /porting/events']).toBe(1);
    expect(quiet.summary?.changes?.lines).toEqual(['nothing moved since the last refresh']);
    expect(quiet.stdout).toContain('refresh: events since the last refresh: 0 changed order(s) read; events: 0 of this campaign applied, 0 of other orders ignored');

    // A busy second campaign: 260 events of its own (more than a page) while 4 of ours move.
    const busy = await otherCampaignOrders(c.sim, 40);
    for (const id of busy) for (let i = 0; i < 5; i += 1) await c.sim.client.portingOrders.comments.create(id, { body: `note ${i}` });
    await c.advance(2 * HOUR_MS);
    c.sim.sim.resetStats();
    const moved = await c.status(c.dir.stateDir, 's2');
    const details = moved.summary?.details as { reads: { orderReads: number; orderPages: number; eventPages: number }; events: { fromFeed: number; applied: number; ignored: number; changedOrders: number } };
    const k = details.events.changedOrders;
    const eventsInWindow = details.events.fromFeed;
    expect(k).toBe(4);
    // Four changed orders of a four-order campaign: one listing page reads them for less than four reads by id.
    expect(details.reads).toMatchObject({ orderPages: 1, orderReads: 0 });
    expect(eventsInWindow).toBeGreaterThan(250);
    expect(details.reads.eventPages).toBe(Math.ceil(eventsInWindow / 250));
    expect(apiCalls(c.sim)).toBeLessThanOrEqual(3 + k + Math.ceil(eventsInWindow / 250));
    expect(moved.summary?.changes?.lines).toEqual(['4 orders submitted']);
    expect(details.events.ignored).toBeGreaterThan(250);
    expect(moved.stdout).toMatch(/events: \d+ of this campaign applied, \d+ of other orders ignored/);

    // The overlap reads the last events again: they are neither applied nor counted twice.
    c.sim.sim.resetStats();
    const again = await c.status(c.dir.stateDir, 's3');
    expect(again.summary?.details).toMatchObject({ reads: { orderReads: 0, orderPages: 0 }, events: { applied: 0, ignored: 0, changedOrders: 0 } });
    expect(apiCalls(c.sim)).toBeLessThanOrEqual(3);
  });

  it('falls back to the full refresh on --full and when the last events read is older than 7 days', async () => {
    const c = await submitted({ size: 6 });
    await c.status(c.dir.stateDir, 's0');
    const asked = await c.status(c.dir.stateDir, 's1', '--full');
    expect(asked.summary?.details).toMatchObject({ refresh: 'full', fullRefreshReason: '--full' });
    expect(asked.stdout).toContain('refresh: full refresh (--full)');
    const eightDaysOn = new Date(Date.now() + 8 * DAY_MS);
    const run = await runInProcess(['status', '--campaign', CAMPAIGN, '--state-dir', c.dir.stateDir, '-o', path.join(c.dir.dir, 's2'), '--rate', '500', '--quiet'], c.sim.sim, { cwd: c.dir.dir, now: eightDaysOn });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/refresh: full refresh \(the last events read was 8 days ago, more than the 7 days bulkport relies on Telnyx keeping events\)/);
    const sevenDaysOn = await runInProcess(['status', '--campaign', CAMPAIGN, '--state-dir', c.dir.stateDir, '-o', path.join(c.dir.dir, 's3'), '--rate', '500', '--quiet'], c.sim.sim, { cwd: c.dir.dir, now: new Date(eightDaysOn.getTime() + 6 * DAY_MS) });
    expect(sevenDaysOn.stdout).toContain('refresh: events since the last refresh');
  });

  it('a deleted draft, comments and a new order of the campaign come from events', async () => {
    const c = await submitted({ size: 6, confirm: false });
    const first = await c.status(c.dir.stateDir, 's0');
    expect(first.code).toBe(0);
    const drafts = c.sim.sim.orders.list().filter((o) => o.customerGroupReference === CAMPAIGN);
    expect(drafts).toHaveLength(2);
    await c.sim.client.portingOrders.delete(drafts[0]?.id ?? '');
    await c.sim.client.portingOrders.comments.create(drafts[1]?.id ?? '', { body: 'Waiting for the signed LOA' });
    c.sim.sim.resetStats();
    const run = await c.status(c.dir.stateDir, 's1');
    expect(run.summary?.changes?.lines).toEqual(['1 order gone (deleted)', '1 order with a new comment']);
    // Deleted: nothing to read; the comment comes with its event: no order read at all.
    expect(run.summary?.details).toMatchObject({ refresh: 'events', reads: { orderReads: 0, orderPages: 0 }, events: { applied: 2, changedOrders: 0 } });
    expect(apiCalls(c.sim)).toBe(1);
    const rows = await readResults(run.dir);
    expect(rows.filter((r) => r.porting_order_id === drafts[0]?.id).map((r) => r.order_status)).toEqual(['deleted', 'deleted', 'deleted']);
    const commented = (await ordersSheet(run.dir)).find((row) => row.includes(drafts[1]?.id ?? ''));
    expect(commented?.some((cell) => cell.endsWith('user: Waiting for the signed LOA'))).toBe(true);

    // submit --confirm later: confirmed by this tool, so read on the next refresh even before an event says so.
    const confirm = await runBulkport(['submit', c.dir.sheet, '--campaign', CAMPAIGN, '--state-dir', c.dir.stateDir, '--confirm', '-o', path.join(c.dir.dir, 'sub2')], c.sim.sim, c.dir.dir);
    expect([0, 1]).toContain(confirm.code);
    const after = await c.status(c.dir.stateDir, 's2');
    expect(after.summary?.details).toMatchObject({ refresh: 'events' });
    const full = await c.status(path.join(c.dir.stateDir), 's3', '--full');
    expect(await readResults(after.dir)).toEqual(await readResults(full.dir));
  });

  it('an expired sharing token is reported until `share` makes a new one', async () => {
    const c = await submitted({ size: 6 });
    await c.status(c.dir.stateDir, 's0');
    const [order] = c.sim.sim.orders.list().filter((o) => o.customerGroupReference === CAMPAIGN);
    const share = (...extra: string[]) => runBulkport(['share', '--campaign', CAMPAIGN, '--order', order?.id ?? '', '--state-dir', c.dir.stateDir, ...extra], c.sim.sim, c.dir.dir);
    expect((await share('--expires', '1h', '-o', path.join(c.dir.dir, 'share1'))).code).toBe(0);
    await c.advance(2 * HOUR_MS);
    // Even a full refresh reads the events since the cursor, so the expiry is not missed.
    const expired = await c.status(c.dir.stateDir, 's1', '--full');
    expect(expired.summary?.details).toMatchObject({ refresh: 'full' });
    const at = (expired.summary?.details as { sharingTokensExpired: Array<{ order: string; at: string }> }).sharingTokensExpired;
    expect(at).toEqual([{ order: order?.id, at: expect.stringMatching(/^2026-11-24T11:00/) }]);
    expect(expired.stdout).toContain(`sharing token expired: order ${order?.id ?? ''}`);
    expect(expired.stdout).toContain(`bulkport share --campaign ${CAMPAIGN} --order ${order?.id ?? ''}`);
    expect((await share('--expires', '24h', '-o', path.join(c.dir.dir, 'share2'))).code).toBe(0);
    const renewed = await c.status(c.dir.stateDir, 's2');
    expect(renewed.summary?.details).toMatchObject({ sharingTokensExpired: [] });
    expect(renewed.stdout).not.toContain('sharing token expired');
  });
});
