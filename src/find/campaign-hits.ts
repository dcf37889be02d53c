import type { CampaignState } from '../campaign/campaign-state.js';
import { foldJournal } from '../campaign/fold-journal.js';
import { numbersOf } from '../normalize/normalize-range.js';
import { buildTrackingRows } from '../track/build-tracking-results.js';

/** One moment an order's status changed, as the journal recorded it (the events feed is not read yet). */
export interface StatusChange {
  readonly at: string;
  readonly status: string;
  /** The journal record that carried it: created, adopted, confirmed, order, snapshot, track-result. */
  readonly via: string;
}

/** What `find` answers about one number in one campaign: everything the journal holds about it. */
export interface FindHit {
  readonly e164: string;
  readonly campaign: string;
  /** The input file as the user gave it to submit ('' when the journal has no input record). */
  readonly file: string;
  readonly sheet: string;
  /** The spreadsheet row (0 when the number is only known from an order, e.g. an adopted split). */
  readonly row: number;
  readonly inputNumber: string;
  /** The row's status as `status` would report it (planned, submitted, ported, failed…). */
  readonly status: string;
  readonly order: string;
  /** Telnyx's status word for the order ('' when the number has no order). */
  readonly orderStatus: string;
  readonly supportKey: string;
  readonly focRequested: string;
  readonly focConfirmed: string;
  /** The last problem the journal holds for the row or its order. */
  readonly exception: { readonly code: string; readonly message: string } | undefined;
  readonly comment: { readonly at: string; readonly userType: string; readonly body: string } | undefined;
  readonly history: readonly StatusChange[];
  /**
   * Issue 15: the number is one of a German block's (`block +4930244999900 to +4930244999999`) or an
   * extension behind a ported number (`extension 150 of +4930901820 (extensions 100-199)`).
   */
  readonly within?: string;
}

/** Extension ranges wider than this are not spread into the index (a lookup of such an extension finds nothing). */
const MAX_INDEXED_EXTENSIONS = 10_000;

/** A campaign journal folded once: its state and every order's status changes with their times. */
export interface FoldedJournal {
  readonly state: CampaignState;
  readonly history: ReadonlyMap<string, StatusChange[]>;
}

/** Folds a journal with `foldJournal`, noting each order's status changes on the way. Pure. */
export function foldJournalText(text: string): FoldedJournal {
  const history = new Map<string, StatusChange[]>();
  const note = (order: string, status: string | undefined, at: string, via: string): void => {
    if (status === undefined || status === '') return;
    const list = history.get(order) ?? [];
    if (list.at(-1)?.status !== status) list.push({ at, status, via });
    history.set(order, list);
  };
  const state = foldJournal(text, (record) => {
    switch (record.t) {
      case 'created':
        for (const order of record.orders) note(order.id, order.status, record.at, 'created');
        break;
      case 'adopted':
        note(record.order.id, record.order.status, record.at, 'adopted');
        break;
      case 'confirmed':
      case 'order':
        note(record.order, record.status, record.at, record.t);
        break;
      case 'snapshot':
        note(record.order, record.view.status, record.at, 'snapshot');
        break;
      case 'track-result':
        if (record.outcome === 'done') note(record.order, record.status, record.at, `${record.op}`);
        break;
      default:
        break;
    }
  });
  return { state, history };
}

/**
 * Every number of a campaign with what the journal says of it: one hit per input row (the rows as
 * `status` rebuilds them), plus numbers only an order knows (a split Telnyx made). Pure.
 */
export function campaignHits(campaign: string, folded: FoldedJournal): FindHit[] {
  const { state, history } = folded;
  const hits: FindHit[] = [];
  const seen = new Set<string>();
  const orderFacts = (orderId: string) => {
    const order = state.orders.get(orderId);
    const view = state.tracking.views.get(orderId);
    const failure = state.failures.get(orderId) ?? (order === undefined ? undefined : state.failures.get(order.partKey));
    return {
      supportKey: view?.supportKey ?? '',
      focRequested: view?.focRequested || order?.patched?.focRequested || '',
      focConfirmed: view?.focActual ?? '',
      failure: failure === undefined ? undefined : { code: failure.code, message: failure.message },
      viewException:
        view !== undefined && view.detailCodes.length > 0 ? { code: view.detailCodes.join(','), message: view.missingRequirements.join('; ') } : undefined,
      comment: view?.lastComment,
      history: history.get(orderId) ?? [],
    };
  };
  const input = state.input;
  // Blocks and extension ranges of the campaign's parts, by the E.164 of their row (a block's start).
  const blocks = new Map<string, { start: string; end: string }>();
  const extensions = new Map<string, { start: number; end: number }[]>();
  for (const part of state.parts.values()) {
    for (const block of part.blocks ?? []) blocks.set(`${part.key} ${block.start}`, block);
    for (const extension of part.extensions ?? []) extensions.set(`${part.key} ${extension.e164}`, [...(extensions.get(`${part.key} ${extension.e164}`) ?? []), extension]);
  }
  for (const { row } of buildTrackingRows(state)) {
    if (row.e164 === '') continue;
    seen.add(row.e164);
    const facts = row.porting_order_id === '' ? undefined : orderFacts(row.porting_order_id);
    const rowIssue = row.issue_code === '' ? undefined : { code: row.issue_code, message: row.issue };
    const block = blocks.get(`${row.order_key} ${row.e164}`);
    const hit: FindHit = {
      e164: row.e164,
      campaign,
      file: input?.file ?? '',
      sheet: row.sheet,
      row: Number(row.row),
      inputNumber: row.input_number,
      status: row.status,
      order: row.porting_order_id,
      orderStatus: row.order_status,
      supportKey: facts?.supportKey ?? '',
      focRequested: facts?.focRequested ?? '',
      focConfirmed: facts?.focConfirmed ?? '',
      exception: rowIssue ?? facts?.failure ?? facts?.viewException,
      comment: facts?.comment,
      history: facts?.history ?? [],
      ...(block === undefined ? {} : { within: `block ${block.start} to ${block.end}` }),
    };
    hits.push(hit);
    // Every number of a block, and every extension behind a number, is found as its row (issue 15).
    if (block !== undefined) {
      for (const e164 of numbersOf(block)) {
        if (seen.has(e164)) continue;
        seen.add(e164);
        hits.push({ ...hit, e164 });
      }
    }
    for (const extension of extensions.get(`${row.order_key} ${row.e164}`) ?? []) {
      if (extension.end - extension.start >= MAX_INDEXED_EXTENSIONS) continue;
      for (let n = extension.start; n <= extension.end; n += 1) {
        const e164 = `${row.e164}${n}`;
        if (e164.length > 16 || seen.has(e164)) continue;
        seen.add(e164);
        hits.push({ ...hit, e164, within: `extension ${n} of ${row.e164} (extensions ${extension.start}-${extension.end})` });
      }
    }
  }
  for (const [id, order] of state.orders) {
    for (const e164 of state.tracking.numbers.get(id) ?? order.numbers) {
      if (seen.has(e164)) continue;
      seen.add(e164);
      const facts = orderFacts(id);
      hits.push({
        e164,
        campaign,
        file: input?.file ?? '',
        sheet: '',
        row: 0,
        inputNumber: '',
        status: order.status,
        order: id,
        orderStatus: order.status,
        supportKey: facts.supportKey,
        focRequested: facts.focRequested,
        focConfirmed: facts.focConfirmed,
        exception: facts.failure ?? facts.viewException,
        comment: facts.comment,
        history: facts.history,
      });
    }
  }
  return hits;
}
