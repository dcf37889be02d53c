import type { DocumentProblemCode } from '../input/open-document.js';
import type { Issue } from '../core/issue-codes.js';
import type { E164Range, ExtensionRange, PhoneNumberType } from '../core/records.js';
import type { RowStatus } from '../core/row-status.js';

/** One distinct document file, identified by its content: two names for the same bytes are one document. */
export interface DocumentRef {
  readonly sha256: string;
  /** Absolute path of the first file seen with this content; the upload reads it. */
  readonly path: string;
  readonly filename: string;
  readonly sizeBytes: number;
}

/** What `inspectDocuments` found for one document cell (the text as the sheet wrote it). */
export type DocumentInspection =
  | { readonly isReadable: true; readonly document: DocumentRef }
  | { readonly isReadable: false; readonly code: DocumentProblemCode; readonly path: string; readonly reason: string };

/** `end_user` of a porting order, as it is sent (values as the sheet wrote them, BTN in E.164). */
export interface EndUserDetails {
  readonly admin: {
    readonly entity_name: string;
    readonly auth_person_name: string;
    readonly billing_phone_number: string;
    readonly account_number: string;
    readonly pin_passcode?: string;
    readonly tax_identifier?: string;
    readonly business_identifier?: string;
  };
  readonly location: {
    readonly street_address: string;
    readonly extended_address?: string;
    readonly locality: string;
    readonly administrative_area: string;
    readonly postal_code: string;
    readonly country_code: string;
  };
}

/** Order-level settings every number of a part shares (they are part of the group key). */
export interface OrderSettings {
  /** ISO 8601 date-time, UTC. Absent: as soon as the carrier allows. */
  readonly focDatetimeRequested?: string;
  readonly portType?: 'full' | 'partial';
  readonly remainingNumbersAction?: 'keep' | 'disconnect';
  readonly newBillingPhoneNumber?: string;
  readonly connectionId?: string;
  readonly messagingProfileId?: string;
  /** Absent: the order is created as a draft without it; `--confirm` leaves it a draft (docs/design.md §9). */
  readonly loa?: DocumentRef;
  readonly invoice?: DocumentRef;
  /** AU ID verification (`verify send`): the authorized person's names as the sheet split them; absent: split auth_person_name. */
  readonly authPersonFirstName?: string;
  readonly authPersonLastName?: string;
}

/**
 * One planned porting order: at most `maxPerOrder` numbers sharing end user, country, number type,
 * FastPort eligibility, carrier and order settings. `key` is derived from that content and is sent
 * as the order's `customer_reference`, so the server can always tell which part an order belongs to.
 */
export interface PlannedPart {
  readonly key: string;
  /** E.164, sorted: the part's single numbers and the start of each of its blocks (one per row). */
  readonly numbers: readonly string[];
  /** German blocks (issue 15): sent as `phone_number_blocks`, never split across parts. */
  readonly blocks?: readonly PlannedBlock[];
  /** Extension ranges behind numbers of the part: created once the order exists. */
  readonly extensions?: readonly PlannedExtension[];
  readonly country: string;
  readonly numberType: PhoneNumberType | undefined;
  readonly isFastPortable: boolean;
  /** Losing carrier as the sheet names it; undefined when the sheet leaves it to Telnyx. */
  readonly carrier: string | undefined;
  readonly endUser: EndUserDetails;
  readonly settings: OrderSettings;
  /** The sheet's own `customer_reference` values of the part's rows (for results and the Orders sheet). */
  readonly customerReferences: readonly string[];
}

/** A block of a part: `phone_number_range` and its `activation_ranges`. */
export interface PlannedBlock extends E164Range {
  readonly size: number;
  readonly activationRanges: readonly E164Range[];
}

/** An extension range behind one number of a part (`phone_number_extensions`). */
export interface PlannedExtension extends ExtensionRange {
  readonly e164: string;
}

/** How many numbers a part ports: its single numbers plus every number of its blocks. */
export function partSize(part: Pick<PlannedPart, 'numbers' | 'blocks'>): number {
  const blocks = part.blocks ?? [];
  return part.numbers.length - blocks.length + blocks.reduce((sum, block) => sum + block.size, 0);
}

/** What the plan decided for one input row. */
export interface RowPlan {
  readonly index: number;
  /**
   * `planned` (in a new part), `blocked` (cannot be ordered), `ordered` (already in an order of the
   * campaign: left alone), or the row's earlier status when it never reached the plan (invalid,
   * duplicate, not_portable).
   */
  readonly status: RowStatus | 'ordered';
  readonly partKey?: string;
  /** `associated` rows: the journal key of the write that lists the row's number(s) on the account's order. */
  readonly associatedKey?: string;
  /** Issues the plan found (validation and check issues stay on the record). */
  readonly issues: readonly Issue[];
}

/** A part that already has orders in the campaign (from the journal, confirmed by the server). */
export interface ExistingPart {
  readonly key: string;
  readonly numbers: readonly string[];
  /**
   * The part as it was planned (journal `part` record). Undefined for orders the server lists under
   * the campaign that the journal does not know (its state dir was lost): they are left alone.
   */
  readonly part: PlannedPart | undefined;
  readonly orderIds: readonly string[];
}

/**
 * A regulatory bundle for one planned number (`user_bundle_id` column): sent as a phone number
 * configuration once the number's order exists (src/submit/sub-resource-sources.ts).
 */
export interface PlannedBundle {
  readonly e164: string;
  readonly userBundleId: string;
}

/**
 * A GB number or range that stays with the losing carrier in a partial port (`action` keep or
 * disconnect): one `associated_phone_numbers` entry on exactly one order of its account.
 */
export interface PlannedAssociatedNumber {
  /** The account number in comparison form (normalizeIdentifier): which orders it may go on. */
  readonly account: string;
  readonly action: 'keep' | 'disconnect';
  /** E.164; equal for a single number. */
  readonly startAt: string;
  readonly endAt: string;
  /** The input rows it stands for. */
  readonly indexes: readonly number[];
}

/** The plan: pure output of `buildPlan`, the same for `plan` and `submit` (docs/architecture.md §8.2). */
export interface OrderPlan {
  readonly campaign: string;
  readonly maxPerOrder: number;
  /** `--webhook-url`: set on every order by its PATCH (changing it PATCHes the drafts again). */
  readonly webhookUrl?: string;
  /** Parts still to be created, in the order of their first input row. */
  readonly newParts: readonly PlannedPart[];
  /** Parts created by an earlier run that the current sheet still (partly) lists, or that are left alone. */
  readonly existingParts: readonly ExistingPart[];
  /** One per input record, in input order. */
  readonly rows: readonly RowPlan[];
  /** Numbers of the campaign's orders that the current sheet no longer lists. */
  readonly removedNumbers: readonly { readonly e164: string; readonly partKey: string }[];
  /** Regulatory bundles of planned and ordered numbers, as the current sheet gives them. */
  readonly bundles?: readonly PlannedBundle[];
  /** GB numbers that stay behind (keep/disconnect rows), as the current sheet gives them. */
  readonly associatedNumbers?: readonly PlannedAssociatedNumber[];
}
