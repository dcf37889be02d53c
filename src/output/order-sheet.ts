/**
 * The Orders sheet of results.xlsx (docs/design.md §5): one row per porting order the campaign holds.
 * Later stages (submit, status) fill it; the writer only lays it out.
 */
export const ORDER_SHEET_COLUMNS = [
  'part_key',
  'porting_order_id',
  'end_user',
  'country',
  'number_type',
  'carrier',
  'number_count',
  'order_status',
  'requested_foc',
  'confirmed_foc',
  'documents',
  'requirements_met',
  'exception_type',
  'last_comment',
  'support_key',
  'customer_reference',
] as const;

export type OrderSheetColumn = (typeof ORDER_SHEET_COLUMNS)[number];

/** Every column as text ('' when unknown), except the count. `order_status` keeps Telnyx's word. */
export type OrderSheetRow = Readonly<Record<Exclude<OrderSheetColumn, 'number_count'>, string>> & {
  readonly number_count: number;
};

/** The row's cells in column order. */
export function orderSheetValues(order: OrderSheetRow): (string | number)[] {
  return ORDER_SHEET_COLUMNS.map((column) => order[column]);
}

/** The Orders sheet's `documents` cell: the files the sheet gave, and what the order still lacks to be confirmed. */
export function describeOrderDocuments(documents: { readonly loa?: { readonly filename: string }; readonly invoice?: { readonly filename: string } }): string {
  return `LOA: ${documents.loa?.filename ?? 'none yet (attach before --confirm)'}; invoice: ${documents.invoice?.filename ?? 'none yet (attach before --confirm)'}`;
}
