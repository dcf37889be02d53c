import { describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { verifyIntentKey } from '../campaign/campaign-state.js';
import { ID_VERIFICATION_ACTION, personNames } from '../order-rules/ownership-steps.js';
import { listActionRequirements, type ActionRequirementState } from './ownership-api.js';
import type { OwnershipOrder } from './ownership-orders.js';

/** One ID-verification action requirement after `verify send`: what the end user must open. */
export interface IdCheckRow {
  readonly orderId: string;
  readonly entityName: string;
  readonly requirementId: string;
  readonly actionType: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Where the names came from (columns, or a split of auth_person_name), or why none could be sent. */
  readonly namesFrom: string;
  readonly status: string;
  readonly actionUrl: string;
  /** Set when this run could not initiate it. */
  readonly problem?: string;
}

export interface IdChecksOutcome {
  readonly rows: readonly IdCheckRow[];
  readonly initiateCount: number;
  readonly unresolvedCount: number;
}

/**
 * Initiates every `au_id_verification` action requirement of the orders that is still `created`, with the
 * authorized person's first and last name (`auth_person_first_name`/`auth_person_last_name`, else a split
 * of `auth_person_name`, reported), and collects every ID verification's `action_url` for the end user.
 * An initiate is a state action: its intent is journaled and, after an unclear answer, the requirement is
 * read back before anything is sent again.
 */
export async function initiateIdChecks(orders: readonly OwnershipOrder[], session: ApiSession, journal: CampaignJournal): Promise<IdChecksOutcome> {
  const rows: IdCheckRow[] = [];
  let initiateCount = 0;
  let unresolvedCount = 0;
  for (const order of orders) {
    if (!order.isAustralian && !order.needsCodes) continue;
    const requirements = await listActionRequirements(session, order.id);
    const settings = order.part?.settings;
    const names = personNames({ firstName: settings?.authPersonFirstName, lastName: settings?.authPersonLastName }, order.part?.endUser.admin.auth_person_name ?? '');
    for (const requirement of requirements) {
      if (requirement.actionType !== ID_VERIFICATION_ACTION) continue;
      const base = { orderId: order.id, entityName: order.entityName, requirementId: requirement.id, actionType: requirement.actionType };
      const named = 'problem' in names ? { firstName: '', lastName: '', namesFrom: names.problem } : { firstName: names.firstName, lastName: names.lastName, namesFrom: names.note };
      if (requirement.status !== 'created') {
        rows.push({ ...base, ...named, status: requirement.status, actionUrl: requirement.actionUrl });
        continue;
      }
      if ('problem' in names) {
        rows.push({ ...base, ...named, status: requirement.status, actionUrl: '', problem: names.problem });
        continue;
      }
      const key = verifyIntentKey('initiate', order.id, [], requirement.id);
      const sent = await sendOnce({
        mayHaveBeenSent: journal.state.openVerifyIntents.has(key),
        beforeSend: async () => {
          await journal.record({ t: 'verify-intent', op: 'initiate', order: order.id, numbers: [], before: {}, requirement: requirement.id });
          initiateCount += 1;
        },
        send: () =>
          session.scheduler.call('action', `initiate ID verification ${requirement.id} of porting order ${order.id}`, () =>
            session.client.portingOrders.actionRequirements.initiate(requirement.id, { porting_order_id: order.id, params: { first_name: names.firstName, last_name: names.lastName } }),
            SHAPES.actionRequirement,
          ),
        lookForIt: async (): Promise<ActionRequirementState | undefined> => {
          const now = (await listActionRequirements(session, order.id)).find((r) => r.id === requirement.id);
          return now !== undefined && now.status !== 'created' ? now : undefined;
        },
      });
      if (sent.kind === 'sent' || sent.kind === 'found') {
        const now = sent.kind === 'sent' ? { status: sent.answer.data?.status ?? 'pending', actionUrl: sent.answer.data?.action_url ?? '' } : sent.found;
        await journal.record({ t: 'verify-result', op: 'initiate', order: order.id, numbers: [], requirement: requirement.id, outcome: sent.kind === 'sent' ? 'done' : 'found', actionUrl: now.actionUrl });
        rows.push({ ...base, ...named, status: now.status, actionUrl: now.actionUrl });
        continue;
      }
      const message =
        sent.kind === 'refused'
          ? `Telnyx refused to start the ID verification: ${describeDetails(sent.error.errors)}`
          : 'starting the ID verification got no clear answer twice and it is still not started; run verify send again';
      await journal.record({ t: 'verify-result', op: 'initiate', order: order.id, numbers: [], requirement: requirement.id, outcome: sent.kind === 'refused' ? 'rejected' : 'unknown', message });
      if (sent.kind === 'unknown') unresolvedCount += 1;
      rows.push({ ...base, ...named, status: requirement.status, actionUrl: '', problem: message });
    }
  }
  return { rows, initiateCount, unresolvedCount };
}
