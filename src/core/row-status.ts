/** Row statuses of results.csv (docs/design.md §5), in pipeline order. */
export const ROW_STATUSES = [
  'invalid',
  'duplicate',
  'valid',
  'not_portable',
  'portable',
  'blocked',
  /** A GB number that stays with the losing carrier (keep/disconnect): listed on its account's order, never ported. */
  'associated',
  'planned',
  'draft',
  'submitted',
  'failed',
  'exception',
  'foc_confirmed',
  'ported',
  'cancelled',
] as const;

export type RowStatus = (typeof ROW_STATUSES)[number];

/** Statuses that need a person: any of them makes the run exit 1 (docs/design.md §2). */
export const NEEDS_ATTENTION_STATUSES: ReadonlySet<RowStatus> = new Set([
  'invalid',
  'duplicate',
  'not_portable',
  'blocked',
  'failed',
  'exception',
]);

/** Telnyx porting order `status.value` → row status (docs/design.md §5). */
export const ORDER_STATUS_TO_ROW_STATUS: Readonly<Record<string, RowStatus>> = {
  draft: 'draft',
  'in-process': 'submitted',
  submitted: 'submitted',
  exception: 'exception',
  'foc-date-confirmed': 'foc_confirmed',
  ported: 'ported',
  'cancel-pending': 'cancelled',
  cancelled: 'cancelled',
};
