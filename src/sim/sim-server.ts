import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import type { FaultInjector } from './faults.js';
import type { HoldRegistry } from './hold.js';
import { SimApiError, type SimRequest, type SimResponse, type TelnyxErrorObject } from './http.js';
import type { RateDecision, RateLimiter } from './rate-limiter.js';
import type { RouteMatch, Router } from './router.js';
import type { StatsRecorder } from './stats.js';

/** One request and its answer, as the contract recorder sees them. */
export interface SimExchange {
  /** Endpoint name, e.g. `GET /porting_orders/:id`; undefined when no route matched. */
  readonly endpoint: string | undefined;
  readonly method: string;
  /** Path below `/v2`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly requestContentType: string | undefined;
  /** Parsed JSON request body (undefined for none or non-JSON). */
  readonly requestBody: unknown;
  readonly status: number;
  readonly responseContentType: string | undefined;
  /** Parsed JSON answer (undefined for 204 and binary bodies). */
  readonly responseBody: unknown;
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** Set when the answer is an injected fault (a 5xx the spec does not declare, for instance). */
  readonly injectedFault?: '5xx';
}

type PendingExchange = Omit<SimExchange, 'status' | 'responseContentType' | 'responseBody' | 'responseHeaders'>;

export interface SimServerDeps {
  readonly api: Router;
  /** `/_sim/*` test-control routes: no auth, no rate limit, no faults, not counted (API-router routes under `/_sim/` are treated the same). */
  readonly control: Router;
  readonly acceptedKeys: ReadonlySet<string>;
  readonly limiter: RateLimiter;
  readonly sendRetryAfter: boolean;
  readonly faults: FaultInjector;
  readonly holds: HoldRegistry;
  readonly stats: StatsRecorder;
  /** Called after a state-changing request succeeded (the state file saves then). */
  readonly onChange: () => void;
  readonly onExchange: ((exchange: SimExchange) => void) | undefined;
  /** Unexpected handler errors (bugs): answered with a 500 and reported here. */
  readonly onInternalError: (error: unknown) => void;
  /** Simulated time, sent as the `Date` header of every answer (as HTTP servers do; the tool reads Telnyx's date from it). */
  readonly now?: () => Date;
}

/** Largest request body read (a 20 MB document is ~27 MB as base64 JSON). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const API_PREFIX = '/v2';
const SLOW_BODY_CHUNKS = 20;

/**
 * The request pipeline: route → count → body → auth → rate limit → hold → faults → handler →
 * answer with Telnyx's rate-limit headers. Handlers never see transport concerns.
 */
export class SimServer {
  readonly #deps: SimServerDeps;

