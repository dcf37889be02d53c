import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import type { EventsRecord } from '../../src/campaign/journal-records.js';
import { EventsInbox } from '../../src/events/inbox.js';
import { HOUR_MS } from '../../src/sim/clock.js';
import type { TrackingSummary } from '../../src/track/write-tracking-results.js';
import { startInProcess } from '../helpers/run-in-process.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, GLOBEX, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir } from '../submit/campaign-fixture.js';
import { CAMPAIGN, ON_CARRIER, readJson } from './track-fixture.js';

let t: TestSimulator | undefined;
afterEach(async () => {
  await t?.sim.close();
  t = undefined;
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function campaignSheet(sim: TestSimulator): Promise<CampaignDir> {
  const dir = await makeCampaignDir();
  const [a, b, c] = findNumbers(sim.sim, 3, ON_CARRIER('9104'));
  await writeSheet(dir, [{ ...ACME, phone_number: a }, { ...ACME, phone_number: b }, { ...GLOBEX, phone_number: c }]);
  return dir;
}

async function status(sim: TestSimulator, dir: CampaignDir, stateDir: string, out: string) {
  const outDir = path.join(dir.dir, out);
  sim.sim.resetStats();
  const run = await runBulkport(['status', '--campaign', CAMPAIGN, '--state-dir', stateDir, '-o', outDir], sim.sim, dir.dir);
  const calls = Object.values(sim.sim.stats().calls).reduce((x, y) => x + y, 0);
  const summary = await readJson<TrackingSummary>(path.join(outDir, 'summary.json'));
  return { ...run, outDir, calls, summary, details: summary.details as { events: { fromInbox: number; applied: number; ignored: number; changedOrders: number }; reads: { orderReads: number }; sharingTokensExpired: unknown[] } };
}

/** Every event id the campaign's journal applied, in the order applied (a repeat would show twice). */
async function appliedIds(stateDir: string): Promise<string[]> {
  const state = await readCampaign(stateDir, CAMPAIGN);
  expect(state).toBeDefined();
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(path.join(stateDir, CAMPAIGN, 'journal.jsonl'), 'utf8')).split('\n').filter((l) => l.includes('"t":"events"'));
  return lines.flatMap((line) => (JSON.parse(line) as EventsRecord).applied.map((e) => e.id));
}

describe('status folds the webhook inbox', () => {
  it('after `listen`: the inbox events are applied once, with the feed\'s copies skipped, at the cost of a refresh without the inbox', async () => {
    t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), speed: 0 });
    const sim = t;
    const dir = await campaignSheet(sim);
    const keyFile = path.join(dir.dir, 'telnyx-public-key.txt');
    await writeFile(keyFile, `${sim.sim.webhooks.publicKey}\n`);
    const stop = new AbortController();
    const listen = startInProcess(['listen', '--port', '0', '--public-key-file', keyFile, '--state-dir', dir.stateDir], sim.sim, { signal: stop.signal });
    try {
      await waitFor('listen to start', () => /receiving Telnyx webhooks on (\S+)/.test(listen.stdout()));
      const url = /receiving Telnyx webhooks on (\S+)/.exec(listen.stdout())?.[1] ?? '';
      const submit = await runBulkport(['submit', dir.sheet, '--campaign', CAMPAIGN, '--state-dir', dir.stateDir, '-o', path.join(dir.dir, 'sub'), '--confirm', '--webhook-url', `${url}telnyx`], sim.sim, dir.dir);
      expect(submit.code, submit.stderr).toBe(0);
      expect((await status(sim, dir, dir.stateDir, 's0')).code).toBe(0);
      // A twin of the campaign's journal in a state dir without an inbox: the same refresh from the feed alone.
      const twin = path.join(dir.dir, 'twin');
      await mkdir(twin, { recursive: true, mode: 0o700 });
      await cp(path.join(dir.stateDir, CAMPAIGN), path.join(twin, CAMPAIGN), { recursive: true });

      sim.sim.advance(2 * HOUR_MS + 1);
      await fetch(`${sim.sim.origin}/_sim/webhooks/idle`, { method: 'POST' });
      const withInbox = await status(sim, dir, dir.stateDir, 's1');
      const feedOnly = await status(sim, dir, twin, 't1');
      expect(withInbox.summary.changes?.lines).toEqual(['2 orders submitted']);
      expect(withInbox.details.events.fromInbox).toBeGreaterThanOrEqual(2);
      expect(withInbox.details.events.applied).toBe(feedOnly.details.events.applied);
      // The inbox adds no call: the feed is read from the cursor either way, the changed orders once each.
      expect(withInbox.calls).toBe(feedOnly.calls);
      expect(withInbox.details.events.changedOrders).toBe(2);
      expect(await readResults(withInbox.outDir)).toEqual(await readResults(feedOnly.outDir));
      const ids = await appliedIds(dir.stateDir);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(await appliedIds(twin)));

      // Nothing new: the inbox is read from its journaled offset, the feed's overlap is skipped by id.
      const again = await status(sim, dir, dir.stateDir, 's2');
      expect(again.details.events).toMatchObject({ fromInbox: 0, applied: 0 });
      expect(again.calls).toBe(1);
    } finally {
      stop.abort();
      await listen.done;
    }
  });

  it('whichever path brings an event first, it is applied once; an event only the inbox has is not lost', async () => {
    t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), speed: 0 });
    const sim = t;
    const dir = await campaignSheet(sim);
    const submit = await runBulkport(['submit', dir.sheet, '--campaign', CAMPAIGN, '--state-dir', dir.stateDir, '-o', path.join(dir.dir, 'sub'), '--confirm'], sim.sim, dir.dir);
    expect(submit.code, submit.stderr).toBe(0);
    await status(sim, dir, dir.stateDir, 's0');
    const [first, second] = sim.sim.orders.list().filter((o) => o.customerGroupReference === CAMPAIGN);
    const inbox = await EventsInbox.open(dir.stateDir, { command: 'test', now: () => new Date(), notice: () => undefined });
    try {
      // Feed first: the comment is applied from the feed, its webhook comes later.
      await sim.client.portingOrders.comments.create(first?.id ?? '', { body: 'from the portal' });
      const fromFeed = await status(sim, dir, dir.stateDir, 's1');
      expect(fromFeed.details.events).toMatchObject({ applied: 1, fromInbox: 0 });
      const [commentEvent] = (await sim.client.porting.events.list({ filter: { type: 'porting_order.new_comment', porting_order_id: first?.id ?? '' } })).data;
      await inbox.add('porting', commentEvent as never);

      // Inbox only: Telnyx sends sharing_token_expired without a webhook in the spec, but a proxy or a
      // republish may deliver one; and an event of an order of no campaign.
      await inbox.add('porting', { id: 'a8e3f6c2-0000-4000-8000-000000000001', event_type: 'porting_order.sharing_token_expired', porting_order_id: second?.id ?? '', created_at: '2026-11-24T10:30:00.000Z', payload: null, record_type: 'porting_event' });
      await inbox.add('porting', { id: 'a8e3f6c2-0000-4000-8000-000000000002', event_type: 'porting_order.status_changed', porting_order_id: 'a8e3f6c2-0000-4000-8000-00000000dead', created_at: '2026-11-24T10:31:00.000Z', payload: { status: { value: 'submitted' } }, record_type: 'porting_event' });
      const fromInbox = await status(sim, dir, dir.stateDir, 's2');
      expect(fromInbox.code).toBe(0);
      expect(fromInbox.details.events).toMatchObject({ fromInbox: 3, applied: 1, ignored: 1 });
      expect(fromInbox.details.sharingTokensExpired).toEqual([{ order: second?.id, at: '2026-11-24T10:30:00.000Z' }]);
      expect(fromInbox.stdout).toContain(`sharing token expired: order ${second?.id ?? ''} at 2026-11-24T10:30:00.000Z`);
      expect(fromInbox.summary.changes?.lines).toEqual(['nothing moved since the last refresh']);

      // Inbox first: the webhook of the next comment is in the inbox before status reads the feed.
      await sim.client.portingOrders.comments.create(second?.id ?? '', { body: 'second comment' });
      const [next] = (await sim.client.porting.events.list({ filter: { type: 'porting_order.new_comment', porting_order_id: second?.id ?? '' } })).data;
      await inbox.add('porting', next as never);
      const inboxFirst = await status(sim, dir, dir.stateDir, 's3');
      expect(inboxFirst.details.events).toMatchObject({ fromInbox: 1, applied: 1 });
      expect(inboxFirst.summary.changes?.lines).toEqual(['1 order with a new comment']);
      const ids = await appliedIds(dir.stateDir);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await inbox.close();
    }
  });
});
