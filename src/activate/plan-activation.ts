import type { KnownActivation } from '../campaign/activation-state.js';
import {
  describeWindows,
  FINAL_JOB_STATUSES,
  isWithinWindows,
  latestJob,
  liveOnDemandJob,
  resolveActivateAt,
  waitingScheduledJob,
  type ActivationJobView,
} from './activation-job.js';

/** One order of the campaign, as `activate` weighs it. */
export interface ActivationCandidate {
  readonly id: string;
  readonly partKey: string;
  /** The plan part's country (undefined when the journal has no part for the order). */
  readonly country: string | undefined;
  /** Whether the campaign listing showed it (else `status` is the journal's). */
  readonly isListed: boolean;
  readonly status: string;
  readonly isFastPort: boolean | undefined;
  readonly focActual: string | undefined;
  readonly known: KnownActivation;
  /** The order's jobs on the server, once read (only when the journal could not settle it). */
  readonly jobs?: readonly ActivationJobView[];
}

export type ActivationStep =
  /** Send `actions/activate`. */
  | { readonly kind: 'activate'; readonly order: string; readonly reason: string }
  /** A job is already running (or waiting on demand): nothing sent; `--watch` follows it. */
  | { readonly kind: 'running'; readonly order: string; readonly job: string; readonly jobType: string; readonly jobStatus: string; readonly reason: string }
  /** Ported, or its activation completed. */
  | { readonly kind: 'done'; readonly order: string; readonly reason: string }
  /** The journal cannot settle it (an activation without a known outcome): read its jobs, then plan again. */
  | { readonly kind: 'look'; readonly order: string; readonly reason: string }
  | { readonly kind: 'not-eligible'; readonly order: string; readonly reason: string };

const ELIGIBLE_STATUS = 'foc-date-confirmed';
const DAY_MS = 86_400_000;

/**
 * Why an order cannot be activated at all, or undefined when it is a US FastPort order that is
 * `foc-date-confirmed` (and, when `serverNow` is given, whose FOC day has begun by Telnyx's clock).
 */
function ineligibility(candidate: ActivationCandidate, serverNow: Date | undefined): string | undefined {
  if (!candidate.isListed) return `Telnyx does not list it under the campaign (last known status ${candidate.status})`;
  if (candidate.country !== 'US') {
    return `${candidate.country === undefined ? 'its country is unknown' : `${candidate.country} order`}: on-demand activation is limited to US FastPort orders`;
  }
  if (candidate.isFastPort !== true) return 'not FastPort eligible (fast_port_eligible false): it ports at its FOC date without activation';
  if (candidate.status !== ELIGIBLE_STATUS) return `status ${candidate.status}: activation needs ${ELIGIBLE_STATUS}`;
  if (serverNow === undefined) return undefined;
  const focMs = candidate.focActual === undefined ? Number.NaN : Date.parse(candidate.focActual);
  if (!Number.isFinite(focMs)) return 'no confirmed FOC date (foc_datetime_actual) yet';
  if (Math.floor(serverNow.getTime() / DAY_MS) < Math.floor(focMs / DAY_MS)) {
    return `FOC date ${candidate.focActual?.slice(0, 10) ?? ''} not reached (Telnyx's date is ${serverNow.toISOString().slice(0, 10)}, UTC)`;
  }
  return undefined;
}

/** Whether `--at` needs the order's jobs: it is a US FastPort order in `foc-date-confirmed`. */
export function mayHaveScheduledJob(candidate: ActivationCandidate): boolean {
  return ineligibility(candidate, undefined) === undefined;
}

/**
 * What `activate` does with each order (no `--at`): eligible orders are activated once; an order
 * whose latest job failed is activated again; a running or completed activation is left alone. The
 * journal decides where it can; an open intent or a job last seen unfinished needs the server's
 * jobs (`look`), after which the order is planned again with `jobs` set.
 */
