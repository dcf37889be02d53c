import path from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { ApiStats } from '../api/api-stats.js';
import type { CampaignState } from '../campaign/campaign-state.js';
import { ISSUE_CODES, type IssueCode } from '../core/issue-codes.js';
import { ORDER_STATUS_TO_ROW_STATUS, ROW_STATUSES } from '../core/row-status.js';
import type { ResultRow } from '../output/result-columns.js';
import { partSize } from '../plan/plan-types.js';
import { buildTrackingRows } from '../track/build-tracking-results.js';
import { guidanceFor } from '../track/exception-guide.js';
import { exceptionCodes } from '../track/tracked-order-view.js';
import type { ReportHistory } from './report-history.js';
import { groupOfStatus, STATUS_GROUPS, type StatusGroup } from './status-groups.js';

/** What only the caller knows: the clock, the zone days are counted in, the build. */
export interface ReportOptions {
  readonly campaign: string;
  readonly now: Date;
  /** IANA zone for days, the FOC calendar and every time shown (`--tz`, default the machine's). */
  readonly timeZone: string;
  /** bulkport's version. */
  readonly version: string;
  /** Rows beyond this are summarized (the full rows are in results.xlsx). Default 2,000. */
  readonly maxTableRows?: number;
}

/** Rows per status group. */
export type GroupCounts = Readonly<Record<StatusGroup, number>>;

export interface ProgressDay {
  readonly day: string;
  /** No record that day: the counts are the day before's. */
  readonly isCarriedForward: boolean;
  readonly counts: GroupCounts;
  /** What moved that day, in words ("3 orders FOC-confirmed, 1 split"). */
  readonly changes: string;
}

export interface FocDay {
  readonly day: string;
  readonly confirmedNumbers: number;
  readonly requestedNumbers: number;
  readonly orders: number;
}

export interface EndUserLine {
  readonly name: string;
  readonly anchor: string;
  readonly rowCount: number;
  readonly counts: GroupCounts;
  readonly oldestException: { readonly order: string; readonly since: string; readonly ageDays: number } | undefined;
}

export interface ExceptionLine {
  readonly order: string;
  readonly endUser: string;
  readonly types: string;
  readonly meaning: string;
  readonly action: string;
  readonly since: string;
  readonly ageDays: number;
  readonly numberCount: number;
  readonly lastComment: string;
}

export interface ReportRow {
  readonly row: string;
  readonly e164: string;
  readonly national: string;
  readonly country: string;
  readonly status: string;
  readonly group: StatusGroup;
  readonly order: string;
  readonly issue: string;
}

export interface ReasonLine {
  readonly reason: string;
  readonly count: number;
  readonly rows: readonly ReportRow[];
}

export interface RowGroup {
  readonly endUser: string;
  readonly anchor: string;
  readonly rowCount: number;
  readonly rows: readonly ReportRow[];
}

export interface ApiRunLine {
  readonly command: string;
  readonly startedAt: string;
  readonly exitCode: number | undefined;
  readonly api: ApiStats;
}

/** Everything the page shows, computed from the campaign (pure); render-report turns it into HTML. */
export interface ReportModel {
  readonly campaign: string;
  readonly generatedAt: string;
  readonly timeZone: string;
  readonly version: string;
  readonly inputs: ReportHistory['inputs'];
  readonly rowCount: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly groups: GroupCounts;
  /** Phone numbers: rows' numbers, with an order's count (a block counts its size) once Telnyx counted them. */
  readonly numberCount: number;
  readonly orderCount: number;
  readonly ordersByStatus: readonly (readonly [string, number])[];
  readonly nextFoc: { readonly day: string; readonly orders: number; readonly numbers: number } | undefined;
  readonly lastRefresh: string | undefined;
  readonly progress: readonly ProgressDay[];
  readonly focCalendar: readonly FocDay[];
  readonly endUsers: readonly EndUserLine[];
  readonly exceptions: readonly ExceptionLine[];
  readonly exceptionCount: number;
  readonly reasons: readonly ReasonLine[];
  readonly apiRuns: readonly ApiRunLine[];
  readonly rowGroups: readonly RowGroup[];
  /** Rows left out of the tables (see results.xlsx). */
  readonly rowsNotShown: number;
}

