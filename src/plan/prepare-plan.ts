import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { ApiRejectedError } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import type { NewJournalRecord } from '../campaign/campaign-journal.js';
import type { CampaignState } from '../campaign/campaign-state.js';
import { existingParts, reconcileOrders } from '../campaign/reconcile-orders.js';
import type { CheckedNumber } from '../check/checked-number.js';
import { runPortabilityCheck } from '../check/run-portability-check.js';
import type { GlobalOptions } from '../config/global-options.js';
import { InputFileError } from '../core/errors.js';
import type { NumberRecord } from '../core/records.js';
import type { CanonicalColumn } from '../input/columns.js';
import type { InputSource } from '../input/read-input.js';
import type { Progress } from '../progress/progress.js';
import { listCampaignOrders } from '../orders/list-campaign-orders.js';
import { toListedOrder, type ListedOrder, type WireOrder } from '../orders/wire-order.js';
import { loadValidatedInput } from '../validate/load-validated-input.js';
import { readRowAction } from '../order-rules/partial-port.js';
import { matchUkCarrier, type UkCarrierMatch } from '../order-rules/uk-carriers.js';
import { listUkCarriers } from '../check/uk-carrier-list.js';
import { buildPlan } from './build-plan.js';
import type { Issue } from '../core/issue-codes.js';
import { readAccountSheet, type AccountSheet, type AccountsOption } from './read-accounts.js';
import { fillFromAccountSheet } from './resolve-accounts.js';
import { inspectDocuments } from './inspect-documents.js';
import type { OrderPlan } from './plan-types.js';
import { SHAPES } from '../api/response-shapes.js';

/** The campaign flags `plan` and `submit` share (resolved by the command). */
export interface CampaignPlanOptions {
  readonly inputPath: string;
  readonly campaign: string;
  readonly maxPerOrder: number;
  readonly connectionId: string | undefined;
  readonly messagingProfileId: string | undefined;
  readonly checkBatch: number;
  readonly isCarrierLookup: boolean;
  /** `--documents-dir`: a second folder documents may come from (besides the input sheet's), absolute. */
  readonly documentsDir?: string | undefined;
  /** `--accounts SHEET|FILE [--join COLUMN]`: account details once per account (read-accounts.ts). */
  readonly accounts?: AccountsOption | undefined;
  /** `--webhook-url`: every order's webhook_url (set by the PATCH after create). */
  readonly webhookUrl?: string | undefined;
}

export interface PlanDeps {
  readonly options: GlobalOptions;
  readonly cwd: string;
  readonly now: () => Date;
  readonly session: ApiSession;
  /** The campaign as the journal has it (empty for a new campaign). */
  readonly state: CampaignState;
  /**
   * Brings the journal up to what the server has: `submit` journals the records, `plan` (read-only)
   * only applies them to its in-memory state.
   */
  readonly applyRecords: (records: readonly NewJournalRecord[]) => Promise<void>;
  readonly progress: Progress;
}

export interface PreparedPlan {
  readonly source: InputSource;
  /** SHA-256 of the input file's bytes (the journal records which sheet a run read). */
  readonly inputSha256: string;
  readonly inputPath: string;
  /** One per input record, in input order: the check's view (already ordered numbers are not re-checked). */
  readonly checked: readonly CheckedNumber[];
  readonly plan: OrderPlan;
  /** The campaign's orders as the server listed them at the start. */
  readonly listed: ReadonlyMap<string, ListedOrder>;
  readonly columnHeader: (column: CanonicalColumn) => string;
  /** The accounts sheet `--accounts` named (the journal records its hash and rows). */
  readonly accounts?: AccountSheet;
}

/**
 * The code `plan` and `submit` share to build the plan (docs/architecture.md §8.2): read and validate the sheet, ask
 * the server which orders the campaign already has (so a crashed run's orders are never created
 * twice), check portability of the numbers not already ordered, look at the documents, then the
 * pure `buildPlan`. Sends nothing that changes state.
 */
