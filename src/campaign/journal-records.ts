import type { ApiStats } from '../api/api-stats.js';
import type { PlannedPart } from '../plan/plan-types.js';

/**
 * The campaign journal: `<state-dir>/<campaign>/journal.jsonl`, append-only, one JSON object per
 * line (docs/design.md §6). `t` is the record type, `at` the ISO time it was written. An `intent` is
 * written and fsync'd before every state-changing call; the matching result record after it. A
 * record never changes once written: the current state is the fold of all lines (`CampaignState`).
 *
 * | t          | written                                   | fields |
 * |------------|-------------------------------------------|--------|
 * | `run`      | a command starts writing the campaign      | run, command, pid, host, options |
 * | `input`    | the sheet a run read, when it changed      | file, path, sha256, passthroughHeaders, rows (compact, see JournalRow) |
 * | `part`     | a part is about to be created              | part (the PlannedPart: numbers, end user with the PIN masked, settings) |
 * | `intent`   | before a state-changing call               | op: create (part) · upload (sha256, filename) · patch (order, bodyHash) · confirm (order) |
 * | `created`  | after a create, or when a listing found the orders of a part whose create had no answer | part, orders[{id, numbers, count, status}], via: response \| listing |
 * | `uploaded` | after a document upload                   | sha256, document (id), filename |
 * | `patched`  | after an order PATCH                      | order, bodyHash, requirementsMet, focRequested, focMovedFrom? |
 * | `confirmed`| after confirm (or a re-read showing it was) | order, status |
 * | `order`    | an order's status as last read from Telnyx | order, status, requirementsMet? |
 * | `failed`   | a call ended in a row problem             | op, part?, order?, sha256?, code, message, column? |
 * | `end`      | the command finished (absent after a crash) | run, exitCode, changed (state-changing calls made), api? (the run's API figures) |
 * | `accounts` | the accounts sheet a run read (`--accounts`), when it changed | file, path, sheet, sha256, join, rows [{row, values (PIN masked)}] |
 * | `sub-intent` | before a write that adds a sub-resource to an existing order (associated numbers, number configurations, extensions…) | order, kind, key |
 * | `sub-result` | after it (or after a look found it on the server) | order, kind, key, outcome: done \| rejected \| unknown, id?, code?, message?, column? |
 *
 * Tracking records (issue 7: `status`, `fix`, `comment`, `cancel`; folded by `TrackingState`):
 *
 * | t              | written                                           | fields |
 * |----------------|---------------------------------------------------|--------|
 * | `adopted`      | an order split off a campaign order after submission | part, order, splitFrom?, via: group-reference \| parent-support-key |
 * | `snapshot`     | `status` saw an order differ from its last snapshot | order, view (TrackedOrderView) |
 * | `numbers`      | an order's full number list changed (from porting_phone_numbers) | order, numbers |
 * | `refreshed`    | a `status` refresh finished                         | orderCount, numberCount, changes (lines) |
 * | `events`       | a `status` refresh read the events feed (and inbox) | via, cursor, recentIds, applied (PortingEventEntry[]), ignoredCount, inboxOffset |
 * | `track-intent` | before a fix PATCH, comment, cancel or delete        | op, order, key (body hash / text hash) |
 * | `track-result` | after it                                            | op, order, key, outcome: done \| rejected \| unknown, status?, message?, commentId?, values? |
 *
 * AU ownership records (issue 15: `verify send`, `verify apply`; folded into `CampaignState.openVerifyIntents`).
 * Codes themselves are never journaled:
 *
 * | t               | written                                              | fields |
 * |-----------------|------------------------------------------------------|--------|
 * | `verify-intent` | before a codes send, a codes verify or an ID-verification initiate | op: send \| verify \| initiate, order, numbers, before (number → code id for send, updated_at for verify), requirement? |
 * | `verify-result` | after it, or when a later run looked and settled it   | op, order, numbers, requirement?, outcome: done \| found \| absent \| rejected \| unknown, verified?, wrong?, actionUrl?, message? |
 *
 * A cancel or delete that succeeded is also written as an `order` record (cancel-pending, deleted), so
 * the fold of the orders stays the single source of their status.
 *
 * LOAs and sharing (issue 16: `loa attach`, `share`; folded by `CampaignState`):
 *
 * | t              | written                                              | fields |
 * |----------------|------------------------------------------------------|--------|
 * | `loa-intent`   | before the PATCH that sets an order's `documents.loa` | order, sha256, document |
 * | `loa-result`   | after it (or after a look at the order settled it)   | order, sha256, outcome: attached \| rejected \| unknown, document?, message? |
 * | `share-intent` | before `actions/share`                               | order, permission, expiresInSeconds |
 * | `share-result` | after it                                             | order, outcome: issued \| rejected \| unknown, permission, tokenId?, expiresAt?, message? |
 *
 * A sharing token is a credential: only its id and expiry are journaled, never the token.
 *
 * Activation records (issue 16: `activate`; folded by `ActivationState`):
 *
 * | t                 | written                                      | fields |
 * |-------------------|----------------------------------------------|--------|
 * | `activate-intent` | before `actions/activate` or a job's PATCH      | order, op: activate \| move, job? (move), activateAt? (move) |
 * | `activate-result` | after it                                      | order, op, outcome: done \| rejected \| unknown, job?, jobStatus?, activateAt?, message? |
 * | `activation-job`  | a job's status as last read (activate, --watch, --list) | order, job, jobType, status, message? |
 *
 * A torn last line (a crash mid-write) is skipped by the reader and terminated by the next writer.
 */