const DEFAULT_MAX_TABLE_ROWS = 2000;
const FOC_DAYS = 60;
const API_RUNS_SHOWN = 20;
const NOT_IN_ORDER = '(not in an order)';
const LIVE_ORDER_STATUSES_EXCLUDED: ReadonlySet<string> = new Set(['ported', 'cancelled', 'cancel-pending', 'deleted']);

/** Builds the report's model from the folded campaign and its history. Pure. */
export function buildReportModel(state: CampaignState, history: ReportHistory, options: ReportOptions): ReportModel {
  const maxRows = options.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS;
  const dayOf = dayKeyIn(options.timeZone);
  const today = dayOf(options.now.toISOString());
  // Row messages name the input as `<folder>/<file> [sheet] row n`: a mailed page keeps only the file name.
  const folder = state.input === undefined ? '' : `${path.dirname(state.input.file)}${path.sep}`;
  const rows = buildTrackingRows(state).map(({ row }) => (folder.length > 1 && row.issue.includes(folder) ? { ...row, issue: row.issue.split(folder).join('') } : row));
  const endUserOfOrder = new Map<string, string>();
  for (const [id, order] of state.orders) endUserOfOrder.set(id, endUserName(state, order.partKey, id));

  const byStatus: Record<string, number> = Object.fromEntries(ROW_STATUSES.map((status) => [status, 0]));
  const groups = zeroGroups();
  const rowsPerOrder = new Map<string, number>();
  const fixedGroups = zeroGroups();
  const orderedE164 = new Set<string>();
  const unorderedE164 = new Set<string>();
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    groups[groupOfStatus(row.status)] += 1;
    if (row.porting_order_id !== '') {
      rowsPerOrder.set(row.porting_order_id, (rowsPerOrder.get(row.porting_order_id) ?? 0) + 1);
      orderedE164.add(row.e164);
    } else {
      fixedGroups[groupOfStatus(row.status)] += 1;
      if (row.e164 !== '') unorderedE164.add(row.e164);
    }
  }
  // A duplicate row repeats a number another row holds: each number counts once.
  let unorderedNumbers = 0;
  for (const e164 of unorderedE164) if (!orderedE164.has(e164)) unorderedNumbers += 1;

  let orderCount = 0;
  const ordersByStatus = new Map<string, number>();
  // Numbers per part: what Telnyx counted in its orders (a block counts its size), at least what the plan holds.
  const countedPerPart = new Map<string, number>();
  for (const [id, order] of state.orders) {
    if (order.status === 'deleted') continue;
    orderCount += 1;
    ordersByStatus.set(order.status, (ordersByStatus.get(order.status) ?? 0) + 1);
    if (!rowsPerOrder.has(id)) continue;
    const counted = Math.max(rowsPerOrder.get(id)!, state.tracking.views.get(id)?.count ?? order.count);
    countedPerPart.set(order.partKey, (countedPerPart.get(order.partKey) ?? 0) + counted);
  }
  let orderedNumbers = 0;
  for (const [partKey, counted] of countedPerPart) {
    const part = state.parts.get(partKey);
    orderedNumbers += Math.max(counted, part === undefined ? 0 : partSize(part));
  }

  const focCalendar = buildFocCalendar(state, dayOf, today);
  const firstFoc = focCalendar.find((day) => day.orders > 0);
  const exceptions = buildExceptions(state, history, endUserOfOrder, options.now);
  const lastRefresh = history.refreshes.at(-1);
  const rowGroups = buildRowGroups(rows, endUserOfOrder, maxRows);

  return {
    campaign: options.campaign,
    generatedAt: options.now.toISOString(),
    timeZone: options.timeZone,
    version: options.version,
    inputs: history.inputs,
    rowCount: rows.length,
    byStatus,
    groups,
    numberCount: unorderedNumbers + orderedNumbers,
    orderCount,
    ordersByStatus: [...ordersByStatus].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    nextFoc: firstFoc === undefined ? undefined : { day: firstFoc.day, orders: firstFoc.orders, numbers: firstFoc.confirmedNumbers + firstFoc.requestedNumbers },
    lastRefresh,
    progress: buildProgress(history, rowsPerOrder, fixedGroups, dayOf, today),
    focCalendar,
    endUsers: buildEndUsers(rows, endUserOfOrder, exceptions),
    exceptions: exceptions.slice(0, maxRows),
    exceptionCount: exceptions.length,
    reasons: buildReasons(rows, Math.max(20, Math.floor(maxRows / 4))),
    apiRuns: history.runs.flatMap((run) => (run.api === undefined ? [] : [{ command: run.command, startedAt: run.startedAt, exitCode: run.exitCode, api: run.api }])).slice(-API_RUNS_SHOWN),
    rowGroups: rowGroups.groups,
    rowsNotShown: rowGroups.notShown,
  };
}

