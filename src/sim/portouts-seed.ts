import { DAY_MS, HOUR_MS, MINUTE_MS } from './clock.js';
import { seededPick, seededTag, seededUnit } from './seeded-hash.js';

/**
 * The simulator's port-out requests, generated from a seed: the same seed and start time always give
 * the same requests, so a failing test can be replayed. Pure: no clock, no I/O.
 */

export const PORTOUT_STATUSES = ['pending', 'authorized', 'ported', 'rejected', 'rejected-pending', 'canceled'] as const;
export type PortoutStatus = (typeof PORTOUT_STATUSES)[number];

export interface PortoutRejectionCode {
  readonly code: number;
  readonly description: string;
  readonly reasonRequired: boolean;
}

/**
 * Telnyx publishes no catalogue of port-out rejection codes; only `1002 Invalid PIN` appears in its
 * examples and `1001` ("Other", needs a reason) in the port-out guide. The rest are the usual
 * reasons a losing carrier rejects a port (LSR field mismatches), numbered in the same range.
 */
export const REJECTION_CODES: readonly PortoutRejectionCode[] = [
  { code: 1001, description: 'Other', reasonRequired: true },
  { code: 1002, description: 'Invalid PIN', reasonRequired: false },
  { code: 1003, description: 'Account number mismatch', reasonRequired: false },
  { code: 1004, description: 'Authorized name mismatch', reasonRequired: false },
  { code: 1005, description: 'Service address mismatch', reasonRequired: false },
  { code: 1006, description: 'Phone number not on the account', reasonRequired: false },
  { code: 1007, description: 'Partial port not allowed for a hunt group', reasonRequired: true },
  { code: 1008, description: 'End user did not authorize the port', reasonRequired: true },
  { code: 1009, description: 'Pending order on the phone number', reasonRequired: false },
];

export interface SeedComment {
  readonly id: string;
  readonly body: string;
  readonly createdAtMs: number;
  readonly userId: string;
}

export interface SeedSupportingDocument {
  readonly id: string;
  readonly documentId: string;
  readonly type: 'loa' | 'invoice';
  readonly createdAtMs: number;
}

/** One port-out as the store keeps it; timestamps in epoch ms. */
export interface SeedPortout {
  readonly id: string;
  readonly supportKey: string;
  readonly status: PortoutStatus;
  readonly phoneNumbers: readonly string[];
  readonly countryCode: string;
  readonly carrierName: string;
  readonly spid: string;
  readonly pon: string;
  readonly endUserName: string;
  readonly authorizedName: string;
  readonly serviceAddress: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly userId: string;
  readonly vendor: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly requestedFocMs: number;
  readonly focMs: number;
  /** Telnyx authorizes a request nobody answered 24–48 h after it arrived; the hours are per request. */
  readonly autoAuthorizeAfterHours: number;
  readonly reason: string | null;
  readonly rejectionCode: number | undefined;
  readonly hostMessaging: boolean;
  readonly portedOutAtMs: number | undefined;
  readonly eligibleCodes: readonly number[];
  readonly comments: readonly SeedComment[];
  readonly documents: readonly SeedSupportingDocument[];
}

export interface PortoutSeedOptions {
  readonly seed: string | number;
  readonly count: number;
  /** The simulated clock when the simulator starts; creation times lie before it. */
  readonly startMs: number;
}


/** The account that owns the numbers (one Telnyx user per simulator). */
export const ACCOUNT_USER_ID = '5f1b7c2e-3a4d-4e8f-9b0a-1c2d3e4f5a6b';
const TELNYX_USER_ID = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const VENDORS = ['0e66ed3b-37e6-4fed-93d6-a30ce2493661', '6a4b2c8d-1e3f-4a5b-9c7d-2e4f6a8b0c1d'];

interface Market {
  readonly country: string;
  readonly weight: number;
  readonly prefixes: readonly string[];
  /** Digits after the prefix. */
  readonly subscriberDigits: number;
  readonly carriers: ReadonlyArray<{ readonly name: string; readonly spid: string }>;
  readonly places: ReadonlyArray<{ readonly city: string; readonly state: string; readonly zip: string }>;
}

