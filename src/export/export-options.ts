import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { renderExportName } from './export-file-name.js';
import { EXPORT_KIND_SPECS, isExportKind } from './export-kind.js';
import { parseDuration } from './parse-duration.js';
import { buildReportFilters, type RawExportFilters } from './report-filters.js';
import type { ExportRequest } from './run-export.js';

/** `bulkport export` flags as yargs hands them over (unvalidated). */
export interface RawExportArgs extends RawExportFilters {
  readonly kind: string;
  readonly out: string | undefined;
  readonly timeout: string;
  readonly pollInterval: string;
  readonly reportId?: string | undefined;
  readonly name: string;
  readonly keep?: number | undefined;
  readonly diff: boolean;
}

/** The resolved flags are exactly what `runExport` takes. */
export type ExportOptions = ExportRequest;

/** Longest pause between two status checks, unless --poll-interval asks for longer. */
const MAX_POLL_DELAY_MS = 30_000;

/**
 * Resolves the flags once (docs/architecture.md §8.3). Pure: `runAt` names the file (UTC date) and anchors a
 * relative `--since`; `cwd` resolves `-o`.
 */
export function resolveExportOptions(args: RawExportArgs, runAt: Date, cwd: string): ExportOptions {
  if (!isExportKind(args.kind)) throw new UsageError(`export: expected porting-orders or port-outs, got "${args.kind}"`);
  const spec = EXPORT_KIND_SPECS[args.kind];
  if (args.out === undefined || args.out.trim() === '') {
    throw new UsageError('export: -o DIR is required', 'Retention (--keep) and --diff work on the earlier exports inside DIR, so name it: -o /var/exports/telnyx.');
  }

  const timeoutMs = parseDuration(args.timeout);
  if (timeoutMs === undefined) throw new UsageError(`--timeout: expected a duration such as 900, 15m or 2h, got "${args.timeout}"`);
  const initialDelayMs = parseDuration(args.pollInterval);
  if (initialDelayMs === undefined || initialDelayMs <= 0) {
    throw new UsageError(`--poll-interval: expected a duration above 0 such as 2s or 500ms, got "${args.pollInterval}"`);
  }

  if (args.keep !== undefined && (!Number.isInteger(args.keep) || args.keep < 1)) {
    throw new UsageError(`--keep: expected a whole number from 1 up (exports of this kind to keep), got ${String(args.keep)}`);
  }

  const reportId = args.reportId?.trim();
  const hasFilters =
    args.since !== undefined || args.until !== undefined || args.status.length > 0 || args.customerReference.length > 0 || args.endUserName !== undefined || args.phoneNumber.length > 0;
  if (reportId !== undefined) {
    if (!/^[A-Za-z0-9-]+$/.test(reportId)) throw new UsageError(`--report-id: expected a report id such as 3f1c…-…, got "${args.reportId ?? ''}"`);
    if (hasFilters) {
      throw new UsageError('--report-id: a report keeps the filters it was created with; drop the filter flags or drop --report-id', 'The sidecar of the export records the filters the report used.');
    }
  }
  const filters =
    reportId === undefined
      ? buildReportFilters(
          spec,
          {
            since: args.since,
            until: args.until,
            status: args.status,
            customerReference: args.customerReference,
            endUserName: args.endUserName,
            phoneNumber: args.phoneNumber,
          },
          runAt,
        )
      : undefined;

  return {
    spec,
    dir: path.resolve(cwd, args.out),
    fileName: renderExportName(args.name, spec.kind, runAt),
    filters,
    reportId,
    poll: { timeoutMs, initialDelayMs, maxDelayMs: Math.max(MAX_POLL_DELAY_MS, initialDelayMs) },
    keep: args.keep,
    isDiff: args.diff,
  };
}
