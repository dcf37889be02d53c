import { DAY_MS, HOUR_MS } from '../clock.js';

export interface FocWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** Business days offered (about three months): the first window opens after the lead time, then one per weekday. */
const WINDOW_DAYS = 65;
/** Each window covers 12:00–22:00 UTC (the US business day, coast to coast). */
const WINDOW_START_HOUR = 12;
const WINDOW_END_HOUR = 22;

/**
 * Allowed FOC windows for an order at `nowMs`: FastPort orders can port from the next business
 * day, others after three business days.
 */
export function allowedFocWindows(nowMs: number, isFastPort: boolean): FocWindow[] {
  let businessDaysToSkip = isFastPort ? 1 : 3;
  let dayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
  while (businessDaysToSkip > 0) {
    dayStart += DAY_MS;
    if (isBusinessDay(dayStart)) businessDaysToSkip -= 1;
  }
  const windows: FocWindow[] = [];
  while (windows.length < WINDOW_DAYS) {
    if (isBusinessDay(dayStart)) {
      windows.push({ startMs: dayStart + WINDOW_START_HOUR * HOUR_MS, endMs: dayStart + WINDOW_END_HOUR * HOUR_MS });
    }
    dayStart += DAY_MS;
  }
  return windows;
}

export function isWithinWindows(atMs: number, windows: readonly FocWindow[]): boolean {
  return windows.some((w) => atMs >= w.startMs && atMs <= w.endMs);
}

function isBusinessDay(dayStartMs: number): boolean {
  const weekday = new Date(dayStartMs).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
