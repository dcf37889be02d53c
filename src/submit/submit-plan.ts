import type { PortingOrderUpdateParams } from 'telnyx/resources/porting-orders/porting-orders';
import { ApiRejectedError, type ApiErrorDetail } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { BulkportError } from '../core/errors.js';
import type { IssueCode } from '../core/issue-codes.js';
import type { CanonicalColumn } from '../input/columns.js';
import { fitOrderFoc } from '../api/fit-order-foc.js';
import { describeFocMove } from '../order-rules/fit-foc-window.js';
import { documentsMissingToConfirm } from '../order-rules/order-field-rules.js';
import { needsVerificationCodes, ownershipToConfirm } from '../order-rules/ownership-steps.js';
import { withMaskedPin } from '../plan/part-pin.js';
import type { OrderPlan, PlannedPart } from '../plan/plan-types.js';
import { buildOrderPatch, patchContentHash } from './build-order-patch.js';
import { columnForPointer } from './column-for-pointer.js';
import { createOrderBody } from './create-order-body.js';
import { DocumentRejectedError, DocumentUploads } from './document-uploads.js';
import { forEachBounded } from '../core/bounded.js';
import { listPartOrders } from '../orders/list-campaign-orders.js';
import { toJournalOrder, toListedOrder, type ListedOrder, type WireOrder } from '../orders/wire-order.js';
import { SHAPES } from '../api/response-shapes.js';
import { PortingNumberIds } from './porting-number-ids.js';
import { SUB_RESOURCE_SOURCES } from './sub-resource-sources.js';
import { addSubResources, type SubResourceTarget } from './sub-resources.js';

type DocumentSlot = 'loa' | 'invoice';
const DOCUMENT_SLOTS: readonly DocumentSlot[] = ['loa', 'invoice'];

function slotOfPointer(pointer: string | undefined): DocumentSlot | undefined {
  if (pointer === '/documents/loa') return 'loa';
  if (pointer === '/documents/invoice') return 'invoice';
  return undefined;
}

/** A problem with one order or part, turned into row issues by `buildCampaignRows`. */
export interface OrderProblem {
  readonly code: IssueCode;
  readonly message: string;
  readonly column?: CanonicalColumn;
  /** The number the API pointed at (`/phone_numbers/N`): that row gets the column, the others the message. */
  readonly number?: string;
}

export interface SubmitOptions {
  readonly campaign: string;
  readonly confirm: boolean;
  /** Parts worked on at once; the scheduler bounds the calls actually in flight. */
  readonly partConcurrency: number;
  readonly now: () => Date;
  /** The campaign's orders as listed at the start of the run: fresher than the journal (requirements met?). */
  readonly listed: ReadonlyMap<string, ListedOrder>;
  /** Called after each part is done (progress). */
  readonly onPartDone?: (part: PlannedPart) => void;
}

export interface SubmitOutcome {
  /** State-changing calls this run sent (creates, uploads, PATCHes, confirms): 0 when nothing was left to do. */
  readonly changedCount: number;
  readonly uploadCount: number;
  /** Creates or confirms whose outcome stayed unknown: a re-run settles them. */
  readonly unresolvedCount: number;
  readonly partProblems: ReadonlyMap<string, readonly OrderProblem[]>;
  readonly orderProblems: ReadonlyMap<string, readonly OrderProblem[]>;
  /** Problems of sub-resource writes by write key (account-level rows such as associated numbers find theirs here). */
  readonly subResourceProblems: ReadonlyMap<string, readonly OrderProblem[]>;
  /** The freshest view of each order this run saw (create, PATCH, confirm or listing answers). */
  readonly seen: ReadonlyMap<string, ListedOrder>;
  /** The run problem that stopped the run early (Ctrl-C, key refused, API unreachable, journal unwritable). */
  readonly stoppedBy?: BulkportError;
}

/**
 * The apply half of the campaign (docs/architecture.md §8.2): for every part of the plan, create its porting order
 * (unless the campaign already has it), then bring each order Telnyx returned up to date: one PATCH
 * with everything, and with `--confirm` a confirm when its requirements are met. Each step is skipped
 * when the journal says it was done, so a re-run after any interruption picks up where the last one
 * stopped, and a finished campaign sends nothing.
 */
