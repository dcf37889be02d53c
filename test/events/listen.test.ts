import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignJournal } from '../../src/campaign/campaign-journal.js';
import { CampaignOrderIndex } from '../../src/events/campaign-order-index.js';
import { EventsInbox, readEventsInbox } from '../../src/events/inbox.js';
import { MAX_BODY_BYTES, startListenServer, type ListenServer, type RequestOutcome } from '../../src/events/listen-server.js';
import { readWebhookEvent } from '../../src/events/webhook-event.js';
import { readWebhookPublicKey, WebhookVerifier } from '../../src/events/webhook-signature.js';

/** A key pair like Telnyx's: the public half as base64 of the raw 32 bytes (what Mission Control shows). */
function keyPair(): { privateKey: KeyObject; publicKeyBase64: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyBase64: Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64') };
}

const TELNYX = keyPair();
const NOW_S = (): number => Math.floor(Date.now() / 1000);

/** A webhook body as Telnyx posts it (and as the simulator does). */
function webhookBody(id: string, eventType = 'porting_order.status_changed', payload: unknown = { id: 'order-1', status: { value: 'submitted' } }, attempt = 1): string {
  return JSON.stringify({ data: { event_type: eventType, id, occurred_at: '2026-12-03T08:00:00.000Z', payload, record_type: 'event' }, meta: { attempt, delivered_to: 'http://x/' } });
}

function signed(body: string, options: { timestamp?: number; key?: KeyObject } = {}): Record<string, string> {
  const timestamp = String(options.timestamp ?? NOW_S());
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), options.key ?? TELNYX.privateKey).toString('base64');
  return { 'content-type': 'application/json', 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp };
}

interface Receiver {
  readonly server: ListenServer;
  readonly stateDir: string;
  readonly outcomes: Array<{ outcome: RequestOutcome; remote: string }>;
  post(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

const running: Receiver[] = [];
afterEach(async () => {
  for (const receiver of running.splice(0)) await receiver.stop();
});

async function receiver(options: { stateDir?: string; campaigns?: readonly string[]; isInsecure?: boolean } = {}): Promise<Receiver> {
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), 'bulkport-listen-')));
  const inbox = await EventsInbox.open(stateDir, { command: 'listen', now: () => new Date(), notice: () => undefined });
  const outcomes: Receiver['outcomes'] = [];
  const server = await startListenServer({
    host: '127.0.0.1',
    port: 0,
    inbox,
    verifier: options.isInsecure === true ? undefined : new WebhookVerifier(TELNYX.publicKeyBase64, 300_000, () => new Date()),
    campaigns: options.campaigns === undefined ? undefined : new CampaignOrderIndex(stateDir, options.campaigns),
    onRequest: (outcome, remote) => outcomes.push({ outcome, remote }),
  });
  let isStopped = false;
  const result: Receiver = {
    server,
    stateDir,
    outcomes,
    post: async (body, headers) => {
      const response = await fetch(server.url, { method: 'POST', headers, body });
      return { status: response.status, text: await response.text() };
    },
    stop: async () => {
      if (isStopped) return;
      isStopped = true;
      await server.close();
      await inbox.close();
    },
  };
  running.push(result);
  return result;
}

const inboxIds = async (stateDir: string): Promise<string[]> => (await readEventsInbox(stateDir)).entries.map((e) => e.event.id);

