/**
 * UK partial ports (issue 15): the rows of an account marked `action` keep or disconnect are the
 * numbers that stay with the losing carrier. Telnyx takes them as `associated_phone_numbers` of a GB
 * order ("used for partial porting in GB to specify which phone numbers should be kept or
 * disconnected"), never as numbers to port. `plan`, `submit` and `fix` read them by these rules (pure).
 */

export interface AssociatedCandidate {
  readonly orderId: string;
  readonly partKey: string;
  /** The order's `additional_steps` as Telnyx answered them. */
  readonly additionalSteps: readonly string[];
}

/**
 * The one order of an account that carries its associated numbers: the first GB order by part key
 * whose `additional_steps` ask for associated numbers, else the first GB order (by part key, then
 * order id). Undefined when the account has no GB order.
 */
export function chooseAssociatedOrder(candidates: readonly AssociatedCandidate[]): string | undefined {
  const sorted = [...candidates].sort((a, b) => compare(a.partKey, b.partKey) || compare(a.orderId, b.orderId));
  return (sorted.find((c) => c.additionalSteps.includes('associated_phone_numbers')) ?? sorted[0])?.orderId;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
