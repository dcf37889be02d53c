import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousCallError, ApiRejectedError, ApiUnavailableError } from '../../../src/api/api-errors.js';
import { createApiSession, type ApiSession, type ApiSessionOverrides } from '../../../src/api/api-session.js';
import { SHAPES } from '../../../src/api/response-shapes.js';
import { ApiKey } from '../../../src/core/api-key.js';
import { startScriptedServer, type ScriptedAnswer, type ScriptedRequest, type ScriptedServer } from '../../api/scripted-server.js';

/**
 * The scheduler against a hostile server, in process (issue 13, "the server's answers are untrusted
 * input"): each class of bad answer is unusable, retried like a 5xx for reads, ambiguous for writes,
 * and ends in one error naming the call. The spawned-CLI half is commands.test.ts.
 */
const KEY = 'KEYsentinel-hostile-0123456789';
const FAST: ApiSessionOverrides = { backoffBaseMs: 5, backoffMaxMs: 20, requestTimeoutMs: 2_000 };
const ORDER_ID = 'eef10fb8-f3df-4c67-97c5-e18179723222';

const servers: ScriptedServer[] = [];
let session: ApiSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  for (const server of servers.splice(0)) await server.close();
});

async function setUp(script: (request: ScriptedRequest) => ScriptedAnswer, overrides: ApiSessionOverrides = {}): Promise<{ server: ScriptedServer; session: ApiSession }> {
  const server = await startScriptedServer(script);
  servers.push(server);
  session = createApiSession(
    { apiKey: new ApiKey(KEY), baseURL: server.baseURL, concurrency: 2, ratePerSecond: 1000 },
    { signal: new AbortController().signal, now: () => new Date() },
    { ...FAST, ...overrides },
  );
  return { server, session };
}

const retrieve = (s: ApiSession) => s.scheduler.call('read', `porting order ${ORDER_ID}`, () => s.client.portingOrders.retrieve(ORDER_ID), SHAPES.portingOrder);
const cancel = (s: ApiSession) => s.scheduler.call('action', `cancel porting order ${ORDER_ID}`, () => s.client.portingOrders.actions.cancel(ORDER_ID), SHAPES.portingOrder);
const update = (s: ApiSession) =>
  s.scheduler.call('idempotent', `update porting order ${ORDER_ID}`, () => s.client.portingOrders.update(ORDER_ID, { misc: { type: 'full' } }), SHAPES.portingOrder);

const html = (status = 200): ScriptedAnswer => ({ status, raw: '<html><body>Please log in to the hotel Wi-Fi</body></html>', contentType: 'text/html' });

