import type { PortingOrderCreateParams } from 'telnyx/resources/porting-orders/porting-orders';
import type { PlannedPart } from '../plan/plan-types.js';

/**
 * The body of `POST /porting_orders` for one part. German blocks go in `phone_number_blocks`
 * (`phone_number_range` + `activation_ranges`), as Telnyx's block-porting guide creates them: the
 * spec's `CreatePortingOrder` has no such field and requires `phone_numbers`, which then holds only
 * the part's single numbers (possibly none). This is the one place the tool follows the guide over
 * the spec (test/contract/h15ranges.test.ts, src/sim/DIFFERENCES.md). Pure.
 */
export function createOrderBody(part: PlannedPart, campaign: string): PortingOrderCreateParams {
  const blocks = part.blocks ?? [];
  const blockStarts = new Set(blocks.map((block) => block.start));
  const body = {
    phone_numbers: part.numbers.filter((e164) => !blockStarts.has(e164)),
    customer_reference: part.key,
    customer_group_reference: campaign,
    ...(blocks.length === 0
      ? {}
      : {
          phone_number_blocks: blocks.map((block) => ({
            phone_number_range: { start_at: block.start, end_at: block.end },
            activation_ranges: block.activationRanges.map((range) => ({ start_at: range.start, end_at: range.end })),
          })),
        }),
  };
  return body as PortingOrderCreateParams;
}