export async function submitPlan(plan: OrderPlan, session: ApiSession, journal: CampaignJournal, options: SubmitOptions): Promise<SubmitOutcome> {
  const run = new SubmitRun(session, journal, options, plan.webhookUrl);
  const work: PlannedPart[] = [];
  for (const existing of plan.existingParts) if (existing.part !== undefined) work.push(existing.part);
  work.push(...plan.newParts);
  try {
    // 1. Every part gets its orders, each brought up to date (PATCH).
    await forEachBounded(work, options.partConcurrency, (part) => run.createAndUpdate(part));
    // 2. After the orders exist, their sub-resources (all orders first: an account-level write chooses one of them).
    await run.addSubResources(plan, work);
    // 3. With --confirm, the orders whose details and sub-resources are complete.
    await forEachBounded(work, options.partConcurrency, async (part) => {
      await run.confirmPart(part);
      options.onPartDone?.(part);
    });
  } catch (error) {
    // A run problem stops the run, but what was done is still reported (and journaled already).
    if (error instanceof BulkportError) return { ...run.outcome(), stoppedBy: error };
    throw error;
  }
  return run.outcome();
}

class SubmitRun {
  readonly #session: ApiSession;
  readonly #journal: CampaignJournal;
  readonly #options: SubmitOptions;
  readonly #uploads: DocumentUploads;
  #changedCount = 0;
  #unresolvedCount = 0;
  readonly #partProblems = new Map<string, OrderProblem[]>();
  readonly #orderProblems = new Map<string, OrderProblem[]>();
  readonly #subResourceProblems = new Map<string, OrderProblem[]>();
  readonly #seen = new Map<string, ListedOrder>();
  readonly #webhookUrl: string | undefined;
  /** Draft orders whose PATCH is done and whose sub-resources are complete: the ones --confirm may confirm. */
  readonly #ready = new Set<string>();

  constructor(session: ApiSession, journal: CampaignJournal, options: SubmitOptions, webhookUrl: string | undefined) {
    this.#session = session;
    this.#webhookUrl = webhookUrl;
    this.#journal = journal;
    this.#options = options;
    this.#uploads = new DocumentUploads(session, journal, options.campaign);
    for (const [id, order] of options.listed) this.#seen.set(id, order);
  }

  outcome(): SubmitOutcome {
    return {
      changedCount: this.#changedCount + this.#uploads.uploadCount,
      uploadCount: this.#uploads.uploadCount,
      unresolvedCount: this.#unresolvedCount,
      partProblems: this.#partProblems,
      orderProblems: this.#orderProblems,
      subResourceProblems: this.#subResourceProblems,
      seen: this.#seen,
    };
  }

  async createAndUpdate(part: PlannedPart): Promise<void> {
    const state = this.#journal.state;
    let orderIds = state.ordersOf(part.key).filter((id) => state.orders.get(id)?.status !== 'deleted');
    if (orderIds.length === 0) {
      // The journal keeps the part with its PIN masked; this run sends the PIN its input sheet gives.
      if (!state.parts.has(part.key)) await this.#journal.record({ t: 'part', part: withMaskedPin(part) });
      orderIds = await this.#create(part);
    }
    for (const id of orderIds) await this.#updateOrder(id, part);
  }

