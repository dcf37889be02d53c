import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import {
  AmbiguousCallError,
  ApiAuthError,
  ApiRejectedError,
  ApiUnavailableError,
  ApiUnreachableError,
  InterruptedError,
  classifyFailure,
  describeFailure,
  type ApiErrorDetail,
  type CallFailure,
} from './api-errors.js';
import { ApiStatsRecorder, type ApiStats } from './api-stats.js';
import { isRetriedOnAmbiguousFailure, type CallKind } from './call-kind.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { RatePacer } from './rate-pacer.js';
import { findShapeMismatch, MAX_JSON_BODY_BYTES, type ResponseShape } from './response-shapes.js';
import { SendGate } from './send-gate.js';

export interface SchedulerSettings {
  /** Most HTTP attempts in flight (`--concurrency`). */
  readonly concurrency: number;
  /** Ceiling on attempts per second (`--rate`); the pacer goes lower when the server says so. */
  readonly ratePerSecond: number;
  /** Per attempt, from the moment it leaves the queue: time spent waiting for the limiter does not count. */
  readonly requestTimeoutMs: number;
  /** Attempts per call, first one included, not counting attempts refused with 429. */
  readonly maxAttempts: number;
  /**
   * 429s one call may meet before it gives up. A 429 is the pacer still finding the limit, not a
   * failure, so it has its own, larger budget; a call refused this often means the server is
   * refusing everything.
   */
  readonly maxRateLimitedAttempts: number;
  /** Backoff before retry n is about backoffBaseMs·2^(n-1), jittered, at most backoffMaxMs. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /**
   * Longest one call may spend retrying (`--max-wait`): from its first failed attempt, backoffs,
   * server-asked pauses and the retries themselves. Polling loops (export --timeout) are not calls.
   */
  readonly maxWaitMs: number;
  /** Largest JSON answer read; a larger one is an unusable answer. */
  readonly maxJsonBodyBytes: number;
  /** Largest download streamed; beyond it the stream errors (an endless body must not fill the disk). */
  readonly maxDownloadBytes: number;
}

const DEFAULT_SCHEDULER_SETTINGS = {
  // Telnyx answers a portability check of 50 numbers in well under a second; 30 s leaves room for
  // a slow day without letting a dead connection hold a slot for the SDK's default minute.
  requestTimeoutMs: 30_000,
  maxAttempts: 5,
  maxRateLimitedAttempts: 30,
  backoffBaseMs: 500,
  backoffMaxMs: 15_000,
  maxWaitMs: 10 * 60 * 1000,
  maxJsonBodyBytes: MAX_JSON_BODY_BYTES,
  // The largest export seen is 560 MB; four times that is still a report, beyond it a broken stream.
  maxDownloadBytes: 2 * 1024 * 1024 * 1024,
} as const;

export interface SchedulerDeps {
  readonly signal: AbortSignal;
  /** The fetch that actually sends. */
  readonly fetch: typeof fetch;
  /** Strings that must never appear in an error message (the API key). */
  readonly secrets: readonly string[];
  readonly random?: () => number;
}

/** What the scheduler's fetch learns about the attempt in progress of one `call`. */
interface AttemptContext {
  readonly kind: CallKind;
  readonly label: string;
  readonly isRetry: boolean;
  /** The request passed the gate and was handed to the network. */
  wasSent: boolean;
  retryAfterMs: number | undefined;
  readonly shape: ResponseShape | undefined;
  /** Set by the fetch when the answer cannot be acted on (redirect, not JSON, too large). */
  unusable: string | undefined;
  /** What the server said about time on this attempt (`Retry-After: 999999`), for the message when --max-wait is hit. */
  serverClaim: string | undefined;
}

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The one way to the Telnyx API (docs/design.md §7, docs/architecture.md §8.6): every HTTP attempt passes one gate
 * (concurrency cap + paced rate) and is counted, and the only retry loop lives in `call`.
 */