describe('listen: only verified, fresh, well-formed webhooks reach the inbox', () => {
  it('valid, tampered, stale, replayed, republished, oversized, unsigned, wrong-key and malformed requests', async () => {
    const r = await receiver();
    const valid = webhookBody('ev-1');
    const validHeaders = signed(valid);

    expect(await r.post(valid, validHeaders)).toEqual({ status: 200, text: 'added\n' });
    expect(await inboxIds(r.stateDir)).toEqual(['ev-1']);

    // Tampered: the signed body with one value changed (a marker that must never reach the logs).
    const tampered = valid.replace('submitted', 'ported-SECRET-MARKER');
    expect((await r.post(tampered, validHeaders)).status).toBe(403);
    // Stale: signed correctly, but 6 minutes ago (a captured request replayed later).
    const staleBody = webhookBody('ev-stale');
    const stale = await r.post(staleBody, signed(staleBody, { timestamp: NOW_S() - 360 }));
    expect(stale.status).toBe(403);
    expect(stale.text).toMatch(/^stale: telnyx-timestamp is 36\d s old, more than the 300 s allowed/);
    // From the future (beyond the allowed skew).
    const futureBody = webhookBody('ev-future');
    expect((await r.post(futureBody, signed(futureBody, { timestamp: NOW_S() + 900 }))).status).toBe(403);
    // Replayed within the window (a Telnyx retry): 200, not written again.
    expect(await r.post(valid, validHeaders)).toEqual({ status: 200, text: 'already-seen\n' });
    // Republished: the same event id, a new attempt and a new signature: 200, not written again.
    const republished = webhookBody('ev-1', undefined, undefined, 2);
    expect(await r.post(republished, signed(republished))).toEqual({ status: 200, text: 'already-seen\n' });
    // Oversized: validly signed, over the body limit.
    const big = webhookBody('ev-big', 'porting_order.new_comment', { porting_order_id: 'order-1', comment: { body: 'x'.repeat(MAX_BODY_BYTES) } });
    expect((await r.post(big, signed(big))).status).toBe(413);
    // Unsigned: no signature headers at all; and a signature header without a timestamp.
    const unsignedBody = webhookBody('ev-unsigned');
    expect((await r.post(unsignedBody, { 'content-type': 'application/json' })).status).toBe(401);
    const { 'telnyx-timestamp': _dropped, ...noTimestamp } = signed(unsignedBody);
    expect((await r.post(unsignedBody, noTimestamp)).status).toBe(401);
    // Signed with another key, and a signature that is not even base64 of 64 bytes.
    const otherKey = webhookBody('ev-other-key');
    expect((await r.post(otherKey, signed(otherKey, { key: keyPair().privateKey }))).status).toBe(403);
    expect((await r.post(otherKey, { ...signed(otherKey), 'telnyx-signature-ed25519': 'not-a-signature' })).status).toBe(403);
    expect((await r.post(otherKey, { ...signed(otherKey), 'telnyx-timestamp': '12.5' })).status).toBe(403);
    // Malformed: signed by Telnyx's key, but not a webhook.
    for (const body of ['not json', '[]', '{"data":{"event_type":"porting_order.split"}}', '{"data":{"id":"e","event_type":"porting_order.split","occurred_at":"yesterday"}}']) {
      expect((await r.post(body, signed(body))).status).toBe(400);
    }
    // Another product's event on the same URL: 200 so Telnyx stops retrying, not written.
    const call = webhookBody('ev-call', 'call.initiated', { call_control_id: 'c' });
    expect(await r.post(call, signed(call))).toEqual({ status: 200, text: 'ignored\n' });
    // Not a POST.
    expect((await fetch(r.server.url)).status).toBe(405);

    // A second valid event and a port-out event: only the valid ones are in the inbox, once each.
    const comment = webhookBody('ev-2', 'porting_order.new_comment', { porting_order_id: 'order-1', comment: { id: 'c1', body: 'hi', user_type: 'admin' } });
    expect((await r.post(comment, signed(comment))).status).toBe(200);
    const portout = webhookBody('ev-3', 'portout.new_comment', { id: 'comment-9', portout_id: 'po-1', comment: 'ok' });
    expect((await r.post(portout, signed(portout))).status).toBe(200);
    const read = await readEventsInbox(r.stateDir);
    expect(read.entries.map((e) => [e.feed, e.event.id, e.event.event_type])).toEqual([
      ['porting', 'ev-1', 'porting_order.status_changed'],
      ['porting', 'ev-2', 'porting_order.new_comment'],
      ['portout', 'ev-3', 'portout.new_comment'],
    ]);
    // Feed-shaped records: the order or port-out they are about, created_at from occurred_at.
    expect(read.entries[0]?.event).toEqual({
      id: 'ev-1',
      event_type: 'porting_order.status_changed',
      created_at: '2026-12-03T08:00:00.000Z',
      porting_order_id: 'order-1',
      payload: { id: 'order-1', status: { value: 'submitted' } },
      record_type: 'porting_event',
    });
    expect(read.entries[1]?.event.porting_order_id).toBe('order-1');
    expect(read.entries[2]?.event).toMatchObject({ portout_id: 'po-1', record_type: 'portout_event' });

    // Every refusal says why, and no log line quotes a body.
    const refused = r.outcomes.filter((o) => o.outcome.kind === 'refused').map((o) => (o.outcome as { status: number; reason: string }));
    expect(refused.map((o) => o.status)).toEqual([403, 403, 403, 413, 401, 401, 403, 403, 403, 400, 400, 400, 400, 405]);
    expect(refused[0]?.reason).toMatch(/^bad signature/);
    expect(refused[4]?.reason).toMatch(/^unsigned/);
    const log = JSON.stringify(r.outcomes);
    for (const marker of ['SECRET-MARKER', 'not json', 'not-a-signature', 'xxxxxxxx']) expect(log).not.toContain(marker);
  });

  it('answers after the event is on disk, and a restart still knows what it wrote', async () => {
    const r = await receiver();
    const body = webhookBody('ev-1');
    expect((await r.post(body, signed(body))).status).toBe(200);
    // The 200 came after the write: the line is in the file when the answer arrives.
    expect(await readFile(path.join(r.stateDir, '_events', 'inbox.jsonl'), 'utf8')).toContain('"id":"ev-1"');
    await r.stop();
    const again = await receiver({ stateDir: r.stateDir });
    expect(await again.post(body, signed(body))).toEqual({ status: 200, text: 'already-seen\n' });
    expect(await inboxIds(r.stateDir)).toEqual(['ev-1']);
  });

  it('--insecure-no-verify writes unsigned events (still one per id, still refusing malformed ones)', async () => {
    const r = await receiver({ isInsecure: true });
    const body = webhookBody('ev-1');
    expect((await r.post(body, {})).status).toBe(200);
    expect((await r.post(body, {})).text).toBe('already-seen\n');
    expect((await r.post('nope', {})).status).toBe(400);
    expect(await inboxIds(r.stateDir)).toEqual(['ev-1']);
  });

  it('--campaign keeps the named campaigns\' porting events and orders no journal knows yet; drops other campaigns\'', async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), 'bulkport-listen-'));
    for (const [campaign, order] of [['acme', 'order-acme'], ['globex', 'order-globex']] as const) {
      const journal = await CampaignJournal.open(stateDir, campaign, () => new Date());
      await journal.record({ t: 'run', run: 'r1', command: 'submit', pid: 1, host: 'h', options: {} });
      await journal.record({ t: 'created', part: `bp-${campaign}`, orders: [{ id: order, numbers: ['+13035550100'], count: 1, status: 'draft' }], via: 'response' });
      await journal.close();
    }
    const r = await receiver({ stateDir, campaigns: ['acme'] });
    const send = async (id: string, payload: unknown, eventType = 'porting_order.status_changed'): Promise<string> => {
      const body = webhookBody(id, eventType, payload);
      return (await r.post(body, signed(body))).text.trim();
    };
    expect(await send('e-acme', { id: 'order-acme' })).toBe('added');
    expect(await send('e-globex', { id: 'order-globex' })).toBe('ignored');
    expect(await send('e-new', { id: 'order-not-journaled-yet' })).toBe('added');
    // A split of a globex order into one no journal knows yet: kept (status decides whose it is).
    expect(await send('e-split', { from: { id: 'order-globex' }, to: { id: 'order-child' } }, 'porting_order.split')).toBe('added');
    expect(await send('e-portout', { id: 'po-1', status: 'authorized' }, 'portout.status_changed')).toBe('added');
    // A globex order created after listen started is found by reading its journal again.
    const journal = await CampaignJournal.open(stateDir, 'globex', () => new Date());
    await journal.record({ t: 'created', part: 'bp-globex-2', orders: [{ id: 'order-globex-2', numbers: ['+13035550101'], count: 1, status: 'draft' }], via: 'response' });
    await journal.close();
    expect(await send('e-globex-2', { id: 'order-globex-2' })).toBe('ignored');
    expect(await inboxIds(stateDir)).toEqual(['e-acme', 'e-new', 'e-split', 'e-portout']);
  });
});

