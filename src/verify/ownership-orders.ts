import type { ApiSession } from '../api/api-session.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { needsVerificationCodes } from '../order-rules/ownership-steps.js';
import type { PlannedPart } from '../plan/plan-types.js';
import { listCampaignNumbers } from '../track/list-campaign-numbers.js';
import { readCampaignOrders } from '../track/read-campaign-orders.js';
import { statusChangeRecords } from '../track/status-change-records.js';

/** A draft of the campaign that has an AU ownership step before it may be submitted. */
export interface OwnershipOrder {
  readonly id: string;
  readonly part: PlannedPart | undefined;
  /** Every number of the order (complete, also past the 50 an order embeds). */
  readonly numbers: readonly string[];
  /** `additional_steps` include `phone_number_verification_codes`. */
  readonly needsCodes: boolean;
  /** An AU order: it may carry ID-verification action requirements. */
  readonly isAustralian: boolean;
  readonly entityName: string;
}

/**
 * The campaign's drafts that need AU ownership work, as the server has them now (the journal learns of
 * status changes first, as `fix` and `cancel` do): orders whose additional steps ask for verification
 * codes, and AU orders (ID verification). Orders past draft are done with it.
 */
export async function readOwnershipOrders(session: ApiSession, journal: CampaignJournal, campaign: string): Promise<OwnershipOrder[]> {
  const state = journal.state;
  const now = await readCampaignOrders(session, state, campaign);
  for (const record of statusChangeRecords(state, now)) await journal.record(record);
  const found: Array<{ id: string; part: PlannedPart | undefined; embedded: string[]; count: number; needsCodes: boolean; isAustralian: boolean; entityName: string }> = [];
  for (const [id, wire] of now.wires) {
    const known = state.orders.get(id);
    if (known === undefined || (wire.status?.value ?? 'draft') !== 'draft') continue;
    const part = state.parts.get(known.partKey);
    const embedded = (wire.phone_numbers ?? []).flatMap((n) => (typeof n.phone_number === 'string' ? [n.phone_number] : []));
    const needsCodes = needsVerificationCodes(Array.isArray(wire.additional_steps) ? wire.additional_steps : []);
    const isAustralian = part?.country === 'AU' || (part === undefined && embedded.some((n) => n.startsWith('+61')));
    if (!needsCodes && !isAustralian) continue;
    const count = typeof wire.porting_phone_numbers_count === 'number' ? wire.porting_phone_numbers_count : embedded.length;
    found.push({ id, part, embedded, count, needsCodes, isAustralian, entityName: wire.end_user?.admin?.entity_name ?? part?.endUser.admin.entity_name ?? '' });
  }
  const toComplete = found.filter((o) => o.needsCodes && o.embedded.length < o.count).map((o) => ({ id: o.id, status: 'draft', count: o.count }));
  const complete =
    toComplete.length === 0 ? new Map<string, string[]>() : (await listCampaignNumbers(session, new Set(toComplete.map((o) => o.id)), toComplete, new Map([['draft', toComplete.reduce((sum, o) => sum + o.count, 0)]]))).byOrder;
  return found.map((o) => ({ id: o.id, part: o.part, numbers: complete.get(o.id) ?? o.embedded, needsCodes: o.needsCodes, isAustralian: o.isAustralian, entityName: o.entityName }));
}
