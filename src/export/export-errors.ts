import { AmbiguousCallError, ApiRejectedError } from '../api/api-errors.js';
import { ApiAuthError, ApiUnavailableError, BulkportError, DeliveryError, InterruptedError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { ExportKind } from './export-kind.js';
import { ExportWriteError } from './staged-file.js';
import { ReportTimeoutError } from './wait-for-report.js';

/** The document arrived empty, broken off or not as CSV; nothing was renamed into place. */
export class UnusableDocumentError extends DeliveryError {}

/** The export is written, but `--diff` could not compare it. */
export class DiffFailedError extends DeliveryError {}

/** The export is written, but `--keep` could not remove an old one. */
export class RetentionError extends DeliveryError {}

/** Why an export stopped, as a word an alert can route on (`--json` prints it). */
export type ExportFailureReason = 'auth' | 'api' | 'timeout' | 'unusable_document' | 'disk' | 'interrupted' | 'diff' | 'retention';

const REASON_TEXT: Readonly<Record<ExportFailureReason, string>> = {
  auth: 'API key refused',
  api: 'Telnyx API failed',
  timeout: 'report timeout',
  unusable_document: 'unusable download',
  disk: 'cannot write the file',
  interrupted: 'interrupted',
  diff: '--diff failed',
  retention: '--keep failed',
};

/** Sorts a run failure by class. Undefined for errors that are not export failures (usage, config, bugs). */
export function exportFailureReason(error: unknown): ExportFailureReason | undefined {
  if (error instanceof ApiAuthError) return 'auth';
  if (error instanceof ReportTimeoutError) return 'timeout';
  if (error instanceof ExportWriteError) return 'disk';
  if (error instanceof UnusableDocumentError) return 'unusable_document';
  if (error instanceof InterruptedError) return 'interrupted';
  if (error instanceof DiffFailedError) return 'diff';
  if (error instanceof RetentionError) return 'retention';
  if (error instanceof ApiUnavailableError || error instanceof ApiRejectedError || error instanceof AmbiguousCallError || error instanceof DeliveryError) {
    return 'api';
  }
  return undefined;
}

/**
 * What the CLI prints for a failed export: which kind, why (the reason word), what happened, and
 * — once a report exists — the `--report-id` that picks it up without creating another.
 */
export class ExportFailedError extends BulkportError {
  readonly exitCode = ExitCode.STOPPED;

  constructor(
    readonly kind: ExportKind,
    readonly reason: ExportFailureReason,
    readonly reportId: string | undefined,
    cause: BulkportError,
  ) {
    super(`export ${kind} failed (${REASON_TEXT[reason]}): ${cause.message}`, hintFor(reason, reportId, cause));
  }
}

function hintFor(reason: ExportFailureReason, reportId: string | undefined, cause: BulkportError): string | undefined {
  const isResumable = reportId !== undefined && reason !== 'auth' && reason !== 'diff' && reason !== 'retention';
  if (!isResumable) return cause.hint;
  if (cause.hint?.includes(reportId)) return cause.hint;
  const resume = `Resume without creating another report: --report-id ${reportId}.`;
  // "Run the same command again" would create a second report; the id is the way back in.
  if (reason === 'interrupted') return resume;
  return cause.hint ? `${cause.hint} ${resume}` : resume;
}
