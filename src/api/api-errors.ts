import Telnyx from 'telnyx';
import { ApiAuthError, ApiUnavailableError, BulkportError, InterruptedError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { CallKind } from './call-kind.js';

export { ApiAuthError, ApiUnavailableError, InterruptedError };

/** One entry of Telnyx's error envelope `{errors:[{code,title,detail,source:{pointer}}]}`. */
export interface ApiErrorDetail {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** JSON pointer into the request body (`/phone_numbers/3`, `/end_user/admin/pin_passcode`), when the server names one. */
  readonly pointer: string | undefined;
  /** Query parameter the error is about, when the server names one. */
  readonly parameter: string | undefined;
}

/**
 * Telnyx answered and said no (400, 404, 409, 422 and other 4xx that are not about the key or
 * the rate limit). Not retried: the same request would get the same answer. Callers that map a
 * rejection onto rows read `status` and `errors[].pointer`.
 */
export class ApiRejectedError extends BulkportError {
  readonly exitCode = ExitCode.STOPPED;

  constructor(
    /** The scheduler label of the call, e.g. `portability check (batch 12)`. */
    readonly label: string,
    readonly status: number,
    readonly errors: readonly ApiErrorDetail[],
  ) {
    super(`${label}: Telnyx rejected the request (HTTP ${status}): ${describeDetails(errors)}`);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isUnprocessable(): boolean {
    return this.status === 422;
  }
}

/**
 * A `create` or `action` call failed in a way that leaves open whether the server acted on it
 * (timeout, dropped connection, 5xx after the request was sent). It is never retried blindly:
 * the caller asks the server what exists (by reference, filename or content) before sending again.
 */
export class AmbiguousCallError extends BulkportError {
  readonly exitCode = ExitCode.STOPPED;

  constructor(
    readonly label: string,
    readonly kind: CallKind,
    /** What went wrong, without any secret: `timed out after 30000 ms`, `HTTP 502`, `connection reset`. */
    readonly reason: string,
  ) {
    super(
      `${label}: no clear answer from Telnyx (${reason}); it may or may not have been applied`,
      'Run the command again: it checks what exists on the server before sending anything twice.',
    );
  }
}

/**
 * No attempt of a call reached Telnyx: every one failed before a request left (connection refused,
 * unknown host, no route). Unlike 5xx on one batch, the next call would fail the same way, so a run
 * stops on it (docs/design.md §2: "API unreachable after retries", exit 3) rather than failing row after row.
 */
export class ApiUnreachableError extends ApiUnavailableError {}

/** Failures the retry policy and the callers tell apart (the result of sorting an SDK error by class). */
export type CallFailure =
  | { readonly type: 'auth'; readonly status: 401 | 403; readonly details: readonly ApiErrorDetail[] }
  | { readonly type: 'rate_limited'; readonly details: readonly ApiErrorDetail[] }
  | { readonly type: 'rejected'; readonly status: number; readonly details: readonly ApiErrorDetail[] }
  | { readonly type: 'server'; readonly status: number; readonly details: readonly ApiErrorDetail[] }
  | { readonly type: 'timeout' }
  | { readonly type: 'connection'; readonly isNotSent: boolean; readonly code: string | undefined }
  /** An answer arrived but is not one the tool can act on: wrong shape, not JSON, too large, a redirect. */
  | { readonly type: 'unusable'; readonly reason: string }
  | { readonly type: 'unknown'; readonly error: unknown };

/**
 * Sorts an error thrown by an SDK call by class, never by message text (docs/architecture.md §8.7). Connection
 * errors extend APIError, so they are tested first.
 */
export function classifyFailure(error: unknown): CallFailure {
  if (error instanceof Telnyx.APIConnectionTimeoutError) return { type: 'timeout' };
  if (error instanceof Telnyx.APIConnectionError) {
    const code = connectionErrorCode(error);
    return { type: 'connection', isNotSent: code !== undefined && NOT_SENT_CODES.has(code), code };
  }
  if (error instanceof Telnyx.AuthenticationError) return { type: 'auth', status: 401, details: errorDetails(error.error) };
  if (error instanceof Telnyx.PermissionDeniedError) return { type: 'auth', status: 403, details: errorDetails(error.error) };
  if (error instanceof Telnyx.RateLimitError) return { type: 'rate_limited', details: errorDetails(error.error) };
  if (error instanceof Telnyx.APIError && typeof error.status === 'number') {
    if (error.status >= 500 || error.status === 408) return { type: 'server', status: error.status, details: errorDetails(error.error) };
    return { type: 'rejected', status: error.status, details: errorDetails(error.error) };
  }
  return { type: 'unknown', error };
}

/** Short text for a failure, safe to print: status and Telnyx's own titles, never headers or request data. */
export function describeFailure(failure: CallFailure): string {
  switch (failure.type) {
    case 'auth':
      return `HTTP ${failure.status}${suffix(failure.details)}`;
    case 'rate_limited':
      return `HTTP 429${suffix(failure.details)}`;
    case 'rejected':
    case 'server':
      return `HTTP ${failure.status}${suffix(failure.details)}`;
    case 'timeout':
      return 'timed out';
    case 'unusable':
      return `unusable answer: ${failure.reason}`;
    case 'connection':
      return failure.code === undefined ? 'connection failed' : `connection failed (${failure.code})`;
    case 'unknown':
      return failure.error instanceof Error ? failure.error.name : 'unexpected failure';
  }
}

/** Reads Telnyx's error envelope from a parsed error body; tolerates anything else. */
function errorDetails(body: unknown): ApiErrorDetail[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((entry: unknown): ApiErrorDetail => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const source = (typeof e.source === 'object' && e.source !== null ? e.source : {}) as Record<string, unknown>;
    return {
      code: e.code === undefined || e.code === null ? '' : String(e.code as string | number),
      title: typeof e.title === 'string' ? e.title : '',
      detail: typeof e.detail === 'string' ? e.detail : '',
      pointer: typeof source.pointer === 'string' ? source.pointer : undefined,
      parameter: typeof source.parameter === 'string' ? source.parameter : undefined,
    };
  });
}

export function describeDetails(details: readonly ApiErrorDetail[]): string {
  if (details.length === 0) return 'no details given';
  return details
    .map((d) => {
      const text = d.detail !== '' ? d.detail : d.title !== '' ? d.title : 'no description';
      const where = d.pointer ?? d.parameter;
      return `${text}${d.code !== '' ? ` [${d.code}]` : ''}${where === undefined ? '' : ` at ${where}`}`;
    })
    .join('; ');
}

function suffix(details: readonly ApiErrorDetail[]): string {
  return details.length === 0 ? '' : `: ${describeDetails(details)}`;
}

/** Errors that prove the request never reached the server, so even a create may be sent again. */
// UND_ERR_CONNECT_TIMEOUT: undici gave up on the TCP connect (10 s), so no request byte left either.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function connectionErrorCode(error: Error): string | undefined {
  // undici wraps the socket error: TypeError('fetch failed', { cause: Error & { code } }).
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
