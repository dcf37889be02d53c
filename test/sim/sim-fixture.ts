import Telnyx from 'telnyx';
import { KEY_BULKPORT_DEMO, startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/sim/simulator.js';
import type { NumberProfile } from '../../src/sim/number-profile.js';
import { recordExchanges, type ExchangeRecorder } from '../contract/contract.js';

export interface TestSimulator {
  readonly sim: SimulatorHandle;
  readonly client: Telnyx;
  readonly recorder: ExchangeRecorder;
}

/**
 * A simulator with a generous rate limit, no random exceptions or splits (pass `exceptionShare` /
 * `splitShare` to get them), its exchanges recorded for the contract check, and an SDK client
 * without retries.
 */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const recorder = recordExchanges();
  const sim = await startSimulator({ seed: 'test-seed', rate: 1000, exceptionShare: 0, splitShare: 0, ...options, onExchange: recorder.onExchange });
  const client = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0, timeout: 10_000 });
  return { sim, client, recorder };
}

/** Numbers of the `+1303555xxxx` range whose simulated profile matches, in order. */
export function findNumbers(sim: SimulatorHandle, count: number, matches: (profile: NumberProfile) => boolean, prefix = '+1303555'): string[] {
  const found: string[] = [];
  for (let i = 0; i < 10_000 && found.length < count; i += 1) {
    const number = `${prefix}${String(i).padStart(4, '0')}`;
    const profile = sim.state.numbers.profile(number);
    if (profile && matches(profile)) found.push(number);
  }
  if (found.length < count) throw new Error(`only ${found.length} of ${count} numbers found under ${prefix}`);
  return found;
}

export const isPortableLocal = (p: NumberProfile): boolean => p.portable && p.phoneNumberType === 'local';

/** A complete end user, valid for US orders. */
export const US_END_USER = {
  admin: {
    entity_name: 'Acme Widgets LLC',
    auth_person_name: 'Pat Porter',
    billing_phone_number: '+13035550199',
    account_number: 'ACCT-1001',
    pin_passcode: '1234',
  },
  location: {
    street_address: '600 Congress Avenue',
    locality: 'Austin',
    administrative_area: 'TX',
    postal_code: '78701',
    country_code: 'US',
  },
} as const;

/** Uploads LOA and invoice and attaches them with the end user: the order can then be confirmed. */
export async function completeOrder(client: Telnyx, orderId: string, extra: Record<string, unknown> = {}): Promise<void> {
  const loa = await client.documents.upload({ document: { file: Buffer.from('%PDF-1.4 signed loa').toString('base64'), filename: 'loa.pdf' } });
  const invoice = await client.documents.upload({ document: { file: Buffer.from('%PDF-1.4 invoice').toString('base64'), filename: 'invoice.pdf' } });
  await client.portingOrders.update(orderId, {
    end_user: US_END_USER,
    documents: { loa: loa.data?.id ?? null, invoice: invoice.data?.id ?? null },
    misc: { type: 'full', remaining_numbers_action: null, new_billing_phone_number: null },
    ...extra,
  });
}

/** The SDK's error classes carry the parsed Telnyx error body in `.error`. */
export function errorsOf(error: unknown): Array<{ code: string; title: string; detail?: string; source?: { pointer?: string } }> {
  return ((error as { error?: { errors?: [] } }).error?.errors ?? []) as Array<{ code: string; title: string; detail?: string; source?: { pointer?: string } }>;
}
