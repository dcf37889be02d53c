import { describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { VERIFICATION_BATCH_SIZE } from '../order-rules/ownership-steps.js';
import type { CodeToVerify } from './check-verification-rows.js';
import { listCodes, type CodeState } from './ownership-api.js';

/** What became of one code. */
export interface CodeOutcome {
  readonly item: CodeToVerify;
  readonly outcome: 'verified' | 'wrong_code' | 'already_verified' | 'no_code_sent' | 'failed';
  readonly detail: string;
}

export interface ApplyCodesOutcome {
  readonly outcomes: readonly CodeOutcome[];
  /** Verify calls this run made. */
  readonly verifyCount: number;
  readonly unresolvedCount: number;
}

/** A verify arrived when each of its numbers is verified now or its code's updated_at moved. */
function verifyArrived(numbers: readonly string[], before: Readonly<Record<string, string>>, now: ReadonlyMap<string, CodeState>): boolean {
  return numbers.every((n) => {
    const code = now.get(n);
    return code !== undefined && (code.isVerified || code.updatedAt !== (before[n] ?? ''));
  });
}

/**
 * Verifies the checked codes, per order, at most 100 a call. Numbers the server shows verified already are
 * not sent; a number no code was sent to is reported (send one first). A verify left without an outcome by a
 * crashed run is settled first by looking (each number verified, or its code touched since): those numbers
 * take their outcome from the server and are not sent again. A wrong code leaves the number unverified.
 */
export async function applyCodes(items: readonly CodeToVerify[], session: ApiSession, journal: CampaignJournal): Promise<ApplyCodesOutcome> {
  const outcomes: CodeOutcome[] = [];
  let verifyCount = 0;
  let unresolvedCount = 0;
  const byOrder = new Map<string, CodeToVerify[]>();
  for (const item of items) byOrder.set(item.orderId, [...(byOrder.get(item.orderId) ?? []), item]);
  for (const [orderId, orderItems] of byOrder) {
    let codes = await listCodes(session, orderId);
    const settled = new Map<string, boolean>();
    for (const intent of journal.state.openVerifyIntents.values()) {
      if (intent.op !== 'verify' || intent.order !== orderId) continue;
      const arrived = verifyArrived(intent.numbers, intent.before, codes);
      const verified = intent.numbers.filter((n) => codes.get(n)?.isVerified === true);
      const wrong = intent.numbers.filter((n) => codes.get(n)?.isVerified !== true);
      await journal.record({ t: 'verify-result', op: 'verify', order: orderId, numbers: intent.numbers, outcome: arrived ? 'found' : 'absent', ...(arrived ? { verified, wrong } : {}) });
      if (arrived) for (const n of intent.numbers) settled.set(n, codes.get(n)?.isVerified === true);
    }
    const toSend: CodeToVerify[] = [];
    for (const item of orderItems) {
      const code = codes.get(item.phoneNumber);
      const wasSettled = settled.get(item.phoneNumber);
      if (wasSettled !== undefined) {
        outcomes.push({ item, outcome: wasSettled ? 'verified' : 'wrong_code', detail: `${wasSettled ? 'verified' : 'code refused'} (by the interrupted run; not sent again)` });
      } else if (code === undefined) {
        outcomes.push({ item, outcome: 'no_code_sent', detail: 'no code was sent to this number yet: run verify send first' });
      } else if (code.isVerified) {
        outcomes.push({ item, outcome: 'already_verified', detail: 'already verified; nothing sent' });
      } else {
        toSend.push(item);
      }
    }
    for (let i = 0; i < toSend.length; i += VERIFICATION_BATCH_SIZE) {
      const batch = toSend.slice(i, i + VERIFICATION_BATCH_SIZE);
      const numbers = batch.map((b) => b.phoneNumber);
      const before: Record<string, string> = {};
      for (const n of numbers) before[n] = codes.get(n)?.updatedAt ?? '';
      const sent = await sendOnce({
        mayHaveBeenSent: false,
        beforeSend: async () => {
          await journal.record({ t: 'verify-intent', op: 'verify', order: orderId, numbers, before });
          verifyCount += 1;
        },
        send: () =>
          session.scheduler.call('action', `verify ${batch.length} code(s) of porting order ${orderId}`, () =>
            session.client.portingOrders.verificationCodes.verify(orderId, { verification_codes: batch.map((b) => ({ phone_number: b.phoneNumber, code: b.code })) }),
            SHAPES.verifiedCodes,
          ),
        lookForIt: async () => {
          codes = await listCodes(session, orderId);
          return verifyArrived(numbers, before, codes) ? codes : undefined;
        },
      });
      if (sent.kind === 'sent' || sent.kind === 'found') {
        const isVerified = (n: string): boolean =>
          sent.kind === 'sent' ? (sent.answer.data ?? []).some((c) => c.phone_number === n && c.verified === true) : sent.found.get(n)?.isVerified === true;
        const verified = numbers.filter(isVerified);
        const wrong = numbers.filter((n) => !isVerified(n));
        await journal.record({ t: 'verify-result', op: 'verify', order: orderId, numbers, outcome: sent.kind === 'sent' ? 'done' : 'found', verified, wrong });
        for (const item of batch) {
          outcomes.push(isVerified(item.phoneNumber) ? { item, outcome: 'verified', detail: 'verified' } : { item, outcome: 'wrong_code', detail: 'code refused: not the code sent to this number (verify send sends a new one)' });
        }
        continue;
      }
      const message =
        sent.kind === 'refused'
          ? `Telnyx refused the codes: ${describeDetails(sent.error.errors)}`
          : 'the verify got no clear answer twice and the server shows no change; run verify apply again (it looks before sending)';
      await journal.record({ t: 'verify-result', op: 'verify', order: orderId, numbers, outcome: sent.kind === 'refused' ? 'rejected' : 'unknown', message });
      if (sent.kind === 'unknown') unresolvedCount += 1;
      for (const item of batch) outcomes.push({ item, outcome: 'failed', detail: message });
    }
  }
  return { outcomes, verifyCount, unresolvedCount };
}
