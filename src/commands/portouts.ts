import path from 'node:path';
import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import { createApiSession, resolveApiSettings, type ApiSession, type ApiSettings } from '../api/api-session.js';
import { defaultOutDir, type GlobalOptions } from '../config/global-options.js';
import { InputFileError, LockHeldError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { Issue } from '../core/issue-codes.js';
import { describeRef } from '../core/row-ref.js';
import { makeOutDirectory } from '../output/make-out-directory.js';
import { applyDecisions } from '../portouts/apply-decisions.js';
import { buildOutcomeRows, writeOutcomeFiles } from '../portouts/apply-outcomes.js';
import { askConfirmation } from '../portouts/ask-confirmation.js';
import { checkDecisions } from '../portouts/check-decisions.js';
import { collectPortouts, NO_EXTRAS, type CollectedPortouts, type CollectOptions } from '../portouts/collect-portouts.js';
import { readEventsInbox } from '../events/inbox.js';
import { fetchRejectionCodes } from '../portouts/fetch-portouts.js';
import { resolvePortoutFilters, type RawPortoutFilterArgs } from '../portouts/portout-filters.js';
import { PortoutJournal } from '../portouts/portout-journal.js';
import { autoAuthorizeWindow, buildPortoutListRow, PORTOUT_LIST_COLUMNS } from '../portouts/portout-list-row.js';
import { readReviewSheet } from '../portouts/read-review-sheet.js';
import { reviewFormatOf, writeReviewSheet } from '../portouts/review-sheet.js';
import { parseDecisions } from '../portouts/validate-decisions.js';
import { writeCsvTable, writeXlsxTables } from '../output/xlsx-table.js';
import { createProgress } from '../progress/progress.js';
import { defineCommand, type CommandContext } from './command.js';
import { PORTOUT_ACTIONS, portoutsSpec } from './specs/portouts.js';

type Action = (typeof PORTOUT_ACTIONS)[number];

interface PortoutsArgs extends RawPortoutFilterArgs {
  action: Action;
  file?: string | undefined;
  yes: boolean;
}

/**
 * `bulkport portouts list|review|apply`: the port-out desk. `list` writes every matching request to
 * portouts.csv/.xlsx; `review` writes the pending ones as a sheet to decide in; `apply` checks every
 * decision, then authorizes or rejects through the scheduler with a journal under
 * `<state-dir>/portouts/`.
 */
export const portoutsCommand = defineCommand<PortoutsArgs>({
  ...portoutsSpec,
  async run(args, options, context) {
    switch (args.action) {
      case 'list':
        return runList(args, options, context);
      case 'review':
        return runReview(args, options, context);
      case 'apply':
        return runApply(args, options, context);
    }
  },
});

async function runList(args: PortoutsArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  const filters = resolvePortoutFilters(args);
  const api = resolveApiSettings(options);
  const now = context.now();
  const directory = path.resolve(context.cwd, options.out ?? defaultOutDir('portouts-list', now));
  await makeOutDirectory(directory);
  return withSession(api, context, async (session) => {
    const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet || options.json }, 'port-outs');
    const { portouts, extras, refresh } = await withDeskJournal(options, context, (journal) => collectPortouts(session, filters, { progress, ...deskEvents(options, context, journal) }));
    progress.finish();
    const rows = portouts.map((p) => buildPortoutListRow(p, extras.get(p.id ?? '') ?? NO_EXTRAS, now));
    const cells = rows.map((row) => PORTOUT_LIST_COLUMNS.map((column) => row[column]));
    const files: string[] = [];
    if (options.formats.has('csv')) {
      files.push(path.join(directory, 'portouts.csv'));
      await writeCsvTable(files[files.length - 1] as string, PORTOUT_LIST_COLUMNS, cells);
    }
    if (options.formats.has('xlsx')) {
      files.push(path.join(directory, 'portouts.xlsx'));
      await writeXlsxTables(files[files.length - 1] as string, [{ name: 'Portouts', headers: PORTOUT_LIST_COLUMNS, rows: cells }]);
    }
    const byStatus = countBy(portouts, (p) => p.status ?? 'unknown');
    report(context, options, {
      command: 'portouts list',
      lines: [`${portouts.length} port-out request(s)${describeCounts(byStatus)}`, ...files.map((f) => `wrote ${f}`), ...deadlineLine(portouts, now), refreshLine(refresh)],
      json: { portouts: portouts.length, byStatus, files, refresh, api: session.scheduler.stats() },
    });
    return ExitCode.OK;
  });
}

