/**
 * How a call may be retried (docs/design.md §7):
 * - `read`: GET. Retried on 429, 5xx, timeouts and dropped connections.
 * - `idempotent`: PATCH with the same body, DELETE. Retried like a read.
 * - `action`: confirm, cancel, status update. Retried only on 429 or when the request provably
 *   never left (connection refused); any other failure throws `AmbiguousCallError` and the caller
 *   re-reads the state before deciding to send it again.
 * - `create`: POST that creates something (orders, documents, reports, comments). Same rule as
 *   `action`: never retried blindly; on `AmbiguousCallError` the caller looks for what it created.
 */
export type CallKind = 'read' | 'idempotent' | 'create' | 'action';

export function isRetriedOnAmbiguousFailure(kind: CallKind): boolean {
  return kind === 'read' || kind === 'idempotent';
}
