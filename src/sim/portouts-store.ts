import { randomUUID } from 'node:crypto';
import { HOUR_MS, type SimClock } from './clock.js';
import { SimApiError } from './http.js';
import {
  REJECTION_CODES,
  seedPortouts,
  type PortoutRejectionCode,
  type PortoutStatus,
  type SeedComment,
  type SeedPortout,
  type SeedSupportingDocument,
} from './portouts-seed.js';

/** Default number of seeded port-out requests. */
export const DEFAULT_PORTOUT_COUNT = 40;
/** How long Porting Ops takes to confirm a rejection (`rejected-pending` → `rejected`) in the simulator. */
const REJECTION_REVIEW_MS = 12 * HOUR_MS;

/** A port-out as the store keeps it: the seeded fields plus what changes over its life. */
export interface PortoutRecord
  extends Omit<SeedPortout, 'focMs' | 'status' | 'updatedAtMs' | 'reason' | 'rejectionCode' | 'hostMessaging' | 'portedOutAtMs' | 'comments' | 'documents'> {
  status: PortoutStatus;
  /** The FOC date; `moveFocDate` changes it. */
  focMs: number;
  updatedAtMs: number;
  reason: string | null;
  rejectionCode: number | undefined;
  hostMessaging: boolean;
  portedOutAtMs: number | undefined;
  /** When the request last became `pending`: the auto-authorization deadline counts from here. */
  pendingSinceMs: number;
  comments: SeedComment[];
  documents: SeedSupportingDocument[];
}

/** The `GET /portouts` filters the spec declares; each one present must match. */
export interface PortoutFilter {
  readonly status?: PortoutStatus;
  readonly statusIn?: readonly PortoutStatus[];
  readonly carrierName?: string;
  readonly countryCode?: string;
  readonly countryCodeIn?: readonly string[];
  /** `YYYY-MM-DD`: the spec matches "all portouts with the same date". */
  readonly focDate?: string;
  readonly insertedAtGteMs?: number;
  readonly insertedAtLteMs?: number;
  readonly portedOutAtGteMs?: number;
  readonly portedOutAtLteMs?: number;
  readonly phoneNumber?: string;
  readonly pon?: string;
  readonly spid?: string;
  readonly supportKey?: string;
}

export interface StatusUpdate {
  readonly reason: string;
  readonly hostMessaging: boolean | undefined;
  readonly rejectionCode: number | undefined;
}

/** The module's JSON-serializable state (kept in `ctx.moduleState`, so the state file saves it). */
export interface PortoutModuleState {
  records: PortoutRecord[];
}

export const PORTOUTS_MODULE = 'portouts';

/** Sees every change to a port-out as it happens (the events log records events from them). */
export interface PortoutObserver {
  statusChanged(record: PortoutRecord, atMs: number): void;
  commentAdded(record: PortoutRecord, comment: SeedComment): void;
  focDateChanged(record: PortoutRecord, atMs: number): void;
}

/** Seeds `count` requests created before the clock's current time. */
export function seedPortoutState(seed: string | number, count: number, startMs: number): PortoutModuleState {
  const records = seedPortouts({ seed, count, startMs }).map(
    (portout): PortoutRecord => ({
      ...portout,
      phoneNumbers: [...portout.phoneNumbers],
      eligibleCodes: [...portout.eligibleCodes],
      comments: [...portout.comments],
      documents: [...portout.documents],
      pendingSinceMs: portout.createdAtMs,
    }),
  );
  return { records };
}

/**
 * Port-out requests and their life on the simulated clock: an unanswered request is authorized 24–48 h
 * after it arrived (the hours are seeded per request), an authorized one is ported on its FOC date, and
 * Porting Ops confirms a rejection after a review unless an operator moves it back to `pending`.
 * Time-driven changes are applied lazily whenever the store is read, so no timers run.
 */
export class PortoutStore {
  readonly #clock: SimClock;
  readonly #state: PortoutModuleState;
  readonly #observer: PortoutObserver | undefined;

  constructor(clock: SimClock, state: PortoutModuleState, observer?: PortoutObserver) {
    this.#clock = clock;
    this.#state = state;
    this.#observer = observer;
  }

