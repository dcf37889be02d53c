/** An allowed FOC window as Telnyx lists it (`GET /porting_orders/{id}/allowed_foc_windows`). */
export interface FocWindow {
  readonly started_at?: string;
  readonly ended_at?: string;
}

export interface FittedFoc {
  /** The FOC to send (ISO 8601, UTC). */
  readonly focDatetimeRequested: string;
  /** Set when the requested FOC was moved: what the sheet asked for. */
  readonly movedFrom?: string;
}

/**
 * Puts a requested FOC into the nearest allowed window, never in the past. A request inside a
 * window is kept; otherwise the closest moment of any window that has not ended (clipped to `now`)
 * is taken, the earlier one on a tie. A date-only request (midnight UTC) is met by any time that day. Without a usable window the request is kept: Telnyx has the
 * last word at confirm time, and inventing a date would be worse.
 */
export function fitFocToWindows(requested: string, windows: readonly FocWindow[], now: Date): FittedFoc {
  const requestedMs = Date.parse(requested);
  // A sheet that gives a date without a time (planned as midnight UTC) asks for that day: a time
  // within the same day is what it asked for, not a move.
  const isDateOnly = requested.endsWith('T00:00:00.000Z');
  const nowMs = now.getTime();
  let best: { atMs: number; distance: number } | undefined;
  for (const window of windows) {
    const startMs = Date.parse(window.started_at ?? '');
    const endMs = Date.parse(window.ended_at ?? '');
    if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs < nowMs || endMs < startMs) continue;
    const from = Math.max(startMs, nowMs);
    const atMs = Math.min(Math.max(requestedMs, from), endMs);
    const distance = Math.abs(atMs - requestedMs);
    if (best === undefined || distance < best.distance || (distance === best.distance && atMs < best.atMs)) best = { atMs, distance };
  }
  if (best === undefined) return { focDatetimeRequested: new Date(requestedMs).toISOString() };
  const isSameDay = new Date(best.atMs).toISOString().slice(0, 10) === requested.slice(0, 10);
  if (best.atMs === requestedMs || (isDateOnly && isSameDay)) return { focDatetimeRequested: new Date(best.atMs).toISOString() };
  return { focDatetimeRequested: new Date(best.atMs).toISOString(), movedFrom: new Date(requestedMs).toISOString() };
}