export function planActivation(candidates: readonly ActivationCandidate[], serverNow: Date): ActivationStep[] {
  return candidates.map((candidate): ActivationStep => {
    const order = candidate.id;
    if (candidate.isListed && candidate.status === 'ported') return { kind: 'done', order, reason: 'already ported' };
    const why = ineligibility(candidate, serverNow);
    if (why !== undefined) return { kind: 'not-eligible', order, reason: why };
    if (candidate.jobs !== undefined) return fromJobs(order, candidate.jobs);
    const { known } = candidate;
    if (known.isOpen) return { kind: 'look', order, reason: 'an earlier activation has no recorded outcome' };
    if (known.jobStatus === undefined) return { kind: 'activate', order, reason: 'first activation' };
    if (known.jobStatus === 'failed') return { kind: 'activate', order, reason: `re-activation: job ${known.job ?? ''} failed${known.message ? ` (${known.message})` : ''}` };
    if (known.jobStatus === 'completed') return { kind: 'done', order, reason: `activated (job ${known.job ?? ''} completed)` };
    return { kind: 'look', order, reason: `job ${known.job ?? ''} was ${known.jobStatus} when last read` };
  });
}

function fromJobs(order: string, jobs: readonly ActivationJobView[]): ActivationStep {
  const running = jobs.find((job) => job.status === 'in-process') ?? liveOnDemandJob(jobs);
  if (running !== undefined && running.status === 'completed') return { kind: 'done', order, reason: `activated (job ${running.id} completed)` };
  if (running !== undefined) {
    return { kind: 'running', order, job: running.id, jobType: running.type, jobStatus: running.status, reason: `job ${running.id} (${running.type}) is ${running.status}` };
  }
  const latest = latestJob(jobs);
  if (latest?.status === 'failed') return { kind: 'activate', order, reason: `re-activation: job ${latest.id} failed` };
  return { kind: 'activate', order, reason: 'first activation' };
}

export type MoveStep =
  | { readonly kind: 'move'; readonly order: string; readonly job: string; readonly activateAt: string; readonly from: string }
  | { readonly kind: 'already'; readonly order: string; readonly job: string; readonly activateAt: string }
  | { readonly kind: 'not-eligible'; readonly order: string; readonly reason: string };

/**
 * `--at TIME`: for each order, its scheduled job still waiting moves to TIME. Orders that cannot be
 * activated, or have no waiting scheduled job, are not eligible. A time that is not valid, outside
 * every one of the job's windows, or already past is a problem: the caller refuses the whole run
 * (exit 2) before any write, naming the windows, and never adjusts the time.
 */
export function planMove(candidates: readonly ActivationCandidate[], atText: string, serverNow: Date): { steps: MoveStep[]; problems: string[] } {
  const steps: MoveStep[] = [];
  const problems: string[] = [];
  for (const candidate of candidates) {
    const order = candidate.id;
    const why = ineligibility(candidate, undefined);
    if (why !== undefined) {
      steps.push({ kind: 'not-eligible', order, reason: why });
      continue;
    }
    const job = waitingScheduledJob(candidate.jobs ?? []);
    if (job === undefined) {
      const latest = latestJob(candidate.jobs ?? []);
      steps.push({ kind: 'not-eligible', order, reason: `no scheduled activation job waiting${latest === undefined ? '' : ` (latest: ${latest.type} job ${latest.id}, ${latest.status})`}` });
      continue;
    }
    const resolved = resolveActivateAt(atText, candidate.focActual);
    if ('error' in resolved) {
      problems.push(`porting order ${order}: ${resolved.error}`);
      continue;
    }
    const at = new Date(resolved.atMs).toISOString();
    if (!isWithinWindows(resolved.atMs, job.windows)) {
      problems.push(`porting order ${order}: ${at} is outside every activation window of job ${job.id} (${describeWindows(job.windows)})`);
      continue;
    }
    if (resolved.atMs < serverNow.getTime()) {
      problems.push(`porting order ${order}: ${at} is already past (Telnyx's time is ${serverNow.toISOString()})`);
      continue;
    }
    if (Date.parse(job.activateAt) === resolved.atMs) steps.push({ kind: 'already', order, job: job.id, activateAt: at });
    else steps.push({ kind: 'move', order, job: job.id, activateAt: at, from: job.activateAt });
  }
  return { steps, problems };
}

/** Whether a job read while watching is finished. */
export function isJobFinished(status: string): boolean {
  return FINAL_JOB_STATUSES.has(status);
}
