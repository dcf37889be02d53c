import type { NewJournalRecord } from '../campaign/campaign-journal.js';
import type { CampaignState } from '../campaign/campaign-state.js';
import type { CampaignOrdersNow } from './read-campaign-orders.js';

/**
 * What the journal must learn from the orders as the server has them now before a command that
 * changes orders (`cancel`, `fix`) plans anything: drafts the server no longer has are deleted,
 * and each known order whose status moved gets its new status. Orders the journal does not know
 * are left to `status`, which adopts them.
 */
export function statusChangeRecords(state: CampaignState, now: CampaignOrdersNow): NewJournalRecord[] {
  const records: NewJournalRecord[] = now.gone.map((id) => ({ t: 'order', order: id, status: 'deleted' }));
  for (const [id, wire] of now.wires) {
    const status = wire.status?.value;
    if (status !== undefined && state.orders.has(id) && state.orders.get(id)?.status !== status) records.push({ t: 'order', order: id, status });
  }
  return records;
}