describe('a 200 is not a fact until its shape is right', () => {
  it.each<[string, ScriptedAnswer]>([
    ['an HTML page', html()],
    ['null', { status: 200, raw: 'null', contentType: 'application/json' }],
    ['{"data":"surprise"}', { status: 200, body: { data: 'surprise' } }],
    ['{}', { status: 200, body: {} }],
    ['broken JSON', { status: 200, raw: '{"data": {"id": ', contentType: 'application/json' }],
    ['an order without a status', { status: 200, body: { data: { id: ORDER_ID } } }],
    ['204 No Content', { status: 204 }],
  ])('a read answered with %s is retried like a 5xx, then stops with one line naming the call', async (_name, answer) => {
    const { server, session } = await setUp(() => answer);
    const error = await retrieve(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^porting order ${ORDER_ID}: .*unusable answer`));
    expect((error as Error).message).not.toContain('\n');
    expect(server.requests).toHaveLength(5);
  });

  it('a 404 that is an HTML page proves nothing (not "deleted")', async () => {
    const { session } = await setUp(() => html(404));
    const error = await retrieve(session).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiRejectedError);
    expect(error).toBeInstanceOf(ApiUnavailableError);
  });

  it.each<[string, ScriptedAnswer]>([
    ['{"data":"surprise"}', { status: 200, body: { data: 'surprise' } }],
    ['an HTML page', html()],
    ['null', { status: 200, raw: 'null', contentType: 'application/json' }],
  ])('an action answered with %s is ambiguous (look before re-sending), sent once', async (_name, answer) => {
    const { server, session } = await setUp(() => answer);
    const error = await cancel(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousCallError);
    expect((error as Error).message).toContain(`cancel porting order ${ORDER_ID}: no clear answer`);
    expect(server.requests).toHaveLength(1);
  });

  it('a create answered 200 {} is ambiguous: it created nothing we can see', async () => {
    const { server, session } = await setUp(() => ({ status: 200, body: {} }));
    const error = await session.scheduler
      .call('create', 'create porting order for part P1', () => session.client.portingOrders.create({ phone_numbers: ['+13125550100'] }), SHAPES.createdOrders)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousCallError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('bounded bodies', () => {
  it('a huge JSON answer is unusable, not an out-of-memory abort', async () => {
    const big = `{"data":[${'"x",'.repeat(3 * 1024 * 1024)}"x"]}`;
    const { session } = await setUp(() => ({ status: 200, raw: big, contentType: 'application/json' }), { maxAttempts: 1 });
    await expect(retrieve(session)).rejects.toThrow(/answer larger than 8 MiB/);
  });

  it('an endless JSON answer stops at the cap', async () => {
    const { session } = await setUp(() => ({ status: 200, endless: '{"data":'.padEnd(64 * 1024, ' '), contentType: 'application/json' }), { maxAttempts: 1 });
    await expect(retrieve(session)).rejects.toThrow(/answer larger than 8 MiB/);
  });

  it('a download is streamed, and an endless one errors at the download cap', async () => {
    const { session } = await setUp(() => ({ status: 200, endless: 'a,b,c\n'.repeat(10_000), contentType: 'text/csv' }), { maxDownloadBytes: 1024 * 1024 });
    const response = await session.scheduler.call('read', 'download of document D', () => session.client.documents.download('D'), SHAPES.download);
    let received = 0;
    const read = async (): Promise<void> => {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.byteLength;
    };
    await expect(read()).rejects.toThrow(/download larger than 1 MiB/);
    expect(received).toBeLessThanOrEqual(1024 * 1024);
  });

  it('a slowloris answer (one byte at a time) times out instead of holding the call', async () => {
    const started = Date.now();
    const { session } = await setUp(() => ({ status: 200, trickle: '{"data":{}}', everyMs: 50, contentType: 'application/json' }), {
      requestTimeoutMs: 300,
      maxAttempts: 2,
    });
    await expect(retrieve(session)).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a slowloris download errors after a request timeout without a byte', async () => {
    const { session } = await setUp(() => ({ status: 200, trickle: 'a', everyMs: 10_000, contentType: 'text/csv' }), { requestTimeoutMs: 300 });
    const response = await session.scheduler.call('read', 'download of document D', () => session.client.documents.download('D'), SHAPES.download);
    await expect(response.text()).rejects.toThrow();
  });
});

describe('no redirects', () => {
  it('a 307 to another host does not re-send the PATCH body there, and names the host', async () => {
    const elsewhere = await startScriptedServer(() => ({ status: 200, body: { data: { id: ORDER_ID } } }));
    servers.push(elsewhere);
    const target = new URL(elsewhere.baseURL);
    const { server, session } = await setUp(() => ({ status: 307, headers: { location: `http://${target.host}/v2/porting_orders/${ORDER_ID}` } }));
    const error = await update(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as Error).message).toContain(`redirected (HTTP 307) to ${target.host}`);
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('a same-origin 302 is not followed either, and a create meeting one is ambiguous', async () => {
    const { server, session } = await setUp((r) => (r.path.startsWith('/v2/login') ? { status: 200, body: { data: [] } } : { status: 302, headers: { location: '/v2/login' } }));
    const error = await session.scheduler
      .call('create', 'create porting order for part P1', () => session.client.portingOrders.create({ phone_numbers: ['+13125550100'] }), SHAPES.createdOrders)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousCallError);
    expect((error as Error).message).toMatch(/redirected \(HTTP 302\) to 127\.0\.0\.1/);
    expect(server.requests.map((r) => r.path)).toEqual(['/v2/porting_orders']);
  });
});

describe('clamped delays', () => {
  it('Retry-After: 999999 is bounded by --max-wait, and the message reports the claim', async () => {
    const started = Date.now();
    const { server, session } = await setUp(() => ({ status: 429, headers: { 'retry-after': '999999' }, body: { errors: [] } }), { maxWaitMs: 500 });
    const error = await retrieve(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as Error).message).toContain('--max-wait 0.5 s');
    expect((error as Error).message).toContain('retry-after: 999999');
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('x-ratelimit-limit of a billion with none remaining plans no pause of years, and does not spin', async () => {
    const headers = { 'x-ratelimit-limit': '1000000000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '999999999' };
    const { server, session } = await setUp(() => ({ status: 429, headers, body: { errors: [] } }), { maxWaitMs: 800 });
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    const error = await retrieve(session).catch((e: unknown) => e);
    const cpuMs = (process.cpuUsage(cpuBefore).user + process.cpuUsage(cpuBefore).system) / 1000;
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as Error).message).toContain('x-ratelimit-limit: 1000000000');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests.length).toBeLessThan(40);
    expect(cpuMs).toBeLessThan(2_000);
  });

  it('a 5xx storm with Retry-After stops at --max-wait rather than after hours', async () => {
    const { session } = await setUp(() => ({ status: 503, headers: { 'retry-after': '3600' }, body: { errors: [] } }), { maxWaitMs: 300 });
    await expect(retrieve(session)).rejects.toThrow(/gave up after 1 attempts: retrying would wait longer than --max-wait 0\.3 s.*retry-after: 3600/);
  });
});

describe('errors echo input', () => {
  it('an error whose code, title, detail and pointer echo the key reaches no message or field', async () => {
    const echo = { code: KEY, title: `bad ${KEY}`, detail: `key ${KEY}`, source: { pointer: `/${KEY}`, parameter: KEY } };
    const { session } = await setUp(() => ({ status: 422, body: { errors: [echo] } }));
    const error = await retrieve(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRejectedError);
    expect(JSON.stringify((error as ApiRejectedError).errors)).not.toContain(KEY);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('a successful answer echoing the key is scrubbed before anything reads it', async () => {
    const order = {
      id: ORDER_ID,
      status: { value: 'draft', details: [] },
      customer_reference: KEY,
      customer_group_reference: null,
      support_key: null,
      parent_support_key: null,
      phone_number_type: 'local',
      porting_phone_numbers_count: 1,
      activation_settings: null,
      requirements_met: false,
      documents: null,
      end_user: null,
      misc: null,
      created_at: null,
      updated_at: null,
    };
    const { session } = await setUp(() => ({ status: 200, body: { data: order } }));
    const answer = await retrieve(session);
    expect(answer.data?.customer_reference).toBe('[redacted]');
  });
});
