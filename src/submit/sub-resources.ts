import type { ApiErrorDetail } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { subResourceKey } from '../campaign/campaign-state.js';
import type { SubResourceKind } from '../campaign/journal-records.js';
import type { IssueCode } from '../core/issue-codes.js';
import type { CanonicalColumn } from '../input/columns.js';
import type { ListedOrder } from '../orders/wire-order.js';
import type { OrderPlan, PlannedPart } from '../plan/plan-types.js';

/**
 * The submit stage "after the order exists, add its sub-resources" (docs/architecture.md §3): once
 * every part of the run has its orders (created and PATCHed) and before any is confirmed, each draft
 * order gets the writes its sources ask for (GB associated numbers, regulatory bundles, extensions…).
 * Every write is one POST through the scheduler, journaled `sub-intent` before it and `sub-result`
 * after it; after an unclear answer, or on a re-run after a crash between the two, the server is
 * looked at before anything is sent again (`sendOnce`). An order whose writes are not all done is not
 * confirmed: its rows say which write is missing and why.
 *
 * How to plug a new kind in: write a `SubResourceSource` (a function from one order to its writes)
 * and add it to `SUB_RESOURCE_SOURCES` (src/submit/sub-resource-sources.ts). The stage does the
 * journaling, the looking, the ordering and the reporting.
 */

/** One order that may get sub-resources: a draft of the campaign, after its PATCH. */
export interface SubResourceTarget {
  readonly orderId: string;
  /** The part the order was created for. */
  readonly part: PlannedPart;
  /**
   * The part's numbers this order holds: all of them when the part has one order, else the ones
   * Telnyx listed on it (a split order embeds at most 50).
   */
  readonly numbers: readonly string[];
  /** The order as last read (the create's or PATCH's answer, or the listing at the start). */
  readonly listed: ListedOrder | undefined;
  /** The whole plan, for writes that belong to an account rather than to one part. */
  readonly plan: OrderPlan;
  /** Every target of the run, in part-key order: account-level writes choose one of them. */
  readonly all: readonly SubResourceTarget[];
}

/** What a write may ask for when it is sent or looked for. */
export interface SubResourceContext {
  readonly session: ApiSession;
  readonly orderId: string;
  /** e164 → `porting_phone_number_id` for numbers of this order (one listing per run, shared). */
  readonly portingNumberIds: (numbers: readonly string[]) => Promise<Map<string, string>>;
}

/** A row problem a write raised before it could be sent (an id the server does not show). */
export class SubResourceNotSendable extends Error {}

/** One POST that adds something to an existing order. */
export interface SubResourceWrite {
  readonly kind: SubResourceKind;
  /** Names the write within its order, from its content: the same sheet gives the same key on every run. */
  readonly key: string;
  /** For messages and the scheduler's log: "associated numbers +441… to +441… (keep)". */
  readonly label: string;
  /** The E.164 numbers (or range starts) whose rows a problem with this write goes to. */
  readonly numbers: readonly string[];
  /** The input column a refusal points at. */
  readonly column: CanonicalColumn;
  /**
   * Builds the POST (reading what it needs, e.g. porting phone number ids) and returns the call that
   * sends it through `context.session.scheduler.call('create', …)`, answering the created ids. Throws
   * `SubResourceNotSendable` when it cannot be built: nothing is journaled or sent.
   */
  readonly prepare: (context: SubResourceContext) => Promise<() => Promise<readonly string[]>>;
  /** Whether the server already has it (reads only): settles an unclear answer or an earlier crash. */
  readonly isOnServer: (context: SubResourceContext) => Promise<boolean>;
}

/** The writes one order needs, in the order they are sent. */
export type SubResourceSource = (target: SubResourceTarget) => readonly SubResourceWrite[];

/** A write that did not get done: the order stays a draft. */
export interface SubResourceProblem {
  readonly write: SubResourceWrite;
  readonly code: IssueCode;
  readonly message: string;
  readonly isUnresolved: boolean;
}

export interface SubResourceOutcome {
  /** Writes sent by this run (each send counts). */
  readonly sentCount: number;
  readonly problems: readonly SubResourceProblem[];
}

/**
 * Carries out one order's writes in turn. A write the journal has as done is skipped; one whose
 * intent has no result (a crash) is looked for first. Every write is tried; each problem is reported.
 */
export async function addSubResources(writes: readonly SubResourceWrite[], context: SubResourceContext, journal: CampaignJournal): Promise<SubResourceOutcome> {
  let sentCount = 0;
  const problems: SubResourceProblem[] = [];
  for (const write of writes) {
    const known = journal.state.subResources.get(subResourceKey(context.orderId, write.key));
    if (known?.result?.outcome === 'done' && !known.isOpen) continue;
    const order = context.orderId;
    const base = { order, kind: write.kind, key: write.key } as const;
    const lookForIt = async (): Promise<true | undefined> => ((await write.isOnServer(context)) ? true : undefined);
    // A crashed run may have sent it: look before building anything.
    if (known?.isOpen === true && (await lookForIt()) === true) {
      await journal.record({ t: 'sub-result', ...base, outcome: 'done' });
      continue;
    }
    let send: () => Promise<readonly string[]>;
    try {
      send = await write.prepare(context);
    } catch (error) {
      if (!(error instanceof SubResourceNotSendable)) throw error;
      problems.push({ write, code: 'SUBMIT_FAILED', message: `${write.label} not added to porting order ${order}: ${error.message}`, isUnresolved: false });
      continue;
    }
    const sent = await sendOnce({
      mayHaveBeenSent: false,
      beforeSend: async () => {
        await journal.record({ t: 'sub-intent', ...base });
        sentCount += 1;
      },
      send,
      lookForIt,
    });
    if (sent.kind === 'sent') {
      await journal.record({ t: 'sub-result', ...base, outcome: 'done', ids: sent.answer });
    } else if (sent.kind === 'found') {
      // Found before any send (a crashed run sent it) or after an unclear answer.
      await journal.record({ t: 'sub-result', ...base, outcome: 'done' });
    } else if (sent.kind === 'refused') {
      const message = `Telnyx refused ${write.label} on porting order ${order}: ${describeErrors(sent.error.errors)}`;
      await journal.record({ t: 'sub-result', ...base, outcome: 'rejected', code: 'ORDER_REJECTED', message, column: write.column });
      problems.push({ write, code: 'ORDER_REJECTED', message, isUnresolved: false });
    } else {
      const message = `${write.label} on porting order ${order} got no clear answer and the order does not show it; not sent again in this run (run submit again to settle it)`;
      await journal.record({ t: 'sub-result', ...base, outcome: 'unknown', code: 'SUBMIT_FAILED', message });
      problems.push({ write, code: 'SUBMIT_FAILED', message, isUnresolved: true });
    }
  }
  return { sentCount, problems };
}

function describeErrors(errors: readonly ApiErrorDetail[]): string {
  return errors.map((e) => `${e.detail || e.title}${e.pointer ? ` (${e.pointer})` : ''}`).join('; ') || 'no detail given';
}
