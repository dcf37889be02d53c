/**
 * What an LOA configuration must hold before it is sent (`loa config create|update|preview`): the
 * spec's `CreatePortingLOAConfiguration` rules, checked here so a person sees every problem at once
 * and nothing is sent while one remains. Pure: the JSON arrives parsed, the logo as "given by file".
 */

export interface LoaConfigurationAddress {
  readonly street_address: string;
  readonly extended_address?: string;
  readonly city: string;
  readonly state: string;
  readonly zip_code: string;
  readonly country_code: string;
}

/** The request body (`logo` is added once the logo's document id is known). */
export interface LoaConfigurationBody {
  readonly name: string;
  readonly company_name: string;
  readonly address: LoaConfigurationAddress;
  readonly contact: { readonly email: string; readonly phone_number: string };
  readonly logo?: { readonly document_id: string };
}

/** One problem: the JSON pointer into the file and what was expected and found. */
export interface LoaConfigurationProblem {
  readonly pointer: string;
  readonly message: string;
}

export type LoaConfigurationCheck =
  | { readonly isValid: true; readonly body: LoaConfigurationBody }
  | { readonly isValid: false; readonly problems: readonly LoaConfigurationProblem[] };

/** Where the logo comes from: `--logo FILE.png`, or nothing (then the JSON must name `logo.document_id`, unless kept). */
export interface LogoSource {
  readonly isFileGiven: boolean;
  /** `update` keeps the configuration's current logo when neither is given. */
  readonly mayKeepCurrent: boolean;
}

const TWO_LETTERS = /^[A-Z]{2}$/;
const ZIP_CODE = /^[0-9]{5}(?:-[0-9]{4})?$/;
const CONTACT_PHONE = /^\+\d{11,15}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TOP_FIELDS = ['name', 'company_name', 'address', 'contact', 'logo'] as const;
const ADDRESS_FIELDS = ['street_address', 'extended_address', 'city', 'state', 'zip_code', 'country_code'] as const;
const CONTACT_FIELDS = ['email', 'phone_number'] as const;

export function checkLoaConfiguration(raw: unknown, logo: LogoSource): LoaConfigurationCheck {
  const problems: LoaConfigurationProblem[] = [];
  const problem = (pointer: string, message: string): void => {
    problems.push({ pointer, message });
  };
  if (!isObject(raw)) {
    problem('/', `expected a JSON object with ${TOP_FIELDS.join(', ')}, got ${describe(raw)}`);
    return { isValid: false, problems };
  }
  unknownFields(raw, '', TOP_FIELDS, problem);
  const name = requiredText(raw, '', 'name', problem);
  const companyName = requiredText(raw, '', 'company_name', problem);

  const address = requiredObject(raw, 'address', ADDRESS_FIELDS, problem);
  const street = address === undefined ? undefined : requiredText(address, '/address', 'street_address', problem);
  const extended = address === undefined ? undefined : optionalText(address, '/address', 'extended_address', problem);
  const city = address === undefined ? undefined : requiredText(address, '/address', 'city', problem);
  const state = address === undefined ? undefined : requiredText(address, '/address', 'state', problem, TWO_LETTERS, 'a two-letter state or province code such as TX');
  const zip = address === undefined ? undefined : requiredText(address, '/address', 'zip_code', problem, ZIP_CODE, 'a ZIP code such as 78701 or 78701-1234');
  const country = address === undefined ? undefined : requiredText(address, '/address', 'country_code', problem, TWO_LETTERS, 'a two-letter country code such as US');

  const contact = requiredObject(raw, 'contact', CONTACT_FIELDS, problem);
  const email = contact === undefined ? undefined : requiredText(contact, '/contact', 'email', problem, EMAIL, 'an email address such as porting@example.com');
  const phone = contact === undefined ? undefined : requiredText(contact, '/contact', 'phone_number', problem, CONTACT_PHONE, 'a phone number in +E.164 with 11 to 15 digits such as +12003270001');

  let logoDocumentId: string | undefined;
  if (raw.logo !== undefined) {
    if (logo.isFileGiven) {
      problem('/logo', 'the logo is given twice: remove "logo" from the file or leave out --logo');
    } else if (!isObject(raw.logo)) {
      problem('/logo', `expected an object {"document_id": "…"}, got ${describe(raw.logo)}`);
    } else {
      unknownFields(raw.logo, '/logo', ['document_id'], problem);
      logoDocumentId = requiredText(raw.logo, '/logo', 'document_id', problem, UUID, 'the id (a UUID) of an uploaded PNG document');
    }
  } else if (!logo.isFileGiven && !logo.mayKeepCurrent) {
    problem('/logo', 'is required: give --logo FILE.png (uploaded as a document) or "logo": {"document_id": "…"} in the file');
  }

  if (problems.length > 0) return { isValid: false, problems };
  const body: LoaConfigurationBody = {
    name: name as string,
    company_name: companyName as string,
    address: {
      street_address: street as string,
      ...(extended === undefined ? {} : { extended_address: extended }),
      city: city as string,
      state: state as string,
      zip_code: zip as string,
      country_code: country as string,
    },
    contact: { email: email as string, phone_number: phone as string },
    ...(logoDocumentId === undefined ? {} : { logo: { document_id: logoDocumentId } }),
  };
  return { isValid: true, body };
}

type Report = (pointer: string, message: string) => void;

function requiredObject(parent: Record<string, unknown>, name: string, fields: readonly string[], problem: Report): Record<string, unknown> | undefined {
  const value = parent[name];
  if (value === undefined || value === null) {
    problem(`/${name}`, `is required: an object with ${fields.join(', ')}`);
    return undefined;
  }
  if (!isObject(value)) {
    problem(`/${name}`, `expected an object with ${fields.join(', ')}, got ${describe(value)}`);
    return undefined;
  }
  unknownFields(value, `/${name}`, fields, problem);
  return value;
}

function requiredText(object: Record<string, unknown>, at: string, name: string, problem: Report, pattern?: RegExp, rule?: string): string | undefined {
  const value = object[name];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    problem(`${at}/${name}`, `is required${rule === undefined ? '' : `: ${rule}`}`);
    return undefined;
  }
  return checkedText(value, `${at}/${name}`, problem, pattern, rule);
}

function optionalText(object: Record<string, unknown>, at: string, name: string, problem: Report): string | undefined {
  const value = object[name];
  if (value === undefined || value === null || value === '') return undefined;
  return checkedText(value, `${at}/${name}`, problem);
}

function checkedText(value: unknown, pointer: string, problem: Report, pattern?: RegExp, rule?: string): string | undefined {
  if (typeof value !== 'string') {
    problem(pointer, `expected text${rule === undefined ? '' : ` (${rule})`}, got ${describe(value)}`);
    return undefined;
  }
  const text = value.trim();
  if (pattern !== undefined && !pattern.test(text)) {
    problem(pointer, `expected ${rule ?? `text matching ${pattern.source}`}, got ${describe(value)}`);
    return undefined;
  }
  return text;
}

function unknownFields(object: Record<string, unknown>, at: string, known: readonly string[], problem: Report): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) problem(`${at}/${key}`, `is not a field of an LOA configuration here (expected ${known.join(', ')})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A found value for a message: strings quoted and cut, other JSON by type. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
