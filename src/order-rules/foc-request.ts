/**
 * How a requested FOC is read, the one rule `plan`, `submit` and `fix` share (pure: `now` is passed in).
 *
 * - `YYYY-MM-DD` asks for that day (UTC). It is valid from today on: a date-only FOC for today is
 *   accepted everywhere, and is "in the past" only once the UTC day is over. It is carried as
 *   midnight UTC of that day (`YYYY-MM-DDT00:00:00.000Z`, see `isDayRequest`), and the FOC fitter
 *   sends the first allowed moment of that day, or the nearest allowed moment when that day has
 *   no window (reported as moved).
 * - An ISO date-time (`2026-12-01T15:00`, `…Z`, `…+01:00`; no zone means UTC) asks for that moment
 *   and is in the past once the moment is.
 * - Anything else (`12/01/2026`, "next tuesday", a day that does not exist) is refused.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const DAY_SUFFIX = 'T00:00:00.000Z';

export type FocReading =
  | { readonly value: string }
  | { readonly problem: { readonly code: 'FOC_IN_PAST' | 'INVALID_FIELD'; readonly detail: string } };

/** A FOC cell as the ISO date-time the order carries, or why it cannot be used. `''` stays `''` (no FOC asked). */
export function readFocRequest(cell: string, now: Date): FocReading {
  const text = cell.trim();
  if (text === '') return { value: '' };
  if (DATE_ONLY.test(text)) {
    const at = new Date(`${text}${DAY_SUFFIX}`);
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text) {
      return { problem: { code: 'INVALID_FIELD', detail: `expected a date as YYYY-MM-DD, got "${text}" (no such day)` } };
    }
    const today = now.toISOString().slice(0, 10);
    if (text < today) return { problem: { code: 'FOC_IN_PAST', detail: `expected a FOC date from ${today} on, got "${text}" (in the past)` } };
    return { value: at.toISOString() };
  }
  if (DATE_TIME.test(text)) {
    const at = new Date(ZONE.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    if (!Number.isNaN(at.getTime())) {
      if (at.getTime() < now.getTime()) {
        return { problem: { code: 'FOC_IN_PAST', detail: `expected a FOC date-time after ${now.toISOString()}, got "${text}" (in the past)` } };
      }
      return { value: at.toISOString() };
    }
  }
  return { problem: { code: 'INVALID_FIELD', detail: `expected a date as YYYY-MM-DD or an ISO date-time (UTC), got "${text}"` } };
}

/** Whether a requested FOC (as `readFocRequest` returns it) asks for a whole day rather than a moment. */
export function isDayRequest(requestedIso: string): boolean {
  return requestedIso.endsWith(DAY_SUFFIX);
}

/**
 * Whether an order whose FOC is `currentIso` already has what `requestedIso` asks for: the same
 * moment, or, for a day request, any moment of that day (the fitter put it in that day's window).
 */
export function isFocRequestMet(requestedIso: string, currentIso: string): boolean {
  if (requestedIso === '' || currentIso === '') return requestedIso === currentIso;
  const current = new Date(currentIso);
  if (Number.isNaN(current.getTime())) return false;
  if (isDayRequest(requestedIso)) return current.toISOString().slice(0, 10) === requestedIso.slice(0, 10);
  return current.toISOString() === requestedIso;
}
