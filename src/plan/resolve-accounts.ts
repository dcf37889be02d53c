import type { Issue } from '../core/issue-codes.js';
import { maskPin } from '../core/mask-pin.js';
import { describeRef, type RowRef } from '../core/row-ref.js';
import type { CanonicalColumn } from '../input/columns.js';
import { normalizeBillingNumber, normalizeIdentifier, normalizeText } from './normalize-field.js';

/**
 * Details that belong to the account at the losing carrier, not to one number: every row of one
 * account must agree on them. Service address, FOC and documents are not here: one account may port
 * numbers from several sites or on several dates, and those simply become separate orders.
 */
const ACCOUNT_FIELDS = [
  'entity_name',
  'auth_person_name',
  'billing_phone_number',
  'pin_passcode',
  'tax_identifier',
  'business_identifier',
] as const satisfies readonly CanonicalColumn[];

export interface AccountRow {
  readonly index: number;
  readonly ref: RowRef;
  /** The number's country, for reading a national-format BTN. */
  readonly country: string;
  readonly fields: Partial<Record<CanonicalColumn, string>>;
  /** Rows already in an order take part in the comparison but are never blocked (they are left alone). */
  readonly isOrdered: boolean;
}

export interface AccountResolution {
  /** END_USER_CONFLICT issues by row index (only rows not yet ordered). */
  readonly conflicts: ReadonlyMap<number, readonly Issue[]>;
  /** Each row's fields with the account's details filled in where the row left them blank. */
  readonly fields: ReadonlyMap<number, Partial<Record<CanonicalColumn, string>>>;
}

interface SeenValue {
  readonly raw: string;
  readonly rows: number[];
}

/**
 * Groups rows by account number (compared without spaces, punctuation or case) and checks that the
 * account's details agree. Differences of form are not conflicts: "ACME Inc." = "Acme, Inc",
 * "(415) 555-0100" = "+14155550100". A blank cell is "not given" rather than a different value:
 * sheets often give the account details on the first row of an account only, so blanks take the
 * account's one value. Two different non-blank values (two PINs) block every row of the account,
 * since merging would send one of them to the carrier on the customer's behalf.
 */
export function resolveAccounts(rows: readonly AccountRow[], columnHeader: (column: CanonicalColumn) => string): AccountResolution {
  const byAccount = new Map<string, AccountRow[]>();
  const fields = new Map<number, Partial<Record<CanonicalColumn, string>>>();
  for (const row of rows) {
    const account = normalizeIdentifier(row.fields.account_number);
    fields.set(row.index, row.fields);
    if (account === '') continue;
    const members = byAccount.get(account);
    if (members === undefined) byAccount.set(account, [row]);
    else members.push(row);
  }

  const conflicts = new Map<number, Issue[]>();
  for (const members of byAccount.values()) {
    const accountValues: Partial<Record<CanonicalColumn, string>> = {};
    const disagreements: string[] = [];
    const disagreeingColumns: CanonicalColumn[] = [];
    for (const column of ACCOUNT_FIELDS) {
      const seen = new Map<string, SeenValue>();
      for (const row of members) {
        const raw = row.fields[column]?.trim() ?? '';
        if (raw === '') continue;
        const key = comparisonForm(column, raw, row.country);
        const entry = seen.get(key);
        if (entry === undefined) seen.set(key, { raw, rows: [row.ref.row] });
        else entry.rows.push(row.ref.row);
      }
      if (seen.size === 1) {
        accountValues[column] = [...seen.values()][0]?.raw;
      } else if (seen.size > 1) {
        disagreeingColumns.push(column);
        // A PIN is never shown, not even in a message (docs/design.md §9): the rows say where to look.
        const listed = [...seen.values()].map((v) => `${column === 'pin_passcode' ? maskPin(v.raw) : `"${v.raw}"`} (${describeRows(v.rows)})`).join(', ');
        disagreements.push(`${columnHeader(column)}: ${listed}`);
      }
    }
    const first = members[0];
    if (first === undefined) continue;
    if (disagreements.length > 0) {
      const accountText = first.fields.account_number?.trim() ?? '';
      const message = `account "${accountText}": expected one value per account, found ${disagreements.join('; ')}; not merged, correct the sheet so the rows agree`;
      for (const row of members) {
        if (row.isOrdered) continue;
        const column = disagreeingColumns[0];
        const header = column === undefined ? undefined : columnHeader(column);
        conflicts.set(row.index, [{ code: 'END_USER_CONFLICT', ref: row.ref, ...(header ? { column: header } : {}), message: `${describeRef(row.ref, header)}: ${message}` }]);
      }
      continue;
    }
    for (const row of members) {
      const merged: Partial<Record<CanonicalColumn, string>> = { ...row.fields };
      for (const column of ACCOUNT_FIELDS) {
        const value = accountValues[column];
        if (value !== undefined && (merged[column]?.trim() ?? '') === '') merged[column] = value;
      }
      fields.set(row.index, merged);
    }
  }
  return { conflicts, fields };
}

function comparisonForm(column: CanonicalColumn, raw: string, country: string): string {
  if (column === 'billing_phone_number') return normalizeBillingNumber(raw, country) ?? normalizeIdentifier(raw);
  if (column === 'pin_passcode' || column === 'tax_identifier' || column === 'business_identifier') return normalizeIdentifier(raw);
  return normalizeText(raw);
}

