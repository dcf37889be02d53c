/**
 * Requirement types of the simulated porting orders: every order needs a signed LOA and a recent
 * invoice (Telnyx: "A Letter of Authorization (LOA) and recent invoice are required for most port
 * orders"). The ids are fixed so a client may cache them.
 */
export const REQUIREMENT_TYPES = [
  {
    id: '8c7f1b0e-4d2a-4a63-9f2e-1b5a6c0d7e01',
    documentSlot: 'loa',
    name: 'Letter of Authorization',
    description: 'A Letter of Authorization signed by the authorized person of the end user',
    example: 'Signed LOA from GET /porting_orders/{id}/loa_template',
  },
  {
    id: '8c7f1b0e-4d2a-4a63-9f2e-1b5a6c0d7e02',
    documentSlot: 'invoice',
    name: 'Latest Invoice',
    description: 'A copy of the latest phone bill from the current provider',
    example: 'Most recent phone bill',
  },
] as const;

export type RequirementType = (typeof REQUIREMENT_TYPES)[number];

export function requirementTypeById(id: string): RequirementType | undefined {
  return REQUIREMENT_TYPES.find((t) => t.id === id);
}
