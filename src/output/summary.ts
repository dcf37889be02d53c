import { ExitCode } from '../core/exit-codes.js';
import type { Issue, IssueCode } from '../core/issue-codes.js';
import { NEEDS_ATTENTION_STATUSES, ROW_STATUSES, type RowStatus } from '../core/row-status.js';
import type { ResultRow } from './result-columns.js';

/** Which input a run read, and what it left out (docs/design.md §3: the summary names the sheets not read). */
export interface InputSummary {
  /** The input path as the user gave it. */
  readonly file: string;
  readonly format: 'csv' | 'xlsx';
  /** XLSX sheet read; for CSV the file's base name (as in `RowRef.sheet`). */
  readonly sheet: string;
  /** Row number of the header as the spreadsheet shows it. */
  readonly headerRow: number;
  /** Data rows read (blank lines not counted). */
  readonly rowCount: number;
  readonly sheetsNotRead: readonly { readonly name: string; readonly rowCount: number }[];
}

/**
 * API figures, filled by the scheduler. Open-ended on purpose: the scheduler may add measures
 * (per call kind, …) without a change here; the named ones are what the summary prints.
 */
export interface ApiSummary {
  readonly calls: number;
  readonly retries: number;
  /** 429 answers. */
  readonly rateLimited: number;
  /** Calls that failed for good (after retries). */
  readonly failures: number;
  readonly avgLatencyMs: number;
  readonly p95LatencyMs: number;
  readonly elapsedMs: number;
  readonly callsPerSecond: number;
  readonly maxInFlight: number;
  readonly [measure: string]: number;
}

/** One summary for machines (`summary.json`, `--json`) and people (the Summary sheet, stdout). */
export interface RunSummary {
  readonly command: string;
  readonly campaign?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly elapsedMs: number;
  readonly input?: InputSummary;
  /** Result rows written: one per input row. */
  readonly rowCount: number;
  /** Every status of docs/design.md §5, zeros included, in pipeline order. */
  readonly byStatus: Readonly<Record<RowStatus, number>>;
  /** Rows per number country / number type / losing carrier; rows without a value are not counted. */
  readonly byCountry: Readonly<Record<string, number>>;
  readonly byNumberType: Readonly<Record<string, number>>;
  readonly byCarrier: Readonly<Record<string, number>>;
  /** Issues (errors and warnings) per code; codes that did not occur are left out. */
  readonly issuesByCode: Readonly<Partial<Record<IssueCode, number>>>;
  readonly api?: ApiSummary;
  readonly exitCode: ExitCode;
  /** Paths of the files the run wrote. */
  readonly outputs: readonly string[];
}

/** What only the command knows when it finishes. */
export interface SummaryFrame {
  readonly command: string;
  readonly campaign?: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly input?: InputSummary;
  readonly api?: ApiSummary;
  /** Default: NEEDS_ATTENTION when any row has a status that needs a person, else OK. */
  readonly exitCode?: ExitCode;
  readonly outputs?: readonly string[];
}

/**
 * Accumulates the summary's counts one result row at a time: a few map increments per row, so it
 * costs nothing next to the row itself at a million rows.
 */
export class SummaryCounter {
  #rowCount = 0;
  readonly #byStatus = new Map<RowStatus, number>();
  readonly #byCountry = new Map<string, number>();
  readonly #byNumberType = new Map<string, number>();
  readonly #byCarrier = new Map<string, number>();
  readonly #issuesByCode = new Map<IssueCode, number>();

