import { setTimeout as delay } from 'node:timers/promises';
import type { ApiSession } from '../api/api-session.js';
import { toApiSummary } from '../api/api-summary.js';
import type { CampaignRun, CampaignRunOutcome } from '../campaign/campaign-run.js';
import type { CampaignState } from '../campaign/campaign-state.js';
import type { GlobalOptions } from '../config/global-options.js';
import { mapBounded } from '../core/bounded.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { createProgress } from '../progress/progress.js';
import { statusChangeRecords } from '../track/status-change-records.js';
import { writeOutcomeTable } from '../track/write-outcome-table.js';
import { writeTrackingResults } from '../track/write-tracking-results.js';
import {
  moveActivationJobs,
  readActivationJobs,
  readNumberStatuses,
  readOrdersForActivation,
  sendActivations,
  type ActivationWireOrder,
  type CampaignOrdersForActivation,
  type NumberActivationStatus,
} from './activation-calls.js';
import { describeWindows, latestJob, type ActivationJobView } from './activation-job.js';
import {
  activationExitCode,
  countOutcomes,
  numberOutcome,
  NUMBER_OUTCOME_COLUMNS,
  ORDER_OUTCOME_COLUMNS,
  type ActivationNumberOutcome,
  type ActivationOrderOutcome,
} from './activation-report.js';
import { mayHaveScheduledJob, planActivation, planMove, type ActivationCandidate, type ActivationStep } from './plan-activation.js';
import { watchActivations, type WatchedJob } from './watch-activations.js';

/** What `bulkport activate` resolved from its flags before the campaign run opened. */
export interface ActivateSettings {
  readonly campaign: string;
  /** `--order` ids (checked against the journal); empty: every order of the campaign. */
  readonly orders: readonly string[];
  readonly at: string | undefined;
  readonly watch: boolean;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  readonly outDir: string;
  readonly startedAt: Date;
  readonly options: GlobalOptions;
}

export interface ActivateContext {
  readonly now: () => Date;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly isTTY: boolean;
  readonly signal: AbortSignal;
}

const MAX_POLL_DELAY_MS = 60_000;

/** The campaign's orders (or the named ones) as activation candidates, from the journal and the listing. */
function candidatesOf(state: CampaignState, ids: readonly string[], now: CampaignOrdersForActivation): ActivationCandidate[] {
  return ids.map((id) => {
    const known = state.orders.get(id);
    const wire = now.wires.get(id);
    const partKey = known?.partKey ?? '';
    return {
      id,
      partKey,
      country: state.parts.get(partKey)?.country,
      isListed: wire !== undefined,
      status: wire?.status?.value ?? known?.status ?? '',
      isFastPort: wire?.activation_settings?.fast_port_eligible ?? undefined,
      focActual: wire?.activation_settings?.foc_datetime_actual ?? undefined,
      known: state.activation.get(id),
    };
  });
}

/** What Telnyx says of an order (its status details), for failed activations. */
function orderDetails(wire: ActivationWireOrder | undefined): string {
  const details = (wire?.status?.details ?? []) as ReadonlyArray<{ code?: string | null; description?: string | null }>;
  return details.map((d) => [d.code, d.description].filter((part) => part).join(': ')).join('; ');
}

/**
 * One `activate` run inside the campaign's lock: read the campaign's orders (and Telnyx's date),
 * journal the statuses that moved, then either move scheduled jobs (`--at`) or activate the eligible
 * orders (looking at the jobs first wherever the journal leaves an outcome open), optionally follow
 * the jobs, and write activation-outcomes plus the campaign's results.
 */
