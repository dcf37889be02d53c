import { afterEach, describe, expect, it } from 'vitest';
import { createApiSession, type ApiSession } from '../../src/api/api-session.js';
import { sendOnce } from '../../src/api/send-once.js';
import { ApiKey } from '../../src/core/api-key.js';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { findNumbers, isPortableLocal, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';

let t: TestSimulator | undefined;
let session: ApiSession | undefined;

afterEach(async () => {
  await session?.close();
  await t?.sim.close();
  session = undefined;
  t = undefined;
});

async function setUp(): Promise<{ t: TestSimulator; session: ApiSession; orderId: string }> {
  t = await startTestSimulator();
  session = createApiSession({ apiKey: new ApiKey(KEY_BULKPORT_DEMO), baseURL: t.sim.baseURL, concurrency: 2, ratePerSecond: 1000 }, { signal: new AbortController().signal, now: () => new Date() }, { backoffBaseMs: 5, backoffMaxMs: 20 });
  const created = await t.client.portingOrders.create({ phone_numbers: findNumbers(t.sim, 1, isPortableLocal) });
  const orderId = created.data?.[0]?.id ?? '';
  expect(orderId).not.toBe('');
  return { t, session, orderId };
}

function commentSteps(s: ApiSession, orderId: string, text: string, mayHaveBeenSent: boolean, intents: string[]) {
  return {
    mayHaveBeenSent,
    beforeSend: async () => {
      intents.push('intent');
    },
    send: () => s.scheduler.call('create', `comment on ${orderId}`, () => s.client.portingOrders.comments.create(orderId, { body: text })),
    lookForIt: async () => {
      const comments = await s.scheduler.listAll(`comments of ${orderId}`, (pageNumber, pageSize) => s.client.portingOrders.comments.list(orderId, { 'page[number]': pageNumber, 'page[size]': pageSize }));
      return comments.find((c) => c.body === text)?.id;
    },
  };
}

async function commentsOn(s: ApiSession, orderId: string): Promise<number> {
  const answer = await s.client.portingOrders.comments.list(orderId);
  return (answer.data ?? []).length;
}

describe('sendOnce: no clear answer → look at the server → send again only if absent', () => {
  it('after a lost answer (the simulator created it, then dropped the connection) finds it and does not send again', async () => {
    const { t: sim, session: s, orderId } = await setUp();
    sim.sim.faults.add({ kind: 'lost-create', rate: 1, count: 1, endpoints: ['POST /porting_orders/:id/comments'] });
    const intents: string[] = [];
    const outcome = await sendOnce(commentSteps(s, orderId, 'hello once', false, intents));
    expect(outcome).toMatchObject({ kind: 'found', sentCount: 1 });
    expect(intents).toHaveLength(1);
    expect(await commentsOn(s, orderId)).toBe(1);
  });

  it('when an earlier run may have sent it, looks first and sends nothing if the server has it', async () => {
    const { session: s, orderId } = await setUp();
    const intents: string[] = [];
    const first = await sendOnce(commentSteps(s, orderId, 'hello', false, intents));
    expect(first).toMatchObject({ kind: 'sent', sentCount: 1 });
    const again = await sendOnce(commentSteps(s, orderId, 'hello', true, intents));
    expect(again).toMatchObject({ kind: 'found', sentCount: 0 });
    expect(intents).toHaveLength(1);
    expect(await commentsOn(s, orderId)).toBe(1);
  });

  it('when an earlier run may have sent it but the server does not have it, sends it once', async () => {
    const { session: s, orderId } = await setUp();
    const intents: string[] = [];
    const outcome = await sendOnce(commentSteps(s, orderId, 'never sent', true, intents));
    expect(outcome).toMatchObject({ kind: 'sent', sentCount: 1 });
    expect(await commentsOn(s, orderId)).toBe(1);
  });

  it('a refusal of the send is an outcome (no look, no second send); a failed look propagates', async () => {
    const { session: s } = await setUp();
    const intents: string[] = [];
    const missing = '00000000-0000-4000-8000-000000000000';
    const refused = await sendOnce(commentSteps(s, missing, 'to nowhere', false, intents));
    expect(refused).toMatchObject({ kind: 'refused', sentCount: 1, error: { status: 404 } });
    expect(intents).toHaveLength(1);
    // Looking first at an order that does not exist: the look's refusal is the caller's problem, not the call's.
    await expect(sendOnce(commentSteps(s, missing, 'to nowhere', true, intents))).rejects.toThrow(/404/);
    expect(intents).toHaveLength(1);
  });
});
