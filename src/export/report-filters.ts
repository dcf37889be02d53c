import { UsageError } from '../core/errors.js';
import type { ExportKindSpec } from './export-kind.js';
import { parseDuration } from './parse-duration.js';

/** `params.filters` of a report request, as Telnyx names them (api-facts §6). */
export interface ReportFilters {
  created_at__gt?: string;
  created_at__lt?: string;
  status__in?: string[];
  customer_reference__in?: string[];
  /** Port-out reports only. */
  end_user_name?: string;
  /** Port-out reports only. */
  phone_numbers__overlaps?: string[];
}

/** The filter flags as the user typed them; list flags may repeat and hold commas. */
export interface RawExportFilters {
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly status: readonly string[];
  readonly customerReference: readonly string[];
  readonly endUserName?: string | undefined;
  readonly phoneNumber: readonly string[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const E164 = /^\+[1-9]\d{5,14}$/;

/**
 * Turns the filter flags into the report's `filters` object. Pure: `now` anchors relative
 * `--since 1d`. A date without a time names a whole UTC day, so `--since 2026-11-01 --until
 * 2026-11-30` covers both named days (`created_at__gt` the first midnight, `created_at__lt` the
 * midnight after the last day).
 */
export function buildReportFilters(spec: ExportKindSpec, raw: RawExportFilters, now: Date): ReportFilters {
  const filters: ReportFilters = {};
  if (raw.since !== undefined) filters.created_at__gt = resolveInstant('--since', raw.since, now, 'start');
  if (raw.until !== undefined) filters.created_at__lt = resolveInstant('--until', raw.until, now, 'end');
  if (filters.created_at__gt !== undefined && filters.created_at__lt !== undefined && filters.created_at__gt >= filters.created_at__lt) {
    throw new UsageError(
      `--since/--until: expected --since before --until, got --since ${raw.since ?? ''} (${filters.created_at__gt}) and --until ${raw.until ?? ''} (before ${filters.created_at__lt})`,
    );
  }

  const statuses = splitList(raw.status);
  for (const status of statuses) {
    if (!spec.statuses.includes(status)) {
      throw new UsageError(`--status: expected one of ${spec.statuses.join(', ')} for ${spec.kind}, got "${status}"`);
    }
  }
  if (statuses.length > 0) filters.status__in = statuses;

  const references = splitList(raw.customerReference);
  if (references.length > 0) filters.customer_reference__in = references;

  const endUserName = raw.endUserName?.trim();
  const phoneNumbers = splitList(raw.phoneNumber);
  if (!spec.hasPortoutFilters && (endUserName !== undefined || phoneNumbers.length > 0)) {
    const flag = endUserName !== undefined ? '--end-user-name' : '--phone-number';
    throw new UsageError(`${flag}: only port-out reports filter by it, got it for ${spec.kind}`, 'Run `bulkport export port-outs` to filter by end user or number.');
  }
  if (endUserName !== undefined) {
    if (endUserName === '') throw new UsageError('--end-user-name: expected a name, got an empty value');
    filters.end_user_name = endUserName;
  }
  for (const number of phoneNumbers) {
    if (!E164.test(number)) throw new UsageError(`--phone-number: expected a number in +E.164 form such as +13125550123, got "${number}"`);
  }
  if (phoneNumbers.length > 0) filters.phone_numbers__overlaps = phoneNumbers;
  return filters;
}

function splitList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const trimmed = part.trim();
      if (trimmed !== '') seen.add(trimmed);
    }
  }
  return [...seen];
}

/** `2026-11-01`, an ISO date-time, or a duration back from now (`36h`, `7d`). */
function resolveInstant(flag: string, text: string, now: Date, edge: 'start' | 'end'): string {
  const trimmed = text.trim();
  if (DATE_ONLY.test(trimmed)) {
    const day = new Date(`${trimmed}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== trimmed) {
      throw new UsageError(`${flag}: expected a real calendar date, got "${text}"`);
    }
    if (edge === 'end') day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString();
  }
  // A bare number is no instant: relative times need their unit.
  const ago = /^\d+(?:\.\d+)?\s*(?:ms|s|m|h|d)$/i.test(trimmed) ? parseDuration(trimmed) : undefined;
  if (ago !== undefined) return new Date(now.getTime() - ago).toISOString();
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    const instant = new Date(trimmed);
    if (!Number.isNaN(instant.getTime())) return instant.toISOString();
  }
  throw new UsageError(
    `${flag}: expected a date (2026-11-01), a date-time (2026-11-01T06:00:00Z) or a time back from now (36h, 7d), got "${text}"`,
  );
}