export async function runActivate(run: Pick<CampaignRun, 'journal' | 'session'>, state: CampaignState, settings: ActivateSettings, context: ActivateContext): Promise<CampaignRunOutcome> {
  const { journal, session } = run;
  const { options } = settings;
  const width = Math.max(1, options.concurrency);
  const now = await readOrdersForActivation(session, settings.campaign);
  for (const record of statusChangeRecords(state, { wires: now.wires, gone: [], listPages: now.listPages, retrieves: 0 })) await journal.record(record);
  const serverNow = now.serverNow ?? context.now();
  const ids = settings.orders.length > 0 ? settings.orders : [...state.orders.keys()].filter((id) => state.orders.get(id)?.status !== 'deleted');
  const candidates = candidatesOf(state, ids, now);
  const partOf = new Map(candidates.map((c) => [c.id, c.partKey]));
  const outcome = (order: string, rest: Omit<ActivationOrderOutcome, 'order' | 'partKey'>): ActivationOrderOutcome => ({ order, partKey: partOf.get(order) ?? '', ...rest });

  let outcomes: ActivationOrderOutcome[];
  let changedCount = 0;
  let numberOutcomes: ActivationNumberOutcome[] = [];
  let jobReads = 0;
  let watchedMs: number | undefined;
  let stoppedBy: InterruptedError | undefined;

  if (settings.at !== undefined) {
    const withJobs = await mapBounded(candidates, width, async (candidate) =>
      mayHaveScheduledJob(candidate) ? { ...candidate, jobs: await readActivationJobs(session, candidate.id) } : candidate,
    );
    jobReads += withJobs.filter((c) => c.jobs !== undefined).length;
    const { steps, problems } = planMove(withJobs, settings.at, serverNow);
    if (problems.length > 0) {
      return {
        exitCode: ExitCode.USAGE,
        changedCount: 0,
        stoppedBy: new UsageError(`activate --at: ${problems.length} order(s) cannot take that time; nothing was sent:\n  ${problems.join('\n  ')}`, 'Pick a time inside the windows shown (the same windows --list prints); the time is never adjusted for you.'),
      };
    }
    const moves = steps.flatMap((s) => (s.kind === 'move' ? [s] : []));
    const moved = await moveActivationJobs(moves, session, journal, width);
    changedCount = moved.length;
    outcomes = steps.map((step) => {
      if (step.kind === 'not-eligible') return outcome(step.order, { outcome: 'not-eligible', job: '', jobStatus: '', detail: step.reason });
      if (step.kind === 'already') return outcome(step.order, { outcome: 'already', job: step.job, jobStatus: 'created', detail: `activate_at already ${step.activateAt}` });
      const result = moved.find((m) => m.step === step);
      return result?.kind === 'refused'
        ? outcome(step.order, { outcome: 'refused', job: step.job, jobStatus: 'created', detail: result.message })
        : outcome(step.order, { outcome: 'moved', job: step.job, jobStatus: 'created', detail: `activate_at ${step.from} → ${step.activateAt}` });
    });
  } else {
    let steps = planActivation(candidates, serverNow);
    // Where the journal leaves an outcome open, the server's jobs settle it before anything is sent.
    const looks = steps.filter((s) => s.kind === 'look');
    if (looks.length > 0) {
      const seen = new Map<string, ActivationJobView[]>();
      await mapBounded(looks, width, async (step) => {
        const jobs = await readActivationJobs(session, step.order);
        seen.set(step.order, jobs);
        const latest = latestJob(jobs);
        if (latest !== undefined) await journal.record({ t: 'activation-job', order: step.order, job: latest.id, jobType: latest.type, status: latest.status });
      });
      jobReads += looks.length;
      steps = planActivation(candidates.map((c) => (seen.has(c.id) ? { ...c, jobs: seen.get(c.id) } : c)), serverNow);
    }
    const toSend = steps.flatMap((s) => (s.kind === 'activate' ? [s.order] : []));
    const sent = await sendActivations(toSend, session, journal, width);
    changedCount = sent.sentCount;
    const watched: WatchedJob[] = [];
    outcomes = steps.map((step): ActivationOrderOutcome => plannedOutcome(step, sent.outcomes, watched, outcome));
    if (settings.watch && watched.length > 0) {
      const followed = await followJobs(run, state, settings, context, watched, outcomes);
      ({ outcomes, numberOutcomes, watchedMs, stoppedBy } = followed);
      jobReads += followed.jobReads;
    }
  }

  const isNamed = settings.orders.length > 0;
  const exitCode = stoppedBy === undefined ? activationExitCode(outcomes, { isNamed, isWatching: settings.watch }) : ExitCode.STOPPED;
  const outputs = await writeOutcomeTable(
    settings.outDir,
    'activation-outcomes',
    options.formats,
    ORDER_OUTCOME_COLUMNS,
    outcomes.map((o) => [o.order, o.partKey, o.outcome, o.job, o.jobStatus, o.detail]),
  );
  if (numberOutcomes.length > 0) {
    outputs.push(
      ...(await writeOutcomeTable(settings.outDir, 'activation-numbers', options.formats, NUMBER_OUTCOME_COLUMNS, numberOutcomes.map((n) => [n.order, n.phoneNumber, n.activationStatus, n.outcome, n.detail]))),
    );
  }
  const counts = countOutcomes(outcomes);
  const { summary } = await writeTrackingResults({
    outDir: settings.outDir,
    formats: options.formats,
    state,
    command: 'activate',
    campaign: settings.campaign,
    startedAt: settings.startedAt,
    finishedAt: context.now,
    api: { ...toApiSummary(session.scheduler.stats()), stateChangingCalls: changedCount },
    extraOutputs: outputs,
    details: { outcomes: counts, jobReads, watchedMs: watchedMs ?? null, serverDate: serverNow.toISOString() },
    exitCode: () => exitCode,
  });
  if (options.json) context.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else printActivation(outcomes, numberOutcomes, { campaign: settings.campaign, changedCount, jobReads, watchedMs, isMove: settings.at !== undefined, isNamed }, context.stdout);
  return { exitCode, changedCount, stoppedBy };
}