  addRow(row: Pick<ResultRow, 'status' | 'country' | 'number_type' | 'carrier'>): void {
    this.#rowCount += 1;
    increment(this.#byStatus, row.status as RowStatus);
    if (row.country !== '') increment(this.#byCountry, row.country);
    if (row.number_type !== '') increment(this.#byNumberType, row.number_type);
    if (row.carrier !== '') increment(this.#byCarrier, row.carrier);
  }

  addIssue(issue: Pick<Issue, 'code'>): void {
    increment(this.#issuesByCode, issue.code);
  }

  get rowCount(): number {
    return this.#rowCount;
  }

  /** Whether any row so far has a status that needs a person (exit code 1). */
  get needsAttention(): boolean {
    for (const status of NEEDS_ATTENTION_STATUSES) if ((this.#byStatus.get(status) ?? 0) > 0) return true;
    return false;
  }

  finish(frame: SummaryFrame): RunSummary {
    const byStatus = Object.fromEntries(ROW_STATUSES.map((status) => [status, this.#byStatus.get(status) ?? 0])) as Record<RowStatus, number>;
    return {
      command: frame.command,
      ...(frame.campaign === undefined ? {} : { campaign: frame.campaign }),
      startedAt: frame.startedAt.toISOString(),
      finishedAt: frame.finishedAt.toISOString(),
      elapsedMs: frame.finishedAt.getTime() - frame.startedAt.getTime(),
      ...(frame.input === undefined ? {} : { input: frame.input }),
      rowCount: this.#rowCount,
      byStatus,
      byCountry: sortedByCount(this.#byCountry),
      byNumberType: sortedByCount(this.#byNumberType),
      byCarrier: sortedByCount(this.#byCarrier),
      issuesByCode: sortedByCount(this.#issuesByCode),
      ...(frame.api === undefined ? {} : { api: frame.api }),
      exitCode: frame.exitCode ?? (this.needsAttention ? ExitCode.NEEDS_ATTENTION : ExitCode.OK),
      outputs: frame.outputs ?? [],
    };
  }
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Largest count first, then by name, so summaries of the same run are identical. */
function sortedByCount<K extends string>(map: ReadonlyMap<K, number>): Record<K, number> {
  const entries = [...map].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries) as Record<K, number>;
}

/** The few lines printed on stdout at the end of a run (no colours: it may be a log file). */
export function renderSummaryLines(summary: RunSummary): string[] {
  const lines: string[] = [];
  const source = summary.input ? ` from ${summary.input.file}${summary.input.format === 'xlsx' ? ` [${summary.input.sheet}]` : ''}` : '';
  const campaign = summary.campaign === undefined ? '' : ` (campaign ${summary.campaign})`;
  lines.push(`${summary.command}${campaign}: ${plural(summary.rowCount, 'row')}${source} in ${formatDuration(summary.elapsedMs)}`);
  const statuses = ROW_STATUSES.filter((status) => summary.byStatus[status] > 0).map((status) => `${status} ${summary.byStatus[status]}`);
  if (statuses.length > 0) lines.push(`  ${statuses.join(' · ')}`);
  const issues = Object.entries(summary.issuesByCode) as [IssueCode, number][];
  if (issues.length > 0) {
    const shown = issues.slice(0, 5).map(([code, count]) => `${code} ${count}`);
    const more = issues.length > 5 ? `, ${issues.length - 5} more codes` : '';
    lines.push(`  issues: ${shown.join(', ')}${more}`);
  }
  for (const skipped of summary.input?.sheetsNotRead ?? []) {
    lines.push(`  sheet not read: ${skipped.name} (${plural(skipped.rowCount, 'row')}; choose it with --sheet)`);
  }
  if (summary.api) {
    const api = summary.api;
    lines.push(
      `  api: ${plural(api.calls, 'call')}, ${plural(api.retries, 'retry', 'retries')}, ${api.rateLimited} rate-limited, ` +
        `${api.failures} failed; ${api.callsPerSecond} calls/s over ${formatDuration(api.elapsedMs)}; ` +
        `latency avg ${Math.round(api.avgLatencyMs)} ms, p95 ${Math.round(api.p95LatencyMs)} ms`,
    );
  }
  if (summary.outputs.length > 0) lines.push(`  wrote ${summary.outputs.join(', ')}`);
  return lines;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
