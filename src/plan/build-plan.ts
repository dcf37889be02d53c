import type { Issue } from '../core/issue-codes.js';
import type { NumberRecord } from '../core/records.js';
import type { CanonicalColumn } from '../input/columns.js';
import { groupNumbers, type GroupableRow } from './group-numbers.js';
import { withPin } from './part-pin.js';
import { describeRef } from '../core/row-ref.js';
import { readUserBundleId } from '../order-rules/order-field-rules.js';
import { associatedWriteKey, consecutiveRuns, readRowAction, takesAssociatedNumbers } from '../order-rules/partial-port.js';
import type { UkCarrierMatch } from '../order-rules/uk-carriers.js';
import { normalizeIdentifier } from './normalize-field.js';
import type { DocumentInspection, DocumentRef, ExistingPart, OrderPlan, PlannedAssociatedNumber, PlannedBundle, RowPlan } from './plan-types.js';
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
  /** GB rows whose sheet names the carrier: the match against Telnyx's UK carriers, by input index. */
  readonly ukCarriers?: ReadonlyMap<number, UkCarrierMatch>;
  /** `--accounts`: rows whose account row is missing or disagrees with them (blocked). */
  readonly accountIssues?: ReadonlyMap<number, readonly Issue[]>;
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
  // --accounts: a row whose account row is missing or disagrees is blocked before anything else.
  for (const [index, issues] of sources.accountIssues ?? []) issuesByRow.set(index, issues);
  const rowIssue = (record: NumberRecord, code: Issue['code'], column: CanonicalColumn, detail: string): void => {
    const header = options.columnHeader(column);
    issuesByRow.set(record.index, [{ code, ref: record.ref, column: header, message: `${describeRef(record.ref, header)}: ${detail}` }]);
  };
  // UK partial ports: keep/disconnect rows are the numbers that stay behind (order-rules/partial-port.ts).
  const staying = readStayingRows(sources.records.filter((record) => !issuesByRow.has(record.index)), orderedPart, rowIssue);
  /** Notices on rows that are ordered all the same (no LOA yet: a draft). */
  const noticesByRow = new Map<number, readonly Issue[]>();
  const groupable: GroupableRow[] = [];
  for (const record of candidates) {
    const conflicts = accounts.conflicts.get(record.index);
    if (conflicts !== undefined) {
      issuesByRow.set(record.index, conflicts);
      continue;
    }
    const action = readRowAction(record.fields.action);
    if ('problem' in action) {
      rowIssue(record, 'INVALID_FIELD', 'action', action.problem);
      continue;
    }
    const ukCarrier = sources.ukCarriers?.get(record.index);
    if (ukCarrier !== undefined && 'problem' in ukCarrier) {
      rowIssue(record, 'UNKNOWN_UK_CARRIER', 'carrier', ukCarrier.problem);
      continue;
    }
    const accountFields = accounts.fields.get(record.index) ?? record.fields;
    // A known UK carrier groups under Telnyx's name for it, however the sheet spells it (or gives its CUPID).
    const rowFields = ukCarrier === undefined ? accountFields : { ...accountFields, carrier: ukCarrier.carrier.name };
    const bundle = readUserBundleId(record.fields.user_bundle_id);
    if ('problem' in bundle) {
      const header = options.columnHeader('user_bundle_id');
      issuesByRow.set(record.index, [{ code: bundle.problem.code, ref: record.ref, column: header, message: `${describeRef(record.ref, header)}: ${bundle.problem.detail}` }]);
      continue;
    }
    const country = record.country ?? '';
    const read = readOrderFields(
      { ref: record.ref, country, fields: rowFields },
      { now: options.now, connectionId: options.connectionId, messagingProfileId: options.messagingProfileId, documents: sources.documents, columnHeader: options.columnHeader },
    );
    if (read.fields === undefined) {
      issuesByRow.set(record.index, read.issues);
      continue;
    }
    const account = normalizeIdentifier(read.fields.endUser.admin.account_number);
    if (read.fields.settings.portType === 'partial' && takesAssociatedNumbers(country) && !staying.accounts.has(account)) {
      rowIssue(record, 'REMAINING_NUMBERS_MISSING', 'port_type', `a ${country} partial port lists the account's numbers that stay behind as rows with action keep or disconnect; account "${read.fields.endUser.admin.account_number}" has none in the sheet (list them, or make it a full port)`);
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

  // Each account's numbers that stay behind go on one of its GB orders: the first by part key is the plan's
  // guess (submit prefers the first whose additional_steps ask for them, order-rules/partial-port.ts).
  const gbPartsOfAccount = new Map<string, string[]>();
  const parts = [...grouped.parts, ...sources.existingParts.flatMap((existing) => (existing.part === undefined ? [] : [existing.part]))];
  for (const part of parts) {
    if (!takesAssociatedNumbers(part.country)) continue;
    const account = normalizeIdentifier(part.endUser.admin.account_number);
    gbPartsOfAccount.set(account, [...(gbPartsOfAccount.get(account) ?? []), part.key].sort());
  }
  const associatedNumbers: PlannedAssociatedNumber[] = [];
  const recordByIndex = new Map(sources.records.map((record) => [record.index, record]));
  const associatedOfRow = new Map<number, { partKey: string; key: string }>();
  for (const entry of staying.entries) {
    const partKey = gbPartsOfAccount.get(entry.account)?.[0];
    if (partKey === undefined) {
      for (const index of entry.indexes) {
        const record = recordByIndex.get(index);
        if (record !== undefined) rowIssue(record, 'NO_ORDER_FOR_ASSOCIATED', 'account_number', `a number that stays behind (action ${entry.action}) goes on a GB order of its account, and account "${record.fields.account_number?.trim() ?? ''}" has no GB number to port in this campaign`);
      }
      continue;
    }
    associatedNumbers.push(entry);
    for (const index of entry.indexes) associatedOfRow.set(index, { partKey, key: associatedWriteKey(entry) });
  }

  const rows: RowPlan[] = sources.records.map((record) => {
    const associated = associatedOfRow.get(record.index);
    if (associated !== undefined) return { index: record.index, status: 'associated', partKey: associated.partKey, associatedKey: associated.key, issues: [] };
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
    ...(associatedNumbers.length > 0 ? { associatedNumbers } : {}),
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

/**
 * The keep/disconnect rows (UK partial ports): they skip the portability check and the order-field
 * rules and need only a number (or an expanded range), the action and the account number. A row
 * outside GB, or without an account number, is an issue; the others become associated entries, one per
 * run of consecutive numbers of a row (a range row is one entry).
 */
function readStayingRows(
  records: readonly NumberRecord[],
  orderedPart: ReadonlyMap<string, string>,
  rowIssue: (record: NumberRecord, code: Issue['code'], column: CanonicalColumn, detail: string) => void,
): { entries: PlannedAssociatedNumber[]; accounts: Set<string> } {
  const groups = new Map<string, { action: 'keep' | 'disconnect'; account: string; records: NumberRecord[] }>();
  for (const record of records) {
    const action = readRowAction(record.fields.action);
    if (!('value' in action) || action.value === 'port') continue;
    if (record.e164 === undefined || (record.status !== 'valid' && record.status !== 'portable') || isAlreadyOrdered(record, orderedPart)) continue;
    const country = record.country ?? '';
    if (!takesAssociatedNumbers(country)) {
      rowIssue(record, 'ACTION_OUTSIDE_GB', 'action', `expected port for a ${country || 'non-GB'} number: keep and disconnect list the numbers that stay behind in a GB partial port; for a ${country || 'non-GB'} partial port use remaining_numbers_action`);
      continue;
    }
    const account = normalizeIdentifier(record.fields.account_number);
    if (account === '') {
      rowIssue(record, 'MISSING_FIELD', 'account_number', `expected the account number: a number that stays behind (action ${action.value}) is listed on a GB order of its account, got an empty cell`);
      continue;
    }
    const key = JSON.stringify([record.ref.sheet ?? '', record.ref.row, action.value, account]);
    const group = groups.get(key) ?? { action: action.value, account, records: [] };
    group.records.push(record);
    groups.set(key, group);
  }
  const entries: PlannedAssociatedNumber[] = [];
  for (const group of groups.values()) {
    const indexOf = new Map(group.records.map((record) => [record.e164 as string, record.index]));
    for (const run of consecutiveRuns([...indexOf.keys()])) {
      entries.push({ account: group.account, action: group.action, startAt: run.start, endAt: run.end, indexes: run.numbers.map((n) => indexOf.get(n) as number) });
    }
  }
  return { entries, accounts: new Set(entries.map((entry) => entry.account)) };
}
