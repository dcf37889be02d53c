import { UsageError } from '../core/errors.js';
import { parseDuration } from '../export/parse-duration.js';

/** The API's ceiling for `expires_in_seconds` (SharePortingOrder): 48 hours. */
const MAX_SHARE_SECONDS = 172_800;

/**
 * `--expires 48h` → seconds for `expires_in_seconds`: a duration (`90m`, `36h`, `2d`, plain seconds)
 * of at least one second and at most 48 hours. More is refused (exit 2), never cut down: a person
 * who asked for a week must learn the link lasts two days.
 */
export function parseShareExpiry(text: string | undefined): number {
  if (text === undefined || text.trim() === '') {
    throw new UsageError('share: --expires is required, e.g. --expires 48h (at most 48 hours, the API\'s limit)');
  }
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`--expires: expected a duration such as 90m, 24h or 2d, got "${text}"`);
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) throw new UsageError(`--expires: expected at least 1 second, got "${text}"`);
  if (seconds > MAX_SHARE_SECONDS) {
    throw new UsageError(`--expires: at most 48h (172,800 seconds, the longest a sharing token may last), got "${text}" (${seconds.toLocaleString('en-US')} seconds); nothing was sent`);
  }
  return seconds;
}