function zeroGroups(): Record<StatusGroup, number> {
  return Object.fromEntries(STATUS_GROUPS.map((group) => [group, 0])) as Record<StatusGroup, number>;
}

function endUserName(state: CampaignState, partKey: string, orderId: string): string {
  return state.parts.get(partKey)?.endUser.admin.entity_name || state.tracking.views.get(orderId)?.values.entity_name || NOT_IN_ORDER;
}

/** `YYYY-MM-DD` of an ISO time in a zone (en-CA formats dates that way). */
function dayKeyIn(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (iso) => format.format(new Date(iso));
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Rows per group at the end of each day since the first order was created. A row in an order takes
 * the order's status as of that day (planned before the order existed); rows outside orders keep
 * their status throughout. Days with no record are carried forward and marked so.
 */
function buildProgress(
  history: ReportHistory,
  rowsPerOrder: ReadonlyMap<string, number>,
  fixedGroups: GroupCounts,
  dayOf: (iso: string) => string,
  today: string,
): ProgressDay[] {
  if (history.firstCreatedAt === undefined) return [];
  const firstDay = dayOf(history.firstCreatedAt);
  if (firstDay > today) return [];
  const dataDays = new Set<string>(history.refreshes.map(dayOf));
  const moves = new Map<string, Map<string, number>>();
  const timelines = [...rowsPerOrder].map(([order, rowCount]) => ({
    rowCount,
    changes: (history.timelines.get(order) ?? []).map((change) => ({ day: dayOf(change.at), status: change.status })),
  }));
  for (const timeline of history.timelines.values()) {
    timeline.forEach((change, index) => {
      const day = dayOf(change.at);
      dataDays.add(day);
      const word = index === 0 ? 'created' : change.status;
      const counts = moves.get(day) ?? new Map<string, number>();
      counts.set(word, (counts.get(word) ?? 0) + 1);
      moves.set(day, counts);
    });
  }
  for (const at of history.splits) {
    const counts = moves.get(dayOf(at)) ?? new Map<string, number>();
    counts.set('split', (counts.get('split') ?? 0) + 1);
    moves.set(dayOf(at), counts);
  }
  const days: ProgressDay[] = [];
  const cursor = timelines.map(() => -1);
  for (let day = firstDay; day <= today; day = nextDay(day)) {
    const counts = { ...fixedGroups } as Record<StatusGroup, number>;
    timelines.forEach((timeline, index) => {
      let at = cursor[index]!;
      while (at + 1 < timeline.changes.length && timeline.changes[at + 1]!.day <= day) at += 1;
      cursor[index] = at;
      const status = at < 0 ? 'planned' : (ORDER_STATUS_TO_ROW_STATUS[timeline.changes[at]!.status] ?? 'planned');
      counts[groupOfStatus(status)] += timeline.rowCount;
    });
    days.push({ day, isCarriedForward: !dataDays.has(day), counts, changes: describeMoves(moves.get(day)) });
  }
  return days;
}

const MOVE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['created', 'created'],
  ['in-process', 'in process'],
  ['submitted', 'submitted'],
  ['foc-date-confirmed', 'FOC-confirmed'],
  ['ported', 'ported'],
  ['split', 'split'],
  ['exception', 'new exceptions'],
  ['cancel-pending', 'cancel pending'],
  ['cancelled', 'cancelled'],
];

