import type { Issue } from '../core/issue-codes.js';
import { describeRef, type RowRef } from '../core/row-ref.js';
import type { CanonicalColumn } from '../input/columns.js';
import { checkOrderValues, ORDER_FIELD_COLUMNS, documentsMissingToConfirm, readOrderField, type FieldProblem } from '../order-rules/order-field-rules.js';
import type { DocumentInspection, DocumentRef, EndUserDetails, OrderSettings } from './plan-types.js';

export interface OrderFieldOptions {
  /** The plan's clock: a FOC date before it is in the past. */
  readonly now: Date;
  /** `--connection-id` / `--messaging-profile-id`: used where the row's column is blank. */
  readonly connectionId?: string | undefined;
  readonly messagingProfileId?: string | undefined;
  /** Keyed by the document cell's text as the sheet wrote it. */
  readonly documents: ReadonlyMap<string, DocumentInspection>;
  readonly columnHeader: (column: CanonicalColumn) => string;
}

export interface RowOrderFields {
  readonly endUser: EndUserDetails;
  readonly settings: OrderSettings;
  readonly carrier: string | undefined;
}

export interface RowForOrder {
  readonly ref: RowRef;
  /** ISO alpha-2 of the number. */
  readonly country: string;
  /** After the account's details were filled in (resolveAccounts). */
  readonly fields: Partial<Record<CanonicalColumn, string>>;
}

/**
 * Everything the plan can check before an order exists (docs/design.md §4), by the order-field rules that
 * `submit` and `fix` use too: fields a draft order needs, formats, FOC not in the past, partial ports
 * complete, named document files present. A row without an LOA or invoice is still ordered (a draft);
 * its `issues` then carry the notices of what `--confirm` will need. Allowed FOC windows and
 * requirements only exist once the order does, so `submit` checks those.
 */
export function readOrderFields(row: RowForOrder, options: OrderFieldOptions): { fields?: RowOrderFields; issues: Issue[] } {
  const issues: Issue[] = [];
  const value = (column: CanonicalColumn): string => row.fields[column]?.trim() ?? '';
  // Every message starts with where it is, as validate's do (docs/architecture.md §8.5).
  const issue = (code: Issue['code'], column: CanonicalColumn, detail: string): void => {
    const header = options.columnHeader(column);
    issues.push({ code, ref: row.ref, column: header, message: `${describeRef(row.ref, header)}: ${detail}` });
  };

  const report = (problem: FieldProblem): void => issue(problem.code, problem.column, problem.detail);
  // Every value goes through the order-field rules `submit` and `fix` use (src/order-rules/).
  const read: Partial<Record<CanonicalColumn, string>> = {};
  const context = { country: row.country, now: options.now };
  for (const column of ORDER_FIELD_COLUMNS) {
    const result = readOrderField(column, value(column), context);
    if ('problem' in result) report(result.problem);
    else read[column] = result.value;
  }
  const countryCode = read.country_code || row.country.toUpperCase();
  for (const problem of checkOrderValues(read, countryCode)) {
    // A cell that could not be read is reported once, as unreadable.
    if (read[problem.column] !== undefined) report(problem);
  }

  const loa = readDocument(value('loa_file'), 'loa_file', 'LOA', options, issue);
  const invoice = readDocument(value('invoice_file'), 'invoice_file', 'invoice', options, issue);
  if (issues.length > 0 || loa === false || invoice === false) return { issues };
  // A draft needs no documents; confirming does: the row is ordered and told what --confirm will need.
  const notices: Issue[] = [];
  for (const notice of documentsMissingToConfirm({ loa, invoice })) {
    const header = options.columnHeader(notice.column);
    notices.push({ code: notice.code, ref: row.ref, column: header, message: `${describeRef(row.ref, header)}: ${notice.detail}` });
  }

  const optional = (column: CanonicalColumn): string | undefined => value(column) || undefined;
  const connectionId = optional('connection_id') ?? options.connectionId;
  const messagingProfileId = optional('messaging_profile_id') ?? options.messagingProfileId;
  const endUser: EndUserDetails = {
    admin: {
      entity_name: value('entity_name'),
      auth_person_name: value('auth_person_name'),
      billing_phone_number: read.billing_phone_number ?? '',
      account_number: value('account_number'),
      ...definedEntries({ pin_passcode: optional('pin_passcode'), tax_identifier: optional('tax_identifier'), business_identifier: optional('business_identifier') }),
    },
    location: {
      street_address: value('street_address'),
      ...definedEntries({ extended_address: optional('extended_address') }),
      locality: value('locality'),
      administrative_area: value('administrative_area'),
      postal_code: value('postal_code'),
      country_code: countryCode,
    },
  };
  const settings: OrderSettings = {
    ...definedEntries({
      focDatetimeRequested: read.foc_date || undefined,
      portType: (read.port_type || undefined) as OrderSettings['portType'],
      remainingNumbersAction: (read.remaining_numbers_action || undefined) as OrderSettings['remainingNumbersAction'],
      newBillingPhoneNumber: read.new_billing_phone_number || undefined,
      connectionId,
      messagingProfileId,
      loa,
      invoice,
      authPersonFirstName: optional('auth_person_first_name'),
      authPersonLastName: optional('auth_person_last_name'),
    }),
  };
  return { fields: { endUser, settings, carrier: optional('carrier') }, issues: notices };
}

/**
 * The document a cell names: undefined for an empty cell (the order can be a draft without it),
 * false when the cell names a file that cannot be used (the row is blocked: the sheet says there
 * is a document, and ordering without it would hide the mistake).
 */
function readDocument(
  cell: string,
  column: 'loa_file' | 'invoice_file',
  label: string,
  options: OrderFieldOptions,
  issue: (code: Issue['code'], column: CanonicalColumn, message: string) => void,
): DocumentRef | undefined | false {
  if (cell === '') return undefined;
  const inspection = options.documents.get(cell);
  if (inspection === undefined || !inspection.isReadable) {
    const why = inspection === undefined ? 'not inspected' : `${inspection.reason} at ${inspection.path}`;
    issue(inspection?.code ?? 'MISSING_DOCUMENT', column, `expected a readable ${label} file, got "${cell}" (${why})`);
    return false;
  }
  return inspection.document;
}

/** Drops undefined values so optional fields are absent rather than `undefined` in JSON and hashes. */
function definedEntries<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(values)) if (entry !== undefined) out[key] = entry;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
