import type { PlannedPart } from '../plan/plan-types.js';
import type { AccountsRecord, FailedRecord, InputRecord, JournalOrder, JournalRecord, PatchedRecord, RunRecord, ShareResultRecord, SubResultRecord, VerifyIntentRecord, VerifyOp } from './journal-records.js';
import { ActivationState } from './activation-state.js';
import { TrackingState } from './tracking-state.js';

/** An order of the campaign as the journal knows it. */
export interface CampaignOrder {
  readonly id: string;
  readonly partKey: string;
  readonly numbers: readonly string[];
  readonly count: number;
  /** Telnyx's status word as last seen. */
  status: string;
  requirementsMet: boolean | undefined;
  /** The last PATCH that succeeded. */
  patched: PatchedRecord | undefined;
  isConfirmed: boolean;
}

/**
 * The fold of a campaign's journal: what exists, what was done to it, and which calls were sent
 * without a known outcome. `apply` takes records in journal order; state is only ever derived
 * from records, so a crashed run's state is exactly what its journal says.
 */
export class CampaignState {
  readonly parts = new Map<string, PlannedPart>();
  /** Order ids per part key, in the order Telnyx returned them. */
  readonly partOrders = new Map<string, string[]>();
  readonly orders = new Map<string, CampaignOrder>();
  /** Uploaded document id per content SHA-256 (the latest upload). */
  readonly documents = new Map<string, string>();
  /** Creates sent without a recorded answer: the server must be asked before creating again. */
  readonly openCreates = new Set<string>();
  readonly openUploads = new Set<string>();
  readonly openConfirms = new Set<string>();
  /** The last failure per part key or order id (cleared by a later success). */
  readonly failures = new Map<string, FailedRecord>();
  readonly runs: RunRecord[] = [];
  input: InputRecord | undefined;
  /** The last accounts sheet (`--accounts`) a run journaled. */
  accounts: AccountsRecord | undefined;
  /** Whether the last run wrote its `end` record (false after a crash). */
  lastRunEnded = true;
  /** Lines the reader could not parse (a torn write at a crash). */
  skippedLines = 0;
  /**
   * Sub-resource writes by `order key` (subResourceKey): `open` while an intent has no result (or the
   * result was unknown: the server must be asked before sending again), else the last result.
   */
  readonly subResources = new Map<string, { readonly isOpen: boolean; readonly result?: SubResultRecord }>();
  /**
   * Orders this tool created, changed or saw change since the last `status` refresh: an events
   * refresh reads them in full, since a change a command made itself may have no event (a PATCH).
   */
  readonly touchedSinceRefresh = new Set<string>();
  /** Signed LOA attached per order by `loa attach`: its content SHA-256 and document id. */
  readonly attachedLoas = new Map<string, { readonly sha256: string; readonly document: string }>();
  /** `loa attach` PATCHes sent without a recorded result: order → the LOA's SHA-256 and document id. */
  readonly openLoaAttaches = new Map<string, { readonly sha256: string; readonly document: string }>();
  /** Sharing tokens issued per order by `share` (ids and expiry only), oldest first. */
  readonly sharingTokens = new Map<string, ShareResultRecord[]>();
  /** `share` calls sent without a recorded result. */
  readonly openShares = new Set<string>();
  /** AU ownership calls sent without a recorded outcome (a crash): the next `verify` run looks before sending again. */
  readonly openVerifyIntents = new Map<string, VerifyIntentRecord>();
  /** Numbers (per order) that got a code from a run that never ended (a crash): the next `verify send` finishes that run's job instead of texting them again. */
  readonly codesSentByUnendedRun = new Map<string, Set<string>>();
  /** What status, fix, comment and cancel recorded (issue 7). */
  readonly tracking = new TrackingState();
  /** What `activate` recorded (issue 16). */
  readonly activation = new ActivationState();

