import { resolveApiSettings, type ApiSettings } from '../api/api-session.js';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { toApiSummary } from '../api/api-summary.js';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { defaultOutDir, type GlobalOptions } from '../config/global-options.js';
import { ApiUnavailableError, LockHeldError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseDuration } from '../export/parse-duration.js';
import { createProgress } from '../progress/progress.js';
import { isCampaignFinal } from '../track/build-tracking-results.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { readEventsInbox } from '../events/inbox.js';
import { refreshCampaign, type EventsInboxSource, type RefreshOutcome } from '../track/refresh-campaign.js';
import { expiredSharingTokens } from '../track/plan-events-refresh.js';
import { writeTrackingResults, type TrackingSummary } from '../track/write-tracking-results.js';
import { defineCommand, type CommandContext } from './command.js';
import { statusSpec } from './specs/status.js';
import { printSummary } from './print-summary.js';
import { resolveTimeZone } from '../report/time-zone.js';

interface StatusArgs {
  campaign: string;
  watch?: string;
  full?: boolean;
  tz?: string;
}

/** Below this a watch would poll the API for nothing: orders move in hours. */
const MIN_WATCH_MS = 1000;

/**
 * `bulkport status --campaign NAME [--watch INTERVAL]`: refresh every order and number of the
 * campaign, journal what was learnt, write the full results from the journal. Built for cron:
 * exit 0 when no order needs a person, 1 when one is in exception or failed, 3 when the API
 * refused the key or could not be reached. `--watch` holds the lock only while refreshing, so a
 * person's `fix` can run between refreshes.
 */
export const statusCommand = defineCommand<StatusArgs>({
  ...statusSpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    const watchMs = args.watch === undefined ? undefined : parseWatch(args.watch);
    const api = resolveApiSettings(options);
    const timeZone = resolveTimeZone(args.tz);
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('status', context.now()));
    const isFullAsked = args.full === true;
    if (watchMs === undefined) return (await refreshOnce(campaign, outDir, options, api, context, false, isFullAsked, timeZone)).exitCode;

    let lastExitCode: ExitCode = ExitCode.OK;
    for (let refresh = 1; ; refresh += 1) {
      try {
        // --full applies to the first refresh of the watch; the later ones follow the events.
        const outcome = await refreshOnce(campaign, outDir, options, api, context, true, isFullAsked && refresh === 1, timeZone);
        lastExitCode = outcome.exitCode;
        if (outcome.isFinal) {
          context.stdout.write(`status ${campaign}: every order is ported or cancelled; watch ends\n`);
          return lastExitCode;
        }
      } catch (error) {
        // A person's fix holds the lock, or the API is briefly unreachable: try again next time.
        if (!(error instanceof LockHeldError) && !(error instanceof ApiUnavailableError)) throw error;
        context.stdout.write(`status ${campaign}: refresh ${refresh} skipped: ${error.message}\n`);
      }
      if (context.isTTY && !options.quiet) context.stderr.write(`  next refresh at ${new Date(context.now().getTime() + watchMs).toISOString()} (Ctrl-C stops the watch)\n`);
      try {
        await sleep(watchMs, undefined, { signal: context.signal });
      } catch {
        // Ctrl-C between refreshes: the last refresh's files are complete.
        return lastExitCode;
      }
    }
  },
});

function parseWatch(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < MIN_WATCH_MS) {
    throw new UsageError(`--watch: expected an interval of at least 1s such as 30s, 10m or 1h, got "${text}"`);
  }
  return ms;
}

