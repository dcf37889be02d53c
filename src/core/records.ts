import type { CanonicalColumn } from '../input/columns.js';
import type { Issue } from './issue-codes.js';
import type { RowRef } from './row-ref.js';
import type { RowStatus } from './row-status.js';

/**
 * One spreadsheet cell as the reader hands it on: the text a person sees, plus what the number
 * rule of docs/design.md §3 needs to know about numeric cells.
 */
export interface RawCell {
  /** What Excel would display (rich text joined, hyperlink text, formula result, date as ISO…). */
  readonly text: string;
  /** Present when the cell holds a number (XLSX numeric cell). CSV cells never have it. */
  readonly numeric?: {
    readonly value: number;
    /** The cell's number format is scientific (e.g. `0.00E+00`): its digits went through a lossy step. */
    readonly isScientific: boolean;
  };
  /** A cell that has no usable value: a formula without cached result, or an error value (#N/A). */
  readonly problem?: 'formula_without_result' | 'error_value';
  /**
   * The formula text of an XLSX cell that is a plain subtraction of two numbers (`4930244999900-99`):
   * a range Excel computed (issue 15). Other formulas are not kept.
   */
  readonly formula?: string;
}

/** A data row as the reader yields it: cells in header order. */
export interface SourceRecord {
  readonly row: number;
  readonly cells: readonly RawCell[];
}

/** A row after header mapping. */
export interface InputRow {
  readonly ref: RowRef;
  /** 0-based position among the data rows; results are written in this order. */
  readonly index: number;
  readonly phone: RawCell;
  /** Canonical columns present in the file, trimmed text. */
  readonly fields: Partial<Record<CanonicalColumn, string>>;
  /** Every column of the input as written, in the file's order (the mapping's passthrough headers); the PIN masked. */
  readonly passthrough: readonly string[];
  /** Cells longer than Excel's 32,767 characters (already cut to fit, with a marker): a row issue. */
  readonly tooLongCells?: readonly { readonly column: string; readonly length: number }[];
}

/** Telnyx `phone_number_type` values. */
export type PhoneNumberType = 'landline' | 'local' | 'mobile' | 'national' | 'shared_cost' | 'toll_free';

/** A start and end of numbers, both E.164 (an activation range of a block). */
export interface E164Range {
  readonly start: string;
  readonly end: string;
}

/**
 * A German DID block (issue 15): one row's range, ported as one `phone_number_blocks` entry of an
 * order, never split across orders; it counts as `size` numbers toward `--max-per-order`.
 */
export interface NumberBlock extends E164Range {
  readonly size: number;
  /** Inside the block, not overlapping, in order; the whole block when the sheet names none. */
  readonly activationRanges: readonly E164Range[];
}

/** Extensions behind one porting phone number (German orders): `phone_number_extensions`. */
export interface ExtensionRange {
  readonly start: number;
  readonly end: number;
  /** Inside the extension range, not overlapping, in order; the whole range when the sheet names none. */
  readonly activationRanges: readonly { readonly start: number; readonly end: number }[];
}

/** A row after normalization and duplicate detection. */
export interface NumberRecord {
  readonly ref: RowRef;
  readonly index: number;
  readonly inputNumber: string;
  readonly e164?: string;
  /** ISO 3166 alpha-2 of the number. */
  readonly country?: string;
  readonly numberType?: PhoneNumberType;
  /** A German block: `e164` is its start; the record stands for all its numbers. */
  readonly block?: NumberBlock;
  /** An extension range to create behind this number once its order exists. */
  readonly extensions?: ExtensionRange;
  status: RowStatus;
  /** With `--accounts`: the accounts row its blank order-level cells were filled from. */
  readonly accountSource?: RowRef;
  readonly issues: Issue[];
  readonly fields: Partial<Record<CanonicalColumn, string>>;
  readonly passthrough: readonly string[];
}
