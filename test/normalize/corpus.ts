/**
 * The normalizer corpus: inputs as they arrive in customers' sheets, each with the answer worked out
 * by hand from the country's numbering plan (not copied from the normalizer's output).
 *
 * Two parts:
 * - `BASE_NUMBERS`: one real-format number per line, written nationally and internationally by hand
 *   with its E.164 and type. `formatsOf()` writes each the ways sheets do (compact, dotted, with a
 *   label, an extension, an international prefix, as an Excel number…); every format must give the
 *   same E.164, so a formatting bug cannot hide behind a single happy example.
 * - `SPECIAL_CASES`: vanity, extensions, Excel damage, country columns, invalid input, each on its own.
 *
 * Number sources: reserved fictional ranges where they exist and validate (NANP 555-01xx; Ofcom
 * drama numbers 020 7946 0xxx, 0113 496 0xxx, 0161 496 0xxx), else the usual example shapes of each
 * plan (area code + subscriber digits in an allocated block).
 */
import type { IssueCode } from '../../src/core/issue-codes.js';
import type { PhoneNumberType, RawCell } from '../../src/core/records.js';

export type NoteCode = 'EXTENSION_STRIPPED' | 'VANITY_CONVERTED';

export type Expected =
  | { readonly e164: string; readonly country: string; readonly type?: PhoneNumberType; readonly notes?: readonly NoteCode[] }
  | { readonly code: IssueCode };

export interface CorpusCase {
  readonly label: string;
  readonly cell: RawCell;
  /** The row's `country` cell; undefined when the sheet has no country column. */
  readonly country: string | undefined;
  readonly defaultCountry: string;
  readonly expected: Expected;
}

interface BaseNumber {
  /** Country of the number (and of the row when written nationally). */
  readonly region: string;
  /** As written in the country, trunk prefix included. */
  readonly national: string;
  /** As written internationally. */
  readonly international: string;
  readonly e164: string;
  readonly type: PhoneNumberType;
  /**
   * What an Excel number cell holding the national digits (trunk 0 lost) gives. Default: the
   * number. In Italy the 0 of landlines is significant, so a mobile 3123456789 may also be
   * 03123456789 (Como) and toll-free 800123456 may be 0800123456 (Bari): AMBIGUOUS_NUMBER.
   */
  readonly numericNational?: 'ambiguous';
  /**
   * What an Excel number cell holding calling code + number (the + lost) gives. Default: the number.
   * German numbers have open lengths, so 4915123456789 is also a valid 0491… (Leer) landline that
   * lost its 0: AMBIGUOUS_NUMBER.
   */
  readonly numericWithCallingCode?: 'ambiguous';
}

const NANP = new Set(['US', 'CA']);

