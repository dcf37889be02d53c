import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { readEventsInbox } from '../../src/events/inbox.js';
import { assertContract } from '../contract/contract.js';
import { HOUR_MS } from '../../src/sim/clock.js';
import { startInProcess } from '../helpers/run-in-process.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, campaignOrders, GLOBEX, makeCampaignDir, runBulkport, writeSheet } from '../submit/campaign-fixture.js';

const started: TestSimulator[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.sim.close();
});

const SAME_CARRIER = (p: { portable: boolean; phoneNumberType: string; carrier: { spid: string } }): boolean => p.portable && p.phoneNumberType === 'local' && p.carrier.spid === '9104';

async function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('listen end to end: the simulator posts a campaign\'s events to `bulkport listen`', () => {
  it('submit --webhook-url sets every order\'s webhook_url; each event the orders produce lands in the inbox once, as the feed lists it', async () => {
    const t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), speed: 0 });
    started.push(t);
    const campaign = await makeCampaignDir();
    const keyFile = path.join(campaign.dir, 'telnyx-public-key.txt');
    await writeFile(keyFile, `${t.sim.webhooks.publicKey}\n`);

    const stop = new AbortController();
    const listen = startInProcess(['listen', '--port', '0', '--public-key-file', keyFile, '--state-dir', campaign.stateDir], t.sim, { signal: stop.signal });
    await waitFor('listen to start', () => /receiving Telnyx webhooks on (\S+)/.test(listen.stdout()));
    const url = /receiving Telnyx webhooks on (\S+)/.exec(listen.stdout())?.[1] ?? '';
    expect(listen.stderr()).toBe('');

    const numbers = findNumbers(t.sim, 3, SAME_CARRIER);
    await writeSheet(campaign, [
      { ...ACME, phone_number: numbers[0] },
      { ...ACME, phone_number: numbers[1] },
      { ...GLOBEX, phone_number: numbers[2] },
    ]);
    const hookUrl = `${url}telnyx`;
    // submit takes the campaign's lock while listen runs: listen never holds it.
    const submit = await runBulkport(
      ['submit', campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, 'out'), '--confirm', '--webhook-url', hookUrl],
      t.sim,
      campaign.dir,
    );
    expect(submit.stderr).toBe('');
    expect(submit.code).toBe(0);
    // Visible in the plan, the journal and on every order.
    const plan = JSON.parse(await readFile(path.join(campaign.dir, 'out', 'plan.json'), 'utf8')) as { webhookUrl: string };
    expect(plan.webhookUrl).toBe(hookUrl);
    expect((await readCampaign(campaign.stateDir, 'c1'))?.runs.at(-1)?.options).toMatchObject({ webhookUrl: hookUrl });
    const orders = campaignOrders(t.sim, 'c1');
    expect(orders).toHaveLength(2);
    for (const order of orders) expect(order.webhook_url).toBe(hookUrl);
    // The PATCH that carried it is what the OpenAPI spec allows.
    assertContract(t.recorder.exchanges);

    // The orders move on (and every webhook is sent twice: Telnyx retries, duplicates).
    t.sim.faults.set([{ kind: 'webhook-duplicate', rate: 1 }]);
    for (const order of orders) await t.client.portingOrders.comments.create(order.id, { body: 'any news?' });
    t.sim.advance(30 * HOUR_MS);
    await t.client.portingOrders.list();
    await t.sim.webhooks.idle();

    const inbox = (await readEventsInbox(campaign.stateDir)).entries;
    const orderIds = new Set(orders.map((o) => o.id));
    const feed: Array<Record<string, unknown>> = [];
    for await (const event of t.client.porting.events.list({ 'page[size]': 250 } as never)) feed.push(event as unknown as Record<string, unknown>);
    const posted = feed.filter((e) => orderIds.has(String(e.porting_order_id)) && e.event_type !== 'porting_order.loa_updated');
    expect(posted.length).toBeGreaterThanOrEqual(4);
    expect(new Set(posted.map((e) => e.event_type))).toEqual(new Set(['porting_order.status_changed', 'porting_order.new_comment']));
    // Each event once, however many times it was delivered; and the same record the feed lists.
    expect(inbox.map((e) => e.event.id).sort()).toEqual(posted.map((e) => e.id).sort());
    const delivered = t.sim.webhooks.deliveries().filter((d) => d.outcome === 'delivered');
    const copies = delivered.length - posted.length;
    expect(copies).toBeGreaterThanOrEqual(4);
    for (const entry of inbox) {
      const listed = posted.find((e) => e.id === entry.event.id) ?? {};
      expect(entry.feed).toBe('porting');
      expect(entry.event).toEqual({
        id: listed.id,
        event_type: listed.event_type,
        created_at: listed.created_at,
        porting_order_id: listed.porting_order_id,
        payload: listed.payload,
        record_type: 'porting_event',
      });
    }

    stop.abort();
    expect(await listen.done).toBe(0);
    expect(listen.stdout()).toContain(`bulkport listen: stopped; ${posted.length} events written, ${copies} already there, 0 ignored, 0 requests refused`);
    expect(listen.stderr()).toBe('');
  });

  it('submit --webhook-url refuses what is not an http(s) URL before anything is sent', async () => {
    const t = await startTestSimulator();
    started.push(t);
    const campaign = await makeCampaignDir();
    await writeSheet(campaign, [{ ...ACME, phone_number: findNumbers(t.sim, 1, SAME_CARRIER)[0] }]);
    for (const [url, message] of [
      ['ftp://example.com/hooks', '--webhook-url: expected an http(s) URL such as https://hooks.example.com/telnyx, got "ftp://example.com/hooks"'],
      ['hooks.example.com', '--webhook-url: expected an http(s) URL'],
      ['https://user:secret@hooks.example.com/', '--webhook-url: expected a URL without a user name or password'],
    ] as const) {
      const run = await runBulkport(['submit', campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '--webhook-url', url], t.sim, campaign.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain('secret');
    }
    expect(t.sim.stats().calls['POST /porting_orders'] ?? 0).toBe(0);
  });
});
