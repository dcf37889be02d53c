/** The two report CSVs Telnyx can export (api-facts §6). */
export type ExportKind = 'porting-orders' | 'port-outs';

export const EXPORT_KINDS: readonly ExportKind[] = ['porting-orders', 'port-outs'];

export interface ExportKindSpec {
  readonly kind: ExportKind;
  readonly reportType: 'export_porting_orders_csv' | 'export_portouts_csv';
  /** Statuses the report's `status__in` filter accepts (port-outs spell it `canceled`). */
  readonly statuses: readonly string[];
  /** Filters only port-out reports accept. */
  readonly hasPortoutFilters: boolean;
  /**
   * Telnyx does not document the report's columns, so the row key and status are looked up by
   * the names a report is likely to use, first match wins.
   */
  readonly idColumns: readonly string[];
  readonly statusColumns: readonly string[];
  /** What one row is, for messages: "porting order", "port-out". */
  readonly rowNoun: string;
}

export const EXPORT_KIND_SPECS: Readonly<Record<ExportKind, ExportKindSpec>> = {
  'porting-orders': {
    kind: 'porting-orders',
    reportType: 'export_porting_orders_csv',
    statuses: ['draft', 'in-process', 'submitted', 'exception', 'foc-date-confirmed', 'cancel-pending', 'ported', 'cancelled'],
    hasPortoutFilters: false,
    idColumns: ['id', 'porting_order_id', 'order_id'],
    statusColumns: ['status', 'porting_order_status', 'order_status'],
    rowNoun: 'porting order',
  },
  'port-outs': {
    kind: 'port-outs',
    reportType: 'export_portouts_csv',
    statuses: ['pending', 'authorized', 'ported', 'rejected', 'rejected-pending', 'canceled'],
    hasPortoutFilters: true,
    idColumns: ['id', 'portout_id', 'port_out_id'],
    statusColumns: ['status', 'portout_status'],
    rowNoun: 'port-out',
  },
};

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}
