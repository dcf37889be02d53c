import { hostname } from 'node:os';
import { createApiSession, type ApiSession, type ApiSettings } from '../api/api-session.js';
import type { BulkportError } from '../core/errors.js';
import { UsageError } from '../core/errors.js';
import type { ExitCode } from '../core/exit-codes.js';
import { CampaignJournal, readCampaign } from './campaign-journal.js';
import { campaignPaths } from './campaign-paths.js';
import { acquireCampaignLock } from './state-lock.js';

/** What every command that writes a campaign states up front. */
export interface CampaignRunSetup {
  readonly command: string;
  readonly campaign: string;
  /** Journaled in the `run` record. */
  readonly runOptions: Readonly<Record<string, string | number | boolean>>;
  readonly stateDir: string;
  /** From `resolveApiSettings`, called by the command before it writes anything. */
  readonly api: ApiSettings;
  /** Tracking commands work on a campaign `submit` created: without a journal they are a usage error. */
  readonly requireJournal: boolean;
}

/** The part of a command's context a campaign run uses (CommandContext has it). */
export interface CampaignRunContext {
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly stderr: { write(text: string): unknown };
}

export interface CampaignRun {
  readonly journal: CampaignJournal;
  readonly session: ApiSession;
  readonly runId: string;
}

/** What a run's work returns: its exit code, the state-changing calls it made, and the error that stopped it early. */
export interface CampaignRunOutcome {
  readonly exitCode: ExitCode;
  readonly changedCount: number;
  /** Thrown once the `end` record is written (the results are already out). */
  readonly stoppedBy?: BulkportError | undefined;
}

/**
 * Runs `work` on a campaign the way every writing command must (docs/design.md §6): the campaign's lock
 * held throughout (a clear message names the holder), the journal open with a `run` record before
 * and an `end` record after, one API session. Used by submit and the tracking commands.
 */
export async function withCampaignRun(setup: CampaignRunSetup, context: CampaignRunContext, work: (run: CampaignRun) => Promise<CampaignRunOutcome>): Promise<ExitCode> {
  const { command, campaign, stateDir } = setup;
  if (setup.requireJournal && (await readCampaign(stateDir, campaign)) === undefined) {
    throw new UsageError(
      `campaign "${campaign}": no journal at ${campaignPaths(stateDir, campaign).journal}`,
      'Run `bulkport submit <sheet> --campaign NAME` first, or point --state-dir at the folder that holds the campaign.',
    );
  }
  const lock = await acquireCampaignLock(stateDir, campaign, { command, now: context.now, notice: (line) => context.stderr.write(`${line}\n`) });
  let journal: CampaignJournal | undefined;
  let session: ApiSession | undefined;
  try {
    journal = await CampaignJournal.open(stateDir, campaign, context.now);
    const runId = `${context.now().toISOString()}-${process.pid}`;
    await journal.record({ t: 'run', run: runId, command, pid: process.pid, host: hostname(), options: setup.runOptions });
    session = createApiSession(setup.api, context);
    const outcome = await work({ journal, session, runId });
    await journal.record({ t: 'end', run: runId, exitCode: outcome.exitCode, changed: outcome.changedCount, api: session.scheduler.stats() });
    if (outcome.stoppedBy !== undefined) throw outcome.stoppedBy;
    return outcome.exitCode;
  } finally {
    await session?.close();
    await journal?.close();
    await lock.release();
  }
}
