import { withMaskedPin } from './part-pin.js';
import { partSize, type OrderPlan, type PlannedPart } from './plan-types.js';

/** `plan.json`: the plan for machines and for review, written by `plan` (and by `submit` next to its results). */
export interface PlanDocument {
  readonly campaign: string;
  readonly createdAt: string;
  readonly input: { readonly file: string; readonly sha256: string };
  readonly maxPerOrder: number;
  /** Every order's webhook_url (`--webhook-url`); null: none set. */
  readonly webhookUrl: string | null;
  readonly counts: {
    readonly newParts: number;
    readonly newNumbers: number;
    readonly existingParts: number;
    readonly blockedRows: number;
    readonly removedNumbers: number;
  };
  readonly parts: readonly PlanDocumentPart[];
  readonly existingParts: readonly { readonly key: string; readonly orderIds: readonly string[]; readonly numberCount: number }[];
  readonly removedNumbers: OrderPlan['removedNumbers'];
}

export interface PlanDocumentPart {
  readonly key: string;
  readonly country: string;
  readonly numberType: string;
  readonly isFastPortable: boolean;
  readonly carrier: string | null;
  readonly numberCount: number;
  readonly numbers: readonly string[];
  /** German blocks (issue 15): `numbers` holds each block's start; `numberCount` counts every number of it. */
  readonly blocks: readonly { readonly start: string; readonly end: string; readonly size: number; readonly activationRanges: readonly { readonly start: string; readonly end: string }[] }[];
  /** Extension ranges behind numbers of the part, created once the order exists. */
  readonly extensions: readonly { readonly e164: string; readonly start: number; readonly end: number; readonly activationRanges: readonly { readonly start: number; readonly end: number }[] }[];
  /** Spreadsheet row numbers of the part's numbers. */
  readonly rows: readonly number[];
  readonly endUser: PlannedPart['endUser'];
  readonly focDatetimeRequested: string | null;
  readonly portType: string | null;
  /** File names; null: none yet (the order is a draft until one is attached). */
  readonly documents: { readonly loa: string | null; readonly invoice: string | null };
  readonly routing: { readonly connectionId: string | null; readonly messagingProfileId: string | null };
  readonly customerReferences: readonly string[];
}

/**
 * The plan as a JSON document. The PIN is masked: plan.json is a review artefact that gets mailed
 * around, and the PIN only matters in the order itself.
 */
export function planDocument(plan: OrderPlan, input: { file: string; sha256: string }, rowNumberOf: (index: number) => number, createdAt: Date): PlanDocument {
  const rowsOfPart = new Map<string, number[]>();
  let blockedRows = 0;
  for (const row of plan.rows) {
    if (row.status === 'blocked') blockedRows += 1;
    if (row.status !== 'planned' || row.partKey === undefined) continue;
    const rows = rowsOfPart.get(row.partKey) ?? [];
    rows.push(rowNumberOf(row.index));
    rowsOfPart.set(row.partKey, rows);
  }
  return {
    campaign: plan.campaign,
    createdAt: createdAt.toISOString(),
    input,
    maxPerOrder: plan.maxPerOrder,
    webhookUrl: plan.webhookUrl ?? null,
    counts: {
      newParts: plan.newParts.length,
      newNumbers: plan.newParts.reduce((sum, part) => sum + partSize(part), 0),
      existingParts: plan.existingParts.length,
      blockedRows,
      removedNumbers: plan.removedNumbers.length,
    },
    parts: plan.newParts.map((part) => ({
      key: part.key,
      country: part.country,
      numberType: part.numberType ?? '',
      isFastPortable: part.isFastPortable,
      carrier: part.carrier ?? null,
      numberCount: partSize(part),
      numbers: part.numbers,
      blocks: part.blocks ?? [],
      extensions: part.extensions ?? [],
      rows: rowsOfPart.get(part.key) ?? [],
      endUser: {
        admin: withMaskedPin(part).endUser.admin,
        location: part.endUser.location,
      },
      focDatetimeRequested: part.settings.focDatetimeRequested ?? null,
      portType: part.settings.portType ?? null,
      documents: { loa: part.settings.loa?.filename ?? null, invoice: part.settings.invoice?.filename ?? null },
      routing: { connectionId: part.settings.connectionId ?? null, messagingProfileId: part.settings.messagingProfileId ?? null },
      customerReferences: part.customerReferences,
    })),
    existingParts: plan.existingParts.map((existing) => ({ key: existing.key, orderIds: existing.orderIds, numberCount: existing.numbers.length })),
    removedNumbers: plan.removedNumbers,
  };
}