export async function preparePlan(planOptions: CampaignPlanOptions, deps: PlanDeps): Promise<PreparedPlan> {
  const inputPath = path.resolve(deps.cwd, planOptions.inputPath);
  const loaded = await loadValidatedInput(planOptions.inputPath, deps.options, deps.cwd);
  const source = loaded.source;
  const columnHeader = (column: CanonicalColumn): string => source.columnHeaders[column] ?? column;
  // --accounts: blank order-level cells come from each row's account row (resolve-accounts.ts).
  const accounts = planOptions.accounts === undefined ? undefined : await readAccountSheet(planOptions.accounts, { path: inputPath, shownAs: planOptions.inputPath }, deps.cwd);
  let records = loaded.records;
  let accountIssues: ReadonlyMap<number, readonly Issue[]> | undefined;
  if (accounts !== undefined) {
    const usable = records.filter((r) => r.status !== 'invalid' && r.status !== 'duplicate');
    const fill = fillFromAccountSheet(usable.map((r) => ({ index: r.index, ref: r.ref, country: r.country ?? '', fields: r.fields })), accounts.rows, accounts.join, columnHeader);
    records = records.map((r) => {
      const fields = fill.fields.get(r.index);
      const from = fill.source.get(r.index);
      return fields === undefined || from === undefined ? r : { ...r, fields, accountSource: from };
    });
    accountIssues = fill.issues;
  }
  const inputSha256 = await hashInput(inputPath, planOptions.inputPath);

  const listedOrders = await listCampaignOrders(deps.session, planOptions.campaign);
  const listed = new Map(listedOrders.map((order) => [order.id, order]));
  const reconciliation = reconcileOrders(deps.state, listedOrders);
  const extra: NewJournalRecord[] = [];
  for (const id of reconciliation.unlisted) {
    const order = await retrieveOrder(deps.session, id);
    if (order === undefined) extra.push({ t: 'order', order: id, status: 'deleted' });
    else {
      listed.set(id, order);
      if (order.status !== deps.state.orders.get(id)?.status) extra.push({ t: 'order', order: id, status: order.status });
    }
  }
  await deps.applyRecords([...reconciliation.records, ...extra]);
  const existing = existingParts(deps.state);

  const ordered = new Set(existing.flatMap((part) => part.numbers));
  // Numbers that stay behind (action keep/disconnect) are not ported: no portability check for them.
  const toCheck = records.filter((record) => (record.e164 === undefined || !ordered.has(record.e164)) && !isStayingBehind(record) && accountIssues?.has(record.index) !== true);
  const run = await runPortabilityCheck(toCheck, deps.session, { batchSize: planOptions.checkBatch, parallelBatches: deps.options.concurrency * 2, isCarrierLookup: planOptions.isCarrierLookup }, deps.progress);
  if (run.stoppedBy !== undefined) throw run.stoppedBy;
  const checkedByIndex = new Map(run.checked.map((checked) => [checked.record.index, checked]));
  const checked = records.map(
    (record): CheckedNumber => checkedByIndex.get(record.index) ?? { record, portability: undefined, carrier: record.fields.carrier ?? '', carrierSource: record.fields.carrier ? 'sheet' : 'none' },
  );

  const planRecords: NumberRecord[] = checked.map((c) => (c.carrier === '' || c.carrier === c.record.fields.carrier ? c.record : { ...c.record, fields: { ...c.record.fields, carrier: c.carrier } }));
  const fastPortable = new Map<string, boolean>();
  for (const c of checked) if (c.record.e164 !== undefined && c.portability !== undefined) fastPortable.set(c.record.e164, c.portability.fastPortable);
  const documents = await inspectDocuments(planRecords, { sheetDir: path.dirname(inputPath), documentsDir: planOptions.documentsDir === undefined ? undefined : path.resolve(deps.cwd, planOptions.documentsDir) });

  const ukCarriers = await matchUkCarriers(checked, ordered, deps.session);

  const plan = buildPlan(
    { campaign: planOptions.campaign, records: planRecords, fastPortable, documents, existingParts: existing, ...(ukCarriers.size > 0 ? { ukCarriers } : {}), ...(accountIssues === undefined ? {} : { accountIssues }) },
    { maxPerOrder: planOptions.maxPerOrder, now: deps.now(), connectionId: planOptions.connectionId, messagingProfileId: planOptions.messagingProfileId, webhookUrl: planOptions.webhookUrl, columnHeader },
  );
  return { source, inputSha256, inputPath, checked, plan, listed, columnHeader, ...(accounts === undefined ? {} : { accounts }) };
}

/**
 * GB numbers to port whose sheet names the losing carrier, matched against Telnyx's UK carriers: one
 * list call per run, and only when such a row exists (order-rules/uk-carriers.ts).
 */
async function matchUkCarriers(checked: readonly CheckedNumber[], ordered: ReadonlySet<string>, session: ApiSession): Promise<Map<number, UkCarrierMatch>> {
  const wanted = checked.filter(
    (c) => c.record.country === 'GB' && c.record.status === 'portable' && c.carrierSource === 'sheet' && c.carrier.trim() !== '' && !ordered.has(c.record.e164 ?? ''),
  );
  const matches = new Map<number, UkCarrierMatch>();
  if (wanted.length === 0) return matches;
  const carriers = await listUkCarriers(session);
  for (const c of wanted) matches.set(c.record.index, matchUkCarrier(c.carrier, carriers));
  return matches;
}

function isStayingBehind(record: NumberRecord): boolean {
  const action = readRowAction(record.fields.action);
  return 'value' in action && action.value !== 'port';
}

async function retrieveOrder(session: ApiSession, id: string): Promise<ListedOrder | undefined> {
  try {
    const response = await session.scheduler.call('read', `porting order ${id}`, () => session.client.portingOrders.retrieve(id), SHAPES.portingOrder);
    return toListedOrder((response.data ?? { id }) as WireOrder);
  } catch (error) {
    if (error instanceof ApiRejectedError && error.isNotFound) return undefined;
    throw error;
  }
}

function hashInput(absolute: string, asGiven: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(absolute)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error: NodeJS.ErrnoException) => reject(new InputFileError(`${asGiven}: cannot read the input file (${error.code ?? 'error'})`)))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