export class Scheduler {
  readonly #settings: SchedulerSettings;
  /** The caller's signal: one listener on it, mirrored into `#signal`. */
  readonly #outerSignal: AbortSignal;
  /**
   * Our own copy of the caller's signal: every attempt in flight and every backoff listens to it,
   * far more than the 10 listeners after which Node warns on stderr.
   */
  readonly #interrupt = new AbortController();
  readonly #signal = this.#interrupt.signal;
  readonly #innerFetch: typeof fetch;
  readonly #secrets: readonly string[];
  readonly #random: () => number;
  readonly #pacer: RatePacer;
  readonly #gate: SendGate;
  readonly #stats: ApiStatsRecorder;
  readonly #attempt = new AsyncLocalStorage<AttemptContext>();
  /** Once Telnyx refuses the key, nothing else is sent: every call fails with the same error. */
  #authFailure: ApiAuthError | undefined;
  #isClosed = false;
  readonly #onAbort = (): void => {
    this.#interrupt.abort();
    this.#gate.close(new InterruptedError());
  };

  /** `--concurrency`: callers size their own bounded fan-out from it. */
  get concurrency(): number {
    return this.#settings.concurrency;
  }

  constructor(settings: Partial<SchedulerSettings> & Pick<SchedulerSettings, 'concurrency' | 'ratePerSecond'>, deps: SchedulerDeps) {
    this.#settings = { ...DEFAULT_SCHEDULER_SETTINGS, ...settings };
    this.#outerSignal = deps.signal;
    setMaxListeners(Number.POSITIVE_INFINITY, this.#signal);
    this.#innerFetch = deps.fetch;
    this.#secrets = deps.secrets.filter((secret) => secret.length > 0);
    this.#random = deps.random ?? Math.random;
    const nowMs = (): number => performance.now();
    this.#pacer = new RatePacer(this.#settings.ratePerSecond);
    this.#gate = new SendGate(this.#settings.concurrency, this.#pacer, nowMs);
    this.#stats = new ApiStatsRecorder(nowMs);
    if (this.#outerSignal.aborted) this.#onAbort();
    else this.#outerSignal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /**
   * Runs `send` (one SDK call, so one HTTP request per attempt) with the retry policy of `kind`
   * (see CallKind). Resolves with its result, or throws ApiAuthError, ApiRejectedError,
   * AmbiguousCallError, ApiUnavailableError (ApiUnreachableError when no attempt reached the server)
   * or InterruptedError.
   */
  async call<T>(kind: CallKind, label: string, send: () => Promise<T>, shape?: ResponseShape): Promise<T> {
    try {
      return await this.#callWithRetries(kind, label, send, shape);
    } catch (error) {
      this.#stats.failed();
      throw error;
    }
  }

  async #callWithRetries<T>(kind: CallKind, label: string, send: () => Promise<T>, shape: ResponseShape | undefined): Promise<T> {
    let failedAttempts = 0;
    let rateLimitedAttempts = 0;
    let isNeverReached = true;
    let retryingSinceMs: number | undefined;
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      this.#throwIfStopped();
      const attempt: AttemptContext = {
        kind,
        label,
        isRetry: attemptNumber > 1,
        wasSent: false,
        retryAfterMs: undefined,
        shape,
        unusable: undefined,
        serverClaim: undefined,
      };
      if (attempt.isRetry) this.#stats.retried();
      let failure: CallFailure;
      try {
        // The fetch has checked the answer's shape (`attempt.shape`) before the SDK saw it.
        return await this.#attempt.run(attempt, send);
      } catch (error) {
        if (this.#authFailure) throw this.#authFailure;
        if (this.#signal.aborted || this.#isClosed) throw new InterruptedError();
        if (error instanceof InterruptedError) throw error;
        failure = attempt.unusable === undefined ? classifyFailure(error) : { type: 'unusable', reason: attempt.unusable };
        // Not an HTTP outcome: a bug or a caller's own error. Not ours to retry or reword.
        if (failure.type === 'unknown') throw error;
      }
      const decision = this.#decide(kind, label, failure, attempt);
      if (decision !== 'retry') throw decision;
      if (failure.type === 'rate_limited') rateLimitedAttempts += 1;
      else failedAttempts += 1;
      isNeverReached &&= failure.type === 'connection' && failure.isNotSent;
      if (failedAttempts >= this.#settings.maxAttempts && isNeverReached) {
        throw new ApiUnreachableError(
          `${label}: could not reach Telnyx in ${attemptNumber} attempts (last: ${this.#scrub(describeFailure(failure))})`,
          'Check --base-url (or TELNYX_BASE_URL) and that this machine can reach it (network, proxy, firewall, DNS).',
        );
      }
      if (failedAttempts >= this.#settings.maxAttempts || rateLimitedAttempts >= this.#settings.maxRateLimitedAttempts) {
        throw new ApiUnavailableError(
          `${label}: Telnyx did not answer successfully after ${attemptNumber} attempts (last: ${this.#scrub(describeFailure(failure))})`,
          failure.type === 'unusable'
            ? 'Something other than the Telnyx API may be answering (a proxy, a captive portal, a wrong --base-url); check --base-url and the network path.'
            : 'Telnyx may be down or overloaded; run the command again later, or lower --rate/--concurrency.',
        );
      }
      const nowMs = performance.now();
      retryingSinceMs ??= nowMs;
      const backoffMs = this.#backoffMs(failure, attempt, failedAttempts);
      // The next attempt leaves after the backoff and after any pause the pacer holds (Retry-After, an empty bucket).
      const waitMs = Math.max(backoffMs, this.#pacer.nextSendAtMs() - nowMs);
      if (nowMs - retryingSinceMs + waitMs > this.#settings.maxWaitMs) {
        const claim = attempt.serverClaim === undefined ? '' : `; the server said ${this.#scrub(attempt.serverClaim)}`;
        throw new ApiUnavailableError(
          `${label}: gave up after ${attemptNumber} attempts: retrying would wait longer than --max-wait ${formatSeconds(this.#settings.maxWaitMs)} (last: ${this.#scrub(describeFailure(failure))}${claim})`,
          'Run the command again later, or raise --max-wait if the server really needs that long.',
        );
      }
      await this.#sleep(backoffMs);
    }
  }

  /**
   * Reads a whole list with an explicit page loop (`page[size]` = pageSize), each page one `read`
   * call, so every page is paced, counted and retried like any read.
   */
  async listAll<T>(
    label: string,
    fetchPage: (pageNumber: number, pageSize: number) => Promise<{ data: T[]; meta?: { total_pages?: number | null | undefined } | null | undefined }>,
    shape?: ResponseShape,
    pageSize = 250,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      const page = await this.call('read', `${label} (page ${pageNumber})`, () => fetchPage(pageNumber, pageSize), shape);
      items.push(...page.data);
      const totalPages = page.meta?.total_pages;
      const isLast =
        page.data.length === 0 || (typeof totalPages === 'number' ? pageNumber >= totalPages : page.data.length < pageSize);
      if (isLast) return items;
    }
  }

  stats(): ApiStats {
    return this.#stats.snapshot();
  }

  /** The current paced rate (requests/s), for progress displays and benchmarks. */
  get currentRatePerSecond(): number {
    return this.#pacer.ratePerSecond;
  }

  /** Queued attempts reject with InterruptedError; waits for those in flight. */
  async close(): Promise<void> {
    this.#isClosed = true;
    this.#outerSignal.removeEventListener('abort', this.#onAbort);
    this.#gate.close(new InterruptedError());
    await this.#gate.idle();
  }

  /**
   * The fetch handed to the SDK. Every attempt, whoever makes it, waits at the gate, is counted,
   * feeds its rate-limit headers to the pacer, and gets the real per-attempt timeout.
   */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const attempt = this.#attempt.getStore();
    await this.#gate.enter(attempt?.isRetry ?? false);
    const startedMs = this.#stats.attemptStarted();
    if (attempt) attempt.wasSent = true;
    // One controller per attempt, linked by hand: AbortSignal.any() on the session-long signal
    // would keep every attempt's signal alive until the session ends.
    const abort = new AbortController();
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      abort.abort();
    }, this.#settings.requestTimeoutMs);
    const onAbort = (): void => abort.abort();
    init?.signal?.addEventListener('abort', onAbort, { once: true });
    // Ctrl-C aborts reads in flight; a create or action in flight is let finish, so its outcome is known.
    const isInterruptible = attempt === undefined || isRetriedOnAmbiguousFailure(attempt.kind);
    if (isInterruptible) this.#signal.addEventListener('abort', onAbort, { once: true });
    if (init?.signal?.aborted || (isInterruptible && this.#signal.aborted)) abort.abort();
    let isStreaming = false;
    try {
      // No redirects: a 307 to another host would re-send the body (PIN, account, address) there.
      const response = await this.#innerFetch(input, { ...init, redirect: 'manual', signal: abort.signal });
      const isStream = attempt?.shape?.kind === 'stream' && response.status >= 200 && response.status < 300;
      // Read the body inside the slot: the attempt is in flight until its answer has fully arrived.
      // A download is handed on as a stream instead (never held whole), with its own idle timeout and cap.
      const body = isStream || NULL_BODY_STATUSES.has(response.status) ? null : await this.#readCapped(response, attempt);
      const answeredMs = performance.now();
      const headers = readRateLimitHeaders(response.headers, Date.now());
      if (attempt) attempt.serverClaim = describeServerClaim(response.headers);
      if (response.status === 401 || response.status === 403) this.#refuseAuth(response.status, attempt?.label ?? 'API call');
      const isRateLimited = response.status === 429;
      if (attempt) attempt.retryAfterMs = headers.retryAfterMs;
      this.#pacer.observe({
        atMs: answeredMs,
        sentAtMs: startedMs,
        isRateLimited,
        limit: headers.limit,
        remaining: headers.remaining,
        retryAfterMs: isRateLimited ? headers.retryAfterMs : undefined,
      });
      this.#stats.attemptEnded(
        startedMs,
        isRateLimited ? 'rate_limited' : response.status >= 500 || response.status === 408 ? 'server_error' : 'answered',
      );
      // A 200 is not a fact until its shape is right: checked on the wire, before the SDK builds
      // anything from it, so nothing reaches the caller (or its journal) from an unusable answer.
      const unusable = findUnusableAnswer(response, body, attempt?.shape) ?? (await findWrongShape(response, body, attempt?.shape));
      if (unusable !== undefined) {
        if (isStream) await response.body?.cancel().catch(() => undefined);
        if (attempt) attempt.unusable = unusable;
        throw new UnusableAnswer(unusable);
      }
      if (isStream) {
        isStreaming = true;
        return new Response(this.#guardStream(response, abort, timer, () => isTimedOut), {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      }
      return new Response(body === null ? null : this.#scrub(body), { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (error instanceof UnusableAnswer) throw error;
      this.#stats.attemptEnded(startedMs, 'no_answer');
      if (isTimedOut && !this.#signal.aborted) {
        // The SDK sorts an AbortError as APIConnectionTimeoutError.
        throw new DOMException(`no answer within ${this.#settings.requestTimeoutMs} ms`, 'AbortError');
      }
      throw error;
    } finally {
      if (!isStreaming) clearTimeout(timer);
      init?.signal?.removeEventListener('abort', onAbort);
      this.#signal.removeEventListener('abort', onAbort);
      this.#gate.leave();
    }
  };

  #decide(kind: CallKind, label: string, failure: Exclude<CallFailure, { type: 'unknown' }>, attempt: AttemptContext): 'retry' | Error {
    switch (failure.type) {
      case 'auth':
        return this.#refuseAuth(failure.status, label);
      case 'rejected':
        return new ApiRejectedError(label, failure.status, this.#scrubDetails(failure.details));
      case 'rate_limited':
        // A 429 means the server did not act on the request: safe to send again, whatever its kind.
        return 'retry';
      case 'connection':
        if (!attempt.wasSent || failure.isNotSent || isRetriedOnAmbiguousFailure(kind)) return 'retry';
        return new AmbiguousCallError(label, kind, this.#scrub(describeFailure(failure)));
      case 'server':
      case 'timeout':
      case 'unusable':
        if (isRetriedOnAmbiguousFailure(kind)) return 'retry';
        return new AmbiguousCallError(label, kind, this.#scrub(describeFailure(failure)));
    }
  }

  /** Stops the session at the first refusal of the key: queued and later calls fail with the same error, unsent. */
  #refuseAuth(status: 401 | 403, label: string): ApiAuthError {
    this.#authFailure ??=
      status === 401
        ? new ApiAuthError(
            `Telnyx refused the API key (HTTP 401) on ${label}`,
            'Check the key in TELNYX_API_KEY or --api-key-file, and --base-url if you rehearse against a simulator.',
          )
        : new ApiAuthError(
            `Telnyx refused the request for lack of permission (HTTP 403) on ${label}`,
            'The key is valid but may not be allowed to use porting; check its permissions in the Telnyx portal.',
          );
    this.#gate.close(this.#authFailure);
    return this.#authFailure;
  }

  #backoffMs(failure: CallFailure, attempt: AttemptContext, attemptNumber: number): number {
    // A 429 is handled by the pacer (it slowed down, and paused for Retry-After): the retry just queues.
    if (failure.type === 'rate_limited') return 0;
    const ceiling = Math.min(this.#settings.backoffMaxMs, this.#settings.backoffBaseMs * 2 ** (attemptNumber - 1));
    // Equal jitter: half fixed, half random, so retries of one burst do not land together.
    const jittered = ceiling / 2 + (this.#random() * ceiling) / 2;
    return Math.max(jittered, attempt.retryAfterMs ?? 0);
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new InterruptedError());
      };
      const timer = setTimeout(() => {
        this.#signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.#signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #throwIfStopped(): void {
    if (this.#authFailure) throw this.#authFailure;
    if (this.#signal.aborted || this.#isClosed) throw new InterruptedError();
  }

  /** Every server-supplied string passes here before the SDK (and so any output) sees it. */
  #scrub(text: string): string {
    let clean = text;
    for (const secret of this.#secrets) {
      clean = clean.split(secret).join('[redacted]');
      // The same secret as it appears inside a JSON string.
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret) clean = clean.split(escaped).join('[redacted]');
    }
    return clean;
  }

  #scrubDetails(details: readonly ApiErrorDetail[]): ApiErrorDetail[] {
    const scrubOptional = (text: string | undefined): string | undefined => (text === undefined ? undefined : this.#scrub(text));
    return details.map((d) => ({
      code: this.#scrub(d.code),
      title: this.#scrub(d.title),
      detail: this.#scrub(d.detail),
      pointer: scrubOptional(d.pointer),
      parameter: scrubOptional(d.parameter),
    }));
  }

  /**
   * Reads a JSON answer's body, at most `maxJsonBodyBytes` (an endless or huge body is an unusable
   * answer, not an out-of-memory abort). The per-attempt timer runs until the last byte, so a
   * server trickling bytes (slowloris) times out like a silent one.
   */
  async #readCapped(response: Response, attempt: AttemptContext | undefined): Promise<string | null> {
    if (response.body === null) return null;
    const limit = this.#settings.maxJsonBodyBytes;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const tooLarge = `answer larger than ${formatBytes(limit)}`;
    if (declared > limit) {
      await response.body.cancel().catch(() => undefined);
      if (attempt) attempt.unusable = tooLarge;
      throw new UnusableAnswer(tooLarge);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        if (attempt) attempt.unusable = tooLarge;
        throw new UnusableAnswer(tooLarge);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /**
   * A download's body, passed through chunk by chunk: it errors when no byte arrives for a request
   * timeout, or past `maxDownloadBytes`. The attempt's timer becomes an idle timer.
   */
  #guardStream(response: Response, abort: AbortController, timer: NodeJS.Timeout, isTimedOut: () => boolean): ReadableStream<Uint8Array> | null {
    if (response.body === null) {
      clearTimeout(timer);
      return null;
    }
    const limit = this.#settings.maxDownloadBytes;
    const idleMs = this.#settings.requestTimeoutMs;
    let size = 0;
    let idle = timer;
    const reader = response.body.getReader();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { done, value } = await reader.read();
          if (done) {
            clearTimeout(idle);
            controller.close();
            return;
          }
          size += value.byteLength;
          if (size > limit) {
            clearTimeout(idle);
            await reader.cancel().catch(() => undefined);
            controller.error(new Error(`download larger than ${formatBytes(limit)}`));
            return;
          }
          clearTimeout(idle);
          idle = setTimeout(() => abort.abort(), idleMs);
          controller.enqueue(value);
        } catch (error) {
          clearTimeout(idle);
          controller.error(isTimedOut() || abort.signal.aborted ? new Error(`no data for ${formatSeconds(idleMs)}`) : error);
        }
      },
      cancel: async (reason) => {
        clearTimeout(idle);
        await reader.cancel(reason).catch(() => undefined);
      },
    });
  }
}

