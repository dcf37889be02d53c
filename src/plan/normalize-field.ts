import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Comparison forms for end-user and order fields. Two cells that differ only in case, spacing or
 * punctuation ("ACME, Inc." / "Acme Inc") describe the same end user, so grouping and conflict
 * detection compare these forms; the order itself is sent the value as the sheet wrote it.
 */
export function normalizeText(value: string | undefined): string {
  if (value === undefined) return '';
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Account numbers and PINs: "123-456 7" and "1234567" are one account; letters compare without case. */
export function normalizeIdentifier(value: string | undefined): string {
  return normalizeText(value).replace(/ /g, '');
}

/**
 * A billing number in E.164 so "(415) 555-0100" and "+1 415 555 0100" compare equal. Returns
 * undefined for text that is not a valid number in `country` (the caller reports it).
 */
export function normalizeBillingNumber(value: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value, { defaultCountry: country as CountryCode, extract: false });
  if (parsed === undefined || !parsed.isPossible()) return undefined;
  return parsed.number;
}