function describeMoves(moves: ReadonlyMap<string, number> | undefined): string {
  if (moves === undefined) return '';
  const known = new Set(MOVE_WORDS.map(([word]) => word));
  const parts = MOVE_WORDS.flatMap(([word, label]) => {
    const count = moves.get(word) ?? 0;
    if (count === 0) return [];
    return [word === 'exception' ? `${count} new exception${count === 1 ? '' : 's'}` : `${count} order${count === 1 ? '' : 's'} ${label}`];
  });
  for (const [word, count] of moves) if (!known.has(word)) parts.push(`${count} order${count === 1 ? '' : 's'} ${word}`);
  return parts.join(', ');
}

/** Numbers and orders per FOC day (confirmed, else requested) for the next 60 days, open orders only. */
function buildFocCalendar(state: CampaignState, dayOf: (iso: string) => string, today: string): FocDay[] {
  const days = new Map<string, { confirmedNumbers: number; requestedNumbers: number; orders: number }>();
  let day = today;
  for (let index = 0; index < FOC_DAYS; index += 1, day = nextDay(day)) days.set(day, { confirmedNumbers: 0, requestedNumbers: 0, orders: 0 });
  for (const [id, order] of state.orders) {
    if (LIVE_ORDER_STATUSES_EXCLUDED.has(order.status)) continue;
    const view = state.tracking.views.get(id);
    const confirmed = view?.focActual ?? '';
    const requested = view?.focRequested || order.patched?.focRequested || '';
    const foc = confirmed || requested;
    if (foc === '' || Number.isNaN(new Date(foc).getTime())) continue;
    const slot = days.get(dayOf(foc));
    if (slot === undefined) continue;
    const count = view?.count ?? state.tracking.numbers.get(id)?.length ?? order.count;
    slot.orders += 1;
    if (confirmed !== '') slot.confirmedNumbers += count;
    else slot.requestedNumbers += count;
  }
  return [...days].map(([key, slot]) => ({ day: key, ...slot }));
}

function buildExceptions(state: CampaignState, history: ReportHistory, endUserOfOrder: ReadonlyMap<string, string>, now: Date): ExceptionLine[] {
  const lines: ExceptionLine[] = [];
  for (const [id, order] of state.orders) {
    if (order.status !== 'exception') continue;
    const view = state.tracking.views.get(id);
    const codes = view === undefined ? ['OTHER'] : exceptionCodes(view);
    const guides = codes.map(guidanceFor);
    const since = history.enteredAt(id, 'exception') ?? '';
    const comment = view?.lastComment;
    lines.push({
      order: id,
      endUser: endUserOfOrder.get(id) ?? NOT_IN_ORDER,
      types: codes.join('; '),
      meaning: guides.map((guide) => guide.meaning).join(' '),
      action: guides.map((guide) => guide.action).join(' '),
      since,
      ageDays: since === '' ? 0 : Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 86_400_000)),
      numberCount: view?.count ?? order.count,
      lastComment: comment === undefined ? '' : `${comment.at.slice(0, 10)} ${comment.userType}: ${comment.body}`,
    });
  }
  return lines.sort((a, b) => b.ageDays - a.ageDays || a.order.localeCompare(b.order));
}