interface FollowedJobs {
  readonly outcomes: ActivationOrderOutcome[];
  readonly numberOutcomes: ActivationNumberOutcome[];
  readonly jobReads: number;
  readonly watchedMs: number;
  readonly stoppedBy: InterruptedError | undefined;
}

/**
 * `--watch`: follows the jobs to completed or failed (or the time budget, or Ctrl-C), then reads the
 * campaign's orders once more for the outcome per number (`activation_status`) and what Telnyx says of
 * failures (the order's status details); numbers past the 50 an order embeds come from the numbers listing.
 */
async function followJobs(
  run: Pick<CampaignRun, 'journal' | 'session'>,
  state: CampaignState,
  settings: ActivateSettings,
  context: ActivateContext,
  watched: WatchedJob[],
  planned: readonly ActivationOrderOutcome[],
): Promise<FollowedJobs> {
  const { journal, session } = run;
  const { options } = settings;
  const width = Math.max(1, options.concurrency);
  const started = context.now().getTime();
  const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet }, 'activation jobs', watched.length);
  const watch = await watchActivations(
    watched,
    { initialDelayMs: settings.pollIntervalMs, maxDelayMs: Math.max(settings.pollIntervalMs, MAX_POLL_DELAY_MS), timeoutMs: settings.timeoutMs },
    { session, journal, progress, width, sleep: sleepUnlessInterrupted, nowMs: () => context.now().getTime(), signal: context.signal },
  );
  const watchedMs = context.now().getTime() - started;
  const byOrder = new Map(watched.map((w) => [w.order, w]));
  if (watch.isInterrupted) {
    // Stopped by Ctrl-C or SIGTERM: no more calls; what the watch saw is written and the run ends with exit 3.
    const outcomes = planned.map((o): ActivationOrderOutcome => {
      const w = byOrder.get(o.order);
      if (w === undefined) return o;
      if (w.status === 'completed') return { ...o, outcome: 'activated', jobStatus: w.status, detail: 'job completed' };
      if (w.status === 'failed') return { ...o, outcome: 'failed', jobStatus: w.status, detail: 'the activation job failed' };
      return { ...o, outcome: 'running', jobStatus: w.status, detail: `still ${w.status} when the watch was stopped; run activate --watch again (nothing is sent twice)` };
    });
    return { outcomes, numberOutcomes: [], jobReads: watch.readCount, watchedMs, stoppedBy: new InterruptedError() };
  }
  // One listing again (a page per 250 orders) for the numbers' activation_status and what Telnyx says of failures.
  const after = await readOrdersForActivation(session, settings.campaign);
  for (const record of statusChangeRecords(state, { wires: after.wires, gone: [], listPages: after.listPages, retrieves: 0 })) await journal.record(record);
  for (const w of watched) {
    if (w.status === 'failed') await journal.record({ t: 'activation-job', order: w.order, job: w.job, jobType: w.jobType, status: w.status, message: orderDetails(after.wires.get(w.order)) });
  }
  const outcomes = planned.map((o): ActivationOrderOutcome => {
    const w = byOrder.get(o.order);
    if (w === undefined) return o;
    const wire = after.wires.get(o.order);
    if (w.status === 'completed') return { ...o, outcome: 'activated', jobStatus: w.status, detail: `job completed; order ${wire?.status?.value ?? ''}` };
    if (w.status === 'failed') return { ...o, outcome: 'failed', jobStatus: w.status, detail: orderDetails(wire) || 'the activation job failed' };
    return { ...o, outcome: 'running', jobStatus: w.status, detail: `still ${w.status} when the watch ended; run activate --watch again (nothing is sent twice)` };
  });
  // Orders with more numbers than they embed: the rest of their numbers from the numbers listing.
  const cut = watched.flatMap((w) => {
    const wire = after.wires.get(w.order);
    const count = wire?.porting_phone_numbers_count ?? 0;
    return wire !== undefined && count > (wire.phone_numbers ?? []).length ? [{ id: w.order, status: wire.status?.value ?? '', count }] : [];
  });
  const listed = cut.length > 0 ? await readNumberStatuses(session, cut) : new Map<string, NumberActivationStatus[]>();
  const numberOutcomes = watched.flatMap((w) => {
    const wire = after.wires.get(w.order);
    const failure = orderDetails(wire);
    const embedded = (wire?.phone_numbers ?? []).flatMap((n) => (n.phone_number ? [{ phoneNumber: n.phone_number, activationStatus: n.activation_status ?? '' }] : []));
    const numbers = listed.get(w.order) ?? embedded;
    return numbers.map((n) => ({ order: w.order, phoneNumber: n.phoneNumber, activationStatus: n.activationStatus, ...numberOutcome(n.activationStatus, wire?.status?.value ?? '', failure) }));
  });
  return { outcomes, numberOutcomes, jobReads: watch.readCount, watchedMs, stoppedBy: undefined };
}