// prettier-ignore
const BASE_NUMBERS: readonly BaseNumber[] = [
  // United States: NPA NXX XXXX; 555-0100..0199 are reserved fictional lines and validate.
  { region: 'US', national: '(415) 555-0132', international: '+1 415-555-0132', e164: '+14155550132', type: 'local' },
  { region: 'US', national: '(212) 555-0100', international: '+1 212-555-0100', e164: '+12125550100', type: 'local' },
  { region: 'US', national: '(312) 555-0175', international: '+1 312-555-0175', e164: '+13125550175', type: 'local' },
  { region: 'US', national: '(800) 555-0100', international: '+1 800-555-0100', e164: '+18005550100', type: 'toll_free' },
  { region: 'US', national: '(888) 555-0123', international: '+1 888-555-0123', e164: '+18885550123', type: 'toll_free' },
  { region: 'US', national: '(877) 555-0111', international: '+1 877-555-0111', e164: '+18775550111', type: 'toll_free' },
  // Canada: same plan; Toronto 416, Vancouver 604, Montréal 514, Ottawa 613.
  { region: 'CA', national: '(416) 555-0123', international: '+1 416-555-0123', e164: '+14165550123', type: 'local' },
  { region: 'CA', national: '(604) 555-0199', international: '+1 604-555-0199', e164: '+16045550199', type: 'local' },
  { region: 'CA', national: '(514) 555-0142', international: '+1 514-555-0142', e164: '+15145550142', type: 'local' },
  { region: 'CA', national: '(613) 555-0110', international: '+1 613-555-0110', e164: '+16135550110', type: 'local' },
  // United Kingdom: trunk 0; London 20 + 8, Leeds 113 + 7, Manchester 161 + 7; mobile 7xxx; 0800/0808 freephone;
  // 03 non-geographic (national); 084x/09 service-charge and premium (libphonenumber: premium rate → national).
  { region: 'GB', national: '020 7946 0018', international: '+44 20 7946 0018', e164: '+442079460018', type: 'local' },
  { region: 'GB', national: '0113 496 0123', international: '+44 113 496 0123', e164: '+441134960123', type: 'local' },
  { region: 'GB', national: '0161 496 0456', international: '+44 161 496 0456', e164: '+441614960456', type: 'local' },
  { region: 'GB', national: '07400 123456', international: '+44 7400 123456', e164: '+447400123456', type: 'mobile' },
  { region: 'GB', national: '0800 123 456', international: '+44 800 123 456', e164: '+44800123456', type: 'toll_free' },
  { region: 'GB', national: '0808 157 0192', international: '+44 808 157 0192', e164: '+448081570192', type: 'toll_free' },
  { region: 'GB', national: '0345 123 4567', international: '+44 345 123 4567', e164: '+443451234567', type: 'national' },
  { region: 'GB', national: '0845 123 4567', international: '+44 845 123 4567', e164: '+448451234567', type: 'national' },
  { region: 'GB', national: '0909 876 5432', international: '+44 909 876 5432', e164: '+449098765432', type: 'national' },
  // Germany: trunk 0; Berlin 30, Munich 89, Hamburg 40 with variable-length subscriber numbers; mobile 15x/17x.
  { region: 'DE', national: '030 901820', international: '+49 30 901820', e164: '+4930901820', type: 'local' },
  { region: 'DE', national: '089 1234567', international: '+49 89 1234567', e164: '+49891234567', type: 'local' },
  { region: 'DE', national: '040 12345678', international: '+49 40 12345678', e164: '+494012345678', type: 'local' },
  { region: 'DE', national: '01512 3456789', international: '+49 1512 3456789', e164: '+4915123456789', type: 'mobile', numericWithCallingCode: 'ambiguous' },
  { region: 'DE', national: '0171 1234567', international: '+49 171 1234567', e164: '+491711234567', type: 'mobile', numericWithCallingCode: 'ambiguous' },
  { region: 'DE', national: '0800 1234567', international: '+49 800 1234567', e164: '+498001234567', type: 'toll_free' },
  // France: trunk 0 + 9 digits; 01–05 geographic, 06 mobile, 0800 freephone, 09 VoIP (national).
  { region: 'FR', national: '01 23 45 67 89', international: '+33 1 23 45 67 89', e164: '+33123456789', type: 'local' },
  { region: 'FR', national: '04 91 23 45 67', international: '+33 4 91 23 45 67', e164: '+33491234567', type: 'local' },
  { region: 'FR', national: '06 12 34 56 78', international: '+33 6 12 34 56 78', e164: '+33612345678', type: 'mobile' },
  { region: 'FR', national: '08 00 12 34 56', international: '+33 8 00 12 34 56', e164: '+33800123456', type: 'toll_free' },
  { region: 'FR', national: '09 12 34 56 78', international: '+33 9 12 34 56 78', e164: '+33912345678', type: 'national' },
  // Australia: trunk 0; 02 Sydney, 03 Melbourne, 04 mobile; 1800 freecall; 1300 local-rate (shared cost).
  { region: 'AU', national: '(02) 9876 5432', international: '+61 2 9876 5432', e164: '+61298765432', type: 'local' },
  { region: 'AU', national: '(03) 9123 4567', international: '+61 3 9123 4567', e164: '+61391234567', type: 'local' },
  { region: 'AU', national: '0412 345 678', international: '+61 412 345 678', e164: '+61412345678', type: 'mobile' },
  { region: 'AU', national: '1800 123 456', international: '+61 1800 123 456', e164: '+611800123456', type: 'toll_free' },
  { region: 'AU', national: '1300 123 456', international: '+61 1300 123 456', e164: '+611300123456', type: 'shared_cost' },
  // Netherlands: trunk 0; 020 Amsterdam, 010 Rotterdam, 06 mobile, 0800 freephone.
  { region: 'NL', national: '020 123 4567', international: '+31 20 123 4567', e164: '+31201234567', type: 'local' },
  { region: 'NL', national: '010 123 4567', international: '+31 10 123 4567', e164: '+31101234567', type: 'local' },
  { region: 'NL', national: '06 12345678', international: '+31 6 12345678', e164: '+31612345678', type: 'mobile' },
  { region: 'NL', national: '0800 1234567', international: '+31 800 1234567', e164: '+318001234567', type: 'toll_free' },
  // Spain: no trunk prefix, 9 digits; 91 Madrid, 93 Barcelona, 6xx mobile, 900 freephone.
  { region: 'ES', national: '912 345 678', international: '+34 912 34 56 78', e164: '+34912345678', type: 'local' },
  { region: 'ES', national: '933 123 456', international: '+34 933 12 34 56', e164: '+34933123456', type: 'local' },
  { region: 'ES', national: '612 345 678', international: '+34 612 34 56 78', e164: '+34612345678', type: 'mobile' },
  { region: 'ES', national: '900 123 456', international: '+34 900 123 456', e164: '+34900123456', type: 'toll_free' },
  // Italy: the leading 0 of landlines is part of the number (kept after +39); mobiles start with 3.
  { region: 'IT', national: '06 4881 2345', international: '+39 06 4881 2345', e164: '+390648812345', type: 'local' },
  { region: 'IT', national: '02 1234 5678', international: '+39 02 1234 5678', e164: '+390212345678', type: 'local' },
  { region: 'IT', national: '312 345 6789', international: '+39 312 345 6789', e164: '+393123456789', type: 'mobile', numericNational: 'ambiguous' },
  { region: 'IT', national: '800 123 456', international: '+39 800 123 456', e164: '+39800123456', type: 'toll_free', numericNational: 'ambiguous' },
  // Mexico: 10-digit numbers since 2019; fixed and mobile share ranges (local); 800 toll-free.
  { region: 'MX', national: '55 1234 5678', international: '+52 55 1234 5678', e164: '+525512345678', type: 'local' },
  { region: 'MX', national: '33 1234 5678', international: '+52 33 1234 5678', e164: '+523312345678', type: 'local' },
  { region: 'MX', national: '800 123 4567', international: '+52 800 123 4567', e164: '+528001234567', type: 'toll_free' },
  // Brazil: area code + 8-digit landline or 9-digit mobile (9xxxx); 0800 freephone.
  { region: 'BR', national: '(11) 2345-6789', international: '+55 11 2345-6789', e164: '+551123456789', type: 'local' },
  { region: 'BR', national: '(21) 3456-7890', international: '+55 21 3456-7890', e164: '+552134567890', type: 'local' },
  { region: 'BR', national: '(11) 91234-5678', international: '+55 11 91234-5678', e164: '+5511912345678', type: 'mobile' },
  { region: 'BR', national: '0800 123 4567', international: '+55 800 123 4567', e164: '+558001234567', type: 'toll_free' },
  // India: trunk 0; 011 Delhi, 080 Bengaluru, 10-digit mobiles from 9/8/7/6; 1800 toll-free.
  { region: 'IN', national: '011 2345 6789', international: '+91 11 2345 6789', e164: '+911123456789', type: 'local' },
  { region: 'IN', national: '080 2345 6789', international: '+91 80 2345 6789', e164: '+918023456789', type: 'local' },
  { region: 'IN', national: '098765 43210', international: '+91 98765 43210', e164: '+919876543210', type: 'mobile' },
  { region: 'IN', national: '1800 123 4567', international: '+91 1800 123 4567', e164: '+9118001234567', type: 'toll_free' },
  // Japan: trunk 0; 03 Tokyo, 06 Osaka, 090 mobile, 0120 free dial.
  { region: 'JP', national: '03-1234-5678', international: '+81 3-1234-5678', e164: '+81312345678', type: 'local' },
  { region: 'JP', national: '06-6123-4567', international: '+81 6-6123-4567', e164: '+81661234567', type: 'local' },
  { region: 'JP', national: '090-1234-5678', international: '+81 90-1234-5678', e164: '+819012345678', type: 'mobile' },
  { region: 'JP', national: '0120-123-456', international: '+81 120-123-456', e164: '+81120123456', type: 'toll_free' },
  // Ireland: trunk 0; 01 Dublin, 08x mobile, 1800 freephone (no trunk 0).
  { region: 'IE', national: '01 234 5678', international: '+353 1 234 5678', e164: '+35312345678', type: 'local' },
  { region: 'IE', national: '085 123 4567', international: '+353 85 123 4567', e164: '+353851234567', type: 'mobile' },
  { region: 'IE', national: '1800 123 456', international: '+353 1800 123 456', e164: '+3531800123456', type: 'toll_free' },
  // Sweden: trunk 0; 08 Stockholm, 07x mobile, 020 freephone.
  { region: 'SE', national: '08-123 456 78', international: '+46 8 123 456 78', e164: '+46812345678', type: 'local' },
  { region: 'SE', national: '070-123 45 67', international: '+46 70 123 45 67', e164: '+46701234567', type: 'mobile' },
  { region: 'SE', national: '020-123 456', international: '+46 20 123 456', e164: '+4620123456', type: 'toll_free' },
  // Switzerland: trunk 0; 044 Zürich, 07x mobile, 0800 freephone.
  { region: 'CH', national: '044 668 18 00', international: '+41 44 668 18 00', e164: '+41446681800', type: 'local' },
  { region: 'CH', national: '078 123 45 67', international: '+41 78 123 45 67', e164: '+41781234567', type: 'mobile' },
  { region: 'CH', national: '0800 123 456', international: '+41 800 123 456', e164: '+41800123456', type: 'toll_free' },
  // New Zealand (09 Auckland: subscriber numbers start 2–9), Belgium (02 Brussels, 04xx mobile).
  { region: 'NZ', national: '09 379 1234', international: '+64 9 379 1234', e164: '+6493791234', type: 'local' },
  { region: 'NZ', national: '021 123 4567', international: '+64 21 123 4567', e164: '+64211234567', type: 'mobile' },
  { region: 'BE', national: '02 511 12 34', international: '+32 2 511 12 34', e164: '+3225111234', type: 'local' },
  { region: 'BE', national: '0470 12 34 56', international: '+32 470 12 34 56', e164: '+32470123456', type: 'mobile' },
  // Poland and Portugal (no trunk prefix, 9 digits), Singapore and Hong Kong (8 digits, no area codes).
  { region: 'PL', national: '12 345 67 89', international: '+48 12 345 67 89', e164: '+48123456789', type: 'local' },
  { region: 'PL', national: '512 345 678', international: '+48 512 345 678', e164: '+48512345678', type: 'mobile' },
  { region: 'PT', national: '212 345 678', international: '+351 212 345 678', e164: '+351212345678', type: 'local' },
  { region: 'PT', national: '912 345 678', international: '+351 912 345 678', e164: '+351912345678', type: 'mobile' },
  { region: 'SG', national: '6123 4567', international: '+65 6123 4567', e164: '+6561234567', type: 'local' },
  { region: 'SG', national: '8123 4567', international: '+65 8123 4567', e164: '+6581234567', type: 'mobile' },
  { region: 'HK', national: '2123 4567', international: '+852 2123 4567', e164: '+85221234567', type: 'local' },
  // South Africa, Norway, Denmark (fixed and mobile share ranges: local), Austria.
  { region: 'ZA', national: '021 123 4567', international: '+27 21 123 4567', e164: '+27211234567', type: 'local' },
  { region: 'ZA', national: '082 123 4567', international: '+27 82 123 4567', e164: '+27821234567', type: 'mobile' },
  { region: 'NO', national: '22 12 34 56', international: '+47 22 12 34 56', e164: '+4722123456', type: 'local' },
  { region: 'NO', national: '412 34 567', international: '+47 412 34 567', e164: '+4741234567', type: 'mobile' },
  { region: 'DK', national: '32 12 34 56', international: '+45 32 12 34 56', e164: '+4532123456', type: 'local' },
  { region: 'AT', national: '01 234 5678', international: '+43 1 234 5678', e164: '+4312345678', type: 'local' },
  { region: 'AT', national: '0664 123 4567', international: '+43 664 123 4567', e164: '+436641234567', type: 'mobile' },
];

