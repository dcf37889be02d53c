import { DeliveryError } from '../core/errors.js';
import { formatDuration } from './parse-duration.js';

/** The part of a PortingReport / PortoutReport the export reads. */
export interface ReportState {
  readonly id: string;
  readonly status: string;
  readonly documentId: string | undefined;
}

export interface PollSettings {
  /** Budget for the whole wait; past it the export stops with exit 3 and the report id. */
  readonly timeoutMs: number;
  /** First pause between polls; each next one is 1.5× longer, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface PollDeps {
  /** One status read (through the scheduler). */
  retrieve(): Promise<ReportState>;
  /** Rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  nowMs(): number;
  readonly signal: AbortSignal;
  /** Called after every poll, e.g. to draw a status line on a TTY. */
  onPoll?(state: ReportState, pollCount: number, waitedMs: number): void;
}

export interface CompletedReport {
  readonly report: ReportState & { readonly documentId: string };
  /** Status reads made while waiting (the create/first read not counted). */
  readonly pollCount: number;
  readonly waitedMs: number;
}

const BACKOFF_FACTOR = 1.5;

/** The report was still not `completed` when the --timeout budget ran out. */
export class ReportTimeoutError extends DeliveryError {
  constructor(
    readonly reportId: string,
    readonly waitedMs: number,
    readonly pollCount: number,
  ) {
    super(
      `report ${reportId} still pending after ${formatDuration(waitedMs)} (${pollCount} status check${pollCount === 1 ? '' : 's'})`,
      `Pick it up later without creating another: add --report-id ${reportId} (or raise --timeout).`,
    );
  }
}

/**
 * Polls a report until Telnyx says `completed`, pausing with a growing delay, never past the
 * deadline. `first` is what the create (or resume) call already returned, so a report that is
 * complete at once costs no extra call.
 */
export async function waitForReport(first: ReportState, settings: PollSettings, deps: PollDeps): Promise<CompletedReport> {
  const startedMs = deps.nowMs();
  const deadlineMs = startedMs + settings.timeoutMs;
  let state = first;
  let pollCount = 0;
  let delayMs = settings.initialDelayMs;
  for (;;) {
    if (state.status === 'completed') {
      if (state.documentId === undefined || state.documentId === '') {
        throw new DeliveryError(`report ${state.id} is completed but names no document_id to download`, 'Telnyx may still be attaching it; run again with --report-id.');
      }
      return { report: { ...state, documentId: state.documentId }, pollCount, waitedMs: deps.nowMs() - startedMs };
    }
    if (state.status !== 'pending') {
      throw new DeliveryError(`report ${state.id}: expected status pending or completed, got "${state.status}"`);
    }
    const remainingMs = deadlineMs - deps.nowMs();
    if (remainingMs <= 0) throw new ReportTimeoutError(state.id, deps.nowMs() - startedMs, pollCount);
    await deps.sleep(Math.min(delayMs, remainingMs), deps.signal);
    delayMs = Math.min(settings.maxDelayMs, delayMs * BACKOFF_FACTOR);
    state = await deps.retrieve();
    pollCount += 1;
    deps.onPoll?.(state, pollCount, deps.nowMs() - startedMs);
  }
}
