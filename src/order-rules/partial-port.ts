/**
 * UK partial ports (issue 15): the rows of an account marked `action` keep or disconnect are the
 * numbers that stay with the losing carrier. Telnyx takes them as `associated_phone_numbers` of a GB
 * order ("used for partial porting in GB to specify which phone numbers should be kept or
 * disconnected"), never as numbers to port. `plan`, `submit` and `fix` read them by these rules (pure).
 */

export type RowAction = 'port' | 'keep' | 'disconnect';

/** The `action` cell: blank means port. */
export function readRowAction(cell: string | undefined): { value: RowAction } | { problem: string } {
  const text = (cell ?? '').trim().toLowerCase();
  if (text === '' || text === 'port') return { value: 'port' };
  if (text === 'keep' || text === 'disconnect') return { value: text };
  return { problem: `expected port, keep or disconnect, got "${(cell ?? '').trim()}"` };
}

/**
 * Countries whose partial ports list the numbers that stay behind as associated numbers (the spec:
 * "partial porting in GB"). Elsewhere (US, CA…) a partial port says `remaining_numbers_action` instead.
 */
export function takesAssociatedNumbers(country: string): boolean {
  return country.toUpperCase() === 'GB';
}

/**
 * The numbers of one row (a number, or a range already expanded into its numbers) as the fewest
 * runs of consecutive numbers: each run is one associated phone number entry.
 */
export function consecutiveRuns(numbers: readonly string[]): Array<{ start: string; end: string; numbers: string[] }> {
  const sorted = [...new Set(numbers)].sort((a, b) => a.length - b.length || compare(a, b));
  const runs: Array<{ start: string; end: string; numbers: string[] }> = [];
  for (const number of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.end.length === number.length && BigInt(number.slice(1)) === BigInt(last.end.slice(1)) + 1n) {
      last.end = number;
      last.numbers.push(number);
    } else runs.push({ start: number, end: number, numbers: [number] });
  }
  return runs;
}

/** The journal key of the write that lists one associated entry (the same in plan, submit and results). */
export function associatedWriteKey(entry: { readonly action: string; readonly startAt: string; readonly endAt: string }): string {
  return `associated ${entry.action} ${entry.startAt}${entry.endAt === entry.startAt ? '' : `-${entry.endAt}`}`;
}

/** Whether the associated entry a write key names (`associatedWriteKey`) holds `e164`. */
export function associatedKeyHolds(key: string, e164: string): boolean {
  const match = /^associated (?:keep|disconnect) (\+\d+)(?:-(\+\d+))?$/.exec(key);
  if (match === null) return false;
  const start = match[1] ?? '';
  const end = match[2] ?? start;
  return e164.length === start.length && start <= e164 && e164 <= end;
}

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
