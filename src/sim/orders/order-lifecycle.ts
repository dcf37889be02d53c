import { randomUUID } from 'node:crypto';
import { DAY_MS, HOUR_MS } from '../clock.js';
import { seededPick, seededUnit } from '../seeded-hash.js';
import { CORRECTABLE_EXCEPTIONS, exceptionDescription } from './exception-types.js';
import { nextActivationEvent, scheduleActivation, usesActivationJobs, type ActivationEventKind } from './activation-jobs.js';
import { allowedFocWindows } from './foc-windows.js';
import type { OrderFate, SimOrder } from './sim-order.js';

/**
 * The simulated life of a confirmed order, on the simulated clock:
 *
 *   draft ─confirm→ in-process ─1h→ submitted ─24h (FastPort 1h)→ foc-date-confirmed ─FOC→ ported
 *                                    ├─2h→ split (fate `split`: the second half of the numbers moves to
 *                                    │     a new order with the same parent_support_key; both stay submitted)
 *                                    └─4h→ exception (fate `exception`) ─PATCH correcting the field→ in-process
 *   in-process/submitted/exception/foc-date-confirmed ─cancel→ cancel-pending ─4h→ cancelled
 *
 * A US FastPort order is not ported at the FOC itself: its activation job (scheduled at the FOC
 * confirmation, or started on demand) ports it when it completes (activation-jobs.ts).
 *
 * The fate is fixed at confirmation from the seed: exceptions by end user (account number, else
 * entity name, else first number), splits by first number. The exception raised is one of
 * CORRECTABLE_EXCEPTIONS, chosen by the same key; it is cleared by a PATCH that sets its field to
 * any different non-empty value (the simulator treats the value on file as the carrier-side typo).
 */
const LIFECYCLE_MS = {
  inProcessToSubmitted: HOUR_MS,
  submittedToSplit: 2 * HOUR_MS,
  submittedToException: 4 * HOUR_MS,
  submittedToFocConfirmed: DAY_MS,
  fastPortSubmittedToFocConfirmed: HOUR_MS,
  cancelPendingToCancelled: 4 * HOUR_MS,
} as const;

export type LifecycleEventKind = 'submit' | 'split' | 'raise-exception' | 'confirm-foc' | 'port' | 'finish-cancel' | ActivationEventKind;

export interface LifecycleEvent {
  readonly kind: LifecycleEventKind;
  readonly atMs: number;
  /** The activation job of a `start-activation` / `finish-activation` event. */
  readonly jobId?: string;
}

/** The next thing that will happen to the order on its own, if anything. */
export function nextLifecycleEvent(order: SimOrder): LifecycleEvent | undefined {
  const since = order.stageEnteredAtMs;
  switch (order.status) {
    case 'in-process':
      return { kind: 'submit', atMs: since + LIFECYCLE_MS.inProcessToSubmitted };
    case 'submitted': {
      const focDelay = order.fastPortEligible ? LIFECYCLE_MS.fastPortSubmittedToFocConfirmed : LIFECYCLE_MS.submittedToFocConfirmed;
      const events: LifecycleEvent[] = [{ kind: 'confirm-foc', atMs: since + focDelay }];
      if (order.fate === 'split' && !order.hasSplit && order.phoneNumbers.length >= 2) {
        events.push({ kind: 'split', atMs: since + LIFECYCLE_MS.submittedToSplit });
      }
      if (order.fate === 'exception' && !order.hasRaisedException) {
        events.push({ kind: 'raise-exception', atMs: since + LIFECYCLE_MS.submittedToException });
      }
      return events.reduce((a, b) => (b.atMs < a.atMs ? b : a));
    }
    case 'foc-date-confirmed': {
      // US FastPort orders port through their activation jobs (activation-jobs.ts), not at the FOC itself.
      if (usesActivationJobs(order)) return nextActivationEvent(order);
      const focMs = order.focActual === null ? since : Date.parse(order.focActual);
      return { kind: 'port', atMs: Math.max(since, focMs) };
    }
    case 'cancel-pending':
      return { kind: 'finish-cancel', atMs: since + LIFECYCLE_MS.cancelPendingToCancelled };
    default:
      return undefined;
  }
}