function buildEndUsers(rows: readonly ResultRow[], endUserOfOrder: ReadonlyMap<string, string>, exceptions: readonly ExceptionLine[]): EndUserLine[] {
  const users = new Map<string, { rowCount: number; counts: Record<StatusGroup, number> }>();
  for (const row of rows) {
    const name = endUserOfRow(row, endUserOfOrder);
    const user = users.get(name) ?? { rowCount: 0, counts: zeroGroups() };
    user.rowCount += 1;
    user.counts[groupOfStatus(row.status)] += 1;
    users.set(name, user);
  }
  return [...users]
    .map(([name, user]) => {
      const oldest = exceptions.filter((line) => line.endUser === name).sort((a, b) => b.ageDays - a.ageDays)[0];
      return {
        name,
        anchor: anchorFor(name),
        rowCount: user.rowCount,
        counts: user.counts,
        oldestException: oldest === undefined ? undefined : { order: oldest.order, since: oldest.since, ageDays: oldest.ageDays },
      };
    })
    .sort((a, b) => (a.name === NOT_IN_ORDER ? 1 : 0) - (b.name === NOT_IN_ORDER ? 1 : 0) || b.rowCount - a.rowCount || a.name.localeCompare(b.name));
}

function endUserOfRow(row: ResultRow, endUserOfOrder: ReadonlyMap<string, string>): string {
  return row.porting_order_id === '' ? NOT_IN_ORDER : (endUserOfOrder.get(row.porting_order_id) ?? NOT_IN_ORDER);
}

/** A stable, HTML-safe id for an end user's rows. */
function anchorFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) >>> 0;
  return `rows-${hash.toString(36)}`;
}

function toReportRow(row: ResultRow): ReportRow {
  return {
    row: row.row,
    e164: row.e164,
    national: nationalFormat(row.e164),
    country: row.country,
    status: row.status,
    group: groupOfStatus(row.status),
    order: row.porting_order_id,
    issue: row.issue,
  };
}

/** The number as its country writes it ('' when it is not a parseable E.164 number). */
function nationalFormat(e164: string): string {
  if (!e164.startsWith('+')) return '';
  return parsePhoneNumberFromString(e164)?.formatNational() ?? '';
}

/** Not portable and blocked rows by reason: the Telnyx reason, else the issue's title. */
function buildReasons(rows: readonly ResultRow[], rowsPerReason: number): ReasonLine[] {
  const reasons = new Map<string, { count: number; rows: ReportRow[] }>();
  for (const row of rows) {
    if (row.status !== 'not_portable' && row.status !== 'blocked') continue;
    const title = ISSUE_CODES[row.issue_code as IssueCode]?.title ?? row.issue_code;
    const reason = `${row.status === 'blocked' ? 'blocked' : 'not portable'}: ${row.not_portable_reason || title || 'no reason given'}`;
    const line = reasons.get(reason) ?? { count: 0, rows: [] };
    line.count += 1;
    if (line.rows.length < rowsPerReason) line.rows.push(toReportRow(row));
    reasons.set(reason, line);
  }
  return [...reasons].map(([reason, line]) => ({ reason, ...line })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * The rows table, by end user: rows that need a person first, at most `maxRows` in all (each end
 * user keeps a fair share); the rest are counted and left to results.xlsx.
 */
function buildRowGroups(rows: readonly ResultRow[], endUserOfOrder: ReadonlyMap<string, string>, maxRows: number): { groups: RowGroup[]; notShown: number } {
  const byUser = new Map<string, ResultRow[]>();
  for (const row of rows) {
    const name = endUserOfRow(row, endUserOfOrder);
    const list = byUser.get(name) ?? [];
    list.push(row);
    byUser.set(name, list);
  }
  const share = Math.max(10, Math.floor(maxRows / Math.max(1, byUser.size)));
  let budget = maxRows;
  let notShown = 0;
  const groups: RowGroup[] = [];
  const rank = (row: ResultRow): number => (groupOfStatus(row.status) === 'needs_person' ? 0 : 1);
  for (const [endUser, list] of [...byUser].sort((a, b) => (a[0] === NOT_IN_ORDER ? 1 : 0) - (b[0] === NOT_IN_ORDER ? 1 : 0) || b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    const take = Math.max(0, Math.min(list.length, share, budget));
    const chosen = take === list.length ? list : [...list].sort((a, b) => rank(a) - rank(b)).slice(0, take);
    budget -= chosen.length;
    notShown += list.length - chosen.length;
    groups.push({ endUser, anchor: anchorFor(endUser), rowCount: list.length, rows: chosen.map(toReportRow) });
  }
  return { groups, notShown };
}
