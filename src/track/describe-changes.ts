import type { TrackedOrderView } from '../campaign/journal-records.js';
import { exceptionCodes } from './tracked-order-view.js';

/** One order before and after a refresh. `before` is undefined for an order new to the campaign. */
export interface OrderTransition {
  readonly id: string;
  /** The previous view, else the status the journal knew (after submit, before any refresh). */
  readonly before: Pick<TrackedOrderView, 'status' | 'detailCodes'> & Partial<Pick<TrackedOrderView, 'lastComment'>> | undefined;
  /** undefined: the order is gone (a deleted draft). */
  readonly after: TrackedOrderView | undefined;
  /** Set for an order adopted in this refresh after Telnyx split it off another. */
  readonly splitFrom?: string;
}

/** What moved since the last refresh (summary.json `changes`; `lines` for people). */
export interface CampaignChanges {
  readonly isFirstRefresh: boolean;
  /** Orders that entered each Telnyx status (exception counted in newExceptions instead). */
  readonly statusMoves: Readonly<Record<string, number>>;
  readonly newExceptions: number;
  readonly clearedExceptions: number;
  /** Orders split after submission: the original and the orders adopted from it. */
  readonly splits: ReadonlyArray<{ readonly from: string; readonly into: readonly string[] }>;
  readonly newOrders: number;
  readonly goneOrders: number;
  readonly newComments: number;
  readonly lines: readonly string[];
}

/**
 * Compares every order before and after a refresh (pure). "12 orders foc-date-confirmed, 3 new
 * exceptions, 1 order split into 2": each line counts orders, so a person sees at a glance what
 * needs them.
 */
export function describeChanges(transitions: readonly OrderTransition[], isFirstRefresh: boolean): CampaignChanges {
  const statusMoves = new Map<string, number>();
  let newExceptions = 0;
  let clearedExceptions = 0;
  let newOrders = 0;
  let goneOrders = 0;
  let newComments = 0;
  const splits = new Map<string, string[]>();
  for (const { id, before, after, splitFrom } of transitions) {
    if (splitFrom !== undefined) splits.set(splitFrom, [...(splits.get(splitFrom) ?? []), id]);
    if (after === undefined) {
      if (before !== undefined) goneOrders += 1;
      continue;
    }
    if (before === undefined) {
      if (splitFrom === undefined) newOrders += 1;
      if (after.status === 'exception') newExceptions += 1;
      continue;
    }
    const wasException = before.status === 'exception';
    const isException = after.status === 'exception';
    if (isException && (!wasException || exceptionCodes(after).some((code) => !exceptionCodes(before).includes(code)))) newExceptions += 1;
    if (wasException && !isException) clearedExceptions += 1;
    if (after.status !== before.status && !isException) statusMoves.set(after.status, (statusMoves.get(after.status) ?? 0) + 1);
    const comment = after.lastComment;
    if (comment !== undefined && (before.lastComment?.at !== comment.at || before.lastComment.body !== comment.body)) newComments += 1;
  }
  const lines: string[] = [];
  for (const [status, count] of [...statusMoves].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`${orders(count)} ${status}`);
  if (newExceptions > 0) lines.push(`${newExceptions} new exception${newExceptions === 1 ? '' : 's'}`);
  if (clearedExceptions > 0) lines.push(`${clearedExceptions} exception${clearedExceptions === 1 ? '' : 's'} cleared`);
  if (splits.size > 0) {
    const total = [...splits.values()].reduce((sum, into) => sum + into.length + 1, 0);
    lines.push(`${orders(splits.size)} split into ${total}`);
  }
  if (newOrders > 0) lines.push(`${orders(newOrders)} found that the journal did not know`);
  if (goneOrders > 0) lines.push(`${orders(goneOrders)} gone (deleted)`);
  if (newComments > 0) lines.push(`${orders(newComments)} with a new comment`);
  if (lines.length === 0) lines.push(isFirstRefresh ? 'first refresh: no order moved since submit' : 'nothing moved since the last refresh');
  return {
    isFirstRefresh,
    statusMoves: Object.fromEntries(statusMoves),
    newExceptions,
    clearedExceptions,
    splits: [...splits].map(([from, into]) => ({ from, into })),
    newOrders,
    goneOrders,
    newComments,
    lines,
  };
}

function orders(count: number): string {
  return `${count} order${count === 1 ? '' : 's'}`;
}
