import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import type { JournalHistory } from './portout-journal.js';
import type { DecisionKind, PortoutDecision } from './validate-decisions.js';

export type TargetStatus = 'authorized' | 'rejected-pending';

/** How one decided row ended; `text` is what the outcomes sheet shows. */
export interface ApplyOutcome {
  readonly kind: 'applied' | 'skipped' | 'failed' | 'not_sent';
  readonly text: string;
  /** A person should look at it (docs/design.md §2: exit 1). */
  readonly needsAttention: boolean;
  readonly statusAfter: string;
}

export type ApplyStep = { readonly action: 'send'; readonly target: TargetStatus } | { readonly action: 'skip'; readonly outcome: ApplyOutcome };

export function targetStatusOf(decision: DecisionKind): TargetStatus {
  return decision === 'authorize' ? 'authorized' : 'rejected-pending';
}

/** Statuses that mean the decision already took effect: a rejection Telnyx confirmed counts too. */
const REACHED: Readonly<Record<DecisionKind, readonly string[]>> = {
  authorize: ['authorized'],
  reject: ['rejected-pending', 'rejected'],
};

/**
 * Decides, from the request as Telnyx shows it right now and the journal, whether to send the decision.
 * The rule (journal keyed by id + the `updated_at` the review saw):
 * 1. Already in the decision's state → nothing to send (`applied` by an earlier run if the journal holds
 *    an intent for it, else `skipped: already …`).
 * 2. Not pending any more → `skipped: no longer pending` (it was answered or auto-authorized meanwhile).
 * 3. Pending, and the journal holds an applied result for this review → an operator moved it back to
 *    pending after we decided: skipped; a new review of it starts a new journal key.
 * 4. Pending, but changed since the review (`updated_at` differs) → skipped: review it again.
 * 5. Otherwise send. An intent without a result means the earlier call never took effect (the request
 *    would not still be pending with the same `updated_at` if it had), so sending again is safe.
 */
export function planApplyStep(decision: PortoutDecision, current: PortoutDetails, history: JournalHistory): ApplyStep {
  const status = current.status ?? 'unknown';
  const target = targetStatusOf(decision.decision);
  if (REACHED[decision.decision].includes(status)) {
    return history.hasIntent
      ? skip('applied', `applied (by an earlier run; now ${status})`, false, status)
      : skip('skipped', `skipped: already ${status}`, false, status);
  }
  if (status !== 'pending') {
    return skip('skipped', `skipped: no longer pending (status ${status})`, true, status);
  }
  if (history.lastResult?.outcome === 'applied') {
    return skip(
      'skipped',
      `skipped: applied on ${history.lastResult.at} but pending again since ${current.updated_at ?? 'an unknown time'}; review it again to decide`,
      true,
      status,
    );
  }
  if (decision.reviewedUpdatedAt !== '' && current.updated_at !== undefined && !sameInstant(decision.reviewedUpdatedAt, current.updated_at)) {
    return skip('skipped', `skipped: changed since review (updated_at ${decision.reviewedUpdatedAt} → ${current.updated_at}); review it again`, true, status);
  }
  return { action: 'send', target };
}

function skip(kind: ApplyOutcome['kind'], text: string, needsAttention: boolean, statusAfter: string): ApplyStep {
  return { action: 'skip', outcome: { kind, text, needsAttention, statusAfter } };
}

/** Spreadsheets may re-render a timestamp (`…Z` vs `+00:00`); compare instants, not text. */
function sameInstant(a: string, b: string): boolean {
  const ma = Date.parse(a);
  const mb = Date.parse(b);
  return Number.isNaN(ma) || Number.isNaN(mb) ? a === b : ma === mb;
}
