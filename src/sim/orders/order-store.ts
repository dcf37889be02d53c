import { randomUUID } from 'node:crypto';
import { HOUR_MS, type SimClock } from '../clock.js';
import type { DocumentStore } from '../documents-store.js';
import { SimApiError, type TelnyxErrorObject } from '../http.js';
import type { NumberDirectory, NumberProfile } from '../number-profile.js';
import { seededTag, seededUuid } from '../seeded-hash.js';
import { missingForConfirmation } from './confirmation-check.js';
import { parseCreateBody } from './create-order-request.js';
import { activateOnDemand, applyActivationEvent, jobsOf, moveActivation, type ActivationJobRecord } from './activation-jobs.js';
import { applyLifecycleEvent, clearExceptionIfCorrected, decideFate, nextLifecycleEvent } from './order-lifecycle.js';
import { markOrder, type OrderObserver } from './order-change.js';
import { applyOrderPatch } from './order-patch.js';
import { requirementsMet, satisfyingDocument } from './order-render.js';
import { REQUIREMENT_TYPES } from './requirements.js';
import { BLOCK_COUNTRY, blockNumbers, extensionsOverlap, parseBlockBody, parseExtensionBody, RANGE_EDIT_STATUSES, type SimBlock, type SimExtension, type SimRange } from './number-blocks.js';
import { portingPhoneNumberId } from './porting-number-id.js';
import { initialActionRequirements, ownershipErrors } from './ownership.js';
import {
  blockNumbersOf,
  draftOrderState,
  holdsNumbers,
  type AdditionalDocumentRecord,
  type CommentRecord,
  type SimOrder,
} from './sim-order.js';

/** Telnyx refuses an API cancel this close to the FOC date (cancel-porting-order docs). */
const CANCEL_CUTOFF_MS = 48 * HOUR_MS;

export interface OrderStoreDeps {
  readonly clock: SimClock;
  readonly seed: string;
  readonly documents: DocumentStore;
  readonly numbers: NumberDirectory;
  readonly shares: { readonly exceptionShare: number; readonly splitShare: number; readonly activationFailShare: number };
  readonly onOrderCreated: (customerReference: string | null) => void;
  /** Sees every change to an existing order (the events log records events from them). */
  readonly onOrderChange?: OrderObserver;
}

export interface OrderStoreState {
  readonly seq: number;
  readonly orders: readonly SimOrder[];
}

/**
 * Every porting order, with its lifecycle. Time-driven transitions are applied lazily: every read
 * or write first brings the orders up to the simulated clock (`catchUp`), so results depend only on
 * the clock, never on when a request happened to arrive.
 */
export class OrderStore {
  readonly #deps: OrderStoreDeps;
  readonly #orders = new Map<string, SimOrder>();
  /** Which live order holds each number. */
  readonly #numberIndex = new Map<string, string>();
  /** Orders with a pending lifecycle event. */
  readonly #active = new Set<string>();
  #seq = 0;

  constructor(deps: OrderStoreDeps) {
    this.#deps = deps;
  }

