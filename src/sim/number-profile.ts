import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import {
  CANADA_CARRIERS,
  genericCarrier,
  INTERNATIONAL_CARRIERS,
  TELNYX_CARRIER,
  US_LANDLINE_CARRIERS,
  US_MOBILE_CARRIERS,
  US_TOLL_FREE_CARRIERS,
  type Carrier,
} from './carriers.js';
import { seededPick, seededUnit } from './seeded-hash.js';

/** `phone_number_type` of porting orders and porting phone numbers. */
export type PortingNumberType = 'landline' | 'local' | 'mobile' | 'national' | 'shared_cost' | 'toll_free';

/** What the simulated network knows about one number; the same seed always gives the same facts. */
export interface NumberProfile {
  readonly e164: string;
  /** ISO 3166-1 alpha-2. */
  readonly countryCode: string;
  readonly nationalFormat: string;
  readonly phoneNumberType: PortingNumberType;
  /** The losing carrier (current SPID holder). */
  readonly carrier: Carrier;
  /** Whether the number was ported before (its SPID differs from the block owner). */
  readonly isPorted: boolean;
  readonly isTelnyxOwned: boolean;
  readonly portable: boolean;
  readonly fastPortable: boolean;
  /** `""` when portable. */
  readonly notPortableReason: string;
}

/** Shares chosen to look like a real campaign (see the simulator notes). */
const NUMBER_SHARES = {
  /** Thousand-blocks owned by Telnyx: their numbers are already here, so not portable. */
  telnyxBlock: 0.02,
  /** Numbers individually ported to Telnyx earlier. */
  telnyxPorted: 0.01,
  /** US thousand-blocks held by a wireless carrier. */
  usMobileBlock: 0.15,
  /** Numbers ported away from their block's carrier. */
  ported: 0.1,
  /** Numbers not portable for a carrier-side reason. */
  notPortable: 0.05,
  /** Portable US local numbers that are FastPort eligible. */
  fastPortable: 0.3,
} as const;

export const NOT_PORTABLE_REASONS = [
  'No coverage',
  'Rate center is not portable',
  'Number is not active with the current carrier',
  'Number has a pending port with another carrier',
] as const;

export const TELNYX_OWNED_REASON = 'Number is already on the Telnyx network';

const E164 = /^\+[1-9]\d{6,14}$/;
const US_TOLL_FREE_NPAS = new Set(['800', '833', '844', '855', '866', '877', '888']);

/**
 * Looks a number up; undefined when it is not a valid +E.164 number. Carriers are chosen per
 * thousand-block (numbers of one block share a carrier, as in the real network) and then a share
 * of single numbers is ported elsewhere.
 */