const MARKETS: readonly Market[] = [
  {
    country: 'US',
    weight: 0.8,
    prefixes: ['+1303', '+1312', '+1415', '+1512', '+1646', '+1718', '+1919'],
    subscriberDigits: 7,
    carriers: [
      { name: 'AT&T Mobility', spid: '6214' },
      { name: 'Verizon Wireless', spid: '6006' },
      { name: 'T-Mobile USA', spid: '6529' },
      { name: 'Bandwidth.com CLEC', spid: '981E' },
      { name: 'Lumen Technologies', spid: '8825' },
    ],
    places: [
      { city: 'Denver', state: 'CO', zip: '80202' },
      { city: 'Chicago', state: 'IL', zip: '60601' },
      { city: 'San Francisco', state: 'CA', zip: '94105' },
      { city: 'Austin', state: 'TX', zip: '78701' },
      { city: 'New York', state: 'NY', zip: '10013' },
      { city: 'Raleigh', state: 'NC', zip: '27601' },
    ],
  },
  {
    country: 'CA',
    weight: 0.08,
    prefixes: ['+1416', '+1604', '+1514'],
    subscriberDigits: 7,
    carriers: [
      { name: 'Rogers Communications', spid: '8821' },
      { name: 'Bell Canada', spid: '5020' },
    ],
    places: [
      { city: 'Toronto', state: 'ON', zip: 'M5H 2N2' },
      { city: 'Vancouver', state: 'BC', zip: 'V6B 1A1' },
    ],
  },
  {
    country: 'GB',
    weight: 0.06,
    prefixes: ['+44207', '+44161'],
    subscriberDigits: 7,
    carriers: [
      { name: 'BT', spid: 'BTUK' },
      { name: 'Vodafone UK', spid: 'VFUK' },
    ],
    places: [
      { city: 'London', state: 'Greater London', zip: 'EC1A 1BB' },
      { city: 'Manchester', state: 'Greater Manchester', zip: 'M1 1AE' },
    ],
  },
  {
    country: 'IE',
    weight: 0.06,
    prefixes: ['+3531'],
    subscriberDigits: 7,
    carriers: [
      { name: 'eir', spid: 'EIRC' },
      { name: 'Three Ireland', spid: 'H3GI' },
    ],
    places: [{ city: 'Dublin', state: 'Dublin', zip: 'D02 X285' }],
  },
];

const END_USERS = [
  'Acme Logistics LLC',
  'Blue Harbor Dental',
  'Cedar & Pine Realty',
  'Delta Freight Inc.',
  'Evergreen Clinics',
  'Foxglove Studio',
  'Granite Peak Insurance',
  'Harbor Point Marina',
  'Ironwood Legal Group',
  'Juniper Hospitality',
];
const PEOPLE = ['Dana Whitfield', 'Morgan Lee', 'Priya Raman', 'Tomás Ortega', 'Alex Chen', 'Sam Okafor', 'Riley Novak'];
const STREETS = ['Market St', 'Main Street', 'Oak Avenue', 'Harbor Road', 'King Street West', 'Elm Court'];
const COMMENT_BODIES = [
  'Customer confirmed they requested this port.',
  'Gaining carrier asked for an expedite.',
  'Please verify the account PIN with the end user.',
  'LSR received from the new carrier.',
];

/** Status mix of the seeded requests: mostly waiting for a decision. */
const STATUS_WEIGHTS: ReadonlyArray<readonly [PortoutStatus, number]> = [
  ['pending', 0.7],
  ['authorized', 0.08],
  ['ported', 0.08],
  ['rejected', 0.06],
  ['rejected-pending', 0.04],
  ['canceled', 0.04],
];

export function seedPortouts(options: PortoutSeedOptions): SeedPortout[] {
  return Array.from({ length: options.count }, (_, index) => seedPortout(options, index));
}