  apply(record: JournalRecord): void {
    switch (record.t) {
      case 'run':
        this.runs.push(record);
        this.lastRunEnded = false;
        break;
      case 'end':
        this.lastRunEnded = true;
        this.codesSentByUnendedRun.clear();
        break;
      case 'input':
        this.input = record;
        break;
      case 'accounts':
        this.accounts = record;
        break;
      case 'part':
        this.parts.set(record.part.key, record.part);
        break;
      case 'intent':
        if (record.op === 'create') this.openCreates.add(record.part);
        else if (record.op === 'upload') this.openUploads.add(record.sha256);
        else if (record.op === 'confirm') this.openConfirms.add(record.order);
        break;
      case 'created':
        this.openCreates.delete(record.part);
        this.failures.delete(record.part);
        this.#addOrders(record.part, record.orders);
        for (const order of record.orders) this.touchedSinceRefresh.add(order.id);
        break;
      case 'uploaded':
        this.openUploads.delete(record.sha256);
        this.documents.set(record.sha256, record.document);
        break;
      case 'patched': {
        const order = this.orders.get(record.order);
        if (order !== undefined) {
          order.patched = record;
          order.requirementsMet = record.requirementsMet;
        }
        this.touchedSinceRefresh.add(record.order);
        this.failures.delete(record.order);
        break;
      }
      case 'confirmed': {
        this.openConfirms.delete(record.order);
        const order = this.orders.get(record.order);
        if (order !== undefined) {
          order.isConfirmed = true;
          order.status = record.status;
        }
        this.touchedSinceRefresh.add(record.order);
        this.failures.delete(record.order);
        break;
      }
      case 'order': {
        const order = this.orders.get(record.order);
        if (order !== undefined) {
          order.status = record.status;
          if (record.requirementsMet !== undefined) order.requirementsMet = record.requirementsMet;
          if (record.status !== 'draft') order.isConfirmed = true;
        }
        break;
      }
      case 'failed': {
        if (record.op === 'create' && record.part !== undefined) this.openCreates.delete(record.part);
        if (record.op === 'upload' && record.sha256 !== undefined) this.openUploads.delete(record.sha256);
        if (record.op === 'confirm' && record.order !== undefined) this.openConfirms.delete(record.order);
        const key = record.order ?? record.part ?? record.sha256;
        if (key !== undefined) this.failures.set(key, record);
        break;
      }
      case 'sub-intent':
        this.subResources.set(subResourceKey(record.order, record.key), { isOpen: true });
        break;
      case 'sub-result':
        this.subResources.set(subResourceKey(record.order, record.key), { isOpen: record.outcome === 'unknown', result: record });
        this.touchedSinceRefresh.add(record.order);
        break;
      case 'loa-intent':
        this.openLoaAttaches.set(record.order, { sha256: record.sha256, document: record.document });
        break;
      case 'loa-result':
        this.openLoaAttaches.delete(record.order);
        // A PATCH of our own may raise no event the refresh would read (loa_updated has no payload).
        if (record.outcome !== 'rejected') this.touchedSinceRefresh.add(record.order);
        if (record.outcome === 'attached' && record.document !== undefined) this.attachedLoas.set(record.order, { sha256: record.sha256, document: record.document });
        break;
      case 'share-intent':
        this.openShares.add(record.order);
        break;
      case 'share-result': {
        this.openShares.delete(record.order);
        if (record.outcome !== 'issued') break;
        const tokens = this.sharingTokens.get(record.order) ?? [];
        tokens.push(record);
        this.sharingTokens.set(record.order, tokens);
        break;
      }
      // Tracking records (issue 7): an adopted split joins the orders of its part.
      case 'adopted':
        this.#addOrders(record.part, [record.order]);
        this.tracking.apply(record);
        break;
      case 'refreshed':
        this.touchedSinceRefresh.clear();
        this.tracking.apply(record);
        break;
      case 'track-result':
        this.touchedSinceRefresh.add(record.order);
        this.tracking.apply(record);
        break;
      case 'snapshot':
      case 'numbers':
      case 'events':
      case 'track-intent':
        this.tracking.apply(record);
        break;
      case 'activate-intent':
      case 'activate-result':
      case 'activation-job':
        this.activation.apply(record);
        break;
      case 'verify-intent':
        this.openVerifyIntents.set(verifyIntentKey(record.op, record.order, record.numbers, record.requirement), record);
        break;
      case 'verify-result': {
        this.openVerifyIntents.delete(verifyIntentKey(record.op, record.order, record.numbers, record.requirement));
        if (record.op === 'send' && (record.outcome === 'done' || record.outcome === 'found')) {
          const sent = this.codesSentByUnendedRun.get(record.order) ?? new Set<string>();
          for (const n of record.numbers) sent.add(n);
          this.codesSentByUnendedRun.set(record.order, sent);
        }
        break;
      }
    }
  }

  #addOrders(partKey: string, orders: readonly JournalOrder[]): void {
    const ids = this.partOrders.get(partKey) ?? [];
    for (const order of orders) {
      const known = this.orders.get(order.id);
      if (known !== undefined) {
        known.status = order.status;
        continue;
      }
      ids.push(order.id);
      this.orders.set(order.id, {
        id: order.id,
        partKey,
        numbers: order.numbers,
        count: order.count,
        status: order.status,
        requirementsMet: undefined,
        patched: undefined,
        isConfirmed: order.status !== 'draft',
      });
    }
    this.partOrders.set(partKey, ids);
  }

  /** The order a sub-resource write (by its key) went to: the one where it is done, else one where it was sent. */
  orderOfSubResource(key: string): string | undefined {
    let sent: string | undefined;
    for (const [combined, entry] of this.subResources) {
      const space = combined.indexOf(' ');
      if (combined.slice(space + 1) !== key) continue;
      const order = combined.slice(0, space);
      if (entry.result?.outcome === 'done') return order;
      sent ??= order;
    }
    return sent;
  }

  /** Order ids of a part, [] when it has none yet. */
  ordersOf(partKey: string): readonly string[] {
    return this.partOrders.get(partKey) ?? [];
  }
}

/** The key of one sub-resource write in `CampaignState.subResources`. */
export function subResourceKey(order: string, key: string): string {
  return `${order} ${key}`;
}

/** One AU ownership call: its op, order, and its numbers (send, verify) or action requirement (initiate). */
export function verifyIntentKey(op: VerifyOp, order: string, numbers: readonly string[], requirement: string | undefined): string {
  return `${op} ${order} ${requirement ?? numbers.join(',')}`;
}
