import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { AmbiguousCallError, ApiAuthError, ApiRejectedError, ApiUnavailableError, ApiUnreachableError, InterruptedError } from '../../src/api/api-errors.js';
import { ConfigError } from '../../src/core/errors.js';
import { createApiSession, resolveApiSettings, type ApiSession, type ApiSessionOverrides } from '../../src/api/api-session.js';
import { ApiKey } from '../../src/core/api-key.js';
import { portabilityAnswer, startScriptedServer, type ScriptedAnswer, type ScriptedRequest, type ScriptedServer } from './scripted-server.js';

const KEY = 'KEYsentinel-0123456789abcdef';
const FAST_RETRIES: ApiSessionOverrides = { backoffBaseMs: 5, backoffMaxMs: 20 };

let server: ScriptedServer | undefined;
let session: ApiSession | undefined;

afterEach(async () => {
  await session?.close();
  await server?.close();
  session = undefined;
  server = undefined;
});

async function setUp(
  script: (request: ScriptedRequest) => ScriptedAnswer,
  options: { concurrency?: number; rate?: number; signal?: AbortSignal } & ApiSessionOverrides = {},
): Promise<{ server: ScriptedServer; session: ApiSession }> {
  const { concurrency = 4, rate = 1000, signal = new AbortController().signal, ...overrides } = options;
  server = await startScriptedServer(script);
  session = createApiSession(
    { apiKey: new ApiKey(KEY), baseURL: server.baseURL, concurrency, ratePerSecond: rate },
    { signal, now: () => new Date() },
    { ...FAST_RETRIES, ...overrides },
  );
  return { server, session };
}

const check = (s: ApiSession, numbers: string[], kind: 'read' | 'create' = 'read') =>
  s.scheduler.call(kind, 'portability check', () => s.client.portabilityChecks.run({ phone_numbers: numbers }));

