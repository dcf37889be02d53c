import type { RowRef } from './row-ref.js';

/**
 * Every row problem has a stable code. This one list drives titles, severities and counters, so the
 * compiler refuses a code without a title (docs/architecture.md §8.4). `error` makes the row fail its stage;
 * `warning` is reported but the row goes on.
 */
export const ISSUE_CODES = {
  // read + normalize
  EMPTY_NUMBER: { severity: 'error', title: 'No phone number in the row' },
  NOT_A_NUMBER: { severity: 'error', title: 'Not a phone number' },
  TOO_SHORT: { severity: 'error', title: 'Too few digits for the country' },
  TOO_LONG: { severity: 'error', title: 'Too many digits for the country' },
  INVALID_NUMBER: { severity: 'error', title: 'Not a valid number for the country' },
  INVALID_COUNTRY: { severity: 'error', title: 'Unknown or missing country' },
  AMBIGUOUS_NUMBER: { severity: 'error', title: 'Digits lost to scientific notation; not guessed' },
  FORMULA_WITHOUT_RESULT: { severity: 'error', title: 'Formula cell has no cached result' },
  CELL_ERROR: { severity: 'error', title: 'Spreadsheet error value in the cell' },
  NUMERIC_IDENTIFIER: { severity: 'error', title: 'Identifier stored as a number in an edited sheet; not sent' },
  EXTENSION_STRIPPED: { severity: 'warning', title: 'Extension removed from the number' },
  VANITY_CONVERTED: { severity: 'warning', title: 'Letters converted by the phone keypad' },
  CELL_TOO_LONG: { severity: 'error', title: "A cell holds more than Excel's 32,767 characters" },
  DUPLICATE_NUMBER: { severity: 'error', title: 'Number already appears on an earlier row' },
  // ranges, blocks and extension ranges (issue 15)
  RANGE_MALFORMED: { severity: 'error', title: 'A range cannot be read as one start and one end' },
  RANGE_MISMATCH: { severity: 'error', title: 'The ends of a range differ in country or number of digits' },
  RANGE_REVERSED: { severity: 'error', title: "A range's start comes after its end" },
  RANGE_OVERLAP: { severity: 'error', title: 'A range overlaps a number or range of an earlier row' },
  RANGE_TOO_LARGE: { severity: 'error', title: 'A range holds more numbers than --max-range, or a German block more than 1,000' },
  RANGE_FROM_FORMULA: { severity: 'warning', title: 'A range Excel computed as a subtraction was read from its formula' },
  ACTIVATION_RANGE_INVALID: { severity: 'error', title: 'Activation range unreadable, outside its block or extension range, or overlapping another' },
  EXTENSION_RANGE_INVALID: { severity: 'error', title: 'Extension range unreadable or not behind a single number' },
  EXTENSION_NOT_DE: { severity: 'error', title: 'Extension ranges are ported only on German (DE) orders' },
  // check
  NOT_PORTABLE: { severity: 'error', title: 'Telnyx cannot port this number' },
  CHECK_FAILED: { severity: 'error', title: 'Portability check failed after retries' },
  CARRIER_LOOKUP_FAILED: { severity: 'warning', title: 'Number lookup for the carrier failed; carrier left blank' },
  // plan
  END_USER_CONFLICT: { severity: 'error', title: 'Account details disagree between rows of one end user' },
  MISSING_FIELD: { severity: 'error', title: 'A field the porting order needs is empty' },
  INVALID_FIELD: { severity: 'error', title: 'A field has a value the porting order cannot use' },
  MISSING_DOCUMENT: { severity: 'error', title: 'Document file missing or unreadable' },
  LOA_MISSING: { severity: 'warning', title: 'No LOA yet: the order stays a draft until one is attached' },
  INVOICE_MISSING: { severity: 'warning', title: 'No invoice yet: the order stays a draft until one is attached' },
  DOCUMENT_OUTSIDE_FOLDER: { severity: 'error', title: "Document is outside the sheet's folder and --documents-dir; not read" },
  DOCUMENT_NOT_A_DOCUMENT: { severity: 'error', title: 'Document is not a PDF, PNG, JPEG or TIFF file; not uploaded' },
  DOCUMENT_UNUSABLE: { severity: 'error', title: "Document is not a regular file, is empty, or is over Telnyx's 20 MB limit" },
  FOC_IN_PAST: { severity: 'error', title: 'Requested FOC date is in the past' },
  PARTIAL_PORT_INCOMPLETE: { severity: 'error', title: 'Partial port without remaining_numbers_action, or keeping them without a new BTN' },
  ROW_REMOVED: { severity: 'warning', title: 'Row was in the campaign but is no longer in the sheet' },
  // UK partial ports, UK carriers, the accounts sheet (issue 15)
  ACTION_OUTSIDE_GB: { severity: 'error', title: 'keep/disconnect (a number that stays behind) is only for GB partial ports' },
  NO_ORDER_FOR_ASSOCIATED: { severity: 'error', title: 'No GB order of the account to list the numbers that stay behind on' },
  REMAINING_NUMBERS_MISSING: { severity: 'error', title: 'GB partial port without the numbers that stay behind (keep/disconnect rows)' },
  UNKNOWN_UK_CARRIER: { severity: 'error', title: "The losing carrier is not on Telnyx's list of UK carriers" },
  ACCOUNT_NOT_FOUND: { severity: 'error', title: 'No row of the accounts sheet has this account' },
  // submit + track
  ORDER_REJECTED: { severity: 'error', title: 'Telnyx rejected the order request' },
  SUBMIT_FAILED: { severity: 'error', title: 'The order could not be created or updated' },
  FOC_MOVED: { severity: 'warning', title: 'Requested FOC moved into an allowed window' },
  REQUIREMENTS_MISSING: { severity: 'error', title: 'Order requirements not met; not submitted' },
  ORDER_EXCEPTION: { severity: 'error', title: 'The porting order is in exception' },
  VERIFICATION_NEEDED: { severity: 'warning', title: 'AU ownership codes needed before the order can be confirmed (verify send, verify apply)' },
  VERIFICATION_ROW_INVALID: { severity: 'error', title: 'Verification sheet row has a value verify apply cannot use' },
  VERIFICATION_PENDING: { severity: 'error', title: 'Not confirmed: numbers not verified with their ownership codes yet' },
  // portouts apply
  PORTOUT_UNKNOWN: { severity: 'error', title: 'No port-out request with this id' },
  DECISION_INVALID: { severity: 'error', title: 'Port-out decision cell has a value apply cannot use' },
  DECISION_DUPLICATE: { severity: 'error', title: 'Port-out already decided on an earlier row' },
  REJECTION_CODE_INELIGIBLE: { severity: 'error', title: 'Rejection code missing or not eligible for this port-out' },
  // outputs
  CELL_CUT_IN_RESULTS: { severity: 'warning', title: "A results cell over Excel's 32,767 characters was cut in results.xlsx" },
  REASON_MISSING: { severity: 'error', title: 'Telnyx requires a reason for every port-out decision' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; title: string }>;

export type IssueCode = keyof typeof ISSUE_CODES;

/** A row problem: data, not an exception (docs/architecture.md §8.4). */
export interface Issue {
  readonly code: IssueCode;
  readonly ref: RowRef;
  /** The header as it appears in the input file, when the problem is in one cell. */
  readonly column?: string;
  readonly message: string;
}
