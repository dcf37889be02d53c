import Telnyx from 'telnyx';
import type { ApiKey } from '../core/api-key.js';

export interface TelnyxClientSettings {
  readonly apiKey: ApiKey;
  readonly baseURL: string;
  /** The scheduler's fetch: every HTTP attempt passes its limiter and counters. */
  readonly fetch: typeof fetch;
}

/**
 * The SDK's own timer starts before our fetch queues the request at the limiter, so a long queue
 * would look like a timeout. The scheduler enforces the real per-attempt timeout from the moment
 * the request leaves; the SDK's timer is only a backstop (a day; setTimeout overflows above 2^31 ms).
 */
const SDK_BACKSTOP_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * The only place the key is revealed (docs/architecture.md §8.12). SDK retries are off (`maxRetries: 0`): the
 * scheduler owns the one retry loop, so every attempt passes the limiter and is counted (docs/design.md §7).
 * The SDK's logger is silenced: its messages are not ours to print, and `TELNYX_LOG=debug` must
 * not turn request details on behind our back. OAuth/public-key settings are pinned to null so
 * stray TELNYX_CLIENT_* variables cannot change how we authenticate.
 */
export function createTelnyxClient(settings: TelnyxClientSettings): Telnyx {
  return new Telnyx({
    apiKey: settings.apiKey.reveal(),
    publicKey: null,
    clientID: null,
    clientSecret: null,
    baseURL: settings.baseURL,
    maxRetries: 0,
    timeout: SDK_BACKSTOP_TIMEOUT_MS,
    fetch: settings.fetch,
    logLevel: 'off',
  });
}
