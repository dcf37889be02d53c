import { createHash } from 'node:crypto';
import type { ExtensionRange, NumberBlock, PhoneNumberType } from '../core/records.js';
import { normalizeIdentifier, normalizeText } from './normalize-field.js';
import type { PlannedPart } from './plan-types.js';
import type { RowOrderFields } from './read-order-fields.js';

/** A row that passed every plan check, ready to be grouped. */
export interface GroupableRow {
  readonly index: number;
  readonly e164: string;
  readonly country: string;
  readonly numberType: PhoneNumberType | undefined;
  readonly isFastPortable: boolean;
  readonly order: RowOrderFields;
  readonly customerReference: string | undefined;
  /** A German block: `e164` is its start; it counts as its size and is never split. */
  readonly block?: NumberBlock;
  readonly extensions?: ExtensionRange;
}

export interface GroupedNumbers {
  /** In the order of each group's first input row, then part by part. */
  readonly parts: readonly PlannedPart[];
  /** Part key of each grouped row, by input index. */
  readonly partOfRow: ReadonlyMap<number, string>;
}

/**
 * Groups numbers into porting orders (docs/design.md §4): one group per end user, country, number type,
 * FastPort eligibility, carrier (when the sheet names it) and order settings, compared in their
 * normalized forms; each group is cut into parts of at most `maxPerOrder` numbers.
 *
 * Numbers are sorted by E.164 before cutting, so a part never depends on row order, and a part's key
 * is a hash of its group key and its numbers: the same sheet always yields the same keys. Cutting a
 * sorted list into fixed-size chunks also keeps the chunks before and after any chunk unchanged when
 * that chunk's numbers leave the list (they were ordered by an earlier run).
 */
export function groupNumbers(rows: readonly GroupableRow[], maxPerOrder: number): GroupedNumbers {
  const groups = new Map<string, GroupableRow[]>();
  for (const row of rows) {
    const key = groupKey(row);
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [row]);
    else members.push(row);
  }

  const parts: PlannedPart[] = [];
  const partOfRow = new Map<number, string>();
  for (const [key, members] of groups) {
    const first = members[0];
    if (first === undefined) continue;
    const sorted = [...members].sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0));
    for (const chunk of chunksOf(sorted, maxPerOrder)) {
      const numbers = chunk.map((row) => row.e164);
      const blocks = chunk.flatMap((row) => (row.block === undefined ? [] : [{ start: row.block.start, end: row.block.end, size: row.block.size, activationRanges: row.block.activationRanges }]));
      const extensions = chunk.flatMap((row) => (row.extensions === undefined ? [] : [{ e164: row.e164, ...row.extensions }]));
      const partKey = derivePartKey(key, numbers);
      const references = new Set<string>();
      for (const row of [...chunk].sort((a, b) => a.index - b.index)) {
        if (row.customerReference !== undefined) references.add(row.customerReference);
        partOfRow.set(row.index, partKey);
      }
      parts.push({
        key: partKey,
        numbers,
        country: first.country,
        numberType: first.numberType,
        isFastPortable: first.isFastPortable,
        carrier: first.order.carrier,
        endUser: first.order.endUser,
        settings: first.order.settings,
        customerReferences: [...references],
        ...(blocks.length === 0 ? {} : { blocks }),
        ...(extensions.length === 0 ? {} : { extensions }),
      });
    }
  }
  return { parts, partOfRow };
}

/**
 * Cuts a sorted group into parts of at most `maxPerOrder` numbers, a block counting as its size
 * (issue 15). A block is never split: one that does not fit the part being filled starts the next,
 * and a block larger than `maxPerOrder` is a part of its own.
 */
function chunksOf(sorted: readonly GroupableRow[], maxPerOrder: number): GroupableRow[][] {
  const chunks: GroupableRow[][] = [];
  let chunk: GroupableRow[] = [];
  let size = 0;
  for (const row of sorted) {
    const rowSize = row.block?.size ?? 1;
    if (chunk.length > 0 && size + rowSize > maxPerOrder) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(row);
    size += rowSize;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The content two numbers must share to go into one order, in comparison form. */
function groupKey(row: GroupableRow): string {
  const { admin, location } = row.order.endUser;
  const settings = row.order.settings;
  return JSON.stringify([
    normalizeText(admin.entity_name),
    normalizeText(admin.auth_person_name),
    admin.billing_phone_number,
    normalizeIdentifier(admin.account_number),
    normalizeIdentifier(admin.pin_passcode),
    normalizeIdentifier(admin.tax_identifier),
    normalizeIdentifier(admin.business_identifier),
    normalizeText(location.street_address),
    normalizeText(location.extended_address),
    normalizeText(location.locality),
    normalizeText(location.administrative_area),
    normalizeIdentifier(location.postal_code),
    location.country_code,
    row.country,
    row.numberType ?? '',
    row.isFastPortable,
    normalizeText(row.order.carrier),
    settings.focDatetimeRequested ?? '',
    settings.portType ?? '',
    settings.remainingNumbersAction ?? '',
    settings.newBillingPhoneNumber ?? '',
    settings.connectionId ?? '',
    settings.messagingProfileId ?? '',
    settings.loa?.sha256 ?? '',
    settings.invoice?.sha256 ?? '',
  ]);
}

/**
 * `bp-` and 16 hex digits of SHA-256 over the group key and the part's numbers: short enough to read
 * in the Telnyx portal (it is the order's customer_reference), 64 bits against collisions.
 */
function derivePartKey(groupKeyText: string, numbers: readonly string[]): string {
  const hash = createHash('sha256').update(groupKeyText).update('\n').update(numbers.join(',')).digest('hex');
  return `bp-${hash.slice(0, 16)}`;
}
