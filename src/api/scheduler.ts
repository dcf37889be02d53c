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
}

const DEFAULT_SCHEDULER_SETTINGS = {
  // Telnyx answers a portability check of 50 numbers in well under a second; 30 s leaves room for
  // a slow day without letting a dead connection hold a slot for the SDK's default minute.
  requestTimeoutMs: 30_000,
  maxAttempts: 5,
  maxRateLimitedAttempts: 30,
  backoffBaseMs: 500,
  backoffMaxMs: 15_000,
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
  async call<T>(kind: CallKind, label: string, send: () => Promise<T>): Promise<T> {
    try {
      return await this.#callWithRetries(kind, label, send);
    } catch (error) {
      this.#stats.failed();
      throw error;
    }
  }

  async #callWithRetries<T>(kind: CallKind, label: string, send: () => Promise<T>): Promise<T> {
    let failedAttempts = 0;
    let rateLimitedAttempts = 0;
    let isNeverReached = true;
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      this.#throwIfStopped();
      const attempt: AttemptContext = { kind, label, isRetry: attemptNumber > 1, wasSent: false, retryAfterMs: undefined };
      if (attempt.isRetry) this.#stats.retried();
      let failure: CallFailure;
      try {
        return await this.#attempt.run(attempt, send);
      } catch (error) {
        if (this.#authFailure) throw this.#authFailure;
        if (this.#signal.aborted || this.#isClosed) throw new InterruptedError();
        if (error instanceof InterruptedError) throw error;
        failure = classifyFailure(error);
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
          'Telnyx may be down or overloaded; run the command again later, or lower --rate/--concurrency.',
        );
      }
      await this.#sleep(this.#backoffMs(failure, attempt, failedAttempts));
    }
  }

  /**
   * Reads a whole list with an explicit page loop (`page[size]` = pageSize), each page one `read`
   * call, so every page is paced, counted and retried like any read.
   */
  async listAll<T>(
    label: string,
    fetchPage: (pageNumber: number, pageSize: number) => Promise<{ data: T[]; meta?: { total_pages?: number | null | undefined } | null | undefined }>,
    pageSize = 250,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      const page = await this.call('read', `${label} (page ${pageNumber})`, () => fetchPage(pageNumber, pageSize));
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
    try {
      const response = await this.#innerFetch(input, { ...init, signal: abort.signal });
      // Read the body inside the slot: the attempt is in flight until its answer has fully arrived.
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      const answeredMs = performance.now();
      const headers = readRateLimitHeaders(response.headers, Date.now());
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
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      this.#stats.attemptEnded(startedMs, 'no_answer');
      if (isTimedOut && !this.#signal.aborted) {
        // The SDK sorts an AbortError as APIConnectionTimeoutError.
        throw new DOMException(`no answer within ${this.#settings.requestTimeoutMs} ms`, 'AbortError');
      }
      throw error;
    } finally {
      clearTimeout(timer);
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

  #scrub(text: string): string {
    let clean = text;
    for (const secret of this.#secrets) clean = clean.split(secret).join('[redacted]');
    return clean;
  }

  #scrubDetails(details: readonly ApiErrorDetail[]): ApiErrorDetail[] {
    return details.map((d) => ({ ...d, title: this.#scrub(d.title), detail: this.#scrub(d.detail) }));
  }
}
