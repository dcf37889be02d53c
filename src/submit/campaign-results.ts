import type { CampaignState } from '../campaign/campaign-state.js';
import type { JournalRow } from '../campaign/journal-records.js';
import { checkResultColumns, type CheckedNumber } from '../check/checked-number.js';
import type { Issue } from '../core/issue-codes.js';
import { describeRef } from '../core/row-ref.js';
import { ORDER_STATUS_TO_ROW_STATUS, type RowStatus } from '../core/row-status.js';
import type { CanonicalColumn } from '../input/columns.js';
import { buildResultRow } from '../output/build-result-row.js';
import { describeOrderDocuments, type OrderSheetRow } from '../output/order-sheet.js';
import type { ResultRow } from '../output/result-columns.js';
import { partSize, type OrderPlan, type PlannedPart } from '../plan/plan-types.js';
import type { OrderProblem, SubmitOutcome } from './submit-plan.js';
import type { ListedOrder } from '../orders/wire-order.js';

export interface CampaignResultsInput {
  readonly plan: OrderPlan;
  readonly checked: readonly CheckedNumber[];
  readonly state: CampaignState;
  /** Orders as last seen (listing at the start, then answers of this run). */
  readonly seen: ReadonlyMap<string, ListedOrder>;
  /** Absent for `plan`. */
  readonly outcome?: SubmitOutcome;
  readonly columnHeader: (column: CanonicalColumn) => string;
  /** Orders of numbers beyond the 50 an order embeds (findNumberOrders). */
  readonly numberOrders?: ReadonlyMap<string, string>;
}

export interface CampaignRow {
  readonly row: ResultRow;
  /** Every issue of the row (validation, check, plan, submit), for the Issues sheet. */
  readonly issues: readonly Issue[];
}

/** Problems that leave the order as it is but need a person: the row keeps the order's status. */
const KEEPS_ORDER_STATUS = new Set(['REQUIREMENTS_MISSING', 'LOA_MISSING', 'INVOICE_MISSING', 'FOC_MOVED', 'VERIFICATION_NEEDED', 'VERIFICATION_PENDING']);

/**
 * Joins the plan, the journal's orders and this run's outcome back onto the input rows, in input
 * order (docs/architecture.md §8.10): each planned row gets its part key, its order (the one whose numbers include
 * it: Telnyx may have split the part) and the order's status; problems of its part or order become
 * the row's issues, pointing at the input column the API named.
 */
export function buildCampaignRows(input: CampaignResultsInput): CampaignRow[] {
  const { plan, state } = input;
  const orderOfNumber = new Map<string, string>();
  for (const order of state.orders.values()) {
    if (order.status === 'deleted') continue;
    for (const e164 of input.seen.get(order.id)?.numbers ?? order.numbers) orderOfNumber.set(e164, order.id);
  }
  for (const [e164, id] of input.numberOrders ?? []) orderOfNumber.set(e164, id);
  return input.checked.map((checked, i): CampaignRow => {
    const record = checked.record;
    const rowPlan = plan.rows[i];
    const issues: Issue[] = [...record.issues, ...(rowPlan?.issues ?? [])];
    if (rowPlan?.status === 'associated') {
      // A number that stays behind: listed on its account's order, never ported (order-rules/partial-port.ts).
      const writeKey = rowPlan.associatedKey ?? '';
      const orderId = state.orderOfSubResource(writeKey);
      let status: RowStatus = 'associated';
      // No order of the account holds it yet because the account's GB part could not be created: say why.
      const partProblems = orderId === undefined ? (input.outcome?.partProblems.get(rowPlan.partKey ?? '') ?? []) : [];
      for (const problem of [...partProblems, ...(input.outcome?.subResourceProblems.get(writeKey) ?? [])]) {
        issues.push(problemIssue({ ...problem, message: problem.message.replace(/^not confirmed: /, '') }, record.ref, record.e164, input.columnHeader));
        status = 'failed';
      }
      const row: ResultRow = {
        ...buildResultRow({ ...record, issues }, checkResultColumns(checked)),
        status,
        order_key: rowPlan.partKey ?? '',
        porting_order_id: orderId ?? '',
        order_status: orderId === undefined ? '' : (input.seen.get(orderId)?.status ?? state.orders.get(orderId)?.status ?? ''),
      };
      return { row, issues };
    }
    if (rowPlan === undefined || (rowPlan.status !== 'planned' && rowPlan.status !== 'ordered')) {
      const row = buildResultRow({ ...record, issues }, checkResultColumns(checked));
      return { row: rowPlan === undefined ? row : { ...row, status: rowPlan.status as RowStatus }, issues };
    }
    const key = rowPlan.partKey ?? '';
    const liveOrders = state.ordersOf(key).filter((id) => state.orders.get(id)?.status !== 'deleted');
    const orderId = (record.e164 === undefined ? undefined : orderOfNumber.get(record.e164)) ?? (liveOrders.length === 1 ? liveOrders[0] : undefined);
    let status: RowStatus = 'planned';
    let orderStatus = '';
    if (orderId !== undefined) {
      orderStatus = input.seen.get(orderId)?.status ?? state.orders.get(orderId)?.status ?? '';
      status = ORDER_STATUS_TO_ROW_STATUS[orderStatus] ?? 'submitted';
    }
    const problems = [...(input.outcome?.partProblems.get(key) ?? []), ...(orderId === undefined ? [] : (input.outcome?.orderProblems.get(orderId) ?? []))];
    for (const problem of problems) {
      issues.push(problemIssue(problem, record.ref, record.e164, input.columnHeader));
      if (!KEEPS_ORDER_STATUS.has(problem.code)) status = 'failed';
    }
    const row: ResultRow = {
      ...buildResultRow({ ...record, issues }, checkResultColumns(checked)),
      status,
      order_key: key,
      porting_order_id: orderId ?? '',
      order_status: orderStatus,
    };
    return { row, issues };
  });
}