/** An order's outcome before any watch, from its plan step and what the send returned; started and running jobs join `watched`. */
function plannedOutcome(
  step: ActivationStep,
  sent: ReadonlyArray<Awaited<ReturnType<typeof sendActivations>>['outcomes'][number]>,
  watched: WatchedJob[],
  outcome: (order: string, rest: Omit<ActivationOrderOutcome, 'order' | 'partKey'>) => ActivationOrderOutcome,
): ActivationOrderOutcome {
  switch (step.kind) {
    case 'not-eligible':
      return outcome(step.order, { outcome: 'not-eligible', job: '', jobStatus: '', detail: step.reason });
    case 'done':
      return outcome(step.order, { outcome: 'done', job: '', jobStatus: '', detail: step.reason });
    case 'look':
      // Planned again after the look: never left as a look.
      return outcome(step.order, { outcome: 'unknown', job: '', jobStatus: '', detail: step.reason });
    case 'running':
      watched.push({ order: step.order, job: step.job, jobType: step.jobType, status: step.jobStatus });
      return outcome(step.order, { outcome: 'running', job: step.job, jobStatus: step.jobStatus, detail: step.reason });
    case 'activate': {
      const result = sent.find((s) => s.order === step.order);
      if (result?.kind === 'started') {
        watched.push({ order: step.order, job: result.job.id, jobType: result.job.type, status: result.job.status });
        const how = result.wasFound ? 'found (an earlier send reached Telnyx)' : step.reason;
        return outcome(step.order, { outcome: 'activated', job: result.job.id, jobStatus: result.job.status, detail: how });
      }
      if (result?.kind === 'refused') return outcome(step.order, { outcome: 'refused', job: '', jobStatus: '', detail: result.message });
      return outcome(step.order, { outcome: 'unknown', job: '', jobStatus: '', detail: result?.message ?? 'not sent' });
    }
  }
}

