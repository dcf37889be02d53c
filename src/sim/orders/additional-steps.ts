import type { SimOrder } from './sim-order.js';

/**
 * `additional_steps` of an order (the spec: "for specific porting orders, we may require additional
 * steps to be taken before submitting"). The simulator asks for `associated_phone_numbers` on a GB
 * order once its details say it is a partial port, and for `phone_number_verification_codes` on an AU
 * order of mobile numbers (orders/ownership.ts; DIFFERENCES.md).
 */
export function additionalSteps(order: Pick<SimOrder, 'countryCode' | 'phoneNumberType' | 'misc'>): string[] {
  const steps: string[] = [];
  if (order.countryCode === 'GB' && order.misc?.type === 'partial') steps.push('associated_phone_numbers');
  if (order.countryCode === 'AU' && order.phoneNumberType === 'mobile') steps.push('phone_number_verification_codes');
  return steps;
}
