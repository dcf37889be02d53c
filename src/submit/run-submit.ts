import { toApiSummary } from '../api/api-summary.js';
import type { CampaignRun } from '../campaign/campaign-run.js';
import type { GlobalOptions } from '../config/global-options.js';
import { inputSummary } from '../output/input-summary.js';
import { maskPin } from '../core/mask-pin.js';
import type { RunSummary } from '../output/summary.js';
import { preparePlan, type CampaignPlanOptions, type PreparedPlan } from '../plan/prepare-plan.js';
import { writePlanFile } from '../plan/write-plan-file.js';
import { createProgress } from '../progress/progress.js';
import { buildCampaignRows, buildOrderSheet, journalRows } from './campaign-results.js';
import { findNumberOrders } from './find-number-orders.js';
import { removedNumberIssues } from './removed-number-issues.js';
import { submitPlan, type SubmitOutcome } from './submit-plan.js';
import { inputNeedsJournaling, submitExitCode } from './submit-rules.js';
import { writeCampaignResults } from './write-campaign-results.js';

/** What `bulkport submit` resolved from its flags before the campaign run opened. */
export interface SubmitSettings {
  readonly planOptions: CampaignPlanOptions;
  readonly confirm: boolean;
  /** Absolute: where the plan file and the results go. */
  readonly outDir: string;
  readonly startedAt: Date;
  readonly options: GlobalOptions;
}

/** The part of a command's context a submit run uses (CommandContext has it). */
export interface SubmitContext {
  readonly cwd: string;
  readonly now: () => Date;
  readonly stderr: NodeJS.WritableStream;
  readonly isTTY: boolean;
}

export interface SubmitRunResult {
  /** The run's summary, its outputs listed (the plan file first). */
  readonly summary: RunSummary;
  readonly outcome: SubmitOutcome;
  /** What a person reads after the summary (not printed with --json). */
  readonly notes: readonly string[];
}

/**
 * One submit run inside the campaign's lock (docs/architecture.md §3): `preparePlan` (shared with `plan`), the
 * sheet journaled again when it changed, `submitPlan`, then the plan file and the full results. The command
 * prints the summary and the notes.
 */
export async function runSubmit(run: Pick<CampaignRun, 'journal' | 'session'>, settings: SubmitSettings, context: SubmitContext): Promise<SubmitRunResult> {
  const { journal, session } = run;
  const { planOptions, options, startedAt, outDir } = settings;
  const campaign = planOptions.campaign;
  const progressSink = { stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet };

  const checkProgress = createProgress(progressSink, 'check');
  let prepared: PreparedPlan;
  try {
    prepared = await preparePlan(planOptions, {
      options,
      cwd: context.cwd,
      now: context.now,
      session,
      state: journal.state,
      applyRecords: async (records) => {
        for (const record of records) await journal.record(record);
      },
      progress: checkProgress,
    });
  } finally {
    checkProgress.finish();
  }
  const { plan } = prepared;

  // The sheet as planned, for `status` to write full results without the input file.
  const plannedRows = journalRows(buildCampaignRows({ plan, checked: prepared.checked, state: journal.state, seen: prepared.listed, columnHeader: prepared.columnHeader }).map((r) => r.row));
  if (inputNeedsJournaling(journal.state.input, prepared.inputSha256, plannedRows)) {
    await journal.record({ t: 'input', file: prepared.source.file, path: prepared.inputPath, sha256: prepared.inputSha256, passthroughHeaders: prepared.source.passthroughHeaders, rows: plannedRows });
  }

  const accounts = prepared.accounts;
  if (accounts !== undefined && journal.state.accounts?.sha256 !== accounts.sha256) {
    const rows = accounts.rows.map((account) => ({
      row: account.ref.row,
      values: Object.fromEntries(Object.entries(account.fields).map(([column, value]) => [column, column === 'pin_passcode' ? maskPin(value) : value])),
    }));
    await journal.record({ t: 'accounts', file: accounts.file, path: accounts.path, sheet: accounts.sheet, sha256: accounts.sha256, join: accounts.join, rows });
  }

  const partCount = plan.newParts.length + plan.existingParts.filter((p) => p.part !== undefined).length;
  const submitProgress = createProgress(progressSink, 'submit', partCount);
  let outcome: SubmitOutcome;
  try {
    outcome = await submitPlan(plan, session, journal, {
      campaign,
      confirm: settings.confirm,
      // Twice the concurrency keeps the scheduler fed while parts wait on their own calls in turn.
      partConcurrency: options.concurrency * 2,
      now: context.now,
      listed: prepared.listed,
      onPartDone: () => submitProgress.tick(1),
    });
  } finally {
    submitProgress.finish();
  }

  const seen = new Map([...prepared.listed, ...outcome.seen]);
  const numberOrders = outcome.stoppedBy === undefined ? await findNumberOrders(session, journal.state, seen) : new Map<string, string>();
  const { planPath } = await writePlanFile(outDir, prepared, startedAt);
  const rows = buildCampaignRows({ plan, checked: prepared.checked, state: journal.state, seen, outcome, columnHeader: prepared.columnHeader, numberOrders });
  const { summary, written } = await writeCampaignResults({
    outDir,
    formats: options.formats,
    passthroughHeaders: prepared.source.passthroughHeaders,
    rows,
    orders: buildOrderSheet({ plan, state: journal.state, seen }),
    extraIssues: removedNumberIssues(plan, journal.state),
    frame: (counter) => ({
      command: 'submit',
      campaign,
      startedAt,
      finishedAt: context.now(),
      input: inputSummary(prepared.source, prepared.checked.length),
      api: { ...toApiSummary(session.scheduler.stats()), stateChangingCalls: outcome.changedCount, uploads: outcome.uploadCount },
      outputs: [planPath],
      exitCode: submitExitCode(outcome, counter.needsAttention),
    }),
  });

  const orderCount = [...journal.state.orders.values()].filter((o) => o.status !== 'deleted').length;
  return { summary: { ...summary, outputs: [planPath, ...written] }, outcome, notes: submitNotes(campaign, outcome, orderCount, journal.path) };
}

/** The lines after the summary: what the campaign has now, what this run sent, and what a re-run would settle. */
function submitNotes(campaign: string, outcome: SubmitOutcome, orderCount: number, journalPath: string): string[] {
  const isIdle = outcome.changedCount === 0 && outcome.stoppedBy === undefined;
  const notes = [
    isIdle && orderCount === 0
      ? `campaign ${campaign}: nothing to submit, no row can be ordered yet (see the results)`
      : isIdle
        ? `campaign ${campaign} is up to date: ${orderCount} order(s), nothing to send`
        : `campaign ${campaign}: ${orderCount} order(s); this run sent ${outcome.changedCount} change(s) (${outcome.uploadCount} upload(s)); journal ${journalPath}`,
  ];
  const awaitingCodes = [...outcome.orderProblems].filter(([, problems]) => problems.some((p) => p.code === 'VERIFICATION_NEEDED' || p.code === 'VERIFICATION_PENDING'));
  if (awaitingCodes.length > 0) {
    notes.push(
      `${awaitingCodes.length} order(s) need AU ownership codes before they can be confirmed (${awaitingCodes.map(([id]) => id).join(', ')}): ` +
        `bulkport verify send --campaign ${campaign}, then verify apply with the codes received`,
    );
  }
  if (outcome.unresolvedCount > 0) {
    notes.push(`${outcome.unresolvedCount} call(s) got no clear answer; run the same command again to settle them (nothing is created twice)`);
  }
  return notes;
}