function printActivation(
  outcomes: readonly ActivationOrderOutcome[],
  numbers: readonly ActivationNumberOutcome[],
  info: { campaign: string; changedCount: number; jobReads: number; watchedMs: number | undefined; isMove: boolean; isNamed: boolean },
  stdout: NodeJS.WritableStream,
): void {
  // Orders acted on (or named) one line each; the rest of a whole-campaign run grouped by why they are not eligible.
  const notEligible = new Map<string, number>();
  for (const o of outcomes) {
    if (o.outcome === 'not-eligible' && !info.isNamed) {
      notEligible.set(o.detail, (notEligible.get(o.detail) ?? 0) + 1);
      continue;
    }
    const job = o.job === '' ? '' : ` job ${o.job} (${o.jobStatus})`;
    stdout.write(`  porting order ${o.order}: ${o.outcome.replace('-', ' ')}${job}${o.detail === '' ? '' : ` — ${o.detail}`}\n`);
  }
  for (const [reason, count] of notEligible) stdout.write(`  ${count} order(s) not eligible — ${reason}\n`);
  const counts = countOutcomes(outcomes);
  const parts = Object.entries(counts).map(([k, v]) => `${v} ${k.replace('-', ' ')}`);
  const verb = info.isMove ? 'job move(s)' : 'activation(s)';
  stdout.write(`  activate ${info.campaign}: ${info.changedCount} ${verb} sent, ${info.jobReads} job read(s); orders: ${parts.join(', ') || 'none'} (activation-outcomes lists each)\n`);
  if (numbers.length > 0) {
    const ported = numbers.filter((n) => n.outcome === 'ported').length;
    const failed = numbers.filter((n) => n.outcome === 'failed').length;
    const seconds = info.watchedMs === undefined ? '' : ` after ${(info.watchedMs / 1000).toFixed(1)} s`;
    stdout.write(`  numbers: ${ported} ported, ${failed} failed, ${numbers.length - ported - failed} other${seconds} (activation-numbers lists each)\n`);
  }
  if (counts.failed !== undefined) stdout.write('  failed orders: run `bulkport activate` again to re-activate only those\n');
}

/** `--list`: each order's activation jobs, newest last; reads only (no lock, nothing journaled). */
export async function listActivations(session: ApiSession, state: CampaignState, settings: Pick<ActivateSettings, 'campaign' | 'orders' | 'options'>, stdout: NodeJS.WritableStream): Promise<number> {
  const ids = settings.orders.length > 0 ? settings.orders : [...state.orders.keys()].filter((id) => state.orders.get(id)?.status !== 'deleted');
  const now = await readOrdersForActivation(session, settings.campaign);
  const candidates = candidatesOf(state, ids, now);
  const rows = await mapBounded(candidates, Math.max(1, settings.options.concurrency), async (c) => {
    const isActivatable = c.isListed && c.country === 'US' && c.isFastPort === true && c.status !== 'draft';
    return { candidate: c, jobs: isActivatable ? await readActivationJobs(session, c.id) : undefined };
  });
  for (const { candidate, jobs } of rows) {
    const head = `porting order ${candidate.id} (${candidate.status}${candidate.focActual ? `, FOC ${candidate.focActual}` : ''})`;
    if (jobs === undefined) {
      stdout.write(`${head}: no activation jobs (${candidate.country ?? 'unknown country'}${candidate.isFastPort === true ? '' : ', not FastPort'})\n`);
      continue;
    }
    if (jobs.length === 0) {
      stdout.write(`${head}: no activation jobs yet\n`);
      continue;
    }
    stdout.write(`${head}:\n`);
    for (const job of jobs) stdout.write(`  ${job.type.padEnd(9)} ${job.status.padEnd(10)} activate_at ${job.activateAt}  windows ${describeWindows(job.windows)}  job ${job.id}\n`);
  }
  return rows.filter((r) => r.jobs !== undefined).length;
}

/** The watch's pause; Ctrl-C or SIGTERM during it stops the run as an interruption (exit 3). */
async function sleepUnlessInterrupted(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal.aborted) throw new InterruptedError();
    throw error;
  }
}
