import { writeFile } from 'node:fs/promises';
import type { SimulatorHandle } from '../../src/sim/simulator.js';
import type { CampaignDir } from '../submit/campaign-fixture.js';

/** Sheet columns of the range tests (the campaign fixture's plus the issue-15 ones). */
export const RANGE_COLUMNS = [
  'phone_number', 'range_start', 'range_end', 'activation_range', 'extension_range', 'extension_activation_range', 'country',
  'entity_name', 'auth_person_name', 'billing_phone_number', 'account_number', 'street_address', 'locality',
  'administrative_area', 'postal_code', 'loa_file', 'invoice_file',
] as const;

export type RangeRow = Partial<Record<(typeof RANGE_COLUMNS)[number], string>>;

/** A German end user (Berlin): DE orders need no state. */
export const BERLIN: RangeRow = {
  entity_name: 'Beispiel GmbH',
  auth_person_name: 'Erika Mustermann',
  billing_phone_number: '+49 30 901820',
  account_number: 'KD-4711',
  street_address: 'Unter den Linden 1',
  locality: 'Berlin',
  postal_code: '10117',
  loa_file: 'docs/acme-loa.pdf',
  invoice_file: 'docs/acme-invoice.pdf',
};

export const AUSTIN: RangeRow = {
  entity_name: 'Acme Widgets LLC',
  auth_person_name: 'Pat Porter',
  billing_phone_number: '(303) 555-0199',
  account_number: 'ACCT-1001',
  street_address: '600 Congress Avenue',
  locality: 'Austin',
  administrative_area: 'TX',
  postal_code: '78701',
  loa_file: 'docs/acme-loa.pdf',
  invoice_file: 'docs/acme-invoice.pdf',
};

export async function writeRangeSheet(campaign: CampaignDir, rows: readonly RangeRow[]): Promise<void> {
  const quote = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [RANGE_COLUMNS.join(','), ...rows.map((row) => RANGE_COLUMNS.map((column) => quote(row[column] ?? '')).join(','))];
  await writeFile(campaign.sheet, `${lines.join('\n')}\n`);
}

/**
 * The start of a hundred German numbers (`…00` to `…99`) the simulator finds portable, one local type
 * throughout, starting the search at `prefix` (a Berlin number without its last 5 digits).
 */
export function portableGermanHundred(sim: SimulatorHandle, prefix = '+49302449', skip = 0): string {
  let skipped = 0;
  for (let thousand = 100; thousand < 1000; thousand += 1) {
    const base = `${prefix}${String(thousand).padStart(3, '0')}`;
    const profiles = Array.from({ length: 100 }, (_, i) => sim.state.numbers.profile(`${base}${String(i).padStart(2, '0')}`));
    const first = profiles[0];
    if (first === undefined || first.countryCode !== 'DE') continue;
    if (!profiles.every((p) => p !== undefined && p.portable && p.phoneNumberType === first.phoneNumberType)) continue;
    if (skipped++ < skip) continue;
    return `${base}00`;
  }
  throw new Error(`no portable German hundred under ${prefix}`);
}

/** Consecutive US numbers from `prefix`…, all portable local ones of one carrier. */
export function portableUsRun(sim: SimulatorHandle, length: number, prefix = '+1512555'): string {
  for (let start = 100; start < 9000; start += 1) {
    const numbers = Array.from({ length }, (_, i) => `${prefix}${String(start + i).padStart(4, '0')}`);
    const profiles = numbers.map((n) => sim.state.numbers.profile(n));
    const spid = profiles[0]?.carrier.spid;
    if (profiles.every((p) => p !== undefined && p.portable && p.phoneNumberType === 'local' && p.carrier.spid === spid)) return numbers[0] as string;
  }
  throw new Error(`no run of ${length} portable numbers under ${prefix}`);
}

/** A portable German number outside the hundred starting at `block`, of the block's number type. */
export function portableGermanSingle(sim: SimulatorHandle, block: string): string {
  const type = sim.state.numbers.profile(block)?.phoneNumberType;
  for (let i = 0; i < 1000; i += 1) {
    const number = `+49309018${String(200 + i).padStart(3, '0')}`;
    const profile = sim.state.numbers.profile(number);
    if (profile !== undefined && profile.portable && profile.phoneNumberType === type && profile.countryCode === 'DE') return number;
  }
  throw new Error('no portable German single number');
}
