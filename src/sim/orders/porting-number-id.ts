import { seededUuid } from '../seeded-hash.js';
import type { SimOrder } from './sim-order.js';

/**
 * The id of a porting phone number. The spec's PortingPhoneNumber shows none, yet phone number
 * configurations, extensions and the split event name porting phone numbers by id: the simulator
 * derives one from the number and its order's creation (the parent support key, which a split keeps),
 * so it survives a split and a number ordered again later gets a new one (DIFFERENCES.md).
 */
export function portingPhoneNumberId(order: Pick<SimOrder, 'parentSupportKey'>, phoneNumber: string): string {
  return seededUuid(order.parentSupportKey, 'porting-phone-number', phoneNumber);
}