export type JournalRecord =
  | RunRecord
  | InputRecord
  | PartRecord
  | IntentRecord
  | CreatedRecord
  | UploadedRecord
  | PatchedRecord
  | ConfirmedRecord
  | OrderStatusRecord
  | FailedRecord
  | EndRecord
  | AccountsRecord
  | SubIntentRecord
  | SubResultRecord
  | TrackingRecord
  | ActivationRecord
  | LoaIntentRecord
  | LoaResultRecord
  | ShareIntentRecord
  | ShareResultRecord
  | VerifyIntentRecord
  | VerifyResultRecord;

export interface RunRecord {
  readonly t: 'run';
  readonly at: string;
  readonly run: string;
  readonly command: string;
  readonly pid: number;
  readonly host: string;
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

/**
 * One input row, positional to keep the journal small at 50,000 rows:
 * [row, sheet, input_number, e164, country, number_type, status, issue_code, issue, portable,
 *  fast_portable, not_portable_reason, carrier, customer_reference, order_key, passthrough[]].
 * `status` is the row's status after the plan (`planned`, `blocked`, `ordered`…): `status` rebuilds
 * full results from it and the orders' states, without the input file. `passthrough` is every input
 * column as written (`passthroughHeaders`), the PIN masked: the journal never holds a real PIN.
 */
export type JournalRow = readonly [
  row: number,
  sheet: string,
  inputNumber: string,
  e164: string,
  country: string,
  numberType: string,
  status: string,
  issueCode: string,
  issue: string,
  portable: string,
  fastPortable: string,
  notPortableReason: string,
  carrier: string,
  customerReference: string,
  orderKey: string,
  passthrough: readonly string[],
  /** `--accounts`: the accounts row that filled the row (results' account_source); absent without it. */
  accountSource?: string,
];

export interface InputRecord {
  readonly t: 'input';
  readonly at: string;
  /** The path as the user gave it, and resolved. */
  readonly file: string;
  readonly path: string;
  readonly sha256: string;
  readonly passthroughHeaders: readonly string[];
  readonly rows: readonly JournalRow[];
}

export interface PartRecord {
  readonly t: 'part';
  readonly at: string;
  readonly part: PlannedPart;
}

export type IntentRecord =
  | { readonly t: 'intent'; readonly at: string; readonly op: 'create'; readonly part: string }
  | { readonly t: 'intent'; readonly at: string; readonly op: 'upload'; readonly sha256: string; readonly filename: string }
  | { readonly t: 'intent'; readonly at: string; readonly op: 'patch'; readonly order: string; readonly bodyHash: string }
  | { readonly t: 'intent'; readonly at: string; readonly op: 'confirm'; readonly order: string };

/** One order as the journal keeps it. `numbers` are the ones Telnyx listed (at most its first 50). */
export interface JournalOrder {
  readonly id: string;
  readonly numbers: readonly string[];
  /** porting_phone_numbers_count: more than `numbers.length` when Telnyx cut the embedded list. */
  readonly count: number;
  readonly status: string;
}

export interface CreatedRecord {
  readonly t: 'created';
  readonly at: string;
  readonly part: string;
  readonly orders: readonly JournalOrder[];
  readonly via: 'response' | 'listing';
}

export interface UploadedRecord {
  readonly t: 'uploaded';
  readonly at: string;
  readonly sha256: string;
  readonly document: string;
  readonly filename: string;
}

export interface PatchedRecord {
  readonly t: 'patched';
  readonly at: string;
  readonly order: string;
  readonly bodyHash: string;
  readonly requirementsMet: boolean;
  readonly focRequested?: string;
  /** The FOC the sheet asked for, when it was moved into an allowed window. */
  readonly focMovedFrom?: string;
}

export interface ConfirmedRecord {
  readonly t: 'confirmed';
  readonly at: string;
  readonly order: string;
  readonly status: string;
}

export interface OrderStatusRecord {
  readonly t: 'order';
  readonly at: string;
  readonly order: string;
  readonly status: string;
  readonly requirementsMet?: boolean;
}

export interface FailedRecord {
  readonly t: 'failed';
  readonly at: string;
  readonly op: 'create' | 'upload' | 'patch' | 'confirm';
  readonly part?: string;
  readonly order?: string;
  readonly sha256?: string;
  readonly code: string;
  readonly message: string;
  /** The canonical input column the failure points at, when the API named a field. */
  readonly column?: string;
}

export interface EndRecord {
  readonly t: 'end';
  readonly at: string;
  readonly run: string;
  readonly exitCode: number;
  /** State-changing calls the run made: 0 means a re-run found nothing to do. */
  readonly changed: number;
  /** The run's API figures (calls, retries, 429s, failures, pace): the report's API health. Absent in journals written before issue 17. */
  readonly api?: ApiStats;
}

/** The accounts sheet (`--accounts`) a run filled rows from: which file, its hash, and its rows with the PIN masked. */
export interface AccountsRecord {
  readonly t: 'accounts';
  readonly at: string;
  readonly file: string;
  readonly path: string;
  readonly sheet: string;
  readonly sha256: string;
  readonly join: string;
  readonly rows: readonly { readonly row: number; readonly values: Readonly<Record<string, string>> }[];
}

/**
 * The kinds of sub-resource an order gets once it exists (src/submit/sub-resources.ts): GB associated
 * numbers, regulatory bundles (phone number configurations), extensions, blocks added to an order.
 */
export type SubResourceKind = 'associated_number' | 'number_configuration' | 'extension' | 'block';

/** Written (flushed) before the POST that adds one sub-resource; `key` names it within the order, from its content. */
export interface SubIntentRecord {
  readonly t: 'sub-intent';
  readonly at: string;
  readonly order: string;
  readonly kind: SubResourceKind;
  readonly key: string;
}

export interface SubResultRecord {
  readonly t: 'sub-result';
  readonly at: string;
  readonly order: string;
  readonly kind: SubResourceKind;
  readonly key: string;
  /** done: the server has it (the answer, or a look after an unclear answer); rejected: Telnyx said no; unknown: a later run looks. */
  readonly outcome: 'done' | 'rejected' | 'unknown';
  /** The created resource's id(s), when the answer gave them. */
  readonly ids?: readonly string[];
  readonly code?: string;
  readonly message?: string;
  readonly column?: string;
}

// ---------------------------------------------------------------------------------------------
// Tracking records (issue 7: status, fix, comment, cancel). Folded by `TrackingState`
// (src/campaign/tracking-state.ts); `adopted` also adds the order to the campaign's orders.
// ---------------------------------------------------------------------------------------------

export type TrackingRecord = AdoptedRecord | SnapshotRecord | NumbersRecord | RefreshedRecord | EventsRecord | TrackIntentRecord | TrackResultRecord;

/** The end-user and order fields a person may correct through `bulkport fix` (Exceptions sheet columns). */
export const EDITABLE_ORDER_FIELDS = [
  'entity_name',
  'auth_person_name',
  'billing_phone_number',
  'account_number',
  'pin_passcode',
  'street_address',
  'extended_address',
  'locality',
  'administrative_area',
  'postal_code',
  'foc_date',
  'port_type',
  'remaining_numbers_action',
  'new_billing_phone_number',
] as const;

export type EditableOrderField = (typeof EDITABLE_ORDER_FIELDS)[number];

/** An order as `status` last saw it: what the Orders and Exceptions sheets and the changes need. */
export interface TrackedOrderView {
  /** Telnyx's status word. */
  readonly status: string;
  /** `status.details[].code`, in the order Telnyx listed them. */
  readonly detailCodes: readonly string[];
  readonly focRequested: string;
  readonly focActual: string;
  readonly requirementsMet: boolean;
  /** What the requirements endpoint said is missing (only read for orders whose requirements are not met). */
  readonly missingRequirements: readonly string[];
  readonly supportKey: string;
  readonly parentSupportKey: string;
  readonly count: number;
  /** The latest comment: ISO time, author type, text. */
  readonly lastComment?: { readonly at: string; readonly userType: string; readonly body: string };
  /** Current values of the editable fields ('' when empty). */
  readonly values: Readonly<Record<EditableOrderField, string>>;
}

export interface AdoptedRecord {
  readonly t: 'adopted';
  readonly at: string;
  readonly part: string;
  readonly order: JournalOrder;
  /** The campaign order it was split from, when known. */
  readonly splitFrom?: string;
  readonly via: 'group-reference' | 'parent-support-key';
}

export interface SnapshotRecord {
  readonly t: 'snapshot';
  readonly at: string;
  readonly order: string;
  readonly view: TrackedOrderView;
}

export interface NumbersRecord {
  readonly t: 'numbers';
  readonly at: string;
  readonly order: string;
  readonly numbers: readonly string[];
}

export interface RefreshedRecord {
  readonly t: 'refreshed';
  readonly at: string;
  readonly orderCount: number;
  readonly numberCount: number;
  readonly changes: readonly string[];
}

/**
 * One event of `GET /porting/events` (or the events inbox) about an order of the campaign, as the
 * journal keeps it (issue 14): what `status` applied, so a copy that comes again (the feed's overlap,
 * a webhook, `republish`) is known by its id.
 */
export interface PortingEventEntry {
  readonly id: string;
  /** `event_type`, e.g. `porting_order.status_changed`. */
  readonly type: string;
  /** The porting order it is about. */
  readonly order: string;
  /** When it happened (server time): `created_at`, or `payload.deleted_at` for a deleted order. */
  readonly at: string;
  /** new_comment: the comment. */
  readonly comment?: { readonly at: string; readonly userType: string; readonly body: string };
  /** split: the order the numbers moved to. */
  readonly splitTo?: string;
  /** status_changed: the status it moved to. */
  readonly status?: string;
  /** The order's customer_reference when the payload names it (a part key: an order of a create whose answer was lost). */
  readonly customerReference?: string;
}

export interface EventsRecord {
  readonly t: 'events';
  readonly at: string;
  /** `full`: a full refresh set the cursor; `events`: the refresh followed the feed. */
  readonly via: 'full' | 'events';
  /** The newest event time read so far (server time); null while the feed has shown none. */
  readonly cursor: string | null;
  /** Ids of every event read at or after cursor − overlap (the campaign's or not): the next read skips them. */
  readonly recentIds: readonly string[];
  /** The campaign's events applied by this refresh. */
  readonly applied: readonly PortingEventEntry[];
  /** Events of other campaigns' orders or of no campaign, read and left alone. */
  readonly ignoredCount: number;
  /** Byte offset of the events inbox (`<state-dir>/_events/inbox.jsonl`) folded up to. */
  readonly inboxOffset: number;
}

export type TrackOp = 'fix' | 'comment' | 'cancel' | 'delete';

export interface TrackIntentRecord {
  readonly t: 'track-intent';
  readonly at: string;
  readonly op: TrackOp;
  readonly order: string;
  /** What is being sent, as a hash: the fix body, the comment text; '' for cancel and delete. */
  readonly key: string;
}

export interface TrackResultRecord {
  readonly t: 'track-result';
  readonly at: string;
  readonly op: TrackOp;
  readonly order: string;
  readonly key: string;
  readonly outcome: 'done' | 'rejected' | 'unknown';
  /** The order's status after the call, when the answer said. */
  readonly status?: string;
  readonly message?: string;
  readonly commentId?: string;
  /** For fix: the field values the PATCH set. */
  readonly values?: Readonly<Partial<Record<EditableOrderField, string>>>;
}

// ---------------------------------------------------------------------------------------------
// Activation records (issue 16: `activate`). Folded by `ActivationState` (src/campaign/activation-state.ts).
// ---------------------------------------------------------------------------------------------

export type ActivationRecord = ActivateIntentRecord | ActivateResultRecord | ActivationJobStatusRecord;

/** `activate` starts a job; `move` PATCHes a scheduled job's activate_at (`--at`). */
export type ActivateOp = 'activate' | 'move';

export interface ActivateIntentRecord {
  readonly t: 'activate-intent';
  readonly at: string;
  readonly order: string;
  readonly op: ActivateOp;
  readonly job?: string;
  readonly activateAt?: string;
}

export interface ActivateResultRecord {
  readonly t: 'activate-result';
  readonly at: string;
  readonly order: string;
  readonly op: ActivateOp;
  readonly outcome: 'done' | 'rejected' | 'unknown';
  readonly job?: string;
  readonly jobStatus?: string;
  readonly activateAt?: string;
  readonly message?: string;
}

export interface ActivationJobStatusRecord {
  readonly t: 'activation-job';
  readonly at: string;
  readonly order: string;
  readonly job: string;
  /** `scheduled` or `on-demand`. */
  readonly jobType: string;
  /** created, in-process, completed, failed. */
  readonly status: string;
  /** What Telnyx said of a failed job (the order's status details). */
  readonly message?: string;
}

// ---------------------------------------------------------------------------------------------
// LOAs and sharing (issue 16: `loa attach`, `share`). Folded by `CampaignState`.
// ---------------------------------------------------------------------------------------------

export interface LoaIntentRecord {
  readonly t: 'loa-intent';
  readonly at: string;
  readonly order: string;
  /** Content SHA-256 of the signed LOA. */
  readonly sha256: string;
  /** The uploaded document the PATCH sets as `documents.loa`. */
  readonly document: string;
}

export interface LoaResultRecord {
  readonly t: 'loa-result';
  readonly at: string;
  readonly order: string;
  readonly sha256: string;
  readonly outcome: 'attached' | 'rejected' | 'unknown';
  readonly document?: string;
  readonly message?: string;
}

export type SharePermission = 'porting_order.document.update' | 'porting_order.document.read';

export interface ShareIntentRecord {
  readonly t: 'share-intent';
  readonly at: string;
  readonly order: string;
  readonly permission: SharePermission;
  readonly expiresInSeconds: number;
}

export interface ShareResultRecord {
  readonly t: 'share-result';
  readonly at: string;
  readonly order: string;
  readonly outcome: 'issued' | 'rejected' | 'unknown';
  readonly permission: SharePermission;
  /** The token's id (never the token itself: it is a credential). */
  readonly tokenId?: string;
  readonly expiresAt?: string;
  readonly message?: string;
}

// ---------------------------------------------------------------------------------------------
// AU ownership records (issue 15: verify send, verify apply). Folded by `CampaignState`.
// ---------------------------------------------------------------------------------------------

export type VerifyOp = 'send' | 'verify' | 'initiate';

export interface VerifyIntentRecord {
  readonly t: 'verify-intent';
  readonly at: string;
  readonly op: VerifyOp;
  readonly order: string;
  /** The numbers of the call (send, verify); [] for initiate. */
  readonly numbers: readonly string[];
  /**
   * What the server showed of each number just before the call, so a later look can tell whether the call
   * arrived: the code id for a send (a send replaces it), `updated_at` for a verify ('' when none).
   */
  readonly before: Readonly<Record<string, string>>;
  /** initiate: the action requirement's id. */
  readonly requirement?: string;
}

export interface VerifyResultRecord {
  readonly t: 'verify-result';
  readonly at: string;
  readonly op: VerifyOp;
  readonly order: string;
  readonly numbers: readonly string[];
  readonly requirement?: string;
  /** done: answered; found: a look showed it arrived; absent: a look showed it never did; rejected; unknown. */
  readonly outcome: 'done' | 'found' | 'absent' | 'rejected' | 'unknown';
  /** verify: the numbers now verified, and those whose code was refused. */
  readonly verified?: readonly string[];
  readonly wrong?: readonly string[];
  readonly actionUrl?: string;
  readonly message?: string;
}
