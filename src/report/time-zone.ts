import { UsageError } from '../core/errors.js';

/**
 * The zone the report counts days in: `--tz` when given (an IANA name such as Europe/Berlin, or
 * UTC), else the machine's own zone.
 */
export function resolveTimeZone(flag: string | undefined): string {
  if (flag === undefined) return new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const name = flag.trim();
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new UsageError(`--tz: expected an IANA time zone such as Europe/Berlin, America/New_York or UTC, got "${flag}"`);
  }
}