/** Thrown by the scheduler's fetch for an answer it will not hand on; the call sees `attempt.unusable`. */
class UnusableAnswer extends Error {
  override readonly name = 'UnusableAnswer';
}

/**
 * Why an answer cannot be acted on, or undefined. A 3xx is never followed (its Location's host is
 * named); a success or a refusal that is not JSON comes from something other than the Telnyx API
 * (a captive portal's HTML page), so it proves nothing, not even that an order is gone.
 */
function findUnusableAnswer(response: Response, body: string | null, shape: ResponseShape | undefined): string | undefined {
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    const host = location === null ? undefined : URL.canParse(location, response.url || 'http://unknown/') ? new URL(location, response.url || 'http://unknown/').host : undefined;
    return `redirected (HTTP ${status}) to ${host ?? 'an unnamed location'}; redirects are not followed`;
  }
  if (shape?.kind === 'stream' && status >= 200 && status < 300) return undefined;
  const isJudged = (status >= 200 && status < 300) || (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status));
  if (!isJudged || body === null || body.trim() === '') return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (!/\bjson\b/i.test(contentType)) return `HTTP ${status} with ${contentType === '' ? 'no content type' : contentType.split(';')[0]?.trim()}, not JSON`;
  try {
    JSON.parse(body);
  } catch {
    return `HTTP ${status} body is not valid JSON`;
  }
  return undefined;
}

async function findWrongShape(response: Response, body: string | null, shape: ResponseShape | undefined): Promise<string | undefined> {
  if (shape?.kind !== 'json' || response.status < 200 || response.status >= 300) return undefined;
  // An empty answer (a 204) is checked as null: only a shape that expects nothing (a DELETE) accepts it.
  const value: unknown = body === null || body.trim() === '' ? null : JSON.parse(body);
  const mismatch = await findShapeMismatch(shape, value);
  return mismatch === undefined ? undefined : `not the ${shape.name} answer (${mismatch})`;
}

/** The server's own words about time, for the message when --max-wait is hit. */
function describeServerClaim(headers: Headers): string | undefined {
  const parts: string[] = [];
  for (const name of ['retry-after', 'retry-after-ms', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
    const value = headers.get(name);
    if (value !== null) parts.push(`${name}: ${value.slice(0, 40)}`);
  }
  return parts.length === 0 ? undefined : parts.join(', ');
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}
