import type { CampaignState } from '../campaign/campaign-state.js';
import type { FailedRecord, JournalRow, TrackedOrderView } from '../campaign/journal-records.js';
import { ISSUE_CODES, type Issue, type IssueCode } from '../core/issue-codes.js';
import { describeRef } from '../core/row-ref.js';
import { ORDER_STATUS_TO_ROW_STATUS } from '../core/row-status.js';
import { associatedKeyHolds } from '../order-rules/partial-port.js';
import { describeOrderDocuments, type OrderSheetRow } from '../output/order-sheet.js';
import type { ResultRow } from '../output/result-columns.js';
import type { CampaignRow } from '../submit/campaign-results.js';
import { guidanceFor } from './exception-guide.js';
import { exceptionCodes } from './tracked-order-view.js';

/** Statuses whose order no longer holds its numbers for a new order: another order may own them. */
const DEAD_ORDER_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'cancel-pending', 'deleted']);

/**
 * Which current order holds each number: the complete lists `status` journaled (else the numbers
 * an order embedded when created). A number in a live order and a cancelled one belongs to the live
 * one, so every number is traceable to exactly one current order.
 */
function numberOwners(state: CampaignState): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [id, order] of state.orders) {
    if (order.status === 'deleted') continue;
    for (const e164 of state.tracking.numbers.get(id) ?? order.numbers) {
      const holder = owners.get(e164);
      const holderIsDead = holder !== undefined && DEAD_ORDER_STATUSES.has(state.orders.get(holder)?.status ?? '');
      if (holder === undefined || (holderIsDead && !DEAD_ORDER_STATUSES.has(order.status))) owners.set(e164, id);
    }
  }
  // A German block (issue 15) is listed by its own route, not among the order's numbers: its row (keyed by
  // the block's start) belongs to its part's order. A block is never split, so a part split at creation
  // keeps it on one order; without a way to tell which, the part's first live order is named.
  for (const part of state.parts.values()) {
    if (part.blocks === undefined || part.blocks.length === 0) continue;
    const live = state.ordersOf(part.key).filter((id) => !DEAD_ORDER_STATUSES.has(state.orders.get(id)?.status ?? 'deleted'));
    const [first] = live;
    if (first === undefined) continue;
    for (const block of part.blocks) if (!owners.has(block.start)) owners.set(block.start, first);
  }
  return owners;
}

/** An order's status: the journal's latest word (cancel writes it too), else the view's. */
function orderStatus(state: CampaignState, id: string): string {
  return state.orders.get(id)?.status ?? state.tracking.views.get(id)?.status ?? '';
}

/**
 * The full results from the journal alone (docs/design.md §6: no input file needed): every input row as
 * the last submit planned it, with its current order, Telnyx status and, for orders in exception,
 * what to fix. Pure.
 */
export function buildTrackingRows(state: CampaignState): CampaignRow[] {
  const input = state.input;
  if (input === undefined) return [];
  const owners = numberOwners(state);
  const deletedOwners = new Map<string, string>();
  for (const [id, order] of state.orders) {
    if (order.status === 'deleted') for (const e164 of state.tracking.numbers.get(id) ?? order.numbers) deletedOwners.set(e164, id);
  }
  // Numbers that stay behind (UK partial ports): the order each associated entry was listed on.
  const associated: Array<{ key: string; order: string }> = [];
  for (const entry of state.subResources.values()) {
    if (entry.result?.kind === 'associated_number' && entry.result.outcome === 'done') associated.push({ key: entry.result.key, order: entry.result.order });
  }
  return input.rows.map((journalRow) => {
    const base = fromJournalRow(journalRow);
    if (base.status === 'associated') {
      const holder = associated.find((a) => associatedKeyHolds(a.key, base.e164));
      if (holder !== undefined) return { row: { ...base, porting_order_id: holder.order, order_status: orderStatus(state, holder.order) }, issues: [] };
    }
    const ref = { file: input.file, sheet: base.sheet, row: Number(base.row) };
    const issues: Issue[] = [];
    if (base.issue_code !== '' && base.issue_code in ISSUE_CODES) issues.push({ code: base.issue_code as IssueCode, ref, message: base.issue });
    const orderId = base.e164 === '' || base.order_key === '' ? undefined : owners.get(base.e164);
    if (orderId === undefined) {
      // A deleted draft still names the row's order: the person sees the order was cancelled by deletion.
      const deleted = base.e164 === '' ? undefined : deletedOwners.get(base.e164);
      if (deleted !== undefined) return { row: { ...base, status: 'cancelled', porting_order_id: deleted, order_status: 'deleted', issue_code: '', issue: '' }, issues: [] };
      // The journal keeps rows as planned; a part whose order could not be created stays failed until a submit creates it.
      const failure = createFailure(state, base.order_key);
      if (failure === undefined) return { row: base, issues };
      const issue: Issue = { code: failure.code, ref, message: `${describeRef(ref)}: ${failure.message}` };
      return { row: { ...base, status: 'failed', issue_code: issue.code, issue: issue.message }, issues: [issue] };
    }
    const telnyxStatus = orderStatus(state, orderId);
    const row: ResultRow = {
      ...base,
      porting_order_id: orderId,
      order_status: telnyxStatus,
      status: ORDER_STATUS_TO_ROW_STATUS[telnyxStatus] ?? base.status,
    };
    const view = state.tracking.views.get(orderId);
    if (telnyxStatus === 'exception' && view !== undefined) {
      const issue: Issue = { code: 'ORDER_EXCEPTION', ref, message: `${describeRef(ref)}: ${describeException(orderId, view)}` };
      issues.unshift(issue);
      return { row: { ...row, issue_code: issue.code, issue: issue.message }, issues };
    }
    // The row's earlier problem belonged to its order's earlier state (e.g. "not submitted"); a moving order clears it.
    if (base.issue_code !== '' && ISSUE_CODES[base.issue_code as IssueCode]?.severity === 'error' && row.status !== base.status) {
      return { row: { ...row, issue_code: '', issue: '' }, issues: [] };
    }
    return { row, issues };
  });
}

