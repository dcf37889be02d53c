import type { Issue } from '../core/issue-codes.js';
import type { NumberRecord } from '../core/records.js';
import type { CanonicalColumn } from '../input/columns.js';
import { groupNumbers, type GroupableRow } from './group-numbers.js';
import { withPin } from './part-pin.js';
import { describeRef } from '../core/row-ref.js';
import { readUserBundleId } from '../order-rules/order-field-rules.js';
import type { DocumentInspection, DocumentRef, ExistingPart, OrderPlan, PlannedBundle, RowPlan } from './plan-types.js';
import { readOrderFields } from './read-order-fields.js';
import { resolveAccounts, type AccountRow } from './resolve-accounts.js';

export interface PlanOptions {
  readonly maxPerOrder: number;
  /** The plan's clock (FOC dates before it are in the past). */
  readonly now: Date;
  readonly connectionId?: string | undefined;
  readonly messagingProfileId?: string | undefined;
  /** `--webhook-url`: not an order setting (not in the part key), the same for every order of the plan. */
  readonly webhookUrl?: string | undefined;
  /** The input file's header for a canonical column, for issue messages. */
  readonly columnHeader: (column: CanonicalColumn) => string;
}

export interface PlanSources {
  readonly campaign: string;
  /** Every input record, in input order, after validation and the portability check. */
  readonly records: readonly NumberRecord[];
  /** FastPort eligibility from the check, by E.164 (missing: not eligible). */
  readonly fastPortable: ReadonlyMap<string, boolean>;
  /** What was found for each document cell (keyed by the cell's text). */
  readonly documents: ReadonlyMap<string, DocumentInspection>;
  /** Parts an earlier run of the campaign created orders for: their numbers are left alone. */
  readonly existingParts: readonly ExistingPart[];
}

/**
 * The plan, as a pure function of the checked records, what the campaign already ordered and the
 * options (docs/architecture.md §8.2): `plan` writes it, `submit` applies it, so a dry run cannot disagree with the
 * real one. Only numbers the check found portable are ordered (Telnyx answers 422 to an order with a
 * non-portable number); numbers already in an order of the campaign stay there.
 */
