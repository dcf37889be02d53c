/** Columns of results.csv / the Results sheet, in order (docs/design.md §5); pass-through columns follow. */
export const RESULT_COLUMNS = [
  'row',
  'sheet',
  'input_number',
  'e164',
  'country',
  'number_type',
  'status',
  'issue_code',
  'issue',
  'portable',
  'fast_portable',
  'not_portable_reason',
  'carrier',
  'order_key',
  'porting_order_id',
  'order_status',
  'customer_reference',
  /** With `--accounts`: the accounts row that filled the row's order details (`file [sheet] row N`). */
  'account_source',
] as const;

export type ResultColumn = (typeof RESULT_COLUMNS)[number];

/** One output row: every result column as text ('' when a later stage has not filled it). */
export type ResultRow = Record<ResultColumn, string> & { readonly passthrough: readonly string[] };
