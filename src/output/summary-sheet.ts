import { ISSUE_CODES, type IssueCode } from '../core/issue-codes.js';
import { ExitCode } from '../core/exit-codes.js';
import { ROW_STATUSES } from '../core/row-status.js';
import type { RunSummary } from './summary.js';
import type { TableCell, TableColumn } from './xlsx-table.js';

export const SUMMARY_SHEET_COLUMNS: readonly TableColumn[] = [
  { header: 'section', width: 12 },
  { header: 'name', width: 36 },
  { header: 'value', width: 28 },
  { header: 'note', width: 56 },
];

/** The RunSummary as rows of the Summary sheet: one fact per row, so it filters like the others. */
export function summarySheetRows(summary: RunSummary): TableCell[][] {
  const rows: TableCell[][] = [
    ['run', 'command', summary.command, ''],
    ...(summary.campaign === undefined ? [] : [['run', 'campaign', summary.campaign, '']]),
    ['run', 'started at', summary.startedAt, 'UTC'],
    ['run', 'finished at', summary.finishedAt, 'UTC'],
    ['run', 'elapsed ms', summary.elapsedMs, ''],
    ['run', 'exit code', summary.exitCode, exitCodeNote(summary.exitCode)],
    ['run', 'rows', summary.rowCount, 'one result row per input row'],
  ];
  if (summary.input) {
    const input = summary.input;
    rows.push(
      ['input', 'file', input.file, ''],
      ['input', 'format', input.format, ''],
      ['input', 'sheet', input.sheet, ''],
      ['input', 'header row', input.headerRow, ''],
      ['input', 'data rows', input.rowCount, ''],
      ...input.sheetsNotRead.map((sheet): TableCell[] => ['input', `sheet not read: ${sheet.name}`, sheet.rowCount, 'rows; choose it with --sheet']),
    );
  }
  for (const status of ROW_STATUSES) rows.push(['status', status, summary.byStatus[status], '']);
  for (const [country, count] of Object.entries(summary.byCountry)) rows.push(['country', country, count, '']);
  for (const [type, count] of Object.entries(summary.byNumberType)) rows.push(['number type', type, count, '']);
  for (const [carrier, count] of Object.entries(summary.byCarrier)) rows.push(['carrier', carrier, count, '']);
  for (const [code, count] of Object.entries(summary.issuesByCode)) {
    const spec = ISSUE_CODES[code as IssueCode];
    rows.push(['issue', code, count ?? 0, `${spec.severity}: ${spec.title}`]);
  }
  for (const [measure, value] of Object.entries(summary.api ?? {})) rows.push(['api', measure, value, '']);
  for (const output of summary.outputs) rows.push(['output', 'file', output, '']);
  return rows;
}

function exitCodeNote(code: ExitCode): string {
  switch (code) {
    case ExitCode.OK:
      return 'every row ended in a good state';
    case ExitCode.NEEDS_ATTENTION:
      return 'some rows need a person: filter on status';
    case ExitCode.USAGE:
      return 'usage or input-file error';
    case ExitCode.STOPPED:
      return 'stopped early or could not deliver';
  }
}
