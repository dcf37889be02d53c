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