function problemIssue(problem: OrderProblem, ref: Issue['ref'], e164: string | undefined, columnHeader: (column: CanonicalColumn) => string): Issue {
  // A problem about one number of the order: that row gets the column; the others learn why their order failed.
  const isThisNumber = problem.number === undefined || problem.number === e164;
  const message = isThisNumber || problem.number === undefined ? problem.message : `${problem.message} (about ${problem.number}, another number of this order)`;
  const column = problem.column !== undefined && isThisNumber ? columnHeader(problem.column) : undefined;
  return { code: problem.code, ref, ...(column === undefined ? {} : { column }), message: `${describeRef(ref, column)}: ${message}` };
}

/** The Orders sheet: one row per order of the campaign's parts, or per planned part before it has one. */
export function buildOrderSheet(input: Pick<CampaignResultsInput, 'plan' | 'state' | 'seen'>): OrderSheetRow[] {
  const rows: OrderSheetRow[] = [];
  const parts: PlannedPart[] = [];
  const partOf = new Map<string, PlannedPart | undefined>();
  for (const existing of input.plan.existingParts) {
    partOf.set(existing.key, existing.part);
    if (existing.part !== undefined) parts.push(existing.part);
  }
  for (const part of input.plan.newParts) {
    partOf.set(part.key, part);
    parts.push(part);
  }
  for (const [key, part] of partOf) {
    const ids = input.state.ordersOf(key).filter((id) => input.state.orders.get(id)?.status !== 'deleted');
    if (ids.length === 0) {
      if (part !== undefined) rows.push(orderRow(key, part, undefined, input));
      continue;
    }
    for (const id of ids) rows.push(orderRow(key, part, id, input));
  }
  return rows;
}

function orderRow(key: string, part: PlannedPart | undefined, id: string | undefined, input: Pick<CampaignResultsInput, 'state' | 'seen'>): OrderSheetRow {
  const known = id === undefined ? undefined : input.state.orders.get(id);
  const seen = id === undefined ? undefined : input.seen.get(id);
  const settings = part?.settings;
  const requirementsMet = seen?.requirementsMet ?? known?.requirementsMet;
  return {
    part_key: key,
    porting_order_id: id ?? '',
    end_user: part?.endUser.admin.entity_name ?? '',
    country: part?.country ?? '',
    number_type: part?.numberType ?? '',
    carrier: part?.carrier ?? '',
    number_count: id === undefined ? (part === undefined ? 0 : partSize(part)) : (seen?.count ?? known?.count ?? part?.numbers.length ?? 0) + blockNumbersOn(id, key, part, input.state),
    order_status: seen?.status ?? known?.status ?? 'planned',
    requested_foc: seen?.focRequested ?? known?.patched?.focRequested ?? settings?.focDatetimeRequested ?? '',
    confirmed_foc: seen?.focActual ?? '',
    documents: settings === undefined ? '' : describeOrderDocuments(settings),
    requirements_met: requirementsMet === undefined ? '' : String(requirementsMet),
    exception_type: '',
    last_comment: '',
    support_key: seen?.supportKey ?? '',
    customer_reference: part?.customerReferences.join('; ') ?? '',
  };
}

/**
 * The numbers of the part's German blocks an order holds (issue 15): Telnyx's count is of single numbers;
 * blocks are never split, so they are on the part's first live order.
 */
function blockNumbersOn(id: string, key: string, part: PlannedPart | undefined, state: CampaignState): number {
  const blocks = part?.blocks ?? [];
  if (blocks.length === 0) return 0;
  const [first] = state.ordersOf(key).filter((order) => !['deleted', 'cancelled', 'cancel-pending'].includes(state.orders.get(order)?.status ?? 'deleted'));
  return first === id ? blocks.reduce((sum, block) => sum + block.size, 0) : 0;
}

/** The compact rows the journal keeps so `status` can write full results without the input file. */
export function journalRows(rows: readonly ResultRow[]): JournalRow[] {
  return rows.map((r): JournalRow => [
    Number(r.row),
    r.sheet,
    r.input_number,
    r.e164,
    r.country,
    r.number_type,
    r.status,
    r.issue_code,
    r.issue,
    r.portable,
    r.fast_portable,
    r.not_portable_reason,
    r.carrier,
    r.customer_reference,
    r.order_key,
    r.passthrough,
    ...((r.account_source === '' ? [] : [r.account_source]) as [] | [string]),
  ]);
}
