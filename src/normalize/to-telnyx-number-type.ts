import type { NumberType } from 'libphonenumber-js/max';
import type { PhoneNumberType } from '../core/records.js';

/**
 * libphonenumber's number type as Telnyx's porting `phone_number_type`.
 *
 * - Geographic numbers are `local` everywhere. North American numbers cannot be told apart
 *   (FIXED_LINE_OR_MOBILE) and Telnyx calls them local; Telnyx's number inventory also lists UK,
 *   German, French… geographic numbers as `local`, so FIXED_LINE is `local` too, and FIXED_LINE_OR_MOBILE
 *   outside North America (Mexico, Brazil's ambiguous ranges…) follows. `landline` is never derived:
 *   nothing in the number tells it apart from `local`, and a wrong guess would split orders for nothing.
 * - Non-geographic national ranges (UK 03 "UAN", personal 070, VoIP 056, pagers, voicemail, premium
 *   rate) are `national`: Telnyx has no finer type for them.
 */
const TELNYX_TYPE: Record<NonNullable<NumberType>, PhoneNumberType> = {
  FIXED_LINE: 'local',
  FIXED_LINE_OR_MOBILE: 'local',
  MOBILE: 'mobile',
  TOLL_FREE: 'toll_free',
  SHARED_COST: 'shared_cost',
  UAN: 'national',
  PERSONAL_NUMBER: 'national',
  VOIP: 'national',
  PAGER: 'national',
  VOICEMAIL: 'national',
  PREMIUM_RATE: 'national',
};

export function toTelnyxNumberType(type: NumberType): PhoneNumberType | undefined {
  return type === undefined ? undefined : TELNYX_TYPE[type];
}
