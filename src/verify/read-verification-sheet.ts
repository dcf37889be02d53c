import { InputFileError } from '../core/errors.js';
import { readEditedSheet, type EditedSheet } from '../input/read-edited-sheet.js';
import { CODES_SHEET_NAME, VERIFICATION_FILE_NAME } from './verification-sheet.js';

export type VerificationColumn = 'porting_order_id' | 'phone_number' | 'code';

/**
 * Reads verification.xlsx (its Codes sheet, else the first; or a CSV) back with the edited-sheet reader:
 * every column is an identifier, so a number Excel stored as a number (a code whose leading zero is gone,
 * a phone number) is a `NUMERIC_IDENTIFIER` row problem, never sent. `phone_number` and `code` are required.
 */
export async function readVerificationSheet(file: string, shownAs: string): Promise<EditedSheet<VerificationColumn>> {
  const sheet = await readEditedSheet<VerificationColumn>(file, shownAs, {
    preferredSheet: CODES_SHEET_NAME,
    expected: 'a verification sheet',
    xlsxAlternative: VERIFICATION_FILE_NAME,
    columns: [
      { name: 'porting_order_id', isIdentifier: true },
      { name: 'phone_number', isIdentifier: true },
      { name: 'code', isIdentifier: true },
    ],
  });
  const missing = (['phone_number', 'code'] as const).filter((c) => !sheet.columnHeaders.has(c));
  if (missing.length > 0) {
    throw new InputFileError(
      `${shownAs} [${sheet.sheet}]: expected a verification sheet with a header in row ${sheet.headerRow}; missing ${missing.join(' and ')}`,
      `Start from the ${VERIFICATION_FILE_NAME} that \`bulkport verify send\` writes and type the codes in its code column.`,
    );
  }
  return sheet;
}
