import Telnyx from 'telnyx';
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_PORTABLE_REASONS, profileNumber, TELNYX_OWNED_REASON } from '../../src/sim/number-profile.js';
import { assertContract } from '../contract/contract.js';
import { errorsOf, startTestSimulator, type TestSimulator } from './sim-fixture.js';

let running: TestSimulator | undefined;
afterEach(async () => {
  if (running) {
    assertContract(running.recorder.exchanges, { requests: 'successful' });
    await running.sim.close();
  }
  running = undefined;
});

const RANGE = Array.from({ length: 200 }, (_, i) => `+1312555${String(i * 47).padStart(4, '0')}`);

describe('portability checks', () => {
  it('answers one result per number with 201, portable numbers with an empty reason', async () => {
    running = await startTestSimulator();
    const response = await running.client.portabilityChecks.run({ phone_numbers: RANGE });
    const results = response.data ?? [];
    expect(results.map((r) => r.phone_number)).toEqual(RANGE);
    for (const result of results) {
      expect(result.record_type).toBe('portability_check_result');
      if (result.portable) expect(result.not_portable_reason).toBe('');
      else expect([...NOT_PORTABLE_REASONS, TELNYX_OWNED_REASON]).toContain(result.not_portable_reason);
      if (result.fast_portable) expect(result.portable).toBe(true);
    }
    expect(results.some((r) => !r.portable)).toBe(true);
    expect(results.some((r) => r.fast_portable)).toBe(true);
  });

  it('checks any number of numbers by default (Telnyx documents no cap)', async () => {
    running = await startTestSimulator();
    const numbers = Array.from({ length: 300 }, (_, i) => `+1303555${String(i).padStart(4, '0')}`);
    const response = await running.client.portabilityChecks.run({ phone_numbers: numbers });
    expect(response.data?.length).toBe(300);
  });

  it('names every invalid number of a check, one error each, as create does', async () => {
    running = await startTestSimulator();
    const refused = await running.client.portabilityChecks.run({ phone_numbers: ['+13125550100', '312-555-0101', '+13125550102', 'abc'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(errorsOf(refused).map((e) => [e.code, e.source?.pointer])).toEqual([
      ['10016', '/phone_numbers/1'],
      ['10016', '/phone_numbers/3'],
    ]);
  });

  it('refuses a batch above the configured maximum with 422 pointing at /phone_numbers', async () => {
    running = await startTestSimulator({ maxCheckBatch: 10 });
    const refused = await running.client.portabilityChecks.run({ phone_numbers: RANGE.slice(0, 11) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(errorsOf(refused)[0]?.source?.pointer).toBe('/phone_numbers');
    await expect(running.client.portabilityChecks.run({ phone_numbers: RANGE.slice(0, 10) })).resolves.toBeDefined();
  });

  it('refuses a number that is not +E.164 with code 10016 and a pointer to it', async () => {
    running = await startTestSimulator();
    const refused = await running.client.portabilityChecks.run({ phone_numbers: ['+13125550100', '312-555-0101'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(errorsOf(refused)[0]).toMatchObject({ code: '10016', source: { pointer: '/phone_numbers/1' } });
  });
});

describe('number lookup', () => {
  it('names the carrier and SPID the portability check and orders use', async () => {
    running = await startTestSimulator();
    const number = RANGE[3] ?? '';
    const lookup = await running.client.numberLookup.retrieve(number);
    const profile = running.sim.state.numbers.profile(number);
    expect(lookup.data?.phone_number).toBe(number);
    expect(lookup.data?.carrier?.name).toBe(profile?.carrier.name);
    expect(lookup.data?.portability?.spid).toBe(profile?.carrier.spid);
    expect(lookup.data?.country_code).toBe('US');
    const invalid = await running.client.numberLookup.retrieve('12345').catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });
});

describe('number profiles', () => {
  const sample = Array.from({ length: 4000 }, (_, i) => `+1${String(2125550000 + i * 7919)}`);

  it('gives the same carrier, type and portability for the same seed, and different ones for another seed', () => {
    const first = sample.map((n) => profileNumber(n, 'seed-a'));
    const again = sample.map((n) => profileNumber(n, 'seed-a'));
    const other = sample.map((n) => profileNumber(n, 'seed-b'));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('has realistic shares: mostly portable, some not, ~30% of US local fast-portable, Telnyx numbers not portable', () => {
    const profiles = sample.map((n) => profileNumber(n, 'shares')).filter((p) => p !== undefined);
    const share = (test: (p: (typeof profiles)[number]) => boolean, of = profiles) => of.filter(test).length / of.length;
    expect(profiles.length).toBeGreaterThan(3000);
    const notPortable = share((p) => !p.portable);
    expect(notPortable).toBeGreaterThan(0.04);
    expect(notPortable).toBeLessThan(0.11);
    const local = profiles.filter((p) => p.portable && p.phoneNumberType === 'local' && p.countryCode === 'US');
    expect(share((p) => p.fastPortable, local)).toBeGreaterThan(0.25);
    expect(share((p) => p.fastPortable, local)).toBeLessThan(0.35);
    const telnyx = profiles.filter((p) => p.isTelnyxOwned);
    expect(telnyx.length).toBeGreaterThan(0);
    expect(telnyx.every((p) => !p.portable && p.notPortableReason === TELNYX_OWNED_REASON)).toBe(true);
    expect(share((p) => p.phoneNumberType === 'mobile')).toBeGreaterThan(0.05);
  });

  it('types toll-free and international numbers from the number itself', () => {
    expect(profileNumber('+18005550100', 'x')?.phoneNumberType).toBe('toll_free');
    expect(profileNumber('+447400123456', 'x')?.phoneNumberType).toBe('mobile');
    expect(profileNumber('+442079460000', 'x')).toMatchObject({ countryCode: 'GB' });
    expect(profileNumber('+13035550100', 'x')?.countryCode).toBe('US');
    expect(profileNumber('13035550100', 'x')).toBeUndefined();
    expect(profileNumber('+1303', 'x')).toBeUndefined();
  });
});