  /** The draft orders of the run, part by part in key order, and the writes each needs. */
  async addSubResources(plan: OrderPlan, work: readonly PlannedPart[]): Promise<void> {
    const state = this.#journal.state;
    const targets: SubResourceTarget[] = [];
    for (const part of [...work].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      const live = state.ordersOf(part.key).filter((id) => state.orders.get(id)?.status !== 'deleted');
      for (const id of live) {
        if (!this.#ready.has(id)) continue;
        const numbers = live.length === 1 ? part.numbers : (this.#seen.get(id)?.numbers ?? state.orders.get(id)?.numbers ?? []);
        targets.push({ orderId: id, part, numbers, listed: this.#seen.get(id), plan, all: targets });
      }
    }
    const planned = targets.map((target) => ({ target, writes: SUB_RESOURCE_SOURCES.flatMap((source) => source(target)) })).filter((t) => t.writes.length > 0);
    if (planned.length === 0) return;
    const ids = new PortingNumberIds(this.#session);
    await forEachBounded(planned, this.#options.partConcurrency, async ({ target, writes }) => {
      const context = { session: this.#session, orderId: target.orderId, portingNumberIds: (numbers: readonly string[]) => ids.idsOf(target.orderId, numbers) };
      const outcome = await addSubResources(writes, context, this.#journal);
      this.#changedCount += outcome.sentCount;
      for (const problem of outcome.problems) {
        this.#ready.delete(target.orderId);
        if (problem.isUnresolved) this.#unresolvedCount += 1;
        const orderProblem: OrderProblem = {
          code: problem.code,
          message: `not confirmed: ${problem.message}`,
          column: problem.write.column,
          ...(problem.write.numbers.length === 1 ? { number: problem.write.numbers[0] } : {}),
        };
        this.#addProblem(this.#orderProblems, target.orderId, orderProblem);
        this.#addProblem(this.#subResourceProblems, problem.write.key, orderProblem);
      }
    });
  }

  /** With --confirm: confirms each order of the part that is ready for it. */
  async confirmPart(part: PlannedPart): Promise<void> {
    for (const id of this.#journal.state.ordersOf(part.key)) {
      if (!this.#ready.has(id)) continue;
      if (this.#options.confirm) await this.#confirmIfMet(id, part);
      else this.#reportOwnershipStep(id);
    }
  }

  /** Without --confirm: a draft whose additional steps ask for AU verification codes is reported (submit still exits 0). */
  #reportOwnershipStep(id: string): void {
    if (!needsVerificationCodes(this.#seen.get(id)?.additionalSteps)) return;
    const notice = ownershipToConfirm({ isConfirming: false, campaign: this.#options.campaign });
    if (notice !== undefined) this.#addProblem(this.#orderProblems, id, { code: notice.code, message: notice.detail });
  }

  /** Creates the part's order(s); Telnyx may split them by carrier or line type. Returns their ids. */
  async #create(part: PlannedPart): Promise<string[]> {
    const campaign = this.#options.campaign;
    const body = createOrderBody(part, campaign);
    // Sent once per run: after no clear answer, the orders listed by the part's reference settle it
    // (Telnyx may have split it); when none exist yet, the next run creates it.
    const sent = await sendOnce({
      mayHaveBeenSent: false,
      maxSends: 1,
      beforeSend: async () => {
        await this.#journal.record({ t: 'intent', op: 'create', part: part.key });
        this.#changedCount += 1;
      },
      send: () =>
        this.#session.scheduler.call('create', `create porting order for part ${part.key}`, () =>
          this.#session.client.portingOrders.create(body),
          SHAPES.createdOrders,
        ),
      lookForIt: async () => {
        const listed = await listPartOrders(this.#session, campaign, part.key);
        return listed.length === 0 ? undefined : listed;
      },
    });
    let orders: ListedOrder[];
    if (sent.kind === 'sent') {
      orders = ((sent.answer.data ?? []) as WireOrder[]).map(toListedOrder).filter((order) => order.id !== '');
      await this.#journal.record({ t: 'created', part: part.key, orders: orders.map(toJournalOrder), via: 'response' });
    } else if (sent.kind === 'found') {
      orders = sent.found;
      await this.#journal.record({ t: 'created', part: part.key, orders: orders.map(toJournalOrder), via: 'listing' });
    } else if (sent.kind === 'refused') {
      // Pointers index the request: its phone_numbers (single numbers only) and its phone_number_blocks.
      const problem = this.#rejectionProblem(sent.error.errors, body.phone_numbers, 'ORDER_REJECTED', 'Telnyx rejected the porting order', (part.blocks ?? []).map((b) => b.start));
      await this.#journal.record({ t: 'failed', op: 'create', part: part.key, code: problem.code, message: problem.message, ...(problem.column ? { column: problem.column } : {}) });
      this.#addProblem(this.#partProblems, part.key, problem);
      return [];
    } else {
      const message = `${sent.error.message}; no order with reference ${part.key} exists yet, so it is not created again in this run (run submit again to settle it)`;
      await this.#journal.record({ t: 'failed', op: 'create', part: part.key, code: 'SUBMIT_FAILED', message });
      this.#addProblem(this.#partProblems, part.key, { code: 'SUBMIT_FAILED', message });
      this.#unresolvedCount += 1;
      return [];
    }
    for (const order of orders) this.#seen.set(order.id, order);
    return orders.map((order) => order.id);
  }

  /** PATCH one draft order (unless the journal has it); a patched draft is ready for sub-resources and confirming. */
  async #updateOrder(id: string, part: PlannedPart): Promise<void> {
    const order = this.#journal.state.orders.get(id);
    if (order === undefined || order.status !== 'draft') return;
    const bodyHash = patchContentHash(part, this.#webhookUrl);
    if (order.patched?.bodyHash !== bodyHash) {
      const isPatched = await this.#patch(id, part, bodyHash);
      if (!isPatched) return;
    }
    this.#ready.add(id);
  }

  /** Confirms one patched draft when its documents and requirements allow. */
  async #confirmIfMet(id: string, part: PlannedPart): Promise<void> {
    const order = this.#journal.state.orders.get(id);
    if (order === undefined || order.status !== 'draft' || order.isConfirmed) return;
    // AU ownership (docs/design.md §9): an order whose additional steps ask for verification codes is confirmed
    // only once every number is verified (`bulkport verify`); until then it stays a draft with the reason.
    const seen = this.#seen.get(id);
    if (needsVerificationCodes(seen?.additionalSteps)) {
      const count = seen?.count ?? order.count;
      const notice = ownershipToConfirm({ isConfirming: true, campaign: this.#options.campaign, count, verifiedCount: await this.#verifiedCount(id) });
      if (notice !== undefined) {
        this.#addProblem(this.#orderProblems, id, { code: notice.code, message: notice.detail });
        return;
      }
    }
    // This run's PATCH answer, else the listing at the start: documents may have gone since the journal's PATCH.
    const isMet = (this.#seen.get(id)?.requirementsMet ?? order.requirementsMet) === true;
    // Confirming needs the documents (docs/design.md §9): a part the sheet gave none for stays a draft, unless
    // the order has them by now (attached in the portal): its requirements are then met.
    const lacking = isMet ? [] : documentsMissingToConfirm(part.settings);
    if (lacking.length > 0) {
      for (const notice of lacking) this.#addProblem(this.#orderProblems, id, { code: notice.code, column: notice.column, message: `not confirmed: ${notice.detail}` });
      return;
    }
    if (!isMet) {
      const missing = await this.#missingRequirements(id);
      if (missing.length > 0) {
        const message = `not confirmed: the order's requirements are not met (missing: ${missing.join('; ')})`;
        this.#addProblem(this.#orderProblems, id, { code: 'REQUIREMENTS_MISSING', message });
        return;
      }
    }
    await this.#confirm(id);
  }

  async #patch(id: string, part: PlannedPart, bodyHash: string): Promise<boolean> {
    const requested = part.settings.focDatetimeRequested;
    const foc = requested === undefined ? undefined : await fitOrderFoc(this.#session, id, requested, this.#options.now());
    // Slots whose document Telnyx refused: the order still gets everything else, and its unmet
    // requirement is reported (a person replaces the file and runs submit again).
    const refused = new Set<DocumentSlot>();
    for (let attempt = 1; ; attempt += 1) {
      const documents: { loa?: string; invoice?: string } = {};
      for (const slot of DOCUMENT_SLOTS) {
        const document = part.settings[slot];
        // No document for the slot: the order stays a draft without it (confirming needs it).
        if (refused.has(slot) || document === undefined) continue;
        try {
          documents[slot] = await this.#uploads.idFor(document);
        } catch (error) {
          if (!(error instanceof DocumentRejectedError)) throw error;
          refused.add(slot);
          await this.#documentProblem(id, slot, error.message);
        }
      }
      const body = buildOrderPatch(part, documents, foc?.focDatetimeRequested, this.#webhookUrl);
      await this.#journal.record({ t: 'intent', op: 'patch', order: id, bodyHash });
      this.#changedCount += 1;
      try {
        const response = await this.#session.scheduler.call('idempotent', `update porting order ${id}`, () =>
          this.#session.client.portingOrders.update(id, body as PortingOrderUpdateParams),
          SHAPES.portingOrder,
        );
        const updated = toListedOrder((response.data ?? { id }) as WireOrder);
        this.#seen.set(id, updated);
        await this.#journal.record({
          t: 'patched',
          order: id,
          // A PATCH without a refused document is not the PATCH the plan wants: the next run tries again.
          bodyHash: refused.size === 0 ? bodyHash : `${bodyHash}-without-${[...refused].join('-')}`,
          requirementsMet: updated.requirementsMet,
          ...(foc === undefined ? {} : { focRequested: foc.focDatetimeRequested }),
          ...(foc?.movedFrom === undefined ? {} : { focMovedFrom: foc.movedFrom }),
        });
        if (foc?.movedFrom !== undefined) {
          this.#addProblem(this.#orderProblems, id, { code: 'FOC_MOVED', column: 'foc_date', message: describeFocMove(foc.movedFrom, foc.focDatetimeRequested) });
        }
        return true;
      } catch (error) {
        if (!(error instanceof ApiRejectedError)) throw error;
        const slotErrors = error.errors.filter((e) => slotOfPointer(e.pointer) !== undefined);
        if (slotErrors.length > 0 && slotErrors.length === error.errors.length && attempt <= DOCUMENT_SLOTS.length) {
          for (const detail of slotErrors) {
            const slot = slotOfPointer(detail.pointer) as DocumentSlot;
            const documentId = documents[slot];
            const document = part.settings[slot];
            if (documentId !== undefined && document !== undefined && !(await this.#uploads.exists(documentId))) {
              // Gone (not linked within 30 minutes): upload it again.
              this.#uploads.forget(document, documentId);
            } else {
              refused.add(slot);
              await this.#documentProblem(id, slot, `Telnyx refused the ${slot === 'loa' ? 'LOA' : 'invoice'} ${document?.filename ?? '(none sent)'}: ${detail.detail || detail.title}`);
            }
          }
          continue;
        }
        const problem = this.#rejectionProblem(error.errors, part.numbers, 'ORDER_REJECTED', `Telnyx rejected the details of porting order ${id}`);
        await this.#journal.record({ t: 'failed', op: 'patch', order: id, code: problem.code, message: problem.message, ...(problem.column ? { column: problem.column } : {}) });
        this.#addProblem(this.#orderProblems, id, problem);
        return false;
      }
    }
  }

  async #documentProblem(id: string, slot: DocumentSlot, message: string): Promise<void> {
    const column: CanonicalColumn = slot === 'loa' ? 'loa_file' : 'invoice_file';
    await this.#journal.record({ t: 'failed', op: 'patch', order: id, code: 'ORDER_REJECTED', message, column });
    this.#addProblem(this.#orderProblems, id, { code: 'ORDER_REJECTED', message, column });
  }

  /** How many of the order's numbers are verified (GET …/verification_codes; the filter is applied here too). */
  async #verifiedCount(id: string): Promise<number> {
    const codes = await this.#session.scheduler.listAll(`verification codes of porting order ${id}`, (pageNumber, pageSize) =>
      this.#session.client.portingOrders.verificationCodes.list(id, { 'page[number]': pageNumber, 'page[size]': pageSize, filter: { verified: true } }),
      SHAPES.verificationCodes,
    );
    return new Set(codes.filter((c) => c.verified === true && typeof c.phone_number === 'string').map((c) => c.phone_number)).size;
  }

  /** What the order still needs, by requirement name (GET …/requirements). */
  async #missingRequirements(id: string): Promise<string[]> {
    const requirements = await this.#session.scheduler.listAll(`requirements of porting order ${id}`, (pageNumber, pageSize) =>
      this.#session.client.portingOrders.retrieveRequirements(id, { 'page[number]': pageNumber, 'page[size]': pageSize }),
      SHAPES.requirements,
    );
    return requirements
      .filter((r) => (r.field_value ?? '') === '' || r.requirement_status === 'rejected' || r.requirement_status === 'declined')
      .map((r) => {
        const name = r.requirement_type?.name ?? r.requirement_type?.id ?? 'unnamed requirement';
        const kind = r.field_type === undefined ? '' : ` (${r.field_type})`;
        return `${name}${kind}${r.requirement_status ? `, status ${r.requirement_status}` : ''}`;
      });
  }

  async #confirm(id: string): Promise<void> {
    const state = this.#journal.state;
    const sent = await sendOnce({
      mayHaveBeenSent: state.openConfirms.has(id),
      beforeSend: async () => {
        await this.#journal.record({ t: 'intent', op: 'confirm', order: id });
        this.#changedCount += 1;
      },
      send: () => this.#session.scheduler.call('action', `confirm porting order ${id}`, () => this.#session.client.portingOrders.actions.confirm(id), SHAPES.portingOrder),
      // A state action is repeated only after reading the state back (docs/design.md §7).
      lookForIt: async () => ((await this.#isConfirmedOnServer(id)) ? true : undefined),
    });
    if (sent.kind === 'found') return;
    if (sent.kind === 'sent') {
      const confirmed = toListedOrder((sent.answer.data ?? { id }) as WireOrder);
      this.#seen.set(id, confirmed);
      await this.#journal.record({ t: 'confirmed', order: id, status: confirmed.status });
      return;
    }
    if (sent.kind === 'refused') {
      const part = state.parts.get(state.orders.get(id)?.partKey ?? '');
      const problem = this.#rejectionProblem(sent.error.errors, part?.numbers ?? [], 'ORDER_REJECTED', `Telnyx refused to submit porting order ${id}`);
      await this.#journal.record({ t: 'failed', op: 'confirm', order: id, code: problem.code, message: problem.message, ...(problem.column ? { column: problem.column } : {}) });
      this.#addProblem(this.#orderProblems, id, problem);
      return;
    }
    const message = `confirm of porting order ${id} got no clear answer twice and the order is still a draft; run submit again`;
    await this.#journal.record({ t: 'failed', op: 'confirm', order: id, code: 'SUBMIT_FAILED', message });
    this.#addProblem(this.#orderProblems, id, { code: 'SUBMIT_FAILED', message });
    this.#unresolvedCount += 1;
  }

  /** Reads the order; records `confirmed` when it is past draft. */
  async #isConfirmedOnServer(id: string): Promise<boolean> {
    const response = await this.#session.scheduler.call('read', `porting order ${id}`, () => this.#session.client.portingOrders.retrieve(id), SHAPES.portingOrder);
    const order = toListedOrder((response.data ?? { id }) as WireOrder);
    this.#seen.set(id, order);
    if (order.status === 'draft') return false;
    await this.#journal.record({ t: 'confirmed', order: id, status: order.status });
    return true;
  }

  /** Telnyx's error details as one problem, pointing at the input column (and number) they name. */
  #rejectionProblem(errors: readonly ApiErrorDetail[], numbers: readonly string[], code: IssueCode, lead: string, blockStarts: readonly string[] = []): OrderProblem {
    const details = errors.map((e) => `${e.detail || e.title}${e.pointer ? ` (${e.pointer})` : ''}`).join('; ') || 'no detail given';
    const target = errors.map((e) => columnForPointer(e.pointer)).find((t) => t !== undefined);
    const number = target?.numberIndex !== undefined ? numbers[target.numberIndex] : target?.blockIndex !== undefined ? blockStarts[target.blockIndex] : undefined;
    return {
      code,
      message: `${lead}: ${details}`,
      ...(target === undefined ? {} : { column: target.column }),
      ...(number === undefined ? {} : { number }),
    };
  }

  #addProblem(map: Map<string, OrderProblem[]>, key: string, problem: OrderProblem): void {
    const list = map.get(key);
    if (list === undefined) map.set(key, [problem]);
    else list.push(problem);
  }
}