  /** `POST /porting_orders`: validates, then splits the numbers into orders as Telnyx does (a block is never split). */
  create(body: unknown): SimOrder[] {
    const request = parseCreateBody(body);
    const profiles = this.#profilesFor(request.phoneNumbers);
    const blocks = request.blocks.map((block, index) => ({ ...block, first: this.#blockProfile(block.range, `/phone_number_blocks/${index}`, request.phoneNumbers, request.blocks.slice(0, index).map((b) => b.range)) }));
    const nowMs = this.#deps.clock.nowMs();
    const creationKey = randomUUID();
    const groups = new Map<string, { profiles: NumberProfile[]; blocks: typeof blocks }>();
    const groupOf = (profile: NumberProfile) => {
      // Telnyx splits by SPID for US/CA only ("country, number type, SPID (for US/CA), and FastPort eligibility").
      const spid = profile.countryCode === 'US' || profile.countryCode === 'CA' ? profile.carrier.spid : '';
      const key = [profile.countryCode, profile.phoneNumberType, spid, String(profile.fastPortable)].join('|');
      let group = groups.get(key);
      if (group === undefined) {
        group = { profiles: [], blocks: [] };
        groups.set(key, group);
      }
      return group;
    };
    for (const profile of profiles) groupOf(profile).profiles.push(profile);
    for (const block of blocks) groupOf(block.first).blocks.push(block);
    const created: SimOrder[] = [];
    for (const group of groups.values()) {
      const first = group.profiles[0] ?? group.blocks[0]?.first;
      if (!first) continue;
      const order = this.#newOrder({
        nowMs,
        creationKey,
        customerReference: request.customerReference,
        customerGroupReference: request.customerGroupReference,
        first,
        phoneNumbers: group.profiles.map((p) => p.e164),
      });
      for (const block of group.blocks) this.#holdBlock(order, { id: randomUUID(), createdAtMs: nowMs, range: block.range, activationRanges: block.activationRanges });
      created.push(order);
      this.#deps.onOrderCreated(order.customerReference);
    }
    return created;
  }

  /** `GET …/phone_number_blocks`. */
  blocksOf(orderId: string): SimBlock[] {
    return [...(this.get(orderId).phoneNumberBlocks ?? [])];
  }

  /** `POST …/phone_number_blocks`: a DE block matching the order's country and type, apart from every live order's numbers. */
  addBlock(orderId: string, body: unknown): SimBlock {
    const order = this.get(orderId);
    this.#assertRangesEditable(order, 'phone number blocks');
    const parsed = parseBlockBody(body);
    const first = this.#blockProfile(parsed.range, '/phone_number_range', [], []);
    if (first.countryCode !== order.countryCode || first.phoneNumberType !== order.phoneNumberType) {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid value', detail: `the block is ${first.countryCode} ${first.phoneNumberType}; porting order ${order.id} is ${order.countryCode} ${order.phoneNumberType}: a block must match the order's country and number type`, source: { pointer: '/phone_number_range' } }]);
    }
    const nowMs = this.#deps.clock.nowMs();
    const before = markOrder(order);
    const block: SimBlock = { id: randomUUID(), createdAtMs: nowMs, range: parsed.range, activationRanges: parsed.activationRanges };
    this.#holdBlock(order, block);
    order.updatedAtMs = nowMs;
    this.#deps.onOrderChange?.({ order, before, atMs: nowMs });
    return block;
  }

  /** `DELETE …/phone_number_blocks/{id}`. */
  removeBlock(orderId: string, blockId: string): SimBlock {
    const order = this.get(orderId);
    const block = (order.phoneNumberBlocks ?? []).find((b) => b.id === blockId);
    if (block === undefined) throw SimApiError.notFound(`phone number block ${blockId}`);
    this.#assertRangesEditable(order, 'phone number blocks');
    const before = markOrder(order);
    order.phoneNumberBlocks = (order.phoneNumberBlocks ?? []).filter((b) => b.id !== blockId);
    for (const number of blockNumbers(block.range)) if (this.#numberIndex.get(number) === order.id) this.#numberIndex.delete(number);
    order.updatedAtMs = this.#deps.clock.nowMs();
    this.#deps.onOrderChange?.({ order, before, atMs: order.updatedAtMs });
    return block;
  }

  /** `GET …/phone_number_extensions` (optionally of one porting phone number). */
  extensionsOf(orderId: string, portingPhoneNumberId?: string): SimExtension[] {
    return (this.get(orderId).phoneNumberExtensions ?? []).filter((e) => portingPhoneNumberId === undefined || e.portingPhoneNumberId === portingPhoneNumberId);
  }

  /** `POST …/phone_number_extensions`: behind a number of this (German) order, apart from its other extensions. */
  addExtension(orderId: string, body: unknown): SimExtension {
    const order = this.get(orderId);
    this.#assertRangesEditable(order, 'phone number extensions');
    const parsed = parseExtensionBody(body);
    const phoneNumber = order.phoneNumbers.find((n) => portingPhoneNumberId(order, n) === parsed.portingPhoneNumberId);
    if (phoneNumber === undefined) {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid value', detail: `porting phone number ${parsed.portingPhoneNumberId} is not a number of porting order ${order.id}`, source: { pointer: '/porting_phone_number_id' } }]);
    }
    if (order.countryCode !== BLOCK_COUNTRY) {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid value', detail: `extensions are ported on German (DE) orders only; porting order ${order.id} is ${order.countryCode}`, source: { pointer: '/porting_phone_number_id' } }]);
    }
    const clash = (order.phoneNumberExtensions ?? []).find((e) => e.phoneNumber === phoneNumber && extensionsOverlap(e.range, parsed.range));
    if (clash !== undefined) {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid value', detail: `extensions ${parsed.range.start_at}-${parsed.range.end_at} overlap ${clash.range.start_at}-${clash.range.end_at} of ${phoneNumber}`, source: { pointer: '/extension_range' } }]);
    }
    const nowMs = this.#deps.clock.nowMs();
    const before = markOrder(order);
    const extension: SimExtension = { id: randomUUID(), createdAtMs: nowMs, portingPhoneNumberId: parsed.portingPhoneNumberId, phoneNumber, range: parsed.range, activationRanges: parsed.activationRanges };
    order.phoneNumberExtensions = [...(order.phoneNumberExtensions ?? []), extension];
    order.updatedAtMs = nowMs;
    this.#deps.onOrderChange?.({ order, before, atMs: nowMs });
    return extension;
  }

  /** `DELETE …/phone_number_extensions/{id}`. */
  removeExtension(orderId: string, extensionId: string): SimExtension {
    const order = this.get(orderId);
    const extension = (order.phoneNumberExtensions ?? []).find((e) => e.id === extensionId);
    if (extension === undefined) throw SimApiError.notFound(`phone number extension ${extensionId}`);
    this.#assertRangesEditable(order, 'phone number extensions');
    const before = markOrder(order);
    order.phoneNumberExtensions = (order.phoneNumberExtensions ?? []).filter((e) => e.id !== extensionId);
    order.updatedAtMs = this.#deps.clock.nowMs();
    this.#deps.onOrderChange?.({ order, before, atMs: order.updatedAtMs });
    return extension;
  }

  #assertRangesEditable(order: SimOrder, what: string): void {
    if (!RANGE_EDIT_STATUSES.includes(order.status)) {
      throw SimApiError.unprocessable(`porting order ${order.id} is ${order.status}; ${what} can be added or deleted only while it is draft, in-process or exception`, '10015', 'Invalid status');
    }
  }

  /**
   * Checks a block's numbers (German, valid, portable, in no live order, not in this request twice)
   * and returns the profile of its first number, which places it in an order.
   */
  #blockProfile(range: SimRange<string>, pointer: string, requestNumbers: readonly string[], earlierBlocks: readonly SimRange<string>[]): NumberProfile {
    const numbers = blockNumbers(range);
    const first = this.#deps.numbers.profile(numbers[0] ?? '');
    const fail = (detail: string, title = 'Invalid value'): never => {
      throw new SimApiError(422, [{ code: '10015', title, detail, source: { pointer } }]);
    };
    if (first === undefined) return fail(`expected a +E.164 range, got ${range.start_at} to ${range.end_at}`);
    if (first.countryCode !== BLOCK_COUNTRY) return fail(`block porting is only available for Germany (DE) port orders; ${range.start_at} is ${first.countryCode}`);
    const inRequest = new Set(requestNumbers);
    for (const number of numbers) {
      const profile = this.#deps.numbers.profile(number);
      if (profile === undefined) return fail(`${number} of the block is not a valid number`);
      if (!profile.portable) return fail(`${number} of the block is not portable: ${profile.notPortableReason}`, 'Phone number not portable');
      if (profile.phoneNumberType !== first.phoneNumberType) return fail(`${number} is ${profile.phoneNumberType}, ${range.start_at} is ${first.phoneNumberType}: a block holds one number type`);
      const holder = this.#numberIndex.get(number);
      if (holder !== undefined) return fail(`${number} of the block is already in porting order ${holder}`, 'Phone number already in a porting order');
      if (inRequest.has(number) || earlierBlocks.some((b) => number >= b.start_at && number <= b.end_at && number.length === b.start_at.length)) {
        return fail(`${number} appears more than once in the request`, 'Duplicate phone number');
      }
    }
    return first;
  }

  #holdBlock(order: SimOrder, block: SimBlock): void {
    order.phoneNumberBlocks = [...(order.phoneNumberBlocks ?? []), block];
    for (const number of blockNumbers(block.range)) this.#numberIndex.set(number, order.id);
  }

  get(id: string): SimOrder {
    this.catchUp();
    const order = this.#orders.get(id);
    if (!order) throw SimApiError.notFound(`porting order ${id}`);
    return order;
  }

  /** All orders, oldest first. */
  list(): SimOrder[] {
    this.catchUp();
    return [...this.#orders.values()];
  }

  patch(id: string, body: unknown): SimOrder {
    const order = this.get(id);
    const before = markOrder(order);
    const nowMs = this.#deps.clock.nowMs();
    applyOrderPatch(order, body, { documents: this.#deps.documents, nowMs });
    if (clearExceptionIfCorrected(order, nowMs)) this.#active.add(order.id);
    this.#deps.onOrderChange?.({ order, before, atMs: nowMs });
    return order;
  }

  /** `actions/confirm`: only a complete draft may be submitted; every missing item is listed. */
  confirm(id: string): SimOrder {
    const order = this.get(id);
    if (order.status !== 'draft') {
      throw SimApiError.unprocessable(`porting order ${id} is ${order.status}; only draft orders can be confirmed`, '10015', 'Invalid status');
    }
    const nowMs = this.#deps.clock.nowMs();
    const errors = [...missingForConfirmation(order, this.#deps.documents, nowMs), ...ownershipErrors(order)];
    if (errors.length > 0) throw new SimApiError(422, errors);
    const before = markOrder(order);
    decideFate(order, this.#deps.seed, this.#deps.shares);
    order.status = 'in-process';
    order.statusDetails = [];
    order.confirmedAtMs = nowMs;
    order.stageEnteredAtMs = nowMs;
    order.updatedAtMs = nowMs;
    for (const type of REQUIREMENT_TYPES) {
      const documentId = satisfyingDocument(order, type.documentSlot, this.#deps.documents);
      if (documentId) this.#deps.documents.link(documentId);
    }
    this.#active.add(order.id);
    this.#deps.onOrderChange?.({ order, before, atMs: nowMs });
    return order;
  }

  /** `actions/cancel`: to cancel-pending, unless within 48 hours of the FOC date. */
  cancel(id: string): SimOrder {
    const order = this.get(id);
    const cancellable = ['in-process', 'submitted', 'exception', 'foc-date-confirmed'];
    if (!cancellable.includes(order.status)) {
      const hint = order.status === 'draft' ? ' (delete a draft instead)' : '';
      throw SimApiError.unprocessable(`porting order ${id} is ${order.status} and cannot be cancelled${hint}`, '10015', 'Invalid status');
    }
    const nowMs = this.#deps.clock.nowMs();
    const foc = order.focActual ?? order.focRequested;
    if (foc !== null && Date.parse(foc) - nowMs < CANCEL_CUTOFF_MS) {
      throw SimApiError.unprocessable(
        `porting order ${id} cannot be cancelled within 48 hours of its FOC date (${foc}); contact Telnyx support`,
        '10015',
        'Cancellation not allowed',
      );
    }
    const before = markOrder(order);
    order.status = 'cancel-pending';
    order.statusDetails = [];
    order.stageEnteredAtMs = nowMs;
    order.updatedAtMs = nowMs;
    this.#active.add(order.id);
    this.#deps.onOrderChange?.({ order, before, atMs: nowMs });
    return order;
  }

  /** `actions/activate`: an on-demand activation job (US FastPort orders on their FOC day). */
  activate(id: string): ActivationJobRecord {
    const order = this.get(id);
    const job = activateOnDemand(order, this.#deps.clock.nowMs());
    this.#active.add(order.id);
    return job;
  }

  /** The order's activation jobs, oldest first. */
  activationJobs(id: string): ActivationJobRecord[] {
    return jobsOf(this.get(id));
  }

  /** PATCH an activation job's `activate_at`. */
  moveActivationJob(id: string, jobId: string, body: unknown): ActivationJobRecord {
    const order = this.get(id);
    const job = moveActivation(order, jobId, body, this.#deps.clock.nowMs());
    this.#active.add(order.id);
    return job;
  }

  /** DELETE: drafts only. */
  remove(id: string): void {
    const order = this.get(id);
    if (order.status !== 'draft') {
      throw SimApiError.unprocessable(`porting order ${id} is ${order.status}; only draft orders can be deleted (cancel it instead)`, '10015', 'Invalid status');
    }
    this.#orders.delete(id);
    this.#releaseNumbers(order);
    this.#deps.onOrderChange?.({ order, before: markOrder(order), atMs: this.#deps.clock.nowMs(), kind: 'deleted' });
  }

  addComment(id: string, body: unknown): CommentRecord {
    const order = this.get(id);
    const text = (body as { body?: unknown } | undefined)?.body;
    if (typeof text !== 'string' || text.trim() === '') throw SimApiError.invalid('/body', 'must be present: the comment text');
    const comment: CommentRecord = { id: randomUUID(), body: text, userType: 'user', createdAtMs: this.#deps.clock.nowMs() };
    const before = markOrder(order);
    order.comments.push(comment);
    this.#deps.onOrderChange?.({ order, before, atMs: comment.createdAtMs });
    return comment;
  }

  addAdditionalDocuments(id: string, body: unknown): AdditionalDocumentRecord[] {
    const order = this.get(id);
    const items = (body as { additional_documents?: unknown } | undefined)?.additional_documents;
    if (!Array.isArray(items) || items.length === 0) throw SimApiError.invalid('/additional_documents', 'must be present: a list of {document_id, document_type}');
    if (items.length > 100) throw SimApiError.invalid('/additional_documents', `at most 100 documents per request, got ${items.length}`);
    const errors: TelnyxErrorObject[] = [];
    items.forEach((item: { document_id?: unknown; document_type?: unknown } | null, index) => {
      const documentId = item?.document_id;
      if (typeof documentId !== 'string' || !this.#deps.documents.has(documentId)) {
        errors.push({ code: '10015', title: 'Invalid value', detail: `document ${String(documentId)} not found`, source: { pointer: `/additional_documents/${index}/document_id` } });
      }
      if (!['loa', 'invoice', 'csr', 'other'].includes(String(item?.document_type))) {
        errors.push({ code: '10015', title: 'Invalid value', detail: `expected loa, invoice, csr or other, got ${JSON.stringify(item?.document_type)}`, source: { pointer: `/additional_documents/${index}/document_type` } });
      }
    });
    if (errors.length > 0) throw new SimApiError(422, errors);
    const nowMs = this.#deps.clock.nowMs();
    const before = markOrder(order);
    const added = (items as Array<{ document_id: string; document_type: AdditionalDocumentRecord['documentType'] }>).map((item) => {
      this.#deps.documents.link(item.document_id);
      const record: AdditionalDocumentRecord = { id: randomUUID(), documentId: item.document_id, documentType: item.document_type, createdAtMs: nowMs };
      order.additionalDocuments.push(record);
      return record;
    });
    order.updatedAtMs = nowMs;
    this.#deps.onOrderChange?.({ order, before, atMs: nowMs });
    return added;
  }

  isRequirementsMet(order: SimOrder): boolean {
    return requirementsMet(order, this.#deps.documents);
  }

  /** Applies every lifecycle event due by now, in time order per order. */
  catchUp(): void {
    if (this.#active.size === 0) return;
    const nowMs = this.#deps.clock.nowMs();
    for (const id of [...this.#active]) {
      const order = this.#orders.get(id);
      if (!order) {
        this.#active.delete(id);
        continue;
      }
      for (let event = nextLifecycleEvent(order); ; event = nextLifecycleEvent(order)) {
        if (!event) {
          this.#active.delete(id);
          break;
        }
        if (event.atMs > nowMs) break;
        const before = markOrder(order);
        if (event.kind === 'split') {
          const { sibling, moved } = this.#split(order, event.atMs);
          this.#deps.onOrderChange?.({ order, before, atMs: event.atMs, kind: 'split', splitTo: sibling, movedNumbers: moved });
        } else if (event.kind === 'start-activation' || event.kind === 'finish-activation') {
          applyActivationEvent(order, { kind: event.kind, atMs: event.atMs, jobId: event.jobId ?? '' }, this.#deps.seed, this.#deps.shares.activationFailShare);
          this.#deps.onOrderChange?.({ order, before, atMs: event.atMs });
        } else {
          applyLifecycleEvent(order, event);
          this.#deps.onOrderChange?.({ order, before, atMs: event.atMs });
        }
      }
      if (order.status === 'cancelled') this.#releaseNumbers(order);
    }
  }

  exportState(): OrderStoreState {
    return { seq: this.#seq, orders: [...this.#orders.values()] };
  }

  importState(state: OrderStoreState): void {
    this.#seq = state.seq;
    for (const order of state.orders) {
      this.#orders.set(order.id, order);
      if (holdsNumbers(order)) for (const number of [...order.phoneNumbers, ...blockNumbersOf(order)]) this.#numberIndex.set(number, order.id);
      if (nextLifecycleEvent(order)) this.#active.add(order.id);
    }
  }

  #profilesFor(phoneNumbers: readonly string[]): NumberProfile[] {
    const errors: TelnyxErrorObject[] = [];
    const seen = new Set<string>();
    const profiles: NumberProfile[] = [];
    phoneNumbers.forEach((number, index) => {
      const pointer = `/phone_numbers/${index}`;
      const profile = this.#deps.numbers.profile(number);
      if (!profile) {
        errors.push({ code: '10016', title: 'Phone number must be in +E.164 format', detail: `expected a +E.164 phone number, got "${number}"`, source: { pointer } });
        return;
      }
      if (seen.has(number)) {
        errors.push({ code: '10015', title: 'Duplicate phone number', detail: `${number} appears more than once in the request`, source: { pointer } });
        return;
      }
      seen.add(number);
      if (!profile.portable) {
        errors.push({ code: '10015', title: 'Phone number not portable', detail: `${number} is not portable: ${profile.notPortableReason}`, source: { pointer } });
        return;
      }
      const holder = this.#numberIndex.get(number);
      if (holder !== undefined) {
        errors.push({ code: '10015', title: 'Phone number already in a porting order', detail: `${number} is already in porting order ${holder}`, source: { pointer } });
        return;
      }
      profiles.push(profile);
    });
    if (errors.length > 0) throw new SimApiError(422, errors);
    return profiles;
  }

  #newOrder(input: {
    nowMs: number;
    creationKey: string;
    customerReference: string | null;
    customerGroupReference: string | null;
    first: NumberProfile;
    phoneNumbers: string[];
  }): SimOrder {
    const id = randomUUID();
    this.#seq += 1;
    const order: SimOrder = {
      id,
      seq: this.#seq,
      createdAtMs: input.nowMs,
      updatedAtMs: input.nowMs,
      customerReference: input.customerReference,
      customerGroupReference: input.customerGroupReference,
      countryCode: input.first.countryCode,
      phoneNumberType: input.first.phoneNumberType,
      carrierName: input.first.carrier.name,
      spid: input.first.carrier.spid,
      fastPortEligible: input.first.fastPortable,
      phoneNumbers: input.phoneNumbers,
      supportKey: `sr_${seededTag(6, this.#deps.seed, 'support', id)}`,
      parentSupportKey: `pr_${seededTag(6, this.#deps.seed, 'parent', input.creationKey)}`,
      ...draftOrderState(input.nowMs),
    };
    order.actionRequirements = initialActionRequirements(order, this.#deps.seed, input.nowMs);
    this.#orders.set(id, order);
    for (const number of order.phoneNumbers) this.#numberIndex.set(number, id);
    return order;
  }

  /** The losing carrier splits the order: the second half of its numbers moves to a new order. */
  #split(order: SimOrder, atMs: number): { sibling: SimOrder; moved: string[] } {
    order.hasSplit = true;
    const keep = Math.ceil(order.phoneNumbers.length / 2);
    const moved = order.phoneNumbers.slice(keep);
    order.phoneNumbers = order.phoneNumbers.slice(0, keep);
    // Derived, not random: a split the lazy clock replays after a restart gets the same id.
    const id = seededUuid(this.#deps.seed, 'split', order.id);
    this.#seq += 1;
    const sibling: SimOrder = {
      ...structuredClone(order),
      id,
      seq: this.#seq,
      createdAtMs: atMs,
      updatedAtMs: atMs,
      phoneNumbers: moved,
      supportKey: `sr_${seededTag(6, this.#deps.seed, 'support', id)}`,
      fate: 'normal',
      // Blocks are never split: they stay with the original order; extensions follow their number.
      phoneNumberBlocks: [],
      phoneNumberExtensions: (order.phoneNumberExtensions ?? []).filter((e) => moved.includes(e.phoneNumber)),
      comments: [],
      additionalDocuments: order.additionalDocuments.map((d) => ({ ...d, id: randomUUID() })),
    };
    const detail = 'PORTING_ORDER_SPLIT_REQUIRED';
    order.statusDetails = [{ code: detail, description: `The losing carrier required a split: ${moved.length} numbers moved to porting order ${id}` }];
    sibling.statusDetails = [{ code: detail, description: `Split from porting order ${order.id} (support key ${order.supportKey})` }];
    order.comments.push({ id: randomUUID(), body: `Porting order split: ${moved.length} numbers moved to porting order ${id}.`, userType: 'system', createdAtMs: atMs });
    sibling.comments.push({ id: randomUUID(), body: `Created by splitting porting order ${order.id}.`, userType: 'system', createdAtMs: atMs });
    order.phoneNumberExtensions = (order.phoneNumberExtensions ?? []).filter((e) => !moved.includes(e.phoneNumber));
    order.updatedAtMs = atMs;
    this.#orders.set(id, sibling);
    for (const number of moved) this.#numberIndex.set(number, id);
    this.#active.add(id);
    return { sibling, moved };
  }

  #releaseNumbers(order: SimOrder): void {
    for (const number of [...order.phoneNumbers, ...blockNumbersOf(order)]) {
      if (this.#numberIndex.get(number) === order.id) this.#numberIndex.delete(number);
    }
  }
}
