import type { Issue } from '../core/issue-codes.js';
import type { ResultsWriter } from '../output/results-writer.js';
import type { SummaryCounter } from '../output/summary.js';
import type { CampaignRow } from './campaign-results.js';

/**
 * Streams a campaign's rows, in input order, into the results writer and counts them (rows and
 * their issues), then the issues that belong to no row. On any failure the writer is aborted, so
 * no half-written results file is left behind, and the error goes on.
 */
export async function writeResultRows(
  writer: ResultsWriter,
  counter: SummaryCounter,
  rows: Iterable<CampaignRow>,
  extraIssues: readonly Issue[] = [],
): Promise<void> {
  try {
    for (const { row, issues } of rows) {
      counter.addRow(row);
      for (const issue of issues) {
        counter.addIssue(issue);
        writer.addIssue(issue);
      }
      const pending = writer.writeRow(row);
      if (pending) await pending;
    }
    for (const issue of extraIssues) {
      counter.addIssue(issue);
      writer.addIssue(issue);
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
