import type { PeopleColumn, PeopleRow, PeopleSheet } from '../output/people-sheet.js';
import type { IdCheckRow } from './initiate-id-checks.js';
import type { NumberCodeState } from './send-codes.js';

/** The sheet `verify send` writes and `verify apply` reads back. */
export const CODES_SHEET_NAME = 'Codes';
const ID_SHEET_NAME = 'ID verification';
export const VERIFICATION_FILE_NAME = 'verification.xlsx';

/** Codes sheet columns, in order; `code` is where a person types what the number's holder received. */
const CODE_COLUMNS: readonly PeopleColumn[] = [
  { header: 'porting_order_id', isIdentifier: true, width: 38 },
  { header: 'phone_number', isIdentifier: true, width: 18 },
  { header: 'entity_name', width: 28 },
  { header: 'status', width: 28 },
  { header: 'code', isIdentifier: true, isEditable: true, width: 12 },
];

const ID_COLUMNS: readonly PeopleColumn[] = [
  { header: 'porting_order_id', isIdentifier: true, width: 38 },
  { header: 'entity_name', width: 28 },
  { header: 'first_name', width: 16 },
  { header: 'last_name', width: 20 },
  { header: 'names_from', width: 48 },
  { header: 'status', width: 12 },
  { header: 'action_url', width: 60 },
];

const STATUS_TEXT: Readonly<Record<NumberCodeState['state'], string>> = {
  verified: 'verified',
  sent: 'code sent: enter it',
  not_sent: 'not sent',
};

/**
 * The sheets of verification.xlsx (pure): Codes, one row per number of the orders that need codes (the
 * verified ones too, so the sheet shows where the order stands; their code cell stays empty); ID
 * verification, one row per action requirement with the link the end user opens; and how to use them.
 */
export function verificationSheets(numbers: readonly NumberCodeState[], entityOf: (orderId: string) => string, idChecks: readonly IdCheckRow[], campaign: string): PeopleSheet[] {
  const codeRows: PeopleRow[] = numbers.map((n) => ({
    cells: [n.orderId, n.phoneNumber, entityOf(n.orderId), n.state === 'not_sent' ? `not sent: ${n.detail}` : STATUS_TEXT[n.state], ''],
  }));
  const idRows: PeopleRow[] = idChecks.map((r) => ({
    cells: [r.orderId, r.entityName, r.firstName, r.lastName, r.problem ?? r.namesFrom, r.status, r.actionUrl],
  }));
  const notes = [
    `Campaign ${campaign}: ownership checks before the porting orders can be submitted.`,
    `${CODES_SHEET_NAME}: each number's holder received a code by SMS or call. Type it in the code column (as text, leading zeros kept), then run:`,
    `  bulkport verify apply --campaign ${campaign} ${VERIFICATION_FILE_NAME}`,
    'Rows without a code are left for later; a wrong code is reported and the number stays unverified.',
    `No code arrived, or it was wrong? bulkport verify send --campaign ${campaign} sends a new code to every number not verified yet.`,
    `${ID_SHEET_NAME}: send each action_url to the authorized person named there; they complete the ID check in the browser.`,
    `Once every number is verified: bulkport submit <sheet> --campaign ${campaign} --confirm`,
  ];
  return [
    { name: CODES_SHEET_NAME, columns: CODE_COLUMNS, rows: codeRows },
    ...(idRows.length === 0 ? [] : [{ name: ID_SHEET_NAME, columns: ID_COLUMNS, rows: idRows }]),
    { name: 'Notes', columns: [{ header: 'how to use this workbook', width: 120 }], rows: notes.map((line) => ({ cells: [line] })) },
  ];
}
