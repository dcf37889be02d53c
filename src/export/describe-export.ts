import path from 'node:path';
import type { ApiStats } from '../api/api-session.js';
import { describeDiffCounts } from './diff-exports.js';
import type { ExportFailedError } from './export-errors.js';
import { formatDuration } from './parse-duration.js';
import type { ExportOutcome } from './run-export.js';

/**
 * The one line a cron mail shows, e.g.
 * `export porting-orders: 42 rows → out/porting-orders-2026-11-24.csv (report 3f…, 3 status checks, 4.2 s);
 * changes since porting-orders-2026-11-23.csv: 3 new, 1 status changed, 0 removed; removed 3 old files`.
 * `shownDir` is how the user named -o, so the path reads as they typed it. Pure.
 */
export function describeExport(outcome: ExportOutcome, shownDir: string): string {
  const { sidecar } = outcome;
  const rows = sidecar.row_count === 1 ? '1 row' : `${sidecar.row_count} rows`;
  const parts = [
    `export ${sidecar.kind}: ${rows} → ${path.join(shownDir, sidecar.file)} (report ${sidecar.report.id}${sidecar.report.is_resumed ? ', resumed' : ''}, ` +
      `${sidecar.poll_count} status check${sidecar.poll_count === 1 ? '' : 's'}, ${formatDuration(sidecar.timings.total_ms)})`,
  ];
  if (outcome.diff) {
    parts.push(`changes since ${outcome.diff.previousFile}: ${describeDiffCounts(outcome.diff.counts)} → ${path.basename(outcome.paths.changes)}`);
  } else if (outcome.isDiffRequested) {
    parts.push('no earlier export of this kind to compare with');
  }
  if (outcome.removed.length > 0) parts.push(`removed ${outcome.removed.length} old file${outcome.removed.length === 1 ? '' : 's'}`);
  return parts.join('; ');
}

/** `--json` on success: the sidecar plus where things went and what the API cost. */
export function exportJson(outcome: ExportOutcome, api: ApiStats): Record<string, unknown> {
  return {
    ok: true,
    exit_code: 0,
    ...outcome.sidecar,
    path: outcome.paths.csv,
    sidecar_path: outcome.paths.sidecar,
    changes_path: outcome.diff ? outcome.paths.changes : null,
    removed: outcome.removed,
    api: { calls: api.calls, retries: api.retries, rate_limited: api.rateLimited },
  };
}

/** `--json` on failure: enough for an alert to route on (`reason`) and to resume (`report_id`). */
export function exportFailureJson(error: ExportFailedError): Record<string, unknown> {
  return {
    ok: false,
    exit_code: error.exitCode,
    kind: error.kind,
    reason: error.reason,
    report_id: error.reportId ?? null,
    message: error.message,
    hint: error.hint ?? null,
  };
}
