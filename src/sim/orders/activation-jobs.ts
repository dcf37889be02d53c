import { randomUUID } from 'node:crypto';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../clock.js';
import { SimApiError } from '../http.js';
import { seededUnit, seededUuid } from '../seeded-hash.js';
import type { SimOrder } from './sim-order.js';

/**
 * Activation jobs (`actions/activate`, `GET|PATCH …/activation_jobs`), for US FastPort orders only
 * ("limited to US FastPort orders only"). Where the docs are silent the simulator decides
 * (DIFFERENCES.md §15):
 *
 *  - When such an order's FOC is confirmed, Telnyx schedules its activation: a `scheduled` job with
 *    `activate_at` = the FOC (or the first window's start when the FOC falls outside the windows).
 *  - Windows are offered on the FOC date (UTC): 12:00–16:00 and 19:00–23:00.
 *  - `actions/activate` is accepted once the order is `foc-date-confirmed` and its FOC day (UTC) has
 *    begun, and only while no job of the order is running or still waiting on demand: an `on-demand`
 *    job with `activate_at` = now.
 *  - A job goes `created → in-process` (on demand: after 1 minute; scheduled: at `activate_at`) →
 *    `completed` or `failed` 4 minutes later. The first job of an order to run fails for a seeded
 *    share of orders (by the order's first number); a later job of the same order completes.
 *  - `completed`: the order is `ported`, its numbers `Active`; a scheduled job still waiting is
 *    completed with it (its numbers are active). `failed`: the order stays `foc-date-confirmed` with
 *    an SV_* status detail and a comment saying why, its numbers `Failed`; a waiting scheduled job
 *    still runs at its time.
 *  - PATCH moves `activate_at` of a `created` job; the time must fall in one of its windows and not
 *    be in the past (422 otherwise, naming the windows).
 */
export type ActivationJobStatus = 'created' | 'in-process' | 'completed' | 'failed';

export interface ActivationWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export interface ActivationJobRecord {
  id: string;
  type: 'scheduled' | 'on-demand';
  status: ActivationJobStatus;
  activateAtMs: number;
  windows: ActivationWindow[];
  createdAtMs: number;
  updatedAtMs: number;
  /** When it went in-process. */
  startedAtMs: number | null;
  /** Why it failed (also the order's status detail). */
  failure: { code: string; description: string } | null;
}

const ON_DEMAND_START_MS = MINUTE_MS;
const RUN_MS = 4 * MINUTE_MS;
const WINDOW_HOURS: ReadonlyArray<readonly [number, number]> = [
  [12, 16],
  [19, 23],
];
/** What the simulated NPAC says when a job fails (codes from the spec's exception types). */
const FAILURES = [
  { code: 'SV_CONFLICT', description: 'Subscription version conflict: the losing carrier has not released the numbers' },
  { code: 'SV_UNKNOWN_FAILURE', description: 'The subscription version could not be activated (NPAC timeout)' },
] as const;

export type ActivationEventKind = 'start-activation' | 'finish-activation';

/** Whether the order's activation goes through jobs (US FastPort). */
export function usesActivationJobs(order: SimOrder): boolean {
  return order.countryCode === 'US' && order.fastPortEligible;
}

export function jobsOf(order: SimOrder): ActivationJobRecord[] {
  order.activationJobs ??= [];
  return order.activationJobs;
}

/** The activation windows of an order whose FOC is `focMs`: on the FOC date (UTC). */
function activationWindows(focMs: number): ActivationWindow[] {
  const dayStart = Math.floor(focMs / DAY_MS) * DAY_MS;
  return WINDOW_HOURS.map(([from, to]) => ({ startMs: dayStart + from * HOUR_MS, endMs: dayStart + to * HOUR_MS }));
}

/** The `scheduled` job Telnyx creates when a US FastPort order's FOC is confirmed. */
export function scheduleActivation(order: SimOrder, focMs: number, atMs: number): void {
  const jobs = jobsOf(order);
  const windows = activationWindows(focMs);
  const inWindow = windows.some((w) => focMs >= w.startMs && focMs <= w.endMs);
  jobs.push({
    // Derived, not random: the lazy clock may replay this after a restart.
    id: seededUuid(order.id, 'activation-job', jobs.length),
    type: 'scheduled',
    status: 'created',
    activateAtMs: inWindow ? focMs : (windows[0]?.startMs ?? focMs),
    windows,
    createdAtMs: atMs,
    updatedAtMs: atMs,
    startedAtMs: null,
    failure: null,
  });
}

/** `actions/activate`: refuses (422, saying why) unless the order may be activated now. */
export function activateOnDemand(order: SimOrder, nowMs: number): ActivationJobRecord {
  if (!usesActivationJobs(order)) {
    throw SimApiError.unprocessable(`porting order ${order.id} is not a US FastPort order; on-demand activation is limited to US FastPort orders`, '10015', 'Activation not allowed');
  }
  if (order.status !== 'foc-date-confirmed') {
    throw SimApiError.unprocessable(`porting order ${order.id} is ${order.status}; only foc-date-confirmed orders can be activated`, '10015', 'Activation not allowed');
  }
  const focMs = order.focActual === null ? Number.NaN : Date.parse(order.focActual);
  const focDayMs = Math.floor(focMs / DAY_MS) * DAY_MS;
  if (!Number.isFinite(focMs) || nowMs < focDayMs) {
    throw SimApiError.unprocessable(`porting order ${order.id} cannot be activated before its FOC date (${order.focActual ?? 'none'})`, '10015', 'Activation not allowed');
  }
  const jobs = jobsOf(order);
  const busy = jobs.find((j) => j.status === 'in-process' || (j.status === 'created' && j.type === 'on-demand'));
  if (busy) {
    throw SimApiError.unprocessable(`porting order ${order.id} already has activation job ${busy.id} (${busy.status})`, '10015', 'Activation in progress');
  }
  const job: ActivationJobRecord = {
    id: randomUUID(),
    type: 'on-demand',
    status: 'created',
    activateAtMs: nowMs,
    windows: activationWindows(focMs),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    startedAtMs: null,
    failure: null,
  };
  jobs.push(job);
  return job;
}