/** The failure of creating a part's order, while the part has no order (a later create clears it). */
function createFailure(state: CampaignState, partKey: string): (FailedRecord & { code: IssueCode }) | undefined {
  if (partKey === '' || state.ordersOf(partKey).length > 0) return undefined;
  const failure = state.failures.get(partKey);
  if (failure?.op !== 'create' || !(failure.code in ISSUE_CODES)) return undefined;
  return failure as FailedRecord & { code: IssueCode };
}

function describeException(orderId: string, view: TrackedOrderView): string {
  return `porting order ${orderId} is in exception: ${exceptionCodes(view)
    .map((code) => `${code}: ${guidanceFor(code).meaning} ${guidanceFor(code).action}`)
    .join(' | ')}`;
}

function fromJournalRow(r: JournalRow): ResultRow {
  return {
    row: String(r[0]),
    sheet: r[1],
    input_number: r[2],
    e164: r[3],
    country: r[4],
    number_type: r[5],
    status: r[6],
    issue_code: r[7],
    issue: r[8],
    portable: r[9],
    fast_portable: r[10],
    not_portable_reason: r[11],
    carrier: r[12],
    customer_reference: r[13],
    order_key: r[14],
    porting_order_id: '',
    order_status: '',
    passthrough: r[15],
    account_source: r[16] ?? '',
  };
}

/** The Orders sheet from the journal: one row per current order (deleted drafts left out), by part. */
export function buildTrackingOrderSheet(state: CampaignState): OrderSheetRow[] {
  const rows: OrderSheetRow[] = [];
  const owners = numberOwners(state);
  const heldCount = new Map<string, number>();
  for (const id of owners.values()) heldCount.set(id, (heldCount.get(id) ?? 0) + 1);
  for (const [partKey, ids] of state.partOrders) {
    const part = state.parts.get(partKey);
    for (const id of ids) {
      const order = state.orders.get(id);
      if (order === undefined || order.status === 'deleted') continue;
      const view = state.tracking.views.get(id);
      const settings = part?.settings;
      const requirementsMet = view?.requirementsMet ?? order.requirementsMet;
      const comment = view?.lastComment;
      rows.push({
        part_key: partKey,
        porting_order_id: id,
        end_user: part?.endUser.admin.entity_name ?? view?.values.entity_name ?? '',
        country: part?.country ?? '',
        number_type: part?.numberType ?? '',
        carrier: part?.carrier ?? '',
        // Telnyx counts the order's single numbers; its German blocks (issue 15) add their numbers.
        number_count: (view?.count ?? state.tracking.numbers.get(id)?.length ?? order.count) + (part?.blocks ?? []).filter((b) => owners.get(b.start) === id).reduce((sum, b) => sum + b.size, 0),
        order_status: order.status,
        requested_foc: view?.focRequested || order.patched?.focRequested || '',
        confirmed_foc: view?.focActual ?? '',
        documents: settings === undefined ? '' : describeOrderDocuments(settings),
        requirements_met:
          requirementsMet === undefined ? '' : requirementsMet ? 'true' : `false${view && view.missingRequirements.length > 0 ? ` (missing: ${view.missingRequirements.join('; ')})` : ''}`,
        exception_type: view === undefined || order.status !== 'exception' ? '' : exceptionCodes(view).join('; '),
        last_comment: comment === undefined ? '' : `${comment.at} ${comment.userType}: ${comment.body}`,
        support_key: view?.supportKey ?? '',
        customer_reference: part?.customerReferences.join('; ') ?? '',
      });
    }
  }
  return rows;
}

/** Plan parts whose order could not be created (exit 1 too): their rows are `failed` until a submit creates it. */
export function partsNeedingAttention(state: CampaignState): string[] {
  return [...state.parts.keys()].filter((key) => createFailure(state, key) !== undefined);
}

/** Whether any order needs a person (exit 1): in exception, or a failure the journal holds. */
export function ordersNeedingAttention(state: CampaignState): string[] {
  const ids: string[] = [];
  for (const [id, order] of state.orders) {
    // A failure the journal holds matters while the order is still a draft (a later submit clears it).
    if (order.status === 'exception' || (state.failures.has(id) && order.status === 'draft')) ids.push(id);
  }
  return ids;
}

/** True once every current order is ported or cancelled, or none is left (`--watch` stops). */
export function isCampaignFinal(state: CampaignState): boolean {
  return [...state.orders.values()].every((order) => order.status === 'deleted' || order.status === 'ported' || order.status === 'cancelled');
}