function textCell(text: string): RawCell {
  return { text };
}

function numberCell(value: number, text = String(value), isScientific = false): RawCell {
  return { text, numeric: { value, isScientific } };
}

/** Country calling code and national significant number, read off the hand-written E.164 and format. */
function callingCodeOf(base: BaseNumber): string {
  const code = base.international.slice(1).split(/[\s-]/)[0];
  if (code === undefined) throw new Error(`no calling code in ${base.international}`);
  return code;
}

/** The ways one number is written in real sheets. All give the base's E.164 unless said otherwise. */
function formatsOf(base: BaseNumber): CorpusCase[] {
  const number = { e164: base.e164, country: base.region, type: base.type };
  const isNanp = NANP.has(base.region);
  const callingCode = callingCodeOf(base);
  const nsn = base.e164.slice(1 + callingCode.length);
  const nationalDigits = base.national.replace(/\D/g, '');
  const dotted = base.national.replace(/[()]/g, '').trim().replace(/[\s-]+/g, '.');
  const otherRow = base.region === 'DE' ? 'FR' : 'DE';
  const cases: CorpusCase[] = [
    { label: 'national, country column', cell: textCell(base.national), country: base.region, defaultCountry: 'US', expected: number },
    { label: 'national, lower-case country', cell: textCell(base.national), country: base.region.toLowerCase(), defaultCountry: 'US', expected: number },
    { label: 'national, --default-country', cell: textCell(base.national), country: undefined, defaultCountry: base.region, expected: number },
    { label: 'national digits only', cell: textCell(nationalDigits), country: base.region, defaultCountry: 'US', expected: number },
    { label: 'national with dots', cell: textCell(dotted), country: base.region, defaultCountry: 'US', expected: number },
    { label: 'international', cell: textCell(base.international), country: undefined, defaultCountry: 'US', expected: number },
    { label: 'international, other row country', cell: textCell(base.international), country: otherRow, defaultCountry: 'US', expected: number },
    { label: 'E.164 as text', cell: textCell(base.e164), country: undefined, defaultCountry: 'GB', expected: number },
    { label: 'label and NBSP', cell: textCell(`Tel:\u00a0${base.international}\u00a0`), country: undefined, defaultCountry: 'US', expected: number },
    { label: 'national with extension', cell: textCell(`${base.national} ext. 204`), country: base.region, defaultCountry: 'US', expected: { ...number, notes: ['EXTENSION_STRIPPED'] } },
    // 00 is the international prefix of Germany and France; 011 that of North America.
    { label: '00 prefix', cell: textCell(`00 ${callingCode} ${nsn}`), country: otherRow, defaultCountry: 'US', expected: number },
    isNanp
      ? { label: '011 prefix from GB row', cell: textCell(`001 ${nsn}`), country: 'GB', defaultCountry: 'US', expected: number }
      : { label: '011 prefix', cell: textCell(`011 ${callingCode} ${nsn}`), country: 'US', defaultCountry: 'US', expected: number },
    // Excel number cells: the + (and a trunk 0) are gone; the row's country brings them back.
    {
      label: 'Excel number with country code',
      cell: numberCell(Number(`${callingCode}${nsn}`)),
      country: base.region,
      defaultCountry: 'US',
      expected: base.numericWithCallingCode === 'ambiguous' ? { code: 'AMBIGUOUS_NUMBER' } : number,
    },
    {
      label: 'Excel number, national digits',
      cell: numberCell(Number(isNanp ? nsn : nationalDigits)),
      country: base.region,
      defaultCountry: 'US',
      expected: base.numericNational === 'ambiguous' ? { code: 'AMBIGUOUS_NUMBER' } : number,
    },
  ];
  return cases.map((c) => ({ ...c, label: `${base.region} ${base.national} — ${c.label}` }));
}

