import { hostname } from 'node:os';
import { createApiSession, type ApiSession } from '../api/api-session.js';
import { CampaignJournal, readCampaign } from '../campaign/campaign-journal.js';
import { acquireCampaignLock } from '../campaign/state-lock.js';
import { campaignPaths } from '../campaign/campaign-paths.js';
import type { CommandContext } from '../commands/command.js';
import { requireApiKey, type GlobalOptions } from '../config/global-options.js';
import type { ExitCode } from '../core/exit-codes.js';
import { UsageError } from '../core/errors.js';

export interface TrackedCampaign {
  readonly journal: CampaignJournal;
  readonly session: ApiSession;
  readonly runId: string;
}

/** What a tracking command's work returns: its exit code and the state-changing calls it made. */
export interface TrackedRun {
  readonly exitCode: ExitCode;
  readonly changedCount: number;
}

/**
 * Runs `work` on an existing campaign the way every writing command must (docs/design.md §6): the
 * campaign's lock held throughout (a clear message names the holder), the journal open with a
 * `run` record before and an `end` record after, one API session. A campaign without a journal is
 * a usage error before anything is created or sent.
 */
export async function withTrackedCampaign(
  command: string,
  campaign: string,
  runOptions: Readonly<Record<string, string | number | boolean>>,
  options: GlobalOptions,
  context: CommandContext,
  work: (tracked: TrackedCampaign) => Promise<TrackedRun>,
): Promise<ExitCode> {
  requireApiKey(options);
  if ((await readCampaign(options.stateDir, campaign)) === undefined) {
    throw new UsageError(
      `campaign "${campaign}": no journal at ${campaignPaths(options.stateDir, campaign).journal}`,
      'Run `bulkport submit <sheet> --campaign NAME` first, or point --state-dir at the folder that holds the campaign.',
    );
  }
  const lock = await acquireCampaignLock(options.stateDir, campaign, { command, now: context.now, notice: (line) => context.stderr.write(`${line}\n`) });
  let journal: CampaignJournal | undefined;
  let session: ApiSession | undefined;
  try {
    journal = await CampaignJournal.open(options.stateDir, campaign, context.now);
    const runId = `${context.now().toISOString()}-${process.pid}`;
    await journal.record({ t: 'run', run: runId, command, pid: process.pid, host: hostname(), options: runOptions });
    session = createApiSession(options, context);
    const outcome = await work({ journal, session, runId });
    await journal.record({ t: 'end', run: runId, exitCode: outcome.exitCode, changed: outcome.changedCount });
    return outcome.exitCode;
  } finally {
    await session?.close();
    await journal?.close();
    await lock.release();
  }
}