  /** Replaces every request with `count` freshly seeded ones (tests that need a given number of pages). */
  reset(seed: string | number, count: number): void {
    const fresh = seedPortoutState(seed, count, this.#clock.nowMs());
    this.#state.records = fresh.records;
  }

  /** Newest first, as Telnyx lists them. */
  list(filter: PortoutFilter): PortoutRecord[] {
    this.#settleAll();
    return this.#state.records
      .filter((record) => matchesFilter(record, filter))
      .sort((a, b) => b.createdAtMs - a.createdAtMs || a.id.localeCompare(b.id));
  }

  get(id: string): PortoutRecord {
    const record = this.#state.records.find((r) => r.id === id);
    if (!record) throw SimApiError.notFound(`portout ${id}`);
    settle(record, this.#clock.nowMs(), this.#observer);
    return record;
  }

  /** When Telnyx will authorize the request if nobody answers; undefined unless pending. */
  autoAuthorizeAtMs(id: string): number | undefined {
    const record = this.get(id);
    return record.status === 'pending' ? autoAuthorizeAt(record) : undefined;
  }

  rejectionCodes(id: string, codes?: readonly number[]): PortoutRejectionCode[] {
    const record = this.get(id);
    return REJECTION_CODES.filter((c) => record.eligibleCodes.includes(c.code) && (codes === undefined || codes.includes(c.code)));
  }

  /**
   * `PATCH /portouts/{id}/{status}`: only a pending request can be answered. A rejection needs one of the
   * request's eligible codes, and a reason when the code asks for one.
   */
  updateStatus(id: string, status: 'authorized' | 'rejected-pending', update: StatusUpdate): PortoutRecord {
    const record = this.get(id);
    if (record.status !== 'pending') {
      throw SimApiError.unprocessable(`portout ${id} is ${record.status}; only a pending port-out can be ${status === 'authorized' ? 'authorized' : 'rejected'}`);
    }
    if (status === 'rejected-pending') {
      if (update.rejectionCode === undefined) {
        throw SimApiError.invalid('/rejection_code', 'a rejection needs a rejection_code eligible for this port-out (GET /portouts/rejections/{portout_id})');
      }
      const code = REJECTION_CODES.find((c) => c.code === update.rejectionCode);
      if (!code || !record.eligibleCodes.includes(code.code)) {
        throw SimApiError.invalid('/rejection_code', `rejection_code ${update.rejectionCode} is not eligible for portout ${id}; eligible: ${record.eligibleCodes.join(', ')}`);
      }
      if (code.reasonRequired && update.reason.trim() === '') {
        throw SimApiError.invalid('/reason', `rejection_code ${code.code} (${code.description}) requires a reason`);
      }
    }
    const nowMs = this.#clock.nowMs();
    record.status = status;
    record.reason = update.reason;
    record.rejectionCode = status === 'rejected-pending' ? update.rejectionCode : undefined;
    if (update.hostMessaging !== undefined) record.hostMessaging = update.hostMessaging;
    record.updatedAtMs = nowMs;
    this.#observer?.statusChanged(record, nowMs);
    return record;
  }

  comments(id: string): SeedComment[] {
    return this.get(id).comments;
  }

  addComment(id: string, body: string, userId: string): SeedComment {
    const record = this.get(id);
    const comment: SeedComment = { id: randomUUID(), body, createdAtMs: this.#clock.nowMs(), userId };
    record.comments.push(comment);
    this.#observer?.commentAdded(record, comment);
    return comment;
  }

  supportingDocuments(id: string): SeedSupportingDocument[] {
    return this.get(id).documents;
  }

  addSupportingDocuments(id: string, documents: ReadonlyArray<{ documentId: string; type: 'loa' | 'invoice' }>): SeedSupportingDocument[] {
    const record = this.get(id);
    const nowMs = this.#clock.nowMs();
    const added = documents.map((d) => ({ id: randomUUID(), documentId: d.documentId, type: d.type, createdAtMs: nowMs }));
    record.documents.push(...added);
    return added;
  }

  /**
   * The operator move the port-out guide describes: Porting Ops reviews a `rejected-pending` request and
   * sends it back to `pending`, where it can be decided again (and its answer deadline starts over).
   */
  reopen(id: string): PortoutRecord {
    const record = this.get(id);
    if (record.status !== 'rejected-pending') {
      throw SimApiError.unprocessable(`portout ${id} is ${record.status}; only a rejected-pending port-out can go back to pending`);
    }
    const nowMs = this.#clock.nowMs();
    record.status = 'pending';
    record.rejectionCode = undefined;
    record.pendingSinceMs = nowMs;
    record.updatedAtMs = nowMs;
    this.#observer?.statusChanged(record, nowMs);
    return record;
  }

  /** The gaining carrier moves the FOC date (a simulator control: `POST /_sim/portouts/:id/foc`). */
  moveFocDate(id: string, focMs: number): PortoutRecord {
    const record = this.get(id);
    if (record.status === 'ported' || record.status === 'rejected' || record.status === 'canceled') {
      throw SimApiError.unprocessable(`portout ${id} is ${record.status}; its FOC date can no longer move`);
    }
    const nowMs = this.#clock.nowMs();
    record.focMs = focMs;
    record.updatedAtMs = nowMs;
    this.#observer?.focDateChanged(record, nowMs);
    return record;
  }

  #settleAll(): void {
    const nowMs = this.#clock.nowMs();
    for (const record of this.#state.records) settle(record, nowMs, this.#observer);
  }
}

function autoAuthorizeAt(record: PortoutRecord): number {
  return record.pendingSinceMs + record.autoAuthorizeAfterHours * HOUR_MS;
}

/** Applies every time-driven change that is due by `nowMs`, in order. */
function settle(record: PortoutRecord, nowMs: number, observer: PortoutObserver | undefined): void {
  for (;;) {
    if (record.status === 'pending' && autoAuthorizeAt(record) <= nowMs) {
      record.status = 'authorized';
      record.updatedAtMs = autoAuthorizeAt(record);
    } else if (record.status === 'authorized' && Math.max(record.focMs, record.updatedAtMs) <= nowMs) {
      const portedAtMs = Math.max(record.focMs, record.updatedAtMs);
      record.status = 'ported';
      record.portedOutAtMs = portedAtMs;
      record.updatedAtMs = portedAtMs;
    } else if (record.status === 'rejected-pending' && record.updatedAtMs + REJECTION_REVIEW_MS <= nowMs) {
      record.status = 'rejected';
      record.updatedAtMs += REJECTION_REVIEW_MS;
    } else {
      return;
    }
    observer?.statusChanged(record, record.updatedAtMs);
  }
}

function matchesFilter(record: PortoutRecord, filter: PortoutFilter): boolean {
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const within = (value: number | undefined, gte: number | undefined, lte: number | undefined): boolean =>
    (gte === undefined && lte === undefined) || (value !== undefined && (gte === undefined || value >= gte) && (lte === undefined || value <= lte));
  return (
    (filter.status === undefined || record.status === filter.status) &&
    (filter.statusIn === undefined || filter.statusIn.includes(record.status)) &&
    (filter.carrierName === undefined || same(record.carrierName, filter.carrierName)) &&
    (filter.countryCode === undefined || same(record.countryCode, filter.countryCode)) &&
    (filter.countryCodeIn === undefined || filter.countryCodeIn.some((c) => same(record.countryCode, c))) &&
    (filter.focDate === undefined || new Date(record.focMs).toISOString().slice(0, 10) === filter.focDate) &&
    within(record.createdAtMs, filter.insertedAtGteMs, filter.insertedAtLteMs) &&
    within(record.portedOutAtMs, filter.portedOutAtGteMs, filter.portedOutAtLteMs) &&
    (filter.phoneNumber === undefined || record.phoneNumbers.includes(filter.phoneNumber)) &&
    (filter.pon === undefined || record.pon === filter.pon) &&
    (filter.spid === undefined || same(record.spid, filter.spid)) &&
    (filter.supportKey === undefined || record.supportKey === filter.supportKey)
  );
}
