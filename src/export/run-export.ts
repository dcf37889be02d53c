import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ApiRejectedError } from '../api/api-errors.js';
import { DeliveryError, InterruptedError } from '../core/errors.js';
import { makeOutDirectory } from '../output/make-out-directory.js';
import { DiffFailedError, RetentionError, UnusableDocumentError } from './export-errors.js';
import { createReport } from './create-report.js';
import { diffExports, type ExportDiff } from './diff-exports.js';
import { exportPaths, type ExportPaths } from './export-file-name.js';
import type { ExportKindSpec } from './export-kind.js';
import { findExports, SIDECAR_FORMAT, type ExportSidecar } from './export-sidecar.js';
import { inspectReportCsv } from './inspect-report-csv.js';
import { planRetention } from './plan-retention.js';
import { readExportIndex } from './read-export-index.js';
import type { ReportApi, ReportRecord } from './report-api.js';
import type { ReportFilters } from './report-filters.js';
import { commitStaged, ExportWriteError, removeStaleTemporaries, stageDownload, writeExportText } from './staged-file.js';
import { waitForReport, type PollSettings, type ReportState } from './wait-for-report.js';
import { writeChangesCsv } from './write-changes-csv.js';

export interface ExportRequest {
  readonly spec: ExportKindSpec;
  /** Absolute output folder; created when missing. */
  readonly dir: string;
  /** Rendered `--name`, e.g. `porting-orders-2026-11-24.csv`. */
  readonly fileName: string;
  /** What a new report asks for; undefined when resuming with `reportId`. */
  readonly filters: ReportFilters | undefined;
  readonly reportId: string | undefined;
  readonly poll: PollSettings;
  /** `--keep N`: exports of this kind to keep, the new one included. */
  readonly keep: number | undefined;
  readonly isDiff: boolean;
}

export interface ExportDeps {
  readonly api: ReportApi;
  /** Told the report id as soon as one exists, so a failure message can name it for --report-id. */
  readonly onReport?: (reportId: string) => void;
  readonly signal: AbortSignal;
  /** Wall clock, for timestamps in the sidecar. */
  readonly now: () => Date;
  /** Monotonic milliseconds, for durations and the poll deadline. */
  readonly monotonicMs: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Status text while waiting (the command shows it only on a TTY). */
  readonly onStatus?: (text: string) => void;
}

export interface ExportOutcome {
  readonly paths: ExportPaths;
  readonly sidecar: ExportSidecar;
  /** Files `--keep` removed. */
  readonly removed: readonly string[];
  /** With --diff: the comparison, or undefined when DIR held no earlier export of the kind. */
  readonly diff: (ExportDiff & { readonly previousFile: string }) | undefined;
  readonly isDiffRequested: boolean;
}

/**
 * One export, end to end: create (or resume) the report, wait for it, download to a temporary
 * file in DIR, check it, rename it over the final name, then diff, sidecar and retention.
 * Whatever fails before the rename leaves DIR's existing files exactly as they were.
 */
export async function runExport(request: ExportRequest, deps: ExportDeps): Promise<ExportOutcome> {
  const { spec, dir, fileName } = request;
  const paths = exportPaths(dir, fileName);
  const startedAt = deps.now();
  const startedMs = deps.monotonicMs();
  try {
    await makeOutDirectory(dir);
  } catch (error) {
    throw error instanceof DeliveryError ? new ExportWriteError(error) : error;
  }
  await removeStaleTemporaries(dir, [paths.csv, paths.sidecar, paths.changes].map((file) => path.basename(file)));

  const first = await (request.reportId !== undefined ? resumeReport(deps.api, spec, request.reportId) : createReport(deps.api, request.filters ?? {}, startedAt)).catch(
    whileDoing(request.reportId !== undefined ? `reading report ${request.reportId}` : 'creating the report'),
  );
  deps.onReport?.(first.id);
  const requestMs = deps.monotonicMs() - startedMs;
  deps.onStatus?.(`${spec.kind} report ${first.id}: ${first.status}`);

  const completed = await waitForReport(first, request.poll, {
    retrieve: () => deps.api.retrieve(first.id),
    sleep: deps.sleep,
    nowMs: deps.monotonicMs,
    signal: deps.signal,
    onPoll: (state: ReportState, pollCount, waitedMs) =>
      deps.onStatus?.(`${spec.kind} report ${state.id}: ${state.status} (check ${pollCount}, ${Math.round(waitedMs / 1000)} s)`),
  }).catch(whileDoing('waiting for the report'));
  const report = completed.report;

  const downloadStartMs = deps.monotonicMs();
  deps.onStatus?.(`${spec.kind} report ${report.id}: downloading document ${report.documentId}`);
  const written = await downloadAndCheck(deps, report, paths).catch(whileDoing(`downloading document ${report.documentId}`));
  const downloadMs = deps.monotonicMs() - downloadStartMs;

  // The new CSV replaced whatever was under its name; a changes file of that name described the old one.
  await rm(paths.changes, { force: true });
  let diffFailure: unknown;
  let diff: ExportOutcome['diff'];
  if (request.isDiff) {
    // A failed comparison must not cost the export: the sidecar and retention still happen, then it is reported.
    try {
      diff = await diffWithPrevious(spec, paths);
    } catch (error) {
      diffFailure = error;
    }
  }

  const completedAt = deps.now();
  const sidecar: ExportSidecar = {
    format: SIDECAR_FORMAT,
    kind: spec.kind,
    file: fileName,
    run_date: startedAt.toISOString().slice(0, 10),
    report: {
      id: report.id,
      report_type: first.reportType || spec.reportType,
      document_id: report.documentId,
      created_at: first.createdAt ?? null,
      filters: first.filters,
      is_resumed: request.reportId !== undefined,
    },
    row_count: written.rowCount,
    byte_count: written.byteCount,
    sha256: written.sha256,
    columns: written.header,
    poll_count: completed.pollCount,
    timings: {
      started_at: startedAt.toISOString(),
      completed_at: completedAt.toISOString(),
      request_ms: Math.round(requestMs),
      wait_ms: Math.round(completed.waitedMs),
      download_ms: Math.round(downloadMs),
      total_ms: Math.round(deps.monotonicMs() - startedMs),
    },
    changes: diff ? { file: path.basename(paths.changes), previous_file: diff.previousFile, counts: diff.counts } : null,
  };
  await writeExportText(paths.sidecar, `${JSON.stringify(sidecar, null, 2)}\n`);

  const removed = request.keep === undefined ? [] : await applyRetention(spec, dir, request.keep);
  if (diffFailure !== undefined) throw diffFailure;
  return { paths, sidecar, removed, diff, isDiffRequested: request.isDiff };
}