export function buildPlan(sources: PlanSources, options: PlanOptions): OrderPlan {
  const orderedPart = new Map<string, string>();
  for (const existing of sources.existingParts) for (const e164 of existing.numbers) orderedPart.set(e164, existing.key);

  const accountRows: AccountRow[] = [];
  const candidates: NumberRecord[] = [];
  for (const record of sources.records) {
    const isOrdered = isAlreadyOrdered(record, orderedPart);
    if ((record.status !== 'portable' && !isOrdered) || record.e164 === undefined) continue;
    accountRows.push({ index: record.index, ref: record.ref, country: record.country ?? '', fields: record.fields, isOrdered });
    if (!isOrdered) candidates.push(record);
  }
  const accounts = resolveAccounts(accountRows, options.columnHeader);
  // The journal keeps parts with their PIN masked: an existing part gets the PIN its rows give now.
  const pinByNumber = new Map<string, string>();
  const e164ByIndex = new Map(sources.records.map((record) => [record.index, record.e164]));
  for (const row of accountRows) {
    const pin = (accounts.fields.get(row.index) ?? row.fields).pin_passcode?.trim() ?? '';
    const e164 = e164ByIndex.get(row.index);
    if (pin !== '' && e164 !== undefined && row.isOrdered) pinByNumber.set(e164, pin);
  }
  const pinOf = (numbers: readonly string[]): string | undefined => numbers.map((n) => pinByNumber.get(n)).find((pin) => pin !== undefined);

  const issuesByRow = new Map<number, readonly Issue[]>();
  /** Notices on rows that are ordered all the same (no LOA yet: a draft). */
  const noticesByRow = new Map<number, readonly Issue[]>();
  const groupable: GroupableRow[] = [];
  for (const record of candidates) {
    const conflicts = accounts.conflicts.get(record.index);
    if (conflicts !== undefined) {
      issuesByRow.set(record.index, conflicts);
      continue;
    }
    const bundle = readUserBundleId(record.fields.user_bundle_id);
    if ('problem' in bundle) {
      const header = options.columnHeader('user_bundle_id');
      issuesByRow.set(record.index, [{ code: bundle.problem.code, ref: record.ref, column: header, message: `${describeRef(record.ref, header)}: ${bundle.problem.detail}` }]);
      continue;
    }
    const country = record.country ?? '';
    const read = readOrderFields(
      { ref: record.ref, country, fields: accounts.fields.get(record.index) ?? record.fields },
      { now: options.now, connectionId: options.connectionId, messagingProfileId: options.messagingProfileId, documents: sources.documents, columnHeader: options.columnHeader },
    );
    if (read.fields === undefined) {
      issuesByRow.set(record.index, read.issues);
      continue;
    }
    if (read.issues.length > 0) noticesByRow.set(record.index, read.issues);
    groupable.push({
      index: record.index,
      e164: record.e164 as string,
      country,
      numberType: record.numberType,
      isFastPortable: sources.fastPortable.get(record.e164 as string) ?? false,
      order: read.fields,
      customerReference: record.fields.customer_reference?.trim() || undefined,
      ...(record.block === undefined ? {} : { block: record.block }),
      ...(record.extensions === undefined ? {} : { extensions: record.extensions }),
    });
  }
  const grouped = groupNumbers(groupable, options.maxPerOrder);

  const rows: RowPlan[] = sources.records.map((record) => {
    const ordered = isAlreadyOrdered(record, orderedPart) ? orderedPart.get(record.e164 as string) : undefined;
    if (ordered !== undefined) return { index: record.index, status: 'ordered', partKey: ordered, issues: [] };
    const partKey = grouped.partOfRow.get(record.index);
    if (partKey !== undefined) return { index: record.index, status: 'planned', partKey, issues: noticesByRow.get(record.index) ?? [] };
    const issues = issuesByRow.get(record.index);
    if (issues !== undefined) return { index: record.index, status: 'blocked', issues };
    return { index: record.index, status: record.status, issues: [] };
  });

  const listed = new Set<string>();
  for (const record of sources.records) if (record.e164 !== undefined) listed.add(record.e164);
  const removedNumbers = sources.existingParts.flatMap((existing) =>
    existing.numbers.filter((e164) => !listed.has(e164)).map((e164) => ({ e164, partKey: existing.key })),
  );

  // Regulatory bundles of the numbers that are (or will be) ordered, as the sheet gives them now.
  const bundles: PlannedBundle[] = [];
  for (const [i, record] of sources.records.entries()) {
    const status = rows[i]?.status;
    if ((status !== 'planned' && status !== 'ordered') || record.e164 === undefined) continue;
    const bundle = readUserBundleId(record.fields.user_bundle_id);
    if ('value' in bundle && bundle.value !== undefined) bundles.push({ e164: record.e164, userBundleId: bundle.value });
  }

  return {
    campaign: sources.campaign,
    maxPerOrder: options.maxPerOrder,
    ...(options.webhookUrl === undefined ? {} : { webhookUrl: options.webhookUrl }),
    newParts: grouped.parts,
    existingParts: sources.existingParts.map((existing) =>
      withSheetDocuments(existing.part === undefined ? existing : { ...existing, part: withPin(existing.part, pinOf(existing.numbers)) }, sources.records, sources.documents),
    ),
    rows,
    removedNumbers,
    ...(bundles.length > 0 ? { bundles } : {}),
  };
}

/**
 * A part ordered without a document (a draft, docs/design.md §9) gets it once the sheet names one: when
 * every row of the sheet listing the part's numbers names the same readable file for the slot, the
 * part carries it, so submit attaches it to the draft (its PATCH changes) and --confirm can follow.
 */
function withSheetDocuments(existing: ExistingPart, records: readonly NumberRecord[], documents: ReadonlyMap<string, DocumentInspection>): ExistingPart {
  const part = existing.part;
  if (part === undefined || (part.settings.loa !== undefined && part.settings.invoice !== undefined)) return existing;
  const numbers = new Set(existing.numbers);
  const rows = records.filter((record) => record.e164 !== undefined && numbers.has(record.e164) && record.status !== 'invalid' && record.status !== 'duplicate');
  if (rows.length === 0) return existing;
  const agreed = (column: 'loa_file' | 'invoice_file'): DocumentRef | undefined => {
    const found = new Set<string>();
    let document: DocumentRef | undefined;
    for (const row of rows) {
      const inspection = documents.get(row.fields[column]?.trim() ?? '');
      if (inspection === undefined || !inspection.isReadable) return undefined;
      found.add(inspection.document.sha256);
      document = inspection.document;
    }
    return found.size === 1 ? document : undefined;
  };
  const loa = part.settings.loa ?? agreed('loa_file');
  const invoice = part.settings.invoice ?? agreed('invoice_file');
  if (loa === part.settings.loa && invoice === part.settings.invoice) return existing;
  return { ...existing, part: { ...part, settings: { ...part.settings, ...(loa ? { loa } : {}), ...(invoice ? { invoice } : {}) } } };
}

/**
 * A number already in one of the campaign's orders stays there whatever a new check says about it
 * (a number in a porting order may no longer look portable); invalid and duplicate rows are not it.
 */
function isAlreadyOrdered(record: NumberRecord, orderedPart: ReadonlyMap<string, string>): boolean {
  if (record.e164 === undefined || record.status === 'invalid' || record.status === 'duplicate') return false;
  return orderedPart.has(record.e164);
}