async function runReview(args: PortoutsArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  if (args.status !== undefined && args.status.length > 0) {
    throw new UsageError('--status: review lists pending requests only; use `portouts list --status …` for others');
  }
  const filters = resolvePortoutFilters(args);
  const now = context.now();
  const file = path.resolve(context.cwd, options.out ?? `${defaultOutDir('portouts-review', now)}.xlsx`);
  reviewFormatOf(file);
  const api = resolveApiSettings(options);
  await makeOutDirectory(path.dirname(file));
  return withSession(api, context, async (session) => {
    const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet || options.json }, 'pending port-outs');
    const pendingOnly = { ...filters, api: { ...filters.api, status: 'pending' as const } };
    const { portouts, extras, refresh } = await withDeskJournal(options, context, (journal) => collectPortouts(session, pendingOnly, { progress, ...deskEvents(options, context, journal) }));
    progress.finish();
    const codes = await fetchRejectionCodes(session, portouts.flatMap((p) => (p.id === undefined ? [] : [p.id])));
    const entries = portouts.map((portout) => ({ portout, extras: extras.get(portout.id ?? '') ?? NO_EXTRAS, codes: codes.get(portout.id ?? '') ?? [] }));
    await writeReviewSheet(file, entries, now);
    report(context, options, {
      command: 'portouts review',
      lines: [
        `${portouts.length} pending port-out request(s) to review`,
        `wrote ${file}: fill in decision (authorize/reject), rejection_code (to reject) and reason (always), then run \`bulkport portouts apply ${path.relative(context.cwd, file) || file}\``,
        ...deadlineLine(portouts, now),
        refreshLine(refresh),
      ],
      json: { pending: portouts.length, file, refresh, api: session.scheduler.stats() },
    });
    return ExitCode.OK;
  });
}

async function runApply(args: PortoutsArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  if (args.file === undefined || args.file.trim() === '') {
    throw new UsageError('portouts apply: expected the edited review sheet, e.g. `bulkport portouts apply review.xlsx`');
  }
  const isConfirming = !args.yes;
  if (isConfirming && (!context.isInteractive || context.stdin === undefined)) {
    throw new UsageError(
      'portouts apply changes port-out requests and asks for confirmation, but there is no terminal to ask on',
      'Pass --yes to apply without asking (cron, scripts).',
    );
  }
  const now = context.now();
  const directory = path.resolve(context.cwd, options.out ?? defaultOutDir('portouts-apply', now));
  const sheet = await readReviewSheet(path.resolve(context.cwd, args.file), args.file, options.sheet);
  const parsed = parseDecisions(sheet);

  return withSession(resolveApiSettings(options), context, async (session) => {
    const issues: Issue[] = [...parsed.issues, ...(await checkDecisions(session, parsed.decisions, sheet.columnHeaders))];
    if (issues.length > 0) {
      const sorted = [...issues].sort((a, b) => a.ref.row - b.ref.row);
      for (const issue of sorted) context.stderr.write(`${describeRef(issue.ref, issue.column)}: ${issue.message} [${issue.code}]\n`);
      if (options.json) {
        context.stdout.write(`${JSON.stringify({ command: 'portouts apply', sent: 0, problems: sorted.map((i) => ({ ...i.ref, column: i.column, code: i.code, message: i.message })) }, null, 2)}\n`);
      }
      throw new InputFileError(
        `${args.file}: ${issues.length} problem(s) in the decisions (listed above); nothing was sent`,
        'Fix those cells and run apply again: no decision is applied until every one is valid.',
      );
    }
    if (parsed.decisions.length === 0) {
      report(context, options, {
        command: 'portouts apply',
        lines: [`${args.file}: no decisions (${parsed.undecided.length} row(s) with an empty decision); nothing to apply`],
        json: { decisions: 0, undecided: parsed.undecided.length },
      });
      return ExitCode.OK;
    }
    const authorizeCount = parsed.decisions.filter((d) => d.decision === 'authorize').length;
    const rejectCount = parsed.decisions.length - authorizeCount;
    if (isConfirming && context.stdin !== undefined) {
      const question = `Apply ${parsed.decisions.length} decision(s) to Telnyx port-outs: authorize ${authorizeCount}, reject ${rejectCount}?`;
      if (!(await askConfirmation(question, { stdin: context.stdin, stderr: context.stderr, signal: context.signal }))) {
        context.stderr.write('nothing sent\n');
        return ExitCode.OK;
      }
    }

    await makeOutDirectory(directory);
    const journal = await PortoutJournal.open(options.stateDir, path.join(options.stateDir, 'portouts'), context.now, (line) => context.stderr.write(`${line}\n`));
    const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet || options.json }, 'port-out decisions', parsed.decisions.length);
    let applied;
    try {
      applied = await applyDecisions(parsed.decisions, { session, journal, now: context.now, onDone: () => progress.tick() });
    } finally {
      progress.finish();
      await journal.close();
    }
    const files = await writeOutcomeFiles(directory, buildOutcomeRows(applied.results, parsed.undecided), options.formats);
    const byOutcome = countBy(applied.results, (r) => r.outcome.text.split(':')[0] ?? r.outcome.kind);
    const needsAttention = applied.results.filter((r) => r.outcome.needsAttention);
    report(context, options, {
      command: 'portouts apply',
      lines: [
        `${parsed.decisions.length} decision(s)${describeCounts(byOutcome)}; ${parsed.undecided.length} row(s) without a decision`,
        ...needsAttention.map((r) => `${describeRef(r.decision.ref)}: port-out ${r.decision.portoutId}: ${r.outcome.text}`),
        ...files.map((f) => `wrote ${f}`),
      ],
      json: {
        decisions: parsed.decisions.length,
        undecided: parsed.undecided.length,
        byOutcome,
        needsAttention: needsAttention.length,
        files,
        api: session.scheduler.stats(),
      },
    });
    if (applied.stoppedBy !== undefined) throw applied.stoppedBy;
    return needsAttention.length > 0 ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
  });
}

