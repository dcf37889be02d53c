import { AmbiguousCallError } from '../api/api-errors.js';
import type { ReportApi, ReportRecord } from './report-api.js';
import type { ReportFilters } from './report-filters.js';

/** How far the server's clock may lag ours when we look for a report we may have created. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Creates the report. Telnyx takes no idempotency key, so when the create's answer is lost
 * (timeout, dropped connection, 5xx) the report may exist: look for one with the same filters
 * created since this run began, and create again only when there is none (docs/design.md §7).
 */
export async function createReport(api: ReportApi, filters: ReportFilters, runStartedAt: Date): Promise<ReportRecord> {
  try {
    return await api.create(filters);
  } catch (error) {
    if (!(error instanceof AmbiguousCallError)) throw error;
    const existing = findOwnReport(await api.listAll(), filters, runStartedAt.getTime() - CLOCK_SKEW_MS);
    return existing ?? (await api.create(filters));
  }
}

/** The newest report with exactly these filters created at or after `notBeforeMs`. Pure. */
function findOwnReport(reports: readonly ReportRecord[], filters: ReportFilters, notBeforeMs: number): ReportRecord | undefined {
  const wanted = canonicalJson(filters);
  return reports
    .filter((report) => {
      const createdMs = report.createdAt === undefined ? Number.NaN : Date.parse(report.createdAt);
      return createdMs >= notBeforeMs && canonicalJson(report.filters) === wanted;
    })
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` compare equal; array order is kept. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
