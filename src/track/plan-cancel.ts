/** What `cancel` does with one order (pure decision from its current status). */
export type CancelAction = 'cancel' | 'delete' | 'none';

export interface CancelStep {
  readonly orderId: string;
  readonly partKey: string;
  /** Telnyx's status now ('deleted' for a draft that is gone). */
  readonly statusBefore: string;
  readonly action: CancelAction;
  /** Why nothing is sent, for `none`. */
  readonly reason: string;
  /** Whether the order ends where the person wanted it without a call (already cancelled or deleted). */
  readonly isSettled: boolean;
}

/** Statuses the API's `actions/cancel` accepts (outside 48 hours of the FOC date). */
const CANCELLABLE: ReadonlySet<string> = new Set(['in-process', 'submitted', 'exception', 'foc-date-confirmed']);

/**
 * One step per order (pure): drafts are deleted, submitted orders cancelled; orders already
 * cancel-pending, cancelled or deleted need nothing (so a re-run sends nothing), and a ported order
 * can no longer be cancelled. The 48-hour FOC rule is the API's to apply (its clock, its FOC): its
 * refusal is reported with its reason.
 */
export function planCancel(orders: ReadonlyArray<{ readonly id: string; readonly partKey: string; readonly status: string }>): CancelStep[] {
  return orders.map(({ id, partKey, status }): CancelStep => {
    const step = { orderId: id, partKey, statusBefore: status };
    if (status === 'draft') return { ...step, action: 'delete', reason: '', isSettled: false };
    if (CANCELLABLE.has(status)) return { ...step, action: 'cancel', reason: '', isSettled: false };
    if (status === 'cancel-pending' || status === 'cancelled') return { ...step, action: 'none', reason: `already ${status}`, isSettled: true };
    if (status === 'deleted') return { ...step, action: 'none', reason: 'draft already deleted', isSettled: true };
    if (status === 'ported') return { ...step, action: 'none', reason: 'cannot be cancelled: the numbers are already ported', isSettled: false };
    return { ...step, action: 'none', reason: `cannot be cancelled in status ${status}`, isSettled: false };
  });
}
