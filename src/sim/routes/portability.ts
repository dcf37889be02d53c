import { ok, SimApiError, type SimRequest, type TelnyxErrorObject } from '../http.js';
import type { NumberProfile } from '../number-profile.js';
import type { Router } from '../router.js';
import type { SimContext, SimSettings } from '../state.js';

/** `POST /portability_checks` and `GET /number_lookup/{phone_number}`. */
export function registerPortabilityRoutes(router: Router, ctx: SimContext, settings: SimSettings): void {
  router.add('POST', '/portability_checks', (request) => {
    const numbers = phoneNumbersOf(request);
    // Telnyx documents no maximum per check: a cap exists only when the simulator is asked for one.
    if (settings.maxCheckBatch !== undefined && numbers.length > settings.maxCheckBatch) {
      throw SimApiError.invalid('/phone_numbers', `at most ${settings.maxCheckBatch} phone numbers per portability check, got ${numbers.length}`, '10015', 'Too many phone numbers');
    }
    // Every invalid number is named, one error each, as porting order create does.
    const profiles = numbers.map((number) => ctx.numbers.profile(number));
    const invalid = numbers.flatMap((number, index) => (profiles[index] ? [] : invalidE164(`/phone_numbers/${index}`, number).errors));
    if (invalid.length > 0) throw new SimApiError(422, invalid);
    const data = profiles.filter((profile): profile is NumberProfile => profile !== undefined).map((profile) => {
      return {
        phone_number: profile.e164,
        portable: profile.portable,
        fast_portable: profile.fastPortable,
        not_portable_reason: profile.notPortableReason,
        record_type: 'portability_check_result',
      };
    });
    return ok({ data }, 201);
  });

  router.add('GET', '/number_lookup/:phone_number', (request) => {
    const number = request.params.phone_number ?? '';
    const profile = ctx.numbers.profile(number);
    if (!profile) {
      throw new SimApiError(422, [
        { code: '10016', title: 'Phone number must be in +E.164 format', detail: `expected a +E.164 phone number, got "${number}"`, source: { parameter: 'phone_number' } },
      ]);
    }
    return ok({ data: numberLookupRecord(profile) });
  });
}

function phoneNumbersOf(request: SimRequest): string[] {
  const body = request.body as { phone_numbers?: unknown } | undefined;
  const numbers = body?.phone_numbers;
  if (!Array.isArray(numbers) || numbers.length === 0) {
    throw SimApiError.invalid('/phone_numbers', 'must be present: a non-empty list of +E.164 phone numbers', '10015', 'Bad Request');
  }
  const invalid: TelnyxErrorObject[] = [];
  const texts = numbers.map((n, index) => {
    if (typeof n !== 'string') invalid.push(...invalidE164(`/phone_numbers/${index}`, String(n)).errors);
    return String(n);
  });
  if (invalid.length > 0) throw new SimApiError(422, invalid);
  return texts;
}

function invalidE164(pointer: string, value: string): SimApiError {
  return SimApiError.invalid(pointer, `expected a +E.164 phone number such as +13125550123, got "${value}"`, '10016', 'Phone number must be in +E.164 format');
}

function numberLookupRecord(profile: NumberProfile): Record<string, unknown> {
  const isMobile = profile.carrier.lineType === 'mobile';
  const carrier: Record<string, unknown> = {
    name: profile.carrier.name,
    type: profile.carrier.lineType,
    normalized_carrier: profile.carrier.normalized,
    error_code: null,
  };
  if (isMobile) {
    carrier.mobile_country_code = profile.countryCode;
    carrier.mobile_network_code = `0${profile.carrier.spid.slice(0, 3)}`;
  }
  const portability: Record<string, unknown> = {
    spid: profile.carrier.spid,
    spid_carrier_name: profile.carrier.name,
    spid_carrier_type: isMobile ? '1' : '3',
    ocn: profile.carrier.spid,
    line_type: profile.carrier.lineType,
    ported_status: profile.isPorted ? 'Y' : 'N',
    lrn: profile.isPorted ? `${profile.e164.slice(-10, -4)}9999` : '',
  };
  return {
    record_type: 'number_lookup',
    phone_number: profile.e164,
    country_code: profile.countryCode,
    national_format: profile.nationalFormat,
    carrier,
    portability,
    caller_name: { caller_name: '', error_code: '' },
    fraud: null,
  };
}
