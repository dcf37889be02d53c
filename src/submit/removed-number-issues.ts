import type { CampaignState } from '../campaign/campaign-state.js';
import type { Issue } from '../core/issue-codes.js';
import type { OrderPlan } from '../plan/plan-types.js';

/**
 * ROW_REMOVED issues for numbers the campaign ordered that the current sheet no longer lists. They
 * stay in their orders (removing a row is not a cancel); the issue points at the row where the
 * sheet the journal last recorded had them.
 */
export function removedNumberIssues(plan: OrderPlan, state: CampaignState): Issue[] {
  if (plan.removedNumbers.length === 0) return [];
  const lastRows = new Map<string, { sheet: string; row: number }>();
  for (const row of state.input?.rows ?? []) if (row[3] !== '') lastRows.set(row[3], { sheet: row[1], row: row[0] });
  const file = state.input?.file ?? '(campaign journal)';
  return plan.removedNumbers.map(({ e164, partKey }) => {
    const where = lastRows.get(e164);
    const orders = state.ordersOf(partKey).join(', ');
    return {
      code: 'ROW_REMOVED',
      ref: { file, sheet: where?.sheet ?? '', row: where?.row ?? 0 },
      message: `${e164} was ordered by this campaign (part ${partKey}, order ${orders || 'unknown'}) but is no longer in the sheet; it stays in its order (use cancel to withdraw it)`,
    };
  });
}
