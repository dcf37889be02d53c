import type { ApiSession } from '../api/api-session.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { forEachBounded } from '../core/bounded.js';
import { InterruptedError } from '../core/errors.js';
import type { Progress } from '../progress/progress.js';
import { readActivationJob } from './activation-calls.js';
import type { ActivationJobView } from './activation-job.js';
import { isJobFinished } from './plan-activation.js';

export interface WatchedJob {
  readonly order: string;
  readonly job: string;
  readonly jobType: string;
  status: string;
}

export interface WatchSettings {
  /** First pause between rounds of job reads; each next one is 1.5× longer, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Budget for the whole watch; past it the jobs still running are reported and the run stops (exit 3). */
  readonly timeoutMs: number;
}

export interface WatchDeps {
  readonly session: ApiSession;
  readonly journal: CampaignJournal;
  readonly progress: Progress;
  readonly width: number;
  /** Rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  nowMs(): number;
  readonly signal: AbortSignal;
}

const BACKOFF_FACTOR = 1.5;

/**
 * `--watch`: reads each unfinished job (one read per job per round, through the scheduler) until
 * every job is `completed` or `failed`, or the time budget runs out. Each status change is journaled
 * (`activation-job`), and the progress bar counts finished jobs. Returns the jobs still unfinished
 * (empty when all finished), the reads made, and whether Ctrl-C or SIGTERM stopped the watch (the
 * caller writes what it knows and exits 3; nothing was sent by watching, so a re-run just watches on).
 */
export async function watchActivations(jobs: readonly WatchedJob[], settings: WatchSettings, deps: WatchDeps): Promise<{ unfinished: WatchedJob[]; readCount: number; isInterrupted: boolean }> {
  const startedMs = deps.nowMs();
  let delayMs = settings.initialDelayMs;
  let readCount = 0;
  deps.progress.setTotal(jobs.length);
  deps.progress.tick(jobs.filter((job) => isJobFinished(job.status)).length);
  let isInterrupted = false;
  for (;;) {
    const open = jobs.filter((job) => !isJobFinished(job.status));
    if (open.length === 0) break;
    const remainingMs = startedMs + settings.timeoutMs - deps.nowMs();
    if (remainingMs <= 0) break;
    try {
      await deps.sleep(Math.min(delayMs, remainingMs), deps.signal);
      delayMs = Math.min(settings.maxDelayMs, delayMs * BACKOFF_FACTOR);
      await readRound(open, deps, () => (readCount += 1));
    } catch (error) {
      if (!(error instanceof InterruptedError)) throw error;
      isInterrupted = true;
      break;
    }
  }
  deps.progress.finish();
  return { unfinished: jobs.filter((job) => !isJobFinished(job.status)), readCount, isInterrupted };
}

/** One read of each unfinished job; a changed status is journaled. */
async function readRound(open: readonly WatchedJob[], deps: WatchDeps, counted: () => void): Promise<void> {
  await forEachBounded(open, deps.width, async (watched) => {
    const job: ActivationJobView = await readActivationJob(deps.session, watched.order, watched.job);
    counted();
    if (job.status === watched.status) return;
    watched.status = job.status;
    await deps.journal.record({ t: 'activation-job', order: watched.order, job: watched.job, jobType: watched.jobType, status: job.status });
    if (isJobFinished(job.status)) deps.progress.tick();
  });
}