const US_FLOWERS = { e164: '+18003569377', country: 'US', type: 'toll_free', notes: ['VANITY_CONVERTED'] } as const;
const US_0132 = { e164: '+14155550132', country: 'US', type: 'local' } as const;
const GB_0018 = { e164: '+442079460018', country: 'GB', type: 'local' } as const;
const GB_MOBILE = { e164: '+447400123456', country: 'GB', type: 'mobile' } as const;
const EXT = ['EXTENSION_STRIPPED'] as const;

function text(label: string, input: string, expected: Expected, country?: string, defaultCountry = 'US'): CorpusCase {
  return { label, cell: textCell(input), country, defaultCountry, expected };
}

function num(label: string, value: number, expected: Expected, country?: string, shown?: string): CorpusCase {
  return { label, cell: numberCell(value, shown), country, defaultCountry: 'US', expected };
}

// prettier-ignore
const SPECIAL_CASES: readonly CorpusCase[] = [
  // North American formatting seen in US sheets.
  text('US +1 with parentheses', '+1 (415) 555-0132', US_0132),
  text('US 1- prefix', '1-415-555-0132', US_0132),
  text('US 1 and parentheses', '1 (415) 555-0132', US_0132),
  text('US 11 digits', '14155550132', US_0132),
  text('US +1 dotted', '+1.415.555.0132', US_0132),
  text('US slashes', '415/555-0132', US_0132),
  text('US brackets', '[415] 555 0132', US_0132),
  text('US surrounding spaces', '   415 555 0132   ', US_0132),
  text('US NBSP separators', '415\u00a0555\u00a00132', US_0132),
  text('US narrow NBSP and en dash', '415\u202f555\u20130132', US_0132),
  text('US full-width digits', '（４１５）５５５－０１３２', US_0132),
  text('US full-width plus', '＋１ ４１５ ５５５ ０１３２', US_0132),
  text('US tab and newline (multi-line cell)', '415 555\t0132\n', US_0132),
  text('US quoted with apostrophe (Excel text prefix)', "'4155550132", US_0132),
  text('US ="…" CSV trick', '="4155550132"', US_0132),
  text('US label "Phone:"', 'Phone: (415) 555-0132', US_0132),
  text('US label "Tel."', 'Tel. 415.555.0132', US_0132),
  text('US label "Mobile -"', 'Mobile - 415 555 0132', US_0132),
  text('US trailing label in parentheses', '415-555-0132 (main)', US_0132),
  text('US trailing word', '415-555-0132 office', US_0132),
  text('US RFC 3966 URI', 'tel:+1-415-555-0132', US_0132),
  text('US 2079460018 is Maine, not London, on a US row', '207 946 0018', { e164: '+12079460018', country: 'US', type: 'local' }),
  text('CA number on a US row keeps its own country', '416 555 0123', { e164: '+14165550123', country: 'CA', type: 'local' }),
  text('CA with 1- prefix on CA row', '1-416-555-0123', { e164: '+14165550123', country: 'CA', type: 'local' }, 'CA'),
  text('+1 CA number on a GB row', '+1 416 555 0123', { e164: '+14165550123', country: 'CA', type: 'local' }, 'GB'),
  // Extensions.
  text('ext x', '415 555 0132 x12', { ...US_0132, notes: EXT }),
  text('ext x glued', '415.555.0132x7', { ...US_0132, notes: EXT }),
  text('ext X upper', '(415) 555-0132 X 301', { ...US_0132, notes: EXT }),
  text('ext "ext"', '415-555-0132 ext 4', { ...US_0132, notes: EXT }),
  text('ext "ext."', '415-555-0132 ext. 4', { ...US_0132, notes: EXT }),
  text('ext "Ext:"', '415-555-0132 Ext: 4410', { ...US_0132, notes: EXT }),
  text('ext "extn"', '415-555-0132 extn 88', { ...US_0132, notes: EXT }),
  text('ext "extension"', '415-555-0132 extension 12', { ...US_0132, notes: EXT }),
  text('ext "Extension" capitalised', '+1 415 555 0132 Extension 1234', { ...US_0132, notes: EXT }),
  text('ext #', '415-555-0132 #123', { ...US_0132, notes: EXT }),
  text('ext # glued', '415-555-0132#123', { ...US_0132, notes: EXT }),
  text('ext dial pauses', '415-555-0132,,45', { ...US_0132, notes: EXT }),
  text('ext RFC 3966', 'tel:+1-415-555-0132;ext=123', { ...US_0132, notes: EXT }),
  text('ext on UK number', '020 7946 0018 ext 2204', { ...GB_0018, notes: EXT }, 'GB'),
  text('ext on international UK number', '+44 20 7946 0018 x2204', { ...GB_0018, notes: EXT }),
  text('a second number after a comma is not an extension', '+44 20 7946 0018, 0113 496 0123', { code: 'TOO_LONG' }),
  text('two numbers with slash', '+1 415 555 0132 / +1 415 555 0133', { code: 'NOT_A_NUMBER' }),
  // Vanity numbers (keypad: ABC2 DEF3 GHI4 JKL5 MNO6 PQRS7 TUV8 WXYZ9).
  text('vanity 1-800-FLOWERS', '1-800-FLOWERS', US_FLOWERS),
  text('vanity lower case', '1-800-flowers', US_FLOWERS),
  text('vanity spaced', '1 800 FLOWERS', US_FLOWERS),
  text('vanity without 1', '800-FLOWERS', US_FLOWERS),
  text('vanity with +1', '+1 800 FLOWERS', US_FLOWERS),
  text('vanity with parentheses', '(800) FLOWERS', US_FLOWERS),
  text('vanity with extension', '1-800-FLOWERS x12', { ...US_FLOWERS, notes: ['EXTENSION_STRIPPED', 'VANITY_CONVERTED'] }),
  text('vanity GO-FEDEX (4633339)', '1-800-GO-FEDEX', { e164: '+18004633339', country: 'US', type: 'toll_free', notes: ['VANITY_CONVERTED'] }),
  text('vanity NEW-CARS (6392277)', '1-888-NEW-CARS', { e164: '+18886392277', country: 'US', type: 'toll_free', notes: ['VANITY_CONVERTED'] }),
  text('vanity with an X is not an extension (TAXICAB 8294222)', '1-800-TAXICAB', { e164: '+18008294222', country: 'US', type: 'toll_free', notes: ['VANITY_CONVERTED'] }),
  text('vanity mixed digits and letters (555-CALL)', '(415) 555-CALL', { e164: '+14155552255', country: 'US', type: 'local', notes: ['VANITY_CONVERTED'] }),
  text('vanity with 8 letters dials too many digits', '1-800-CONTACTS', { code: 'TOO_LONG' }),
  text('vanity too short', '1-800-GO', { code: 'TOO_SHORT' }),
  // A short trailing word where lengths are open (Berlin subscribers have 5–8 digits): label or vanity? Flagged.
  text('trailing letters readable both ways', '030 901820 AB', { code: 'AMBIGUOUS_NUMBER' }, 'DE'),
  text('trailing word with a non-keypad letter is a label', '030 901820 Büro', { e164: '+4930901820', country: 'DE', type: 'local' }, 'DE'),
  text('trailing letters too many for a vanity mobile', '0171 1234567 ABC', { e164: '+491711234567', country: 'DE', type: 'mobile' }, 'DE'),
  // Words, empty cells, spreadsheet problems.
  text('word only', 'FLOWERS', { code: 'NOT_A_NUMBER' }),
  text('n/a', 'n/a', { code: 'NOT_A_NUMBER' }),
  text('none', 'none', { code: 'NOT_A_NUMBER' }),
  text('TBD', 'TBD', { code: 'NOT_A_NUMBER' }),
  text('sentence', 'call the office', { code: 'NOT_A_NUMBER' }),
  text('dash placeholder', '-', { code: 'NOT_A_NUMBER' }),
  text('question mark', '?', { code: 'NOT_A_NUMBER' }),
  text('#N/A typed as text in a CSV', '#N/A', { code: 'NOT_A_NUMBER' }),
  text('e-mail address', 'info@example.com', { code: 'NOT_A_NUMBER' }),
  text('words between digits', '415 555 0132 oder 0133 ü', { code: 'NOT_A_NUMBER' }),
  text('plus in the middle', '415+555+0132', { code: 'NOT_A_NUMBER' }),
  text('empty', '', { code: 'EMPTY_NUMBER' }),
  text('spaces only', '    ', { code: 'EMPTY_NUMBER' }),
  text('NBSP only', '\u00a0', { code: 'EMPTY_NUMBER' }),
  { label: 'formula without cached result', cell: { text: '', problem: 'formula_without_result' }, country: undefined, defaultCountry: 'US', expected: { code: 'FORMULA_WITHOUT_RESULT' } },
  { label: 'error value #N/A', cell: { text: '#N/A', problem: 'error_value' }, country: undefined, defaultCountry: 'US', expected: { code: 'CELL_ERROR' } },
  { label: 'error value #REF!', cell: { text: '#REF!', problem: 'error_value' }, country: 'GB', defaultCountry: 'US', expected: { code: 'CELL_ERROR' } },
  // CSV text damaged by Excel: scientific notation lost digits; a zero fraction did not.
  text('scientific 4.41632E+11', '4.41632E+11', { code: 'AMBIGUOUS_NUMBER' }, 'GB'),
  text('scientific 1.4E10', '1.4E10', { code: 'AMBIGUOUS_NUMBER' }),
  text('scientific lower case', '1.23457e+11', { code: 'AMBIGUOUS_NUMBER' }),
  text('scientific with decimal comma', '4,41632E+11', { code: 'AMBIGUOUS_NUMBER' }, 'GB'),
  text('scientific with all digits is still not guessed', '1.4155550132E10', { code: 'AMBIGUOUS_NUMBER' }),
  text('scientific negative exponent', '4.4E-02', { code: 'AMBIGUOUS_NUMBER' }),
  text('zero fraction .0', '14155550132.0', US_0132),
  text('zero fraction .00', '4155550132.00', US_0132),
  text('zero fraction with decimal comma', '14155550132,0', US_0132),
  text('zero fraction UK with + lost', '447400123456.0', GB_MOBILE, 'GB'),
  text('non-zero fraction', '4155550132.5', { code: 'NOT_A_NUMBER' }),
  text('non-zero fraction of two digits', '4155550132.25', { code: 'NOT_A_NUMBER' }),
  // XLSX number cells (value exact unless the format is scientific).
  num('number 14155550132', 14155550132, US_0132),
  num('number 4155550132', 4155550132, US_0132),
  num('number with 1, CA row', 14165550123, { e164: '+14165550123', country: 'CA', type: 'local' }, 'CA'),
  num('number, UK mobile with + lost', 447400123456, GB_MOBILE, 'GB'),
  num('number, UK mobile with 0 lost', 7400123456, GB_MOBILE, 'GB'),
  num('number, London with 0 lost', 2079460018, GB_0018, 'GB'),
  num('number, London with + lost', 442079460018, GB_0018, 'GB'),
  num('number, Rome with significant 0 lost', 648812345, { e164: '+390648812345', country: 'IT', type: 'local' }, 'IT'),
  num('number, Italian mobile: could be a Como landline that lost its 0', 3123456789, { code: 'AMBIGUOUS_NUMBER' }, 'IT'),
  num('number shown with "+"0 format keeps its plus', 447400123456, GB_MOBILE, 'US', '+447400123456'),
  num('number shown as 4.16E+11 but stored exactly (General format)', 14155550132, US_0132, 'US', '1.42E+10'),
  { label: 'number in scientific format', cell: numberCell(441632000000, '4.41632E+11', true), country: 'GB', defaultCountry: 'US', expected: { code: 'AMBIGUOUS_NUMBER' } },
  { label: 'number in scientific format with exact-looking value', cell: numberCell(14155550132, '1.42E+10', true), country: undefined, defaultCountry: 'US', expected: { code: 'AMBIGUOUS_NUMBER' } },
  num('number with a fraction', 4155550132.5, { code: 'NOT_A_NUMBER' }),
  num('number zero', 0, { code: 'NOT_A_NUMBER' }),
  num('negative number', -4155550132, { code: 'NOT_A_NUMBER' }),
  num('16-digit number (Excel keeps 15 digits)', 1234567890123456, { code: 'AMBIGUOUS_NUMBER' }),
  num('number too short', 5550132, { code: 'TOO_SHORT' }),
  num('number too long', 41555501329, { code: 'TOO_LONG' }),
  num('number, US number on a GB row (GB numbers have at most 10 digits)', 14155550132, { code: 'TOO_LONG' }, 'GB'),
  // Length and validity.
  text('too short 555-01', '555-01', { code: 'TOO_SHORT' }),
  text('too short 9 digits', '415 555 013', { code: 'TOO_SHORT' }),
  text('too short two digits', '12', { code: 'TOO_SHORT' }),
  text('too short international', '+1 415 555 01', { code: 'TOO_SHORT' }),
  text('too short UK', '+44 20 7946', { code: 'TOO_SHORT' }),
  text('too long 11 digits not starting with 1', '415 555 01322', { code: 'TOO_LONG' }),
  text('too long international', '+44 20 7946 00181 2', { code: 'TOO_LONG' }),
  text('too long digits run', '4155550132415555013', { code: 'TOO_LONG' }),
  text('UK number on a US row', '020 7946 0018', { code: 'TOO_LONG' }),
  text('US number on a UK row', '415 555 0132', { code: 'INVALID_NUMBER' }, 'GB'),
  text('NANP area code 023 does not exist', '(023) 456-7890', { code: 'INVALID_NUMBER' }),
  text('NANP area code 200 is not assigned', '+1 200 555 0100', { code: 'INVALID_NUMBER' }),
  text('NANP exchange cannot start with 1', '+1 415 155 0132', { code: 'INVALID_NUMBER' }),
  text('UK 8-digit London number', '020 7946 00', { code: 'INVALID_NUMBER' }, 'GB'),
  text('Ofcom drama mobile range 07700 900xxx is never assigned', '07700 900123', { code: 'INVALID_NUMBER' }, 'GB'),
  text('calling code +999 does not exist', '+999 1234 5678', { code: 'INVALID_NUMBER' }),
  text('+800 international freephone belongs to no country', '+800 1234 5678', { code: 'INVALID_NUMBER' }),
  text('Spain has no trunk 0: ten digits are too many', '0912 345 678', { code: 'TOO_LONG' }, 'ES'),
  // Mexico dropped the 1 (mobile) and 01/044 prefixes in 2019: old writings are flagged, not rewritten.
  text('MX obsolete +52 1 mobile prefix', '+52 1 55 1234 5678', { code: 'TOO_LONG' }),
  text('MX obsolete 044 prefix', '044 55 1234 5678', { code: 'TOO_LONG' }, 'MX'),
  // International prefixes of other countries.
  text('00 from a US row (not its prefix, still international)', '0044 20 7946 0018', GB_0018),
  text('011 from a UK row', '011 44 20 7946 0018', GB_0018, 'GB'),
  text('0011 from an Australian row', '0011 44 20 7946 0018', GB_0018, 'AU'),
  text('010 from a Japanese row', '010 44 20 7946 0018', GB_0018, 'JP'),
  text('+44 (0) trunk in parentheses', '+44 (0)20 7946 0018', GB_0018),
  text('+44 (0) mobile', '+44 (0) 7400 123456', GB_MOBILE),
  text('+33 (0) France', '+33 (0)1 23 45 67 89', { e164: '+33123456789', country: 'FR', type: 'local' }),
  text('+49 (0) Germany', '+49 (0)30 901820', { e164: '+4930901820', country: 'DE', type: 'local' }),
  text('UK mobile without 0 on a GB row', '7400 123456', GB_MOBILE, 'GB'),
  text('UK with 44 but no + on a GB row', '44 7400 123456', GB_MOBILE, 'GB'),
  // Country column spellings.
  text('country "gb"', '020 7946 0018', GB_0018, 'gb'),
  text('country "Gb"', '020 7946 0018', GB_0018, 'Gb'),
  text('country "UK"', '020 7946 0018', GB_0018, 'UK'),
  text('country "uk"', '020 7946 0018', GB_0018, 'uk'),
  text('country "United Kingdom"', '020 7946 0018', GB_0018, 'United Kingdom'),
  text('country "Great Britain"', '020 7946 0018', GB_0018, 'Great Britain'),
  text('country "England"', '020 7946 0018', GB_0018, 'England'),
  text('country "GBR"', '020 7946 0018', GB_0018, 'GBR'),
  text('country " GB " with spaces', '020 7946 0018', GB_0018, ' GB '),
  text('country "USA"', '415 555 0132', US_0132, 'USA'),
  text('country "U.S."', '415 555 0132', US_0132, 'U.S.'),
  text('country "u.s.a."', '415 555 0132', US_0132, 'u.s.a.'),
  text('country "United States"', '415 555 0132', US_0132, 'United States'),
  text('country "United States of America"', '415 555 0132', US_0132, 'United States of America'),
  text('country "Canada"', '613 555 0110', { e164: '+16135550110', country: 'CA', type: 'local' }, 'Canada'),
  text('country "Germany"', '030 901820', { e164: '+4930901820', country: 'DE', type: 'local' }, 'Germany'),
  text('country "Deutschland"', '030 901820', { e164: '+4930901820', country: 'DE', type: 'local' }, 'Deutschland'),
  text('country "france"', '01 23 45 67 89', { e164: '+33123456789', country: 'FR', type: 'local' }, 'france'),
  text('country "México" with accent', '55 1234 5678', { e164: '+525512345678', country: 'MX', type: 'local' }, 'México'),
  text('country "España"', '912 345 678', { e164: '+34912345678', country: 'ES', type: 'local' }, 'España'),
  text('country "Australia"', '(02) 9876 5432', { e164: '+61298765432', country: 'AU', type: 'local' }, 'Australia'),
  text('country "Ireland"', '01 234 5678', { e164: '+35312345678', country: 'IE', type: 'local' }, 'Ireland'),
  text('country "Netherlands"', '020 123 4567', { e164: '+31201234567', country: 'NL', type: 'local' }, 'Netherlands'),
  text('country "Holland"', '020 123 4567', { e164: '+31201234567', country: 'NL', type: 'local' }, 'Holland'),
  text('country "Switzerland"', '044 668 18 00', { e164: '+41446681800', country: 'CH', type: 'local' }, 'Switzerland'),
  text('country "Japan"', '03-1234-5678', { e164: '+81312345678', country: 'JP', type: 'local' }, 'Japan'),
  text('blank country cell falls back to the default', '020 7946 0018', GB_0018, '  ', 'GB'),
  text('lower-case default country', '020 7946 0018', GB_0018, undefined, 'gb'),
  text('unknown country "Narnia"', '415 555 0132', { code: 'INVALID_COUNTRY' }, 'Narnia'),
  text('unknown country code "XX"', '415 555 0132', { code: 'INVALID_COUNTRY' }, 'XX'),
  text('"EU" is not a country', '415 555 0132', { code: 'INVALID_COUNTRY' }, 'EU'),
  text('calling code in the country column', '415 555 0132', { code: 'INVALID_COUNTRY' }, '+1'),
  text('unknown country even with +number (the row is wrong somewhere)', '+44 20 7946 0018', { code: 'INVALID_COUNTRY' }, 'Narnia'),
  text('unknown default country', '415 555 0132', { code: 'INVALID_COUNTRY' }, undefined, 'ZZ'),
  text('empty number wins over a bad country', '', { code: 'EMPTY_NUMBER' }, 'Narnia'),
];

export const CORPUS: readonly CorpusCase[] = [...BASE_NUMBERS.flatMap(formatsOf), ...SPECIAL_CASES];