function seedPortout(options: PortoutSeedOptions, index: number): SeedPortout {
  const pick = seededPicker(`${options.seed}:portout:${index}`);
  const market = pickWeighted(MARKETS.map((m) => [m, m.weight] as const), pick.unit('market'));
  const carrier = pick.item('carrier', market.carriers);
  const place = pick.item('place', market.places);
  const status = pickWeighted(STATUS_WEIGHTS, pick.unit('status'));

  const prefix = pick.item('prefix', market.prefixes);
  const first = 2_000_000 + pick.int('number', 0, 7_990_000);
  const numberCount = 1 + pick.int('count', 0, 4);
  const phoneNumbers = Array.from({ length: numberCount }, (_, i) =>
    `${prefix}${String(first + i).padStart(market.subscriberDigits, '0')}`,
  );

  const autoAuthorizeAfterHours = 24 + pick.int('deadline', 0, 24);
  const ageMs = ageAtStartMs(status, pick);
  // Times count from the start's whole minute, so two simulators started together agree to the millisecond.
  const baseMs = Math.floor(options.startMs / MINUTE_MS) * MINUTE_MS;
  const createdAtMs = floorToSecond(baseMs - ageMs);
  const requestedFocMs = startOfUtcDay(createdAtMs) + DAY_MS * (4 + pick.int('foc', 0, 10)) + 16 * HOUR_MS;
  const focMs = pick.unit('foc-moved') < 0.2 ? requestedFocMs + DAY_MS : requestedFocMs;
  const eligibleCodes = eligibleCodesFor(pick);
  const rejectionCode =
    status === 'rejected' || status === 'rejected-pending' ? pick.item('rejection', eligibleCodes.filter((c) => c !== 1001)) : undefined;
  const settledAtMs = Math.min(createdAtMs + HOUR_MS * pick.int('settled', 2, 20), baseMs);

  const id = pick.uuid('id');
  const comments = Array.from({ length: pick.int('comments', 0, 3) }, (_, i) => ({
    id: pick.uuid(`comment-${i}`),
    body: pick.item(`comment-body-${i}`, COMMENT_BODIES),
    createdAtMs: createdAtMs + HOUR_MS * (i + 1) / 2,
    userId: i % 2 === 0 ? TELNYX_USER_ID : ACCOUNT_USER_ID,
  }));
  const documents = Array.from({ length: pick.int('documents', 0, 2) }, (_, i) => ({
    id: pick.uuid(`document-${i}`),
    documentId: pick.uuid(`document-file-${i}`),
    type: i === 0 ? ('loa' as const) : ('invoice' as const),
    createdAtMs: createdAtMs + 60_000 * (i + 1),
  }));

  return {
    id,
    supportKey: `PO_${String(100_000 + pick.int('support', 0, 899_999))}`,
    status,
    phoneNumbers,
    countryCode: market.country,
    carrierName: carrier.name,
    spid: carrier.spid,
    pon: `${carrier.spid}${String(pick.int('pon', 0, 99_999_999)).padStart(8, '0')}`,
    endUserName: pick.item('end-user', END_USERS),
    authorizedName: pick.item('person', PEOPLE),
    serviceAddress: `${1 + pick.int('street-no', 0, 998)} ${pick.item('street', STREETS)}`,
    city: place.city,
    state: place.state,
    zip: place.zip,
    userId: ACCOUNT_USER_ID,
    vendor: pick.item('vendor', VENDORS),
    createdAtMs,
    updatedAtMs: status === 'pending' ? createdAtMs : status === 'ported' ? focMs : settledAtMs,
    requestedFocMs,
    focMs,
    autoAuthorizeAfterHours,
    reason: rejectionCode === undefined ? null : 'Details on the request do not match the account',
    rejectionCode,
    hostMessaging: false,
    portedOutAtMs: status === 'ported' ? focMs : undefined,
    eligibleCodes,
    comments,
    documents,
  };
}

/**
 * A pending request arrived less than 24 h ago, so it is still waiting for an answer when the
 * simulator starts; an authorized one still has its FOC date ahead; a ported one has it behind.
 */
function ageAtStartMs(status: PortoutStatus, pick: SeededPicker): number {
  const minutes = pick.int('age-min', 0, 59) * 60_000;
  switch (status) {
    case 'pending':
    case 'rejected-pending':
      return HOUR_MS * (1 + pick.int('age', 0, 19)) + minutes;
    case 'authorized':
      return DAY_MS + HOUR_MS * pick.int('age', 0, 40) + minutes;
    case 'ported':
      return DAY_MS * (16 + pick.int('age', 0, 14)) + minutes;
    case 'rejected':
    case 'canceled':
      return DAY_MS * (3 + pick.int('age', 0, 25)) + minutes;
  }
}

/** Every request may be rejected with `1001 Other`; a seeded subset of the specific codes applies on top. */
function eligibleCodesFor(pick: SeededPicker): number[] {
  const specific = REJECTION_CODES.filter((c) => c.code !== 1001 && pick.unit(`code-${c.code}`) < 0.55).map((c) => c.code);
  const codes = specific.length > 0 ? specific : [1002];
  return [1001, ...codes];
}

function pickWeighted<T>(choices: ReadonlyArray<readonly [T, number]>, unit: number): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = unit * total;
  for (const [value, weight] of choices) {
    remaining -= weight;
    if (remaining < 0) return value;
  }
  const last = choices[choices.length - 1];
  if (last === undefined) throw new Error('pickWeighted: no choices');
  return last[0];
}

function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

interface SeededPicker {
  /** A number in [0, 1) determined by the picker's key and `salt`. */
  unit(salt: string): number;
  /** An integer from min to max inclusive. */
  int(salt: string, min: number, max: number): number;
  item<T>(salt: string, items: readonly T[]): T;
  uuid(salt: string): string;
}

/**
 * Each value hashes (seed, request, salt) on its own rather than drawing from one stream, so adding a
 * field later does not shift every other value of every request.
 */
function seededPicker(key: string): SeededPicker {
  const unit = (salt: string): number => seededUnit(key, salt);
  return {
    unit,
    int: (salt, min, max) => min + Math.floor(unit(salt) * (max - min + 1)),
    item: (salt, items) => seededPick(items, key, salt),
    uuid: (salt) => {
      const hex = [0, 1, 2, 3].map((i) => seededTag(8, key, salt, i)).join('');
      // Version 4 and RFC 4122 variant bits, so the ids look like the UUIDs Telnyx hands out.
      const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}
