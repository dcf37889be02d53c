/**
 * The input sheet's canonical columns (docs/design.md §3), in template order, with the aliases people
 * actually write. Aliases are compared after `headerKey()` folding (case, spaces, punctuation).
 */
export interface ColumnSpec {
  readonly name: string;
  /** `yes`: the file is refused without it; `order`: needed to place an order; `confirm`: needed to confirm it (a draft goes without); `no`: optional. */
  readonly required: 'yes' | 'order' | 'confirm' | 'no';
  readonly aliases: readonly string[];
  /** One line for the template's notes sheet and the README. */
  readonly note: string;
}

export const INPUT_COLUMNS = [
  {
    name: 'phone_number',
    required: 'yes',
    aliases: ['phone', 'phone number', 'phone no', 'number', 'tn', 'did', 'telephone', 'telephone number', 'tel', 'msisdn', 'e164', 'dn', 'mobile', 'mobile number', 'cell', 'cell number', 'ported number', 'number to port', 'numbers to port', 'phone numbers', 'numbers', 'tel no', 'tel number', 'telephone no', 'phone num', 'dids', 'tns'],
    note: 'The number to port, in any common format; national formats use the row\'s country or --default-country. A range in one cell (`+49 30 2449999 00 - 99`, `0207 946 0100 to 0199`) needs a spaced hyphen, a dash, to/bis/à or a second full number; or leave it empty and use range_start/range_end.',
  },
  { name: 'country', required: 'no', aliases: ['country iso', 'iso country', 'region'], note: 'ISO 3166 alpha-2 (US, CA, GB…) for numbers written without +country code.' },
  { name: 'entity_name', required: 'order', aliases: ['entity', 'company', 'company name', 'business name', 'customer name', 'end user', 'end user name', 'account name', 'customer', 'business', 'legal name', 'company legal name'], note: 'End user\'s legal or business name as the losing carrier has it.' },
  { name: 'auth_person_name', required: 'order', aliases: ['authorized person', 'authorised person', 'auth person', 'authorized name', 'contact name', 'authorizing person', 'authorized signer', 'signer', 'signer name'], note: 'Person authorized on the account who signs the LOA.' },
  { name: 'auth_person_first_name', required: 'no', aliases: ['authorized person first name', 'auth person first name', 'auth first name', 'first name', 'given name'], note: 'AU ID verification: first name of the authorized person (default: auth_person_name up to its first space).' },
  { name: 'auth_person_last_name', required: 'no', aliases: ['authorized person last name', 'auth person last name', 'auth last name', 'last name', 'surname', 'family name'], note: 'AU ID verification: last name of the authorized person (default: auth_person_name after its first space).' },
  { name: 'billing_phone_number', required: 'order', aliases: ['btn', 'billing number', 'billing telephone number', 'billing phone', 'main number', 'atn'], note: 'Billing telephone number (BTN) of the account at the losing carrier.' },
  { name: 'account_number', required: 'order', aliases: ['account', 'account #', 'account no', 'acct', 'acct #', 'account id', 'carrier account', 'account num', 'ban', 'billing account number', 'billing account'], note: 'Account number at the losing carrier.' },
  { name: 'pin_passcode', required: 'no', aliases: ['pin', 'passcode', 'port pin', 'account pin', 'pin code', 'transfer pin'], note: 'Account PIN or passcode, when the carrier uses one.' },
  { name: 'tax_identifier', required: 'no', aliases: ['tax id', 'ein', 'vat', 'vat number', 'tax number'], note: 'Tax identifier of the end user, where the country requires it.' },
  { name: 'business_identifier', required: 'no', aliases: ['business id', 'company number', 'registration number', 'business registration'], note: 'Business registration identifier, where the country requires it.' },
  { name: 'street_address', required: 'order', aliases: ['address', 'street', 'address 1', 'address line 1', 'service address', 'street address 1'], note: 'Service address: street and number.' },
  { name: 'extended_address', required: 'no', aliases: ['address 2', 'address line 2', 'suite', 'unit', 'apt', 'street address 2'], note: 'Suite, unit, floor.' },
  { name: 'locality', required: 'order', aliases: ['city', 'town', 'municipality'], note: 'City or town of the service address.' },
  { name: 'administrative_area', required: 'order', aliases: ['state', 'province', 'region code', 'county', 'state province', 'state code', 'province code'], note: 'State or province: needed for US and CA addresses (two-letter code), optional elsewhere.' },
  { name: 'postal_code', required: 'order', aliases: ['zip', 'zip code', 'zipcode', 'postcode', 'post code', 'postal', 'zip postal code', 'postal zip', 'zip postal'], note: 'ZIP or postal code of the service address.' },
  { name: 'country_code', required: 'order', aliases: ['address country', 'service country', 'location country'], note: 'Country (ISO alpha-2) of the service address; defaults to the number\'s country.' },
  { name: 'carrier', required: 'no', aliases: ['losing carrier', 'current carrier', 'old carrier', 'provider', 'current provider', 'losing provider', 'spid carrier', 'carrier name'], note: 'Losing carrier; used for grouping and reports. GB numbers: a name or CUPID from Telnyx\'s UK carrier list (an unknown one blocks the row).' },
  { name: 'foc_date', required: 'no', aliases: ['foc', 'requested foc', 'port date', 'desired date', 'due date', 'foc datetime'], note: 'Requested port date: YYYY-MM-DD means that day (UTC; today is accepted, fitted into the allowed FOC windows), or an ISO date-time (UTC).' },
  { name: 'port_type', required: 'no', aliases: ['type of port', 'full partial', 'port'], note: '`full` (all numbers of the account) or `partial`.' },
  { name: 'loa_file', required: 'confirm', aliases: ['loa', 'letter of authorization', 'loa path', 'loa pdf'], note: 'Path of the signed LOA (PDF), relative to the input file.' },
  { name: 'invoice_file', required: 'confirm', aliases: ['invoice', 'bill', 'invoice path', 'latest invoice', 'bill copy'], note: 'Path of a recent invoice (PDF), relative to the input file.' },
  { name: 'connection_id', required: 'no', aliases: ['connection', 'voice connection', 'sip connection'], note: 'Telnyx connection the ported numbers are assigned to.' },
  { name: 'messaging_profile_id', required: 'no', aliases: ['messaging profile', 'messaging profile id', 'sms profile'], note: 'Telnyx messaging profile for the ported numbers.' },
  { name: 'user_bundle_id', required: 'no', aliases: ['bundle', 'bundle id', 'regulatory bundle', 'regulatory bundle id', 'user bundle'], note: 'Regulatory bundle (Telnyx user bundle id) the number needs, e.g. for EU numbers; added to the number once its order exists.' },
  { name: 'remaining_numbers_action', required: 'no', aliases: ['remaining numbers', 'remaining action'], note: 'Partial ports: `keep` or `disconnect` the numbers left behind.' },
  { name: 'action', required: 'no', aliases: ['number action', 'port action', 'port or keep', 'keep or port', 'disposition'], note: 'UK partial ports: `port` (default), `keep` or `disconnect`; keep/disconnect rows (a number or range) are the account\'s numbers that stay behind, sent as associated numbers of one GB order, never ported.' },
  { name: 'new_billing_phone_number', required: 'no', aliases: ['new btn', 'new billing number'], note: 'Partial ports: the account\'s new BTN, needed when the remaining numbers are kept.' },
  { name: 'customer_reference', required: 'no', aliases: ['reference', 'your reference', 'ref', 'customer ref', 'po', 'po number'], note: 'Your own reference, carried to the results and the Orders sheet.' },
  { name: 'range_start', required: 'no', aliases: ['range from', 'from number', 'first number', 'block start', 'start number', 'range begin', 'von', 'rufnummer von'], note: 'A range in two columns: its first number (instead of phone_number). A German range becomes a DID block; elsewhere it is expanded into its numbers.' },
  { name: 'range_end', required: 'no', aliases: ['range to', 'to number', 'last number', 'block end', 'end number', 'bis', 'rufnummer bis'], note: 'The range\'s last number, or only its last digits (`99` after `+49 30 2449999 00`).' },
  { name: 'activation_range', required: 'no', aliases: ['activation ranges', 'active range', 'active numbers', 'block activation range'], note: 'German blocks: the numbers of the block to activate (`00-49`, or full numbers; several with `;`); default the whole block.' },
  { name: 'extension_range', required: 'no', aliases: ['extensions', 'extension range', 'ext range', 'durchwahl', 'durchwahlen', 'extension block'], note: 'German numbers: the extension range behind the number (`1-99`, `100–199`). Format the column as text (Excel turns 1-99 into a date).' },
  { name: 'extension_activation_range', required: 'no', aliases: ['extension activation', 'active extensions', 'extension activation ranges'], note: 'The extensions to activate (`1-49`; several with `;`); default the whole extension range.' },
] as const satisfies readonly ColumnSpec[];

export type CanonicalColumn = (typeof INPUT_COLUMNS)[number]['name'];

export const CANONICAL_COLUMN_NAMES: readonly CanonicalColumn[] = INPUT_COLUMNS.map((c) => c.name);

/** Fold a header for comparison: case, spaces, punctuation and `#`→`number` do not matter. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/no\./g, 'number')
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Columns whose digits are an identifier, not a quantity: leading zeros matter (`0729`, `02134`), so a
 * sheet people fill in text-formats them and a numeric cell in them is refused on the way back in.
 */
export const IDENTIFIER_COLUMNS: ReadonlySet<string> = new Set<CanonicalColumn>([
  'phone_number',
  'range_start',
  'range_end',
  'activation_range',
  'extension_range',
  'extension_activation_range',
  'billing_phone_number',
  'account_number',
  'pin_passcode',
  'tax_identifier',
  'business_identifier',
  'postal_code',
  'new_billing_phone_number',
]);
