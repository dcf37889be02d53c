import type { Issue } from '../core/issue-codes.js';
import type { OrderSheetRow } from '../output/order-sheet.js';
import { openResultsWriter } from '../output/results-writer.js';
import { SummaryCounter, type RunSummary, type SummaryFrame } from '../output/summary.js';
import type { OutputFormat } from '../config/global-options.js';
import type { CampaignRow } from './campaign-results.js';
import { writeResultRows } from './write-result-rows.js';

export interface CampaignResultsFiles {
  readonly outDir: string;
  readonly formats: ReadonlySet<OutputFormat>;
  readonly passthroughHeaders: readonly string[];
  readonly rows: readonly CampaignRow[];
  readonly orders: readonly OrderSheetRow[];
  /** Issues that belong to no input row (numbers removed from the sheet). */
  readonly extraIssues?: readonly Issue[];
  /** Exit code and the rest of the summary; the counts come from the rows. */
  readonly frame: (counter: SummaryCounter) => SummaryFrame;
}

/** Writes results.csv/xlsx (Results, Orders, Summary, Issues) and summary.json; returns the summary and paths. */
export async function writeCampaignResults(files: CampaignResultsFiles): Promise<{ summary: RunSummary; written: string[] }> {
  const writer = await openResultsWriter(files.outDir, { formats: files.formats, passthroughHeaders: files.passthroughHeaders });
  const counter = new SummaryCounter();
  await writeResultRows(writer, counter, files.rows, files.extraIssues);
  const summary = counter.finish(files.frame(counter));
  const written = await writer.close({ summary, orders: files.orders });
  return { summary, written };
}