describe('reading a webhook as a feed record', () => {
  it('finds the order or port-out of every event type', () => {
    const read = (eventType: string, payload: unknown): unknown => {
      const event = readWebhookEvent(webhookBody('e', eventType, payload));
      return event.kind === 'event' ? [event.feed, event.event.porting_order_id ?? event.event.portout_id, event.subjectIds] : event.kind;
    };
    expect(read('porting_order.status_changed', { id: 'o1' })).toEqual(['porting', 'o1', ['o1']]);
    expect(read('porting_order.messaging_changed', { id: 'o1' })).toEqual(['porting', 'o1', ['o1']]);
    expect(read('porting_order.deleted', { id: 'o1' })).toEqual(['porting', 'o1', ['o1']]);
    expect(read('porting_order.new_comment', { porting_order_id: 'o1', comment: { id: 'c' } })).toEqual(['porting', 'o1', ['o1']]);
    expect(read('porting_order.split', { from: { id: 'o1' }, to: { id: 'o2' } })).toEqual(['porting', 'o1', ['o1', 'o2']]);
    expect(read('porting_order.loa_updated', null)).toEqual(['porting', undefined, []]);
    expect(read('portout.status_changed', { id: 'p1' })).toEqual(['portout', 'p1', ['p1']]);
    expect(read('portout.foc_date_changed', { id: 'p1' })).toEqual(['portout', 'p1', ['p1']]);
    expect(read('portout.new_comment', { id: 'comment', portout_id: 'p1' })).toEqual(['portout', 'p1', ['p1']]);
    expect(read('number_order.complete', {})).toBe('other');
  });
});