/** Applies an event other than `split` (the store does splits: they create an order). */
export function applyLifecycleEvent(order: SimOrder, event: LifecycleEvent): void {
  order.stageEnteredAtMs = event.atMs;
  order.updatedAtMs = event.atMs;
  switch (event.kind) {
    case 'submit':
      order.status = 'submitted';
      return;
    case 'raise-exception': {
      const exception = exceptionFor(order);
      order.status = 'exception';
      order.hasRaisedException = true;
      order.openException = { code: exception.code, pointer: exception.pointer, valueOnFile: fieldValue(order, exception.pointer) };
      const field = exception.pointer.slice(1).replace(/\//g, '.');
      order.statusDetails = [
        { code: exception.code, description: `${exceptionDescription(exception.code)}: correct ${field} and update the order` },
      ];
      order.comments.push({
        id: randomUUID(),
        body: `Exception ${exception.code}: ${exceptionDescription(exception.code)}. Please correct ${field}.`,
        userType: 'admin',
        createdAtMs: event.atMs,
      });
      return;
    }
    case 'confirm-foc': {
      order.status = 'foc-date-confirmed';
      order.statusDetails = [];
      const focMs = actualFocMs(order, event.atMs);
      order.focActual = new Date(focMs).toISOString();
      if (usesActivationJobs(order)) scheduleActivation(order, focMs, event.atMs);
      order.comments.push({
        id: randomUUID(),
        body: `FOC date confirmed by the losing carrier: ${order.focActual}`,
        userType: 'system',
        createdAtMs: event.atMs,
      });
      return;
    }
    case 'port':
      order.status = 'ported';
      order.statusDetails = [];
      return;
    case 'finish-cancel':
      order.status = 'cancelled';
      order.statusDetails = [];
      return;
    case 'split':
    case 'start-activation':
    case 'finish-activation':
      throw new Error(`${event.kind} events are applied by the order store`);
  }
}

/** Decides what will happen to an order being confirmed (its fate and, for exceptions, which one). */
export function decideFate(order: SimOrder, seed: string, shares: { exceptionShare: number; splitShare: number }): void {
  const key = endUserKey(order);
  order.plannedExceptionCode = seededPick(CORRECTABLE_EXCEPTIONS, seed, 'exception-type', key).code;
  let fate: OrderFate = 'normal';
  if (seededUnit(seed, 'exception', key) < shares.exceptionShare) fate = 'exception';
  else if (order.phoneNumbers.length >= 2 && seededUnit(seed, 'split', order.phoneNumbers[0] ?? '') < shares.splitShare) fate = 'split';
  order.fate = fate;
}

/** Clears an open exception when the PATCH changed its field to a different non-empty value. */
export function clearExceptionIfCorrected(order: SimOrder, nowMs: number): boolean {
  const open = order.openException;
  if (order.status !== 'exception' || !open) return false;
  const value = fieldValue(order, open.pointer);
  if (value === null || value.trim() === '' || value === open.valueOnFile) return false;
  order.status = 'in-process';
  order.statusDetails = [];
  order.openException = null;
  order.stageEnteredAtMs = nowMs;
  order.comments.push({
    id: randomUUID(),
    body: `Exception ${open.code} cleared by the update; the order is back in process.`,
    userType: 'system',
    createdAtMs: nowMs,
  });
  return true;
}

function exceptionFor(order: SimOrder): (typeof CORRECTABLE_EXCEPTIONS)[number] {
  return CORRECTABLE_EXCEPTIONS.find((e) => e.code === order.plannedExceptionCode) ?? CORRECTABLE_EXCEPTIONS[0];
}

function endUserKey(order: SimOrder): string {
  return order.admin.account_number ?? order.admin.entity_name ?? order.phoneNumbers[0] ?? order.id;
}

function actualFocMs(order: SimOrder, atMs: number): number {
  const requested = order.focRequested === null ? Number.NaN : Date.parse(order.focRequested);
  if (Number.isFinite(requested) && requested > atMs) return requested;
  const [first] = allowedFocWindows(atMs, order.fastPortEligible);
  return first ? first.startMs : atMs + DAY_MS;
}

/** The order's value at a `/end_user/...` pointer. */
function fieldValue(order: SimOrder, pointer: string): string | null {
  const [, , group, field] = pointer.split('/');
  const record: Record<string, string | null> = group === 'admin' ? { ...order.admin } : { ...order.location };
  return field === undefined ? null : (record[field] ?? null);
}