/**
 * Runs `work` with the port-out journal open (its lock held) so list and review can follow the events
 * feed from its cursor. While `apply` holds the lock they go on without it: every request's comments
 * and documents are read, nothing is journaled.
 */
async function withDeskJournal<T>(options: GlobalOptions, context: CommandContext, work: (journal: PortoutJournal | undefined) => Promise<T>): Promise<T> {
  let journal: PortoutJournal | undefined;
  try {
    journal = await PortoutJournal.open(options.stateDir, path.join(options.stateDir, 'portouts'), context.now, (line) => context.stderr.write(`${line}\n`), 'portouts list/review');
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    context.stderr.write(`bulkport: ${error.message}; reading every request's comments and documents without the events cursor\n`);
  }
  try {
    return await work(journal);
  } finally {
    await journal?.close();
  }
}

/** The journal, the webhook inbox's port-out events and the clock, for collectPortouts. */
function deskEvents(options: GlobalOptions, context: CommandContext, journal: PortoutJournal | undefined): Pick<CollectOptions, 'journal' | 'inbox' | 'now'> {
  if (journal === undefined) return {};
  return {
    journal,
    now: context.now(),
    inbox: async (offset) => {
      const read = await readEventsInbox(options.stateDir, offset);
      return { events: read.entries.filter((entry) => entry.feed === 'portout').map((entry) => entry.event), nextOffset: read.nextOffset };
    },
  };
}

/** How the comments and documents were had. */
function refreshLine(refresh: CollectedPortouts['refresh']): string {
  const how = refresh.mode === 'events' ? `from the events feed: ${refresh.newEvents} new event(s)` : `read for every request (${refresh.reason ?? 'full'})`;
  return `comments and documents ${how}; ${refresh.extrasRead} request(s) read in full, ${refresh.documentsRead} pending request(s) had their documents read again`;
}

async function withSession(api: ApiSettings, context: CommandContext, work: (session: ApiSession) => Promise<ExitCode>): Promise<ExitCode> {
  const session = createApiSession(api, { signal: context.signal, now: context.now });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

function report(
  context: CommandContext,
  options: GlobalOptions,
  summary: { command: string; lines: readonly string[]; json: Record<string, unknown> },
): void {
  if (options.json) {
    context.stdout.write(`${JSON.stringify({ command: summary.command, ...summary.json }, null, 2)}\n`);
    return;
  }
  if (options.quiet) return;
  for (const line of summary.lines) context.stdout.write(`${line}\n`);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([name, count]) => `${count} ${name}`);
  return parts.length === 0 ? '' : `: ${parts.join(', ')}`;
}

/** The most urgent deadline among pending requests, so nobody misses an auto-authorization. */
function deadlineLine(portouts: readonly PortoutDetails[], now: Date): string[] {
  const earliest = portouts
    .map((p) => autoAuthorizeWindow(p, now)?.earliestHours)
    .filter((h): h is number => h !== undefined)
    .sort((a, b) => a - b)[0];
  return earliest === undefined ? [] : [`Telnyx may auto-authorize the first pending request in ${earliest} h (24–48 h after it arrived)`];
}
