import { describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { VERIFICATION_BATCH_SIZE } from '../order-rules/ownership-steps.js';
import { listCodes, type CodeState } from './ownership-api.js';
import type { OwnershipOrder } from './ownership-orders.js';

export type CodeMethod = 'sms' | 'call';

/** Where one number stands after `verify send`. */
export interface NumberCodeState {
  readonly orderId: string;
  readonly phoneNumber: string;
  readonly state: 'verified' | 'sent' | 'not_sent';
  /** What happened, for the sheet and the screen. */
  readonly detail: string;
}

export interface SendCodesOutcome {
  readonly numbers: readonly NumberCodeState[];
  /** Send calls this run made. */
  readonly sendCount: number;
  /** Sends whose outcome stayed unknown: a re-run looks before sending again. */
  readonly unresolvedCount: number;
}

/** A send arrived when any of its numbers got a new code (a send replaces a number's code and its id). */
function sendArrived(numbers: readonly string[], before: Readonly<Record<string, string>>, now: ReadonlyMap<string, CodeState>): boolean {
  return numbers.some((n) => {
    const code = now.get(n);
    return code !== undefined && code.id !== (before[n] ?? '');
  });
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Sends a verification code to every number of the orders that need them and is not verified yet (per
 * `GET …/verification_codes`), at most 100 numbers a call. A send is not idempotent (each one texts or
 * calls the holder again), so it goes through `sendOnce` with its intent journaled first; a send left
 * without an outcome by a crashed run is settled by looking (did its numbers get new codes?), and what a
 * crashed run sent is not sent again: the re-run finishes its job. Numbers of a finished earlier run that are
 * still unverified get a new code: that is what re-running `verify send` is for.
 */
export async function sendCodes(orders: readonly OwnershipOrder[], session: ApiSession, journal: CampaignJournal, method: CodeMethod): Promise<SendCodesOutcome> {
  const numbers: NumberCodeState[] = [];
  let sendCount = 0;
  let unresolvedCount = 0;
  for (const order of orders) {
    if (!order.needsCodes) continue;
    let codes = await listCodes(session, order.id);
    // Codes the interrupted run already sent (its results, or a look at its open intents) are not sent again.
    const settledByLook = new Set<string>(journal.state.codesSentByUnendedRun.get(order.id) ?? []);
    for (const intent of journal.state.openVerifyIntents.values()) {
      if (intent.op !== 'send' || intent.order !== order.id) continue;
      const arrived = sendArrived(intent.numbers, intent.before, codes);
      await journal.record({ t: 'verify-result', op: 'send', order: order.id, numbers: intent.numbers, outcome: arrived ? 'found' : 'absent' });
      if (arrived) for (const n of intent.numbers) settledByLook.add(n);
    }
    const toSend: string[] = [];
    for (const phoneNumber of order.numbers) {
      if (codes.get(phoneNumber)?.isVerified === true) numbers.push({ orderId: order.id, phoneNumber, state: 'verified', detail: 'verified' });
      else if (settledByLook.has(phoneNumber)) numbers.push({ orderId: order.id, phoneNumber, state: 'sent', detail: `code sent by ${method} (by the interrupted run; not sent again)` });
      else toSend.push(phoneNumber);
    }
    for (const batch of batches(toSend, VERIFICATION_BATCH_SIZE)) {
      const before: Record<string, string> = {};
      for (const n of batch) before[n] = codes.get(n)?.id ?? '';
      const sent = await sendOnce({
        mayHaveBeenSent: false,
        beforeSend: async () => {
          await journal.record({ t: 'verify-intent', op: 'send', order: order.id, numbers: batch, before });
          sendCount += 1;
        },
        send: () =>
          session.scheduler.call('create', `send verification codes for porting order ${order.id}`, () =>
            session.client.portingOrders.verificationCodes.send(order.id, { phone_numbers: batch, verification_method: method }),
            SHAPES.codesSent,
          ),
        lookForIt: async () => {
          codes = await listCodes(session, order.id);
          return sendArrived(batch, before, codes) ? codes : undefined;
        },
      });
      if (sent.kind === 'sent' || sent.kind === 'found') {
        await journal.record({ t: 'verify-result', op: 'send', order: order.id, numbers: batch, outcome: sent.kind === 'sent' ? 'done' : 'found' });
        for (const phoneNumber of batch) numbers.push({ orderId: order.id, phoneNumber, state: 'sent', detail: `code sent by ${method}` });
        continue;
      }
      const message =
        sent.kind === 'refused'
          ? `Telnyx refused to send the codes: ${describeDetails(sent.error.errors)}`
          : 'the send got no clear answer twice and no new code shows; run verify send again (it looks before sending)';
      await journal.record({ t: 'verify-result', op: 'send', order: order.id, numbers: batch, outcome: sent.kind === 'refused' ? 'rejected' : 'unknown', message });
      if (sent.kind === 'unknown') unresolvedCount += 1;
      for (const phoneNumber of batch) numbers.push({ orderId: order.id, phoneNumber, state: 'not_sent', detail: message });
    }
  }
  return { numbers, sendCount, unresolvedCount };
}