export function profileNumber(e164: string, seed: string): NumberProfile | undefined {
  if (!E164.test(e164)) return undefined;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.country || !parsed.isPossible()) return undefined;
  const countryCode = parsed.country;
  const block = e164.slice(0, -3);
  const isNanp = e164.startsWith('+1');
  const npa = e164.slice(2, 5);
  // German numbers are assigned and ported as DID blocks: what is decided per number elsewhere
  // (ported away, Telnyx-owned, not portable) is decided per thousand-block there (DIFFERENCES.md).
  const unit = countryCode === 'DE' ? block : e164;

  let phoneNumberType: PortingNumberType;
  let carrier: Carrier;
  let isTelnyxOwned = false;
  if (seededUnit(seed, 'telnyx-block', block) < NUMBER_SHARES.telnyxBlock || seededUnit(seed, 'telnyx-ported', unit) < NUMBER_SHARES.telnyxPorted) {
    isTelnyxOwned = true;
    carrier = TELNYX_CARRIER;
    phoneNumberType = isNanp && US_TOLL_FREE_NPAS.has(npa) ? 'toll_free' : 'local';
  } else if (isNanp && US_TOLL_FREE_NPAS.has(npa)) {
    phoneNumberType = 'toll_free';
    carrier = seededPick(US_TOLL_FREE_CARRIERS, seed, 'carrier', block);
  } else if (countryCode === 'US' || (isNanp && countryCode !== 'CA')) {
    const isMobile = seededUnit(seed, 'mobile-block', block) < NUMBER_SHARES.usMobileBlock;
    const pool = isMobile ? US_MOBILE_CARRIERS : US_LANDLINE_CARRIERS;
    phoneNumberType = isMobile ? 'mobile' : 'local';
    carrier = seededPick(pool, seed, 'carrier', block);
  } else if (countryCode === 'CA') {
    carrier = seededPick(CANADA_CARRIERS, seed, 'carrier', block);
    phoneNumberType = carrier.lineType === 'mobile' ? 'mobile' : 'local';
  } else {
    phoneNumberType = typeFromLibphonenumber(parsed.getType());
    const lineType: Carrier['lineType'] = phoneNumberType === 'mobile' ? 'mobile' : phoneNumberType === 'toll_free' ? 'toll free' : 'fixed line';
    const pool = (INTERNATIONAL_CARRIERS[countryCode] ?? []).filter((c) => (lineType === 'mobile') === (c.lineType === 'mobile'));
    carrier = pool.length > 0 ? seededPick(pool, seed, 'carrier', block) : genericCarrier(countryCode, lineType);
  }

  let isPorted = isTelnyxOwned;
  if (!isTelnyxOwned && seededUnit(seed, 'ported', unit) < NUMBER_SHARES.ported) {
    const pool = portedPool(carrier, countryCode);
    const target = seededPick(pool, seed, 'ported-to', unit);
    if (target.spid !== carrier.spid) {
      carrier = target;
      isPorted = true;
    }
  }

  let notPortableReason = '';
  if (isTelnyxOwned) notPortableReason = TELNYX_OWNED_REASON;
  else if (seededUnit(seed, 'not-portable', unit) < NUMBER_SHARES.notPortable) notPortableReason = seededPick(NOT_PORTABLE_REASONS, seed, 'reason', unit);
  const portable = notPortableReason === '';
  const fastPortable = portable && countryCode === 'US' && phoneNumberType === 'local' && seededUnit(seed, 'fast-port', e164) < NUMBER_SHARES.fastPortable;

  return {
    e164,
    countryCode,
    nationalFormat: parsed.formatNational(),
    phoneNumberType,
    carrier,
    isPorted,
    isTelnyxOwned,
    portable,
    fastPortable,
    notPortableReason,
  };
}

function portedPool(carrier: Carrier, countryCode: string): readonly Carrier[] {
  if (carrier.lineType === 'toll free') return US_TOLL_FREE_CARRIERS;
  if (countryCode === 'US') return carrier.lineType === 'mobile' ? US_MOBILE_CARRIERS : US_LANDLINE_CARRIERS;
  if (countryCode === 'CA') return CANADA_CARRIERS;
  return INTERNATIONAL_CARRIERS[countryCode] ?? [carrier];
}

function typeFromLibphonenumber(type: NumberType): PortingNumberType {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'TOLL_FREE':
      return 'toll_free';
    case 'SHARED_COST':
      return 'shared_cost';
    case 'UAN':
    case 'PERSONAL_NUMBER':
    case 'VOIP':
      return 'national';
    case 'FIXED_LINE':
      return 'landline';
    default:
      return 'local';
  }
}

/** Profiles with a cache: a campaign asks about the same numbers in checks, orders and lookups. */
export class NumberDirectory {
  readonly #seed: string;
  readonly #cache = new Map<string, NumberProfile | null>();
  static readonly #MAX_CACHED = 500_000;

  constructor(seed: string) {
    this.#seed = seed;
  }

  profile(e164: string): NumberProfile | undefined {
    const cached = this.#cache.get(e164);
    if (cached !== undefined) return cached ?? undefined;
    const profile = profileNumber(e164, this.#seed);
    if (this.#cache.size >= NumberDirectory.#MAX_CACHED) this.#cache.clear();
    this.#cache.set(e164, profile ?? null);
    return profile;
  }
}
