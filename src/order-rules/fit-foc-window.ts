import { isDayRequest } from './foc-request.js';

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
 * The one FOC fitter (`submit` and `fix`): puts a requested FOC into the nearest allowed window, never in the past. A request inside a
 * window is kept; otherwise the closest moment of any window that has not ended (clipped to `now`)
 * is taken, the later one on a tie. A date-only request (midnight UTC) is met by any window that day. Without a usable window the request is kept: Telnyx has the
 * last word at confirm time, and inventing a date would be worse.
 */
export function fitFocToWindows(requested: string, windows: readonly FocWindow[], now: Date): FittedFoc {
  const requestedMs = Date.parse(requested);
  const nowMs = now.getTime();
  const usable = windows
    .map((window) => ({ startMs: Math.max(Date.parse(window.started_at ?? ''), nowMs), endMs: Date.parse(window.ended_at ?? '') }))
    .filter((window) => !Number.isNaN(window.startMs) && !Number.isNaN(window.endMs) && window.startMs <= window.endMs);
  if (usable.length === 0) return { focDatetimeRequested: new Date(requestedMs).toISOString() };

  // A sheet that gives a date without a time (carried as midnight UTC) asks for that day: the first
  // allowed moment of that day is what it asked for, not a move.
  if (isDayRequest(requested)) {
    const dayEndMs = requestedMs + DAY_MS;
    const sameDay = usable.filter((window) => window.startMs < dayEndMs && window.endMs >= requestedMs);
    const firstMs = Math.min(...sameDay.map((window) => Math.max(window.startMs, requestedMs)));
    if (sameDay.length > 0) return { focDatetimeRequested: new Date(firstMs).toISOString() };
  }

  let best: { atMs: number; distance: number } | undefined;
  for (const window of usable) {
    const atMs = Math.min(Math.max(requestedMs, window.startMs), window.endMs);
    const distance = Math.abs(atMs - requestedMs);
    // On a tie the later moment wins: porting later than asked is safer than cutting service early.
    if (best === undefined || distance < best.distance || (distance === best.distance && atMs > best.atMs)) best = { atMs, distance };
  }
  if (best!.atMs === requestedMs) return { focDatetimeRequested: new Date(requestedMs).toISOString() };
  return { focDatetimeRequested: new Date(best!.atMs).toISOString(), movedFrom: new Date(requestedMs).toISOString() };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the results say when the fitter moved a FOC: how far, which way, to when. */
export function describeFocMove(fromIso: string, toIso: string): string {
  const days = (Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS;
  const amount = Math.abs(days) >= 1 ? `${Math.round(Math.abs(days))} day(s)` : `${Math.round(Math.abs(days) * 24)} hour(s)`;
  return `requested FOC ${fromIso} is outside the order's allowed FOC windows; moved ${days < 0 ? 'EARLIER' : 'later'} by ${amount} to the nearest allowed time, ${toIso}`;
}