describe('scheduler', () => {
  it('sends each call once when nothing fails, and counts every attempt', async () => {
    const { server, session } = await setUp((r) => portabilityAnswer(r.body));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => check(session, [`+1415555${String(i).padStart(4, '0')}`])));
    expect(answers.map((a) => a.data?.[0]?.portable)).toEqual(Array(20).fill(true));
    expect(server.requests).toHaveLength(20);
    expect(session.scheduler.stats()).toMatchObject({ calls: 20, retries: 0, rateLimited: 0, failures: 0 });
    expect(server.requests[0]?.authorization).toBe(`Bearer ${KEY}`);
  });

  it('prints no listener warning with many attempts in flight on one signal', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const { session } = await setUp((r) => ({ ...portabilityAnswer(r.body), delayMs: 20 }), { concurrency: 30 });
      await Promise.all(Array.from({ length: 60 }, () => check(session, ['+14155550100'])));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('never has more than --concurrency requests in flight, and reaches it when calls queue', async () => {
    const { server, session } = await setUp((r) => ({ ...portabilityAnswer(r.body), delayMs: 30 }), { concurrency: 3 });
    // Enough calls for the pacer's slow start to finish, so that calls do queue.
    await Promise.all(Array.from({ length: 40 }, (_, i) => check(session, [`+1415555000${i % 10}`])));
    expect(server.maxInFlight).toBe(3);
    expect(session.scheduler.stats().maxInFlight).toBe(3);
  });

  it('retries a read after 5xx and dropped connections, counting every attempt', async () => {
    const { server, session } = await setUp((r) =>
      r.sequence === 1 ? { status: 503, body: { errors: [{ code: '50000', title: 'Unavailable' }] } } : r.sequence === 2 ? { drop: true } : portabilityAnswer(r.body),
    );
    const answer = await check(session, ['+14155550100']);
    expect(answer.data?.[0]?.phone_number).toBe('+14155550100');
    expect(server.requests).toHaveLength(3);
    expect(session.scheduler.stats()).toMatchObject({ calls: 3, retries: 2, serverErrors: 1, connectionErrors: 1, failures: 0 });
  });

  it('gives up on a read after maxAttempts with ApiUnavailableError', async () => {
    const { server, session } = await setUp(() => ({ status: 500, body: { errors: [{ code: '10000', title: 'Internal error' }] } }), { maxAttempts: 3 });
    const error = await check(session, ['+14155550100']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as Error).message).toBe(
      'portability check: Telnyx did not answer successfully after 3 attempts (last: HTTP 500: Internal error [10000])',
    );
    expect(server.requests).toHaveLength(3);
    expect(session.scheduler.stats()).toMatchObject({ calls: 3, retries: 2, failures: 1 });
  });

  it('gives up with ApiUnreachableError when no attempt reached the server (connection refused)', async () => {
    const port = await closedPort();
    session = createApiSession(
      { apiKey: new ApiKey(KEY), baseURL: `http://127.0.0.1:${port}/v2`, concurrency: 2, ratePerSecond: 1000 },
      { signal: new AbortController().signal, now: () => new Date() },
      { ...FAST_RETRIES, maxAttempts: 3 },
    );
    const error = await check(session, ['+14155550100']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnreachableError);
    expect((error as Error).message).toBe('portability check: could not reach Telnyx in 3 attempts (last: connection failed (ECONNREFUSED))');
    expect((error as Error).message).not.toContain(KEY);
    expect(session.scheduler.stats()).toMatchObject({ calls: 3, retries: 2, failures: 1 });
  });

  it('keeps a dropped connection (the server was reached) an ApiUnavailableError, not unreachable', async () => {
    const { server, session } = await setUp(() => ({ drop: true }), { maxAttempts: 2 });
    const error = await check(session, ['+14155550100']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect(error).not.toBeInstanceOf(ApiUnreachableError);
    expect(server.requests).toHaveLength(2);
  });

  it('refuses a base URL that is not an http(s) URL before anything is sent', () => {
    for (const baseURL of ['not-a-url', 'ftp://api.telnyx.com/v2']) {
      const make = (): ApiSession =>
        createApiSession(resolveApiSettings({ apiKey: new ApiKey(KEY), baseURL, concurrency: 1, ratePerSecond: 1 }), { signal: new AbortController().signal, now: () => new Date() });
      expect(make).toThrow(ConfigError);
      expect(make).toThrow(`--base-url: expected an http(s) URL such as https://api.telnyx.com/v2, got "${baseURL}"`);
    }
  });

  it('never retries a create blindly: a 5xx or a dropped connection is ambiguous', async () => {
    for (const answer of [{ status: 502, body: { errors: [] } }, { drop: true }] as const) {
      const { server, session } = await setUp(() => answer);
      const error = await check(session, ['+14155550100'], 'create').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousCallError);
      expect(error).toMatchObject({ label: 'portability check', kind: 'create' });
      expect(server.requests).toHaveLength(1);
      await session.close();
      await server.close();
    }
  });

  it('retries a create after a 429: the server did not act on it', async () => {
    const { server, session } = await setUp((r) =>
      r.sequence === 1 ? { status: 429, body: { errors: [{ code: '10011', title: 'Too many requests' }] } } : portabilityAnswer(r.body),
    );
    await check(session, ['+14155550100'], 'create');
    expect(server.requests).toHaveLength(2);
    expect(session.scheduler.stats()).toMatchObject({ calls: 2, retries: 1, rateLimited: 1 });
  });

  it('times out an attempt that gets no answer: a read is retried, a create is ambiguous', async () => {
    const read = await setUp((r) => (r.sequence === 1 ? { hang: true } : portabilityAnswer(r.body)), { requestTimeoutMs: 100 });
    await check(read.session, ['+14155550100']);
    expect(read.server.requests).toHaveLength(2);
    expect(read.session.scheduler.stats()).toMatchObject({ calls: 2, connectionErrors: 1 });
    await read.session.close();
    await read.server.close();

    const create = await setUp(() => ({ hang: true }), { requestTimeoutMs: 100 });
    const error = await check(create.session, ['+14155550100'], 'create').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousCallError);
    expect((error as AmbiguousCallError).reason).toBe('timed out');
  });

  it('turns a 401 into ApiAuthError without the key, and sends nothing after it', async () => {
    const { server, session } = await setUp(() => ({
      status: 401,
      body: { errors: [{ code: '10009', title: 'Authentication failed', detail: `Could not authenticate ${KEY}` }] },
    }));
    const errors = await Promise.all(Array.from({ length: 10 }, () => check(session, ['+14155550100']).catch((e: unknown) => e)));
    for (const error of errors) expect(error).toBeInstanceOf(ApiAuthError);
    expect((errors[0] as Error).message).toBe('Telnyx refused the API key (HTTP 401) on portability check');
    expect(JSON.stringify(errors.map((e) => [String(e), (e as Error).stack]))).not.toContain(KEY);
    expect(server.requests.length).toBeLessThanOrEqual(4);
    await expect(check(session, ['+14155550100'])).rejects.toBeInstanceOf(ApiAuthError);
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  it('turns a 422 into ApiRejectedError with the pointers, and scrubs the key from the text', async () => {
    const { server, session } = await setUp(() => ({
      status: 422,
      body: { errors: [{ code: '10015', title: 'Invalid value', detail: `bad number for ${KEY}`, source: { pointer: '/phone_numbers/1' } }] },
    }));
    const error = (await check(session, ['+14155550100', '+1']).catch((e: unknown) => e)) as ApiRejectedError;
    expect(error).toBeInstanceOf(ApiRejectedError);
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([{ code: '10015', title: 'Invalid value', detail: 'bad number for [redacted]', pointer: '/phone_numbers/1', parameter: undefined }]);
    expect(error.message).toBe('portability check: Telnyx rejected the request (HTTP 422): bad number for [redacted] [10015] at /phone_numbers/1');
    expect(server.requests).toHaveLength(1);
  });

  it('on abort, rejects queued calls with InterruptedError and sends nothing more', async () => {
    const controller = new AbortController();
    const { server, session } = await setUp((r) => ({ ...portabilityAnswer(r.body), delayMs: 50 }), { concurrency: 2, signal: controller.signal });
    const calls = Array.from({ length: 10 }, () => check(session, ['+14155550100']).then(() => 'ok', (e: unknown) => e));
    setTimeout(() => controller.abort(), 20);
    const outcomes = await Promise.all(calls);
    expect(outcomes.every((o) => o === 'ok' || o instanceof InterruptedError)).toBe(true);
    expect(outcomes.filter((o) => o instanceof InterruptedError).length).toBeGreaterThanOrEqual(8);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it('lets a create in flight finish on abort, so its outcome is known', async () => {
    const controller = new AbortController();
    const { session } = await setUp((r) => ({ ...portabilityAnswer(r.body), delayMs: 60 }), { signal: controller.signal });
    const created = check(session, ['+14155550100'], 'create');
    setTimeout(() => controller.abort(), 20);
    await expect(created).resolves.toMatchObject({ data: [{ phone_number: '+14155550100' }] });
  });

  it('reads every page of a list with page[size]=250, one read call per page', async () => {
    const items = Array.from({ length: 600 }, (_, i) => ({ id: String(i) }));
    const { server, session } = await setUp((r) => {
      const url = new URL(r.path, 'http://x');
      const number = Number(url.searchParams.get('page[number]'));
      const size = Number(url.searchParams.get('page[size]'));
      return {
        status: 200,
        body: { data: items.slice((number - 1) * size, number * size), meta: { page_number: number, page_size: size, total_pages: Math.ceil(items.length / size), total_results: items.length } },
      };
    });
    const all = await session.scheduler.listAll('porting orders', (pageNumber, pageSize) =>
      session.client.portingOrders.list({ 'page[number]': pageNumber, 'page[size]': pageSize } as never),
    );
    expect(all.map((o) => (o as { id: string }).id)).toEqual(items.map((o) => o.id));
    expect(server.requests.map((r) => new URL(r.path, 'http://x').searchParams.get('page[size]'))).toEqual(['250', '250', '250']);
    expect(session.scheduler.stats().calls).toBe(3);
  });
});

/** A loopback port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
