import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readCampaign } from '../campaign/campaign-journal.js';
import { campaignPaths } from '../campaign/campaign-paths.js';
import { UsageError } from '../core/errors.js';
import { outputFileError, writeFileAtomic } from '../output/atomic-file.js';
import { buildReport } from './build-report.js';
import { ReportHistory } from './report-history.js';

export const REPORT_FILE = 'report.html';

export interface WriteReportInput {
  readonly stateDir: string;
  readonly campaign: string;
  /** Where report.html goes (written to a temporary name, renamed when complete). */
  readonly file: string;
  readonly now: Date;
  readonly timeZone: string;
}

/**
 * Reads the campaign's journal (the fold and its history in one pass), builds the report and writes
 * it. Loaded only when a report is written (`status`, `report`): the chart library comes with it.
 */
export async function writeCampaignReport(input: WriteReportInput): Promise<{ file: string; bytes: number }> {
  const history = new ReportHistory();
  const state = await readCampaign(input.stateDir, input.campaign, (record) => history.apply(record));
  if (state === undefined) {
    throw new UsageError(
      `campaign "${input.campaign}": no journal at ${campaignPaths(input.stateDir, input.campaign).journal}`,
      'Run `bulkport submit <sheet> --campaign NAME` first, or point --state-dir at the folder that holds the campaign.',
    );
  }
  const html = buildReport(state, history, { campaign: input.campaign, now: input.now, timeZone: input.timeZone, version: packageVersion() });
  try {
    await mkdir(path.dirname(input.file), { recursive: true });
  } catch (error) {
    throw outputFileError(path.dirname(input.file), error);
  }
  await writeFileAtomic(input.file, html);
  return { file: input.file, bytes: Buffer.byteLength(html) };
}

/** bulkport's version, from the package.json two levels above both src/report and dist/report. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