  constructor(deps: SimServerDeps) {
    this.#deps = deps;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const { stats } = this.#deps;
    stats.begin();
    res.once('close', () => stats.end());
    this.#handle(req, res).catch((error: unknown) => {
      this.#deps.onInternalError(error);
      if (!res.headersSent && !res.destroyed) this.#sendError(res, internalError(), undefined, undefined);
      else res.destroy();
    });
  };

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const isControl = url.pathname.startsWith('/_sim/') || url.pathname.startsWith(`${API_PREFIX}/_sim/`);
    const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname;

    if (isControl) {
      await this.#handleControl(req, res, method, path, url.searchParams);
      return;
    }

    let match: RouteMatch | undefined;
    let routeError: SimApiError | undefined;
    try {
      if (!url.pathname.startsWith(`${API_PREFIX}/`)) throw SimApiError.notFound(`path ${url.pathname} (the API lives under ${API_PREFIX})`);
      match = this.#deps.api.match(method, path);
    } catch (error) {
      if (!(error instanceof SimApiError)) throw error;
      routeError = error;
    }
    const endpoint = match?.name;
    const ordinal = this.#deps.stats.arrive(endpoint ?? `${method} (no route)`);
    const exchange = { endpoint, method, path, query: url.searchParams, requestContentType: req.headers['content-type'] };

    const rawBody = await readBody(req);
    const admission: { rate?: RateDecision } = {};
    let parsedBody: unknown;
    try {
      if (rawBody === undefined) throw new SimApiError(413, [{ code: '10015', title: 'Request too large', detail: `request bodies are limited to ${MAX_BODY_BYTES} bytes` }]);
      const apiKey = this.#admit(req, admission);
      if (routeError || !match || !endpoint) throw routeError ?? SimApiError.notFound(`route ${method} ${path}`);
      parsedBody = parseJsonBody(rawBody, req.headers['content-type']);
      const request: SimRequest = { method, path, query: url.searchParams, params: match.params, headers: req.headers, body: parsedBody, rawBody, apiKey };
      await this.#serve(res, request, match, ordinal, admission.rate, { ...exchange, requestBody: parsedBody });
    } catch (error) {
      if (!(error instanceof SimApiError)) throw error;
      this.#sendError(res, error, admission.rate, { ...exchange, requestBody: parsedBody });
    }
  }

  /** Authentication, then the key's rate limit; `admission.rate` gets the headers every answer carries. */
  #admit(req: IncomingMessage, admission: { rate?: RateDecision }): string {
    let apiKey: string;
    try {
      apiKey = authenticate(req.headers, this.#deps.acceptedKeys);
    } catch (error) {
      admission.rate = this.#deps.limiter.peek('anonymous');
      throw error;
    }
    admission.rate = this.#deps.limiter.take(apiKey);
    if (!admission.rate.isAllowed) throw tooManyRequests();
    return apiKey;
  }

  /** Holds and faults around the handler, then the answer. */
  async #serve(res: ServerResponse, request: SimRequest, match: RouteMatch, ordinal: number, rate: RateDecision | undefined, exchange: PendingExchange): Promise<void> {
    if ((await this.#deps.holds.wait(match.name, ordinal, 'before')) === 'drop') {
      res.destroy();
      return;
    }
    const plan = this.#deps.faults.plan(match.name, ordinal);
    if (plan.drop) {
      res.destroy();
      return;
    }
    if (plan.delayMs !== undefined) await delay(plan.delayMs);
    if (plan.serverError !== undefined) {
      this.#sendError(res, serverError(plan.serverError), rate, { ...exchange, injectedFault: '5xx' });
      return;
    }
    const response = await match.handler(request);
    if (request.method !== 'GET' && response.status < 400) this.#deps.onChange();
    if ((await this.#deps.holds.wait(match.name, ordinal, 'after')) === 'drop' || plan.loseResponse) {
      res.destroy();
      return;
    }
    this.#send(res, response, rate, plan.slowBodyMs, exchange);
  }

  async #handleControl(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: URLSearchParams): Promise<void> {
    const rawBody = (await readBody(req)) ?? Buffer.alloc(0);
    try {
      const match = matchControl(this.#deps.control, this.#deps.api, method, path);
      const body = parseJsonBody(rawBody, req.headers['content-type'] ?? 'application/json');
      const response = await match.handler({ method, path, query, params: match.params, headers: req.headers, body, rawBody, apiKey: '' });
      this.#send(res, response, undefined, undefined, undefined);
    } catch (error) {
      if (!(error instanceof SimApiError)) throw error;
      this.#sendError(res, error, undefined, undefined);
    }
  }

  #sendError(res: ServerResponse, error: SimApiError, rate: RateDecision | undefined, exchange: PendingExchange | undefined): void {
    const headers: Record<string, string> = {};
    if (error.status === 429 && this.#deps.sendRetryAfter && rate) headers['retry-after'] = String(rate.retryAfterSeconds);
    // Telnyx errors link their documentation page in meta.url.
    const errors = error.errors.map((e) => (e.meta ? e : { ...e, meta: { url: `https://developers.telnyx.com/docs/overview/errors/${e.code}` } }));
    this.#send(res, { status: error.status, body: { errors }, headers }, rate, undefined, exchange);
  }

  #send(
    res: ServerResponse,
    response: SimResponse,
    rate: RateDecision | undefined,
    slowBodyMs: number | undefined,
    exchange: PendingExchange | undefined,
  ): void {
    this.#deps.stats.answered(response.status);
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...response.headers };
    if (this.#deps.now) headers.date = this.#deps.now().toUTCString();
    if (rate) {
      headers['x-ratelimit-limit'] = String(rate.limit);
      headers['x-ratelimit-remaining'] = String(rate.remaining);
      headers['x-ratelimit-reset'] = String(rate.resetSeconds);
    }
    let bytes: Buffer | undefined;
    if (response.raw) {
      bytes = response.raw.bytes;
      headers['content-type'] = response.raw.contentType;
    } else if (response.status !== 204 && response.body !== undefined) {
      bytes = Buffer.from(JSON.stringify(response.body));
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    if (bytes) headers['content-length'] = String(bytes.length);
    if (exchange && this.#deps.onExchange) {
      this.#deps.onExchange({
        ...exchange,
        status: response.status,
        responseContentType: headers['content-type'],
        responseBody: response.raw ? undefined : response.body,
        responseHeaders: headers,
      });
    }
    res.writeHead(response.status, headers);
    if (!bytes) {
      res.end();
    } else if (slowBodyMs === undefined || bytes.length === 0) {
      res.end(bytes);
    } else {
      streamSlowly(res, bytes, slowBodyMs);
    }
  }
}

/** `/_sim/*` routes live on the control router, or on the API router when a route module added them there. */
function matchControl(control: Router, api: Router, method: string, path: string): RouteMatch {
  try {
    return control.match(method, path);
  } catch (error) {
    if (!(error instanceof SimApiError) || error.status !== 404) throw error;
    return api.match(method, path);
  }
}

function streamSlowly(res: ServerResponse, bytes: Buffer, totalMs: number): void {
  const chunkSize = Math.max(1, Math.ceil(bytes.length / SLOW_BODY_CHUNKS));
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed) {
      clearInterval(timer);
      return;
    }
    const chunk = bytes.subarray(offset, offset + chunkSize);
    offset += chunk.length;
    if (offset >= bytes.length) {
      clearInterval(timer);
      res.end(chunk);
    } else {
      res.write(chunk);
    }
  }, Math.max(1, Math.floor(totalMs / SLOW_BODY_CHUNKS)));
  timer.unref();
  res.once('close', () => clearInterval(timer));
}

/** The whole body, or undefined when it is larger than the limit (drained, not kept). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

function parseJsonBody(rawBody: Buffer, contentType: string | undefined): unknown {
  if (rawBody.length === 0) return undefined;
  if (contentType !== undefined && !/json/i.test(contentType)) return undefined;
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch {
    throw new SimApiError(400, [{ code: '10015', title: 'Bad Request', detail: 'The request body is not valid JSON.' }]);
  }
}

function tooManyRequests(): SimApiError {
  return new SimApiError(429, [
    { code: '10011', title: 'Too many requests', detail: 'You have exceeded the maximum number of allowed requests.' },
  ]);
}

function serverError(status: number): SimApiError {
  const error: TelnyxErrorObject = { code: '10007', title: 'Unexpected error', detail: `Simulated server error (fault injection, HTTP ${status}).` };
  return new SimApiError(status, [error]);
}

function internalError(): SimApiError {
  return new SimApiError(500, [{ code: '10007', title: 'Unexpected error', detail: 'The simulator failed while handling this request (a simulator bug).' }]);
}

/** Unref'd: a slow fault must not keep a stopped simulator's process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