async function resumeReport(api: ReportApi, spec: ExportKindSpec, reportId: string): Promise<ReportRecord> {
  try {
    return await api.retrieve(reportId);
  } catch (error) {
    if (error instanceof ApiRejectedError && (error.isNotFound || error.isUnprocessable)) {
      throw new DeliveryError(
        `--report-id ${reportId}: Telnyx has no ${spec.kind} report with that id (HTTP ${error.status})`,
        'Check the id printed by the run that stopped, and the kind (porting-orders or port-outs).',
      );
    }
    throw error;
  }
}

interface CheckedDownload {
  readonly byteCount: number;
  readonly sha256: string;
  readonly rowCount: number;
  readonly header: readonly string[];
}

/** Download → temporary file → CSV check → rename. The previous file is touched only by the rename. */
async function downloadAndCheck(deps: ExportDeps, report: ReportState & { documentId: string }, paths: ExportPaths): Promise<CheckedDownload> {
  const response = await deps.api.download(report.documentId);
  if (response.body === null) {
    throw new UnusableDocumentError(`document ${report.documentId} of report ${report.id} came with no body; ${paths.fileName} left as it was`);
  }
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  let staged;
  try {
    staged = await stageDownload(paths.csv, body, deps.signal);
  } catch (error) {
    body.destroy();
    if (error instanceof ExportWriteError) throw error;
    if (deps.signal.aborted) throw new InterruptedError();
    throw new UnusableDocumentError(
      `download of document ${report.documentId} broke off (${describeStreamError(error)}); ${paths.fileName} left as it was`,
    );
  }
  const inspection = await inspectReportCsv(staged.file.tempPath);
  if (!inspection.isUsable) {
    await staged.file.abort();
    throw new UnusableDocumentError(
      `document ${report.documentId} of report ${report.id} ${inspection.problem}; ${paths.fileName} left as it was`,
      'If a new download stays unusable, ask Telnyx support about the report.',
    );
  }
  await commitStaged(staged);
  return { byteCount: staged.byteCount, sha256: staged.sha256, rowCount: inspection.rowCount, header: inspection.header };
}

async function diffWithPrevious(spec: ExportKindSpec, paths: ExportPaths): Promise<ExportOutcome['diff']> {
  const previous = (await findExports(paths.dir, spec.kind)).find((found) => found.hasCsv && found.sidecar.file !== paths.fileName);
  if (previous === undefined) return undefined;
  const previousFile = previous.sidecar.file;
  const [before, after] = await Promise.all([readExportIndex(path.join(paths.dir, previousFile), spec), readExportIndex(paths.csv, spec)]);
  if (!before.isReadable) throw new DiffFailedError(`previous export ${previousFile} ${before.problem}; ${paths.fileName} is written`);
  if (!after.isReadable) throw new DiffFailedError(`new export ${paths.fileName} ${after.problem}; it is written, the comparison is not`);
  const diff = diffExports(before.index, after.index);
  await writeChangesCsv(paths.changes, diff.changes);
  return { ...diff, previousFile };
}

async function applyRetention(spec: ExportKindSpec, dir: string, keep: number): Promise<string[]> {
  const removals = planRetention(await findExports(dir, spec.kind), keep);
  for (const name of removals) {
    try {
      await rm(path.join(dir, name), { force: true });
    } catch (error) {
      throw new RetentionError(
        `--keep ${keep}: cannot remove old export ${name} (${(error as NodeJS.ErrnoException).code ?? 'error'}); the new export is complete`,
        'Check permissions in the -o folder.',
      );
    }
  }
  return removals;
}

/** Says at which step Ctrl-C stopped the export; every other error passes through. */
function whileDoing(step: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof InterruptedError) throw new InterruptedError(`interrupted while ${step}`, '');
    throw error;
  };
}

function describeStreamError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}
