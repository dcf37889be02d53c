import { ApiRejectedError, describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import type { CancelStep } from './plan-cancel.js';
import { SHAPES } from '../api/response-shapes.js';

export interface CancelOutcome {
  readonly step: CancelStep;
  /** `cancelled`, `deleted`, `already …`, `refused: …` (the API's reason), `failed: …` */
  readonly outcome: string;
  readonly statusAfter: string;
  /** Whether the order ended cancelled, cancel-pending or deleted. */
  readonly isDone: boolean;
}

/**
 * Sends each step's call, journaled (intent before, result after): DELETE for a draft (repeatable:
 * a 404 means it is already gone), `actions/cancel` for a submitted order. A cancel without a clear
 * answer is sent again only after re-reading the order shows it is not cancelled (docs/design.md §7).
 */
export async function applyCancel(steps: readonly CancelStep[], session: ApiSession, journal: CampaignJournal): Promise<{ outcomes: CancelOutcome[]; sentCount: number }> {
  const outcomes: CancelOutcome[] = [];
  let sentCount = 0;
  for (const step of steps) {
    if (step.action === 'none') {
      outcomes.push({ step, outcome: step.reason, statusAfter: step.statusBefore, isDone: step.isSettled });
      continue;
    }
    const op = step.action;
    sentCount += 1;
    const done = async (status: string, outcome: string): Promise<CancelOutcome> => {
      await journal.record({ t: 'track-result', op, order: step.orderId, key: '', outcome: 'done', status });
      await journal.record({ t: 'order', order: step.orderId, status });
      return { step, outcome, statusAfter: status, isDone: true };
    };
    const refused = async (error: ApiRejectedError): Promise<CancelOutcome> => {
      const message = describeDetails(error.errors);
      await journal.record({ t: 'track-result', op, order: step.orderId, key: '', outcome: 'rejected', message });
      return { step, outcome: `refused: ${message}`, statusAfter: step.statusBefore, isDone: false };
    };
    if (op === 'delete') {
      await journal.record({ t: 'track-intent', op, order: step.orderId, key: '' });
      try {
        await session.scheduler.call('idempotent', `delete draft porting order ${step.orderId}`, () => session.client.portingOrders.delete(step.orderId), SHAPES.deleted);
        outcomes.push(await done('deleted', 'deleted'));
      } catch (error) {
        if (error instanceof ApiRejectedError && error.isNotFound) outcomes.push(await done('deleted', 'draft already deleted'));
        else if (error instanceof ApiRejectedError) outcomes.push(await refused(error));
        else throw error;
      }
      continue;
    }
    outcomes.push(await cancelOrder(step, session, journal, done, refused));
  }
  return { outcomes, sentCount };
}

/** `actions/cancel`, sent again after no clear answer only when re-reading the order shows it is not cancelled. */
async function cancelOrder(
  step: CancelStep,
  session: ApiSession,
  journal: CampaignJournal,
  done: (status: string, outcome: string) => Promise<CancelOutcome>,
  refused: (error: ApiRejectedError) => Promise<CancelOutcome>,
): Promise<CancelOutcome> {
  const outcome = await sendOnce({
    mayHaveBeenSent: false,
    beforeSend: () => journal.record({ t: 'track-intent', op: 'cancel', order: step.orderId, key: '' }),
    send: () => session.scheduler.call('action', `cancel porting order ${step.orderId}`, () => session.client.portingOrders.actions.cancel(step.orderId), SHAPES.portingOrder),
    lookForIt: async () => {
      const now = await session.scheduler.call('read', `porting order ${step.orderId}`, () => session.client.portingOrders.retrieve(step.orderId), SHAPES.portingOrder);
      const status = now.data?.status?.value ?? '';
      return status === 'cancel-pending' || status === 'cancelled' ? status : undefined;
    },
  });
  if (outcome.kind === 'sent') return done(outcome.answer.data?.status?.value ?? 'cancel-pending', 'cancelled');
  if (outcome.kind === 'found') return done(outcome.found, 'cancelled');
  if (outcome.kind === 'refused') return refused(outcome.error);
  const message = `cancel of porting order ${step.orderId} got no clear answer twice and the order is not cancelled; run cancel again`;
  await journal.record({ t: 'track-result', op: 'cancel', order: step.orderId, key: '', outcome: 'unknown', message });
  return { step, outcome: `failed: ${message}`, statusAfter: step.statusBefore, isDone: false };
}
