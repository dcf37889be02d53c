import { getCountries, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

export type CountryResolution =
  | { readonly ok: true; readonly country: CountryCode }
  | { readonly ok: false; readonly detail: string };

/**
 * What people write in a country column instead of the ISO code. English names of every
 * region come from ICU (`Intl.DisplayNames`); this table adds the usual abbreviations, native
 * names and ISO alpha-3 codes of the countries porting campaigns meet most.
 */
const COUNTRY_ALIASES: Readonly<Record<string, CountryCode>> = {
  UK: 'GB', GBR: 'GB', 'GREAT BRITAIN': 'GB', BRITAIN: 'GB', ENGLAND: 'GB', SCOTLAND: 'GB', WALES: 'GB',
  'NORTHERN IRELAND': 'GB',
  USA: 'US', 'UNITED STATES OF AMERICA': 'US', AMERICA: 'US',
  CAN: 'CA', DEU: 'DE', DEUTSCHLAND: 'DE', FRA: 'FR', AUS: 'AU', NLD: 'NL', HOLLAND: 'NL', NEDERLAND: 'NL',
  ESP: 'ES', ESPANA: 'ES', ITA: 'IT', ITALIA: 'IT', MEX: 'MX', BRA: 'BR', BRASIL: 'BR', IND: 'IN',
  JPN: 'JP', NIPPON: 'JP', IRL: 'IE', EIRE: 'IE', SWE: 'SE', SVERIGE: 'SE', CHE: 'CH', SCHWEIZ: 'CH',
  SUISSE: 'CH', SVIZZERA: 'CH', AUT: 'AT', OSTERREICH: 'AT', BEL: 'BE', BELGIE: 'BE', BELGIQUE: 'BE',
  NZL: 'NZ', DNK: 'DK', DANMARK: 'DK', NOR: 'NO', NORGE: 'NO', FIN: 'FI', SUOMI: 'FI', POL: 'PL',
  POLSKA: 'PL', PRT: 'PT', SGP: 'SG', HKG: 'HK', ZAF: 'ZA', ISR: 'IL', PRI: 'PR', 'PUERTO RICO': 'PR',
  KOREA: 'KR', 'SOUTH KOREA': 'KR', RUSSIA: 'RU', 'CZECH REPUBLIC': 'CZ',
};

/** Case, accents, dots and extra spaces do not matter: "u.s.a." and "España" are found. */
function countryKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[.'’]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

function buildNameTable(): Map<string, CountryCode> {
  const table = new Map<string, CountryCode>();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of getCountries()) {
    const name = names.of(code);
    if (name !== undefined && name !== code) table.set(countryKey(name), code);
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) table.set(countryKey(alias), code);
  return table;
}

let nameTable: Map<string, CountryCode> | undefined;
/** One answer per distinct cell value: a campaign has a handful of country spellings, a million rows. */
const resolved = new Map<string, CountryResolution>();

function resolveOne(value: string): CountryResolution {
  const key = countryKey(value);
  if (key.length === 2 && isSupportedCountry(key)) return { ok: true, country: key };
  nameTable ??= buildNameTable();
  const code = nameTable.get(key);
  if (code !== undefined) return { ok: true, country: code };
  return {
    ok: false,
    detail: `expected a country as an ISO 3166 alpha-2 code (US, CA, GB…) or its English name, got ${JSON.stringify(value.trim())}`,
  };
}

/**
 * The country a row's national-format numbers belong to: its own `country` cell when not blank,
 * else the run's default. Codes are case-insensitive; common names and abbreviations (UK, USA,
 * "United States") are accepted.
 */
export function resolveCountry(rowCountry: string | undefined, defaultCountry: string): CountryResolution {
  const value = rowCountry === undefined || rowCountry.trim() === '' ? defaultCountry : rowCountry;
  let resolution = resolved.get(value);
  if (resolution === undefined) {
    resolution = resolveOne(value);
    // Bounded: a sheet full of junk country values must not grow the cache without limit.
    if (resolved.size < 10_000) resolved.set(value, resolution);
  }
  return resolution;
}
