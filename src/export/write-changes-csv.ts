import { stringify } from 'csv-stringify/sync';
import type { ExportChange } from './diff-exports.js';
import { writeExportText } from './staged-file.js';

const CHANGES_COLUMNS = ['change', 'id', 'old_status', 'new_status'] as const;

/**
 * Writes `…-changes.csv` (temp + rename, like every export file). Ids and statuses come from
 * Telnyx's report; formula-looking cells are neutralized all the same (docs/architecture.md §8.12).
 */
export async function writeChangesCsv(file: string, changes: readonly ExportChange[]): Promise<void> {
  const text = stringify(
    changes.map((c) => [c.change, c.id, c.oldStatus, c.newStatus]),
    { header: true, columns: [...CHANGES_COLUMNS], escape_formulas: true, record_delimiter: 'unix' },
  );
  // With zero changes csv-stringify still writes the header, so "nothing changed" is a file, not a gap.
  await writeExportText(file, text === '' ? `${CHANGES_COLUMNS.join(',')}\n` : text);
}