function describeRows(rows: readonly number[]): string {
  const shown = rows.slice(0, 5).join(', ');
  const more = rows.length > 5 ? ` and ${rows.length - 5} more` : '';
  return `${rows.length === 1 ? 'row' : 'rows'} ${shown}${more}`;
}

/**
 * The order-level cells an accounts sheet (`--accounts`) may give once per account: end user, service
 * address, PIN, documents, FOC, port type and what a partial port leaves behind.
 */
export const ACCOUNT_SHEET_COLUMNS = [
  ...ACCOUNT_FIELDS,
  'account_number',
  'street_address',
  'extended_address',
  'locality',
  'administrative_area',
  'postal_code',
  'country_code',
  'loa_file',
  'invoice_file',
  'foc_date',
  'port_type',
  'remaining_numbers_action',
  'new_billing_phone_number',
] as const satisfies readonly CanonicalColumn[];

/** One row of the accounts sheet: its place, its join key (comparison form) and its cells. */
export interface AccountSheetRow {
  readonly ref: RowRef;
  readonly key: string;
  readonly fields: Partial<Record<CanonicalColumn, string>>;
}

export interface NumberRowForAccount {
  readonly index: number;
  readonly ref: RowRef;
  readonly country: string;
  readonly fields: Partial<Record<CanonicalColumn, string>>;
}

export interface AccountSheetFill {
  /** Each matched row's fields with its blank order-level cells filled from its account row. */
  readonly fields: ReadonlyMap<number, Partial<Record<CanonicalColumn, string>>>;
  /** The account row each matched row was filled from (results' account_source). */
  readonly source: ReadonlyMap<number, RowRef>;
  /** ACCOUNT_NOT_FOUND (key matches no account) and END_USER_CONFLICT (a cell differs from its account row). */
  readonly issues: ReadonlyMap<number, readonly Issue[]>;
}

/**
 * `--accounts`: joins number rows to the accounts sheet by the join column (compared without spaces,
 * punctuation or case) and fills each number row's blank order-level cells from its account row. A
 * number row whose key matches no account row is ACCOUNT_NOT_FOUND; a non-blank cell that differs from
 * the account row (compared as `resolveAccounts` compares: "ACME Inc." = "Acme, Inc") is END_USER_CONFLICT
 * naming both places: neither value is chosen for the customer. A row with a blank key is left as it is.
 */
export function fillFromAccountSheet(
  rows: readonly NumberRowForAccount[],
  accounts: readonly AccountSheetRow[],
  join: CanonicalColumn,
  columnHeader: (column: CanonicalColumn) => string,
): AccountSheetFill {
  const byKey = new Map(accounts.map((account) => [account.key, account]));
  const fields = new Map<number, Partial<Record<CanonicalColumn, string>>>();
  const source = new Map<number, RowRef>();
  const issues = new Map<number, Issue[]>();
  for (const row of rows) {
    const keyText = row.fields[join]?.trim() ?? '';
    if (keyText === '') continue;
    const account = byKey.get(normalizeIdentifier(keyText));
    const header = columnHeader(join);
    if (account === undefined) {
      issues.set(row.index, [
        { code: 'ACCOUNT_NOT_FOUND', ref: row.ref, column: header, message: `${describeRef(row.ref, header)}: expected ${join} "${keyText}" in the accounts sheet, found no row with it` },
      ]);
      continue;
    }
    const merged: Partial<Record<CanonicalColumn, string>> = { ...row.fields };
    const conflicts: string[] = [];
    let firstConflict: CanonicalColumn | undefined;
    for (const column of ACCOUNT_SHEET_COLUMNS) {
      const fromAccount = account.fields[column]?.trim() ?? '';
      if (fromAccount === '') continue;
      const own = row.fields[column]?.trim() ?? '';
      if (own === '') {
        merged[column] = fromAccount;
      } else if (sheetComparisonForm(column, own, row.country) !== sheetComparisonForm(column, fromAccount, row.country)) {
        firstConflict ??= column;
        const shown = (text: string): string => (column === 'pin_passcode' ? maskPin(text) : `"${text}"`);
        conflicts.push(`${columnHeader(column)} is ${shown(own)} here and ${shown(fromAccount)} in ${describeRef(account.ref)}`);
      }
    }
    if (firstConflict !== undefined) {
      const conflictHeader = columnHeader(firstConflict);
      issues.set(row.index, [
        { code: 'END_USER_CONFLICT', ref: row.ref, column: conflictHeader, message: `${describeRef(row.ref, conflictHeader)}: expected the account's details, found ${conflicts.join('; ')}; not merged, correct one of them` },
      ]);
      continue;
    }
    fields.set(row.index, merged);
    source.set(row.index, account.ref);
  }
  return { fields, source, issues };
}

function sheetComparisonForm(column: CanonicalColumn, raw: string, country: string): string {
  if ((ACCOUNT_FIELDS as readonly string[]).includes(column)) return comparisonForm(column, raw, country);
  if (column === 'account_number' || column === 'postal_code' || column === 'new_billing_phone_number') return normalizeIdentifier(raw);
  return normalizeText(raw);
}
