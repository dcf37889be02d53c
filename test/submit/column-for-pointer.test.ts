import { describe, expect, it } from 'vitest';
import { columnForPointer } from '../../src/submit/column-for-pointer.js';

describe('the input column behind an API error pointer', () => {
  const cases: Array<[string | undefined, ReturnType<typeof columnForPointer>]> = [
    ['/end_user/admin/pin_passcode', { column: 'pin_passcode' }],
    ['/end_user/location/postal_code', { column: 'postal_code' }],
    ['/activation_settings/foc_datetime_requested', { column: 'foc_date' }],
    ['/misc/remaining_numbers_action', { column: 'remaining_numbers_action' }],
    ['/documents/loa', { column: 'loa_file' }],
    ['/phone_number_configuration/connection_id', { column: 'connection_id' }],
    ['/phone_numbers/3', { column: 'phone_number', numberIndex: 3 }],
    ['/phone_numbers', { column: 'phone_number' }],
    ['/phone_number_blocks/1/phone_number_range', { column: 'phone_number', blockIndex: 1 }],
    ['/phone_number_blocks/0/activation_ranges/2', { column: 'activation_range', blockIndex: 0 }],
    ['/end_user/admin', undefined],
    ['/webhook_url', undefined],
    [undefined, undefined],
  ];
  for (const [pointer, expected] of cases) {
    it(`${String(pointer)} → ${expected?.column ?? 'no column'}`, () => expect(columnForPointer(pointer)).toEqual(expected));
  }
});
