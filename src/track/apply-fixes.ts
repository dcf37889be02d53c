import type { PortingOrderUpdateParams } from 'telnyx/resources/porting-orders/porting-orders';
import { ApiRejectedError, describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { fitOrderFoc } from '../api/fit-order-foc.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { describeFocMove } from '../order-rules/fit-foc-window.js';
import type { FixStep } from './plan-fixes.js';
import { maskedValues, type TrackWireOrder } from './tracked-order-view.js';
import { SHAPES } from '../api/response-shapes.js';

/** What happened to one row of the fix sheet. */
export interface FixOutcome {
  readonly step: FixStep;
  /** `patched` (with the FOC move when there was one), `unchanged`, `skipped: order is now …`, `failed: …` */
  readonly outcome: string;
  /** The order's status after the PATCH (the API may have cleared the exception). */
  readonly statusAfter?: string;
}

/**
 * Sends the PATCH of every `patch` step (an intent journaled before, the result after) and turns
 * every step into an outcome. A PATCH with the same body is safe to repeat, so the scheduler
 * retries it; a rejection is the row's outcome, not a run problem. After a successful PATCH the
 * order's new status is journaled (the results show whether the exception cleared); its view is
 * left to the next `status`, whose changes then report the exception as cleared. A requested FOC is
 * first fitted into the order's allowed FOC windows, by the fitter `submit` uses (a date alone
 * means that day, never midnight UTC).
 */
export async function applyFixes(
  steps: readonly FixStep[],
  session: ApiSession,
  journal: CampaignJournal,
  options: { readonly now: () => Date },
): Promise<{ outcomes: FixOutcome[]; patchCount: number }> {
  const outcomes: FixOutcome[] = [];
  let patchCount = 0;
  for (const step of steps) {
    if (step.kind !== 'patch') {
      outcomes.push({ step, outcome: step.kind === 'unchanged' ? 'unchanged' : `${step.kind}: ${step.message}` });
    } else {
      await journal.record({ t: 'track-intent', op: 'fix', order: step.orderId, key: step.bodyHash });
      patchCount += 1;
      try {
        let body = step.body;
        let values = step.values;
        let moved = '';
        const requested = step.body.activation_settings?.foc_datetime_requested;
        if (requested !== undefined) {
          const foc = await fitOrderFoc(session, step.orderId, requested, options.now());
          body = { ...body, activation_settings: { foc_datetime_requested: foc.focDatetimeRequested } };
          values = { ...values, foc_date: foc.focDatetimeRequested };
          if (foc.movedFrom !== undefined) moved = ` (${describeFocMove(foc.movedFrom, foc.focDatetimeRequested)})`;
        }
        const response = await session.scheduler.call('idempotent', `update porting order ${step.orderId}`, () =>
          session.client.portingOrders.update(step.orderId, body as PortingOrderUpdateParams),
          SHAPES.portingOrder,
        );
        const order = (response.data ?? {}) as TrackWireOrder;
        const statusAfter = order.status?.value ?? '';
        await journal.record({ t: 'track-result', op: 'fix', order: step.orderId, key: step.bodyHash, outcome: 'done', status: statusAfter, values: maskedValues(values) });
        if (statusAfter !== '' && journal.state.orders.get(step.orderId)?.status !== statusAfter) {
          await journal.record({ t: 'order', order: step.orderId, status: statusAfter });
        }
        outcomes.push({ step, outcome: `patched${moved}`, statusAfter });
      } catch (error) {
        if (!(error instanceof ApiRejectedError)) throw error;
        const message = `Telnyx refused the update: ${describeDetails(error.errors)}`;
        await journal.record({ t: 'track-result', op: 'fix', order: step.orderId, key: step.bodyHash, outcome: 'rejected', message });
        outcomes.push({ step, outcome: `failed: ${message}` });
      }
    }
  }
  return { outcomes, patchCount };
}