async function refreshOnce(
  campaign: string,
  outDir: string,
  options: GlobalOptions,
  api: ApiSettings,
  context: CommandContext,
  isWatching: boolean,
  isFullAsked: boolean,
  timeZone: string,
): Promise<{ exitCode: ExitCode; isFinal: boolean }> {
  let isFinal = false;
  const runOptions = { watch: isWatching, full: isFullAsked };
  const exitCode = await withCampaignRun({ command: 'status', campaign, runOptions, stateDir: options.stateDir, api, requireJournal: true }, context, async ({ journal, session }) => {
    const startedAt = context.now();
    const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet }, `status ${campaign}`);
    let outcome;
    try {
      const inbox = portingInbox(options.stateDir);
      outcome = await refreshCampaign({ session, journal, campaign, orderConcurrency: options.concurrency * 2, progress, isFullAsked, now: context.now, inbox });
    } finally {
      progress.finish();
    }
    const { summary } = await writeTrackingResults({
      outDir,
      formats: options.formats,
      state: journal.state,
      command: 'status',
      campaign,
      startedAt,
      finishedAt: context.now,
      api: toApiSummary(session.scheduler.stats()),
      changes: outcome.changes,
      details: {
        refresh: outcome.mode,
        ...(outcome.reason === undefined ? {} : { fullRefreshReason: outcome.reason }),
        reads: outcome.reads,
        orderCount: outcome.orderCount,
        numberCount: outcome.numberCount,
        events: outcome.events,
        sharingTokensExpired: expiredSharingTokens(journal.state),
      },
    });
    isFinal = isCampaignFinal(journal.state);
    if (isWatching && !options.json) context.stdout.write(`${refreshLine(summary, context.now())}\n`);
    else printStatus(summary, options, context);
    if (!isWatching && !options.json) printEvents(outcome, expiredSharingTokens(journal.state), campaign, context);
    return { exitCode: summary.exitCode, changedCount: 0 };
  });
  // After the run's `end` record, so the report's API health holds this refresh too (issue 17).
  const { writeCampaignReport, REPORT_FILE } = await import('../report/write-report.js');
  const report = await writeCampaignReport({ stateDir: options.stateDir, campaign, file: path.join(outDir, REPORT_FILE), now: context.now(), timeZone });
  if (!options.json && !options.quiet && !isWatching) context.stdout.write(`  report: ${path.relative(context.cwd, report.file) || report.file}\n`);
  return { exitCode, isFinal };
}

function printStatus(summary: TrackingSummary, options: GlobalOptions, context: CommandContext): void {
  printSummary(summary, options, context);
  if (options.json) return;
  const orders = Object.entries(summary.orders.byStatus).map(([status, count]) => `${status} ${count}`).join(' · ');
  context.stdout.write(`  orders: ${summary.orders.count}${orders === '' ? '' : ` (${orders})`}\n`);
  for (const line of summary.changes?.lines ?? []) context.stdout.write(`  changed: ${line}\n`);
  if (summary.orders.needingAttention.length > 0) {
    context.stdout.write(`  ${summary.orders.needingAttention.length} order(s) need a person: see the Exceptions sheet; correct it and run \`bulkport fix\`\n`);
  }
  if (summary.orders.partsNotCreated.length > 0) {
    context.stdout.write(`  ${summary.orders.partsNotCreated.length} planned order(s) could not be created: see the failed rows; correct the sheet and run \`bulkport submit\` again\n`);
  }
}

/** The porting events `listen` wrote to the state directory's inbox (port-out events are the desk's). */
function portingInbox(stateDir: string): EventsInboxSource {
  return {
    async read(offset) {
      const read = await readEventsInbox(stateDir, offset);
      return { events: read.entries.filter((entry) => entry.feed === 'porting').map((entry) => entry.event), nextOffset: read.nextOffset };
    },
  };
}

/** How the refresh was made (events or full, and why), what the events brought, and expired sharing tokens. */
function printEvents(outcome: RefreshOutcome, expired: ReadonlyArray<{ order: string; at: string }>, campaign: string, context: CommandContext): void {
  const { events, reads } = outcome;
  const how = outcome.mode === 'full' ? `full refresh (${outcome.reason ?? 'asked'})` : `events since the last refresh: ${events.changedOrders} changed order(s) read${reads.orderPages > 0 ? ` (through the campaign listing, ${reads.orderPages} page(s))` : ''}`;
  const inbox = events.fromInbox > 0 ? `, ${events.fromInbox} from the webhook inbox` : '';
  context.stdout.write(`  refresh: ${how}; events: ${events.applied} of this campaign applied${inbox}, ${events.ignored} of other orders ignored\n`);
  for (const { order, at } of expired) context.stdout.write(`  sharing token expired: order ${order} at ${at} (\`bulkport share --campaign ${campaign} --order ${order}\` makes a new one)\n`);
}

/** The one line a watch prints per refresh (a log-friendly line; the files hold the rest). */
function refreshLine(summary: TrackingSummary, at: Date): string {
  const orders = Object.entries(summary.orders.byStatus).map(([status, count]) => `${count} ${status}`).join(', ');
  const changes = summary.changes?.lines.join('; ') ?? '';
  return `${at.toISOString()} status ${summary.campaign ?? ''}: ${summary.orders.count} orders (${orders}); ${changes}; exit ${summary.exitCode}`;
}