describe('--public-key-file', () => {
  it('takes the base64 key Telnyx shows or a PEM public key; refuses private keys and junk with the file named', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-key-'));
    const file = (name: string, text: string): Promise<string> => writeFile(path.join(dir, name), text).then(() => path.join(dir, name));
    expect(await readWebhookPublicKey(await file('b64.txt', `${TELNYX.publicKeyBase64}\n`))).toBe(TELNYX.publicKeyBase64);
    expect(await readWebhookPublicKey(await file('pub.pem', String(TELNYX.publicKey.export({ format: 'pem', type: 'spki' }))))).toBe(TELNYX.publicKeyBase64);
    const privatePem = await file('private.pem', String(TELNYX.privateKey.export({ format: 'pem', type: 'pkcs8' })));
    await expect(readWebhookPublicKey(privatePem)).rejects.toThrow(`--public-key-file ${privatePem}: expected the webhook public key`);
    await expect(readWebhookPublicKey(privatePem)).rejects.toThrow(/found a private key/);
    const rsa = await file('rsa.pem', String(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' })));
    await expect(readWebhookPublicKey(rsa)).rejects.toThrow(/found a PEM that is not an Ed25519 public key/);
    await expect(readWebhookPublicKey(await file('short.txt', 'abc'))).rejects.toThrow(/found 3 characters that are not one/);
    await expect(readWebhookPublicKey(await file('empty.txt', ''))).rejects.toThrow(/found an empty file/);
    await expect(readWebhookPublicKey(path.join(dir, 'missing.txt'))).rejects.toThrow(/cannot read it \(ENOENT\)/);
  });
});