/** PATCH `activate_at` of a waiting job. */
export function moveActivation(order: SimOrder, jobId: string, body: unknown, nowMs: number): ActivationJobRecord {
  const job = jobsOf(order).find((j) => j.id === jobId);
  if (!job) throw SimApiError.notFound(`activation job ${jobId}`);
  const value = (body as { activate_at?: unknown } | undefined)?.activate_at;
  if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) throw SimApiError.invalid('/activate_at', 'must be present: an ISO 8601 date-time');
  if (job.status !== 'created') throw SimApiError.unprocessable(`activation job ${jobId} is ${job.status}; only a job that has not started can be moved`, '10015', 'Invalid status');
  const atMs = Date.parse(value);
  const windows = job.windows.map((w) => `${new Date(w.startMs).toISOString()}–${new Date(w.endMs).toISOString()}`).join(', ');
  if (!job.windows.some((w) => atMs >= w.startMs && atMs <= w.endMs)) throw SimApiError.invalid('/activate_at', `${value} is outside every activation window (${windows})`);
  if (atMs < nowMs) throw SimApiError.invalid('/activate_at', `${value} is in the past`);
  job.activateAtMs = atMs;
  job.updatedAtMs = nowMs;
  return job;
}

/** The next job event of an order whose activation goes through jobs. */
export function nextActivationEvent(order: SimOrder): { kind: ActivationEventKind; atMs: number; jobId: string } | undefined {
  let next: { kind: ActivationEventKind; atMs: number; jobId: string } | undefined;
  for (const job of jobsOf(order)) {
    let event: typeof next;
    if (job.status === 'in-process') event = { kind: 'finish-activation', atMs: (job.startedAtMs ?? job.activateAtMs) + RUN_MS, jobId: job.id };
    else if (job.status === 'created') event = { kind: 'start-activation', atMs: job.type === 'on-demand' ? job.createdAtMs + ON_DEMAND_START_MS : job.activateAtMs, jobId: job.id };
    if (event && (!next || event.atMs < next.atMs)) next = event;
  }
  return next;
}

/** Applies a job event; `failShare` of orders fail their first job to run (seeded by the first number). */
export function applyActivationEvent(order: SimOrder, event: { kind: ActivationEventKind; atMs: number; jobId: string }, seed: string, failShare: number): void {
  const jobs = jobsOf(order);
  const job = jobs.find((j) => j.id === event.jobId);
  if (!job) return;
  job.updatedAtMs = event.atMs;
  if (event.kind === 'start-activation') {
    job.status = 'in-process';
    job.startedAtMs = event.atMs;
    return;
  }
  const isFirstToRun = !jobs.some((j) => j !== job && j.status === 'failed');
  const key = order.phoneNumbers[0] ?? order.id;
  if (isFirstToRun && seededUnit(seed, 'activation-failure', key) < failShare) {
    const failure = FAILURES[Math.floor(seededUnit(seed, 'activation-failure-kind', key) * FAILURES.length)] ?? FAILURES[0];
    job.status = 'failed';
    job.failure = { ...failure };
    order.statusDetails = [{ code: failure.code, description: failure.description }];
    order.updatedAtMs = event.atMs;
    order.comments.push({ id: randomUUID(), body: `Activation job ${job.id} failed: ${failure.code} — ${failure.description}.`, userType: 'system', createdAtMs: event.atMs });
    return;
  }
  job.status = 'completed';
  for (const other of jobs) {
    if (other.status === 'created' && other.type === 'scheduled') {
      other.status = 'completed';
      other.updatedAtMs = event.atMs;
    }
  }
  order.status = 'ported';
  order.statusDetails = [];
  order.stageEnteredAtMs = event.atMs;
  order.updatedAtMs = event.atMs;
  order.comments.push({ id: randomUUID(), body: `Activation job ${job.id} completed: ${order.phoneNumbers.length} number(s) active.`, userType: 'system', createdAtMs: event.atMs });
}

/** A number's `activation_status` while jobs run: Sending (in process), Failed (the latest job failed). */
export function jobActivationStatus(order: SimOrder): string | undefined {
  if (order.status !== 'foc-date-confirmed') return undefined;
  const jobs = order.activationJobs ?? [];
  if (jobs.some((j) => j.status === 'in-process')) return 'Sending';
  const latest = [...jobs].filter((j) => j.status === 'failed' || j.status === 'completed').sort((a, b) => b.updatedAtMs - a.updatedAtMs)[0];
  return latest?.status === 'failed' ? 'Failed' : undefined;
}

export function renderActivationJob(job: ActivationJobRecord): Record<string, unknown> {
  return {
    id: job.id,
    record_type: 'porting_activation_job',
    activation_type: job.type,
    status: job.status,
    activate_at: new Date(job.activateAtMs).toISOString(),
    activation_windows: job.windows.map((w) => ({ start_at: new Date(w.startMs).toISOString(), end_at: new Date(w.endMs).toISOString() })),
    created_at: new Date(job.createdAtMs).toISOString(),
    updated_at: new Date(job.updatedAtMs).toISOString(),
  };
}
