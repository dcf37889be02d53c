import type Telnyx from 'telnyx';
import type { GlobalOptions } from '../config/global-options.js';
import { requireApiKey } from '../config/global-options.js';
import type { ApiKey } from '../core/api-key.js';
import { ConfigError } from '../core/errors.js';
import { createTelnyxClient } from './create-telnyx-client.js';
import { Scheduler, type SchedulerSettings } from './scheduler.js';

export type { ApiStats } from './api-stats.js';
export type { Scheduler } from './scheduler.js';

/** `page[size]` the scheduler asks for in `listAll`: the largest Telnyx allows, so a list costs the fewest calls. */
export const LIST_PAGE_SIZE = 250;

/**
 * Everything a command needs to talk to Telnyx: the SDK client (whose every HTTP attempt goes
 * through `scheduler`'s limiter and counters) and the scheduler that owns retries.
 * Call the API only inside `scheduler.call` / `scheduler.listAll`; `close()` when done.
 */
export interface ApiSession {
  readonly client: Telnyx;
  readonly scheduler: Scheduler;
  /** Stops pacing timers and waits for calls in flight; queued calls reject with InterruptedError. */
  close(): Promise<void>;
}

export interface ApiSessionContext {
  /** Aborted on Ctrl-C: queued calls reject with InterruptedError; reads in flight abort; creates/actions in flight finish. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
}

/** For tests and benchmarks; production uses the defaults. */
export interface ApiSessionOverrides extends Partial<SchedulerSettings> {
  /** The fetch that actually sends (default: global fetch). */
  readonly fetch?: typeof fetch;
}

export type ApiSessionOptions = Pick<GlobalOptions, 'apiKey' | 'baseURL' | 'concurrency' | 'ratePerSecond'> &
  Partial<Pick<GlobalOptions, 'maxWaitMs' | 'requestTimeoutMs'>>;

/** Options with the key present and the base URL checked: what `createApiSession` takes. */
export interface ApiSettings {
  readonly apiKey: ApiKey;
  readonly baseURL: string;
  readonly concurrency: number;
  readonly ratePerSecond: number;
  readonly maxWaitMs?: number | undefined;
  readonly requestTimeoutMs?: number | undefined;
}

/**
 * Throws ConfigError when the key is missing or the base URL is not an http(s) URL. Commands call
 * it before they write or send anything, so a typo in --base-url is a usage error (exit 2), not a
 * crash inside the SDK on the first call; the settings it returns are all a session needs.
 */
export function resolveApiSettings(options: ApiSessionOptions): ApiSettings {
  const apiKey = requireApiKey(options);
  const url = URL.canParse(options.baseURL) ? new URL(options.baseURL) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(
      `--base-url: expected an http(s) URL such as https://api.telnyx.com/v2, got "${options.baseURL}"`,
      'Set --base-url or TELNYX_BASE_URL to the API root, or leave both unset for Telnyx production.',
    );
  }
  return {
    apiKey,
    baseURL: options.baseURL,
    concurrency: options.concurrency,
    ratePerSecond: options.ratePerSecond,
    maxWaitMs: options.maxWaitMs,
    requestTimeoutMs: options.requestTimeoutMs,
  };
}

/** Builds the client and its scheduler from resolved settings (`resolveApiSettings`). */
export function createApiSession(api: ApiSettings, context: ApiSessionContext, overrides: ApiSessionOverrides = {}): ApiSession {
  const { apiKey } = api;
  const { fetch: innerFetch, ...settings } = overrides;
  const scheduler = new Scheduler(
    {
      concurrency: api.concurrency,
      ratePerSecond: api.ratePerSecond,
      ...(api.maxWaitMs === undefined ? {} : { maxWaitMs: api.maxWaitMs }),
      ...(api.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: api.requestTimeoutMs }),
      ...settings,
    },
    { signal: context.signal, fetch: innerFetch ?? globalThis.fetch, secrets: [apiKey.reveal()] },
  );
  const client = createTelnyxClient({ apiKey, baseURL: api.baseURL, fetch: scheduler.fetch });
  return {
    client,
    scheduler,
    close: () => scheduler.close(),
  };
}
