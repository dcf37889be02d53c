import path from 'node:path';
import { resolveApiSettings } from '../api/api-session.js';
import { toApiSummary } from '../api/api-summary.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { defaultOutDir } from '../config/global-options.js';
import { resolvePlanFlags, type RawPlanArgs } from '../plan/plan-flags.js';
import { preparePlan, type PreparedPlan } from '../plan/prepare-plan.js';
import { writePlanFile } from '../plan/write-plan-file.js';
import { createProgress } from '../progress/progress.js';
import { buildCampaignRows, buildOrderSheet, journalRows } from '../submit/campaign-results.js';
import { findNumberOrders } from '../submit/find-number-orders.js';
import { removedNumberIssues } from '../submit/removed-number-issues.js';
import { submitPlan, type SubmitOutcome } from '../submit/submit-plan.js';
import { inputNeedsJournaling, submitExitCode } from '../submit/submit-rules.js';
import { writeCampaignResults } from '../submit/write-campaign-results.js';
import { defineCommand } from './command.js';
import { submitSpec } from './specs/submit.js';
import { inputSummary } from './input-summary.js';
import { printSummary } from './print-summary.js';

interface SubmitArgs extends RawPlanArgs {
  confirm: boolean;
}

/**
 * `bulkport submit <input> --campaign NAME [--confirm]`: the plan of `bulkport plan`, applied.
 * Wiring only: the lock, the journal, `preparePlan` (shared with plan), `submitPlan`, the results.
 */
export const submitCommand = defineCommand<SubmitArgs>({
  ...submitSpec,
  async run(args, options, context) {
    const planOptions = resolvePlanFlags(args);
    const api = resolveApiSettings(options);
    const startedAt = context.now();
    const campaign = planOptions.campaign;
    const runOptions = { confirm: args.confirm, maxPerOrder: planOptions.maxPerOrder, input: planOptions.inputPath };
    return withCampaignRun({ command: 'submit', campaign, runOptions, stateDir: options.stateDir, api, requireJournal: false }, context, async ({ journal, session }) => {
      const checkProgress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet }, 'check');
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

      const partCount = plan.newParts.length + plan.existingParts.filter((p) => p.part !== undefined).length;
      const submitProgress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet }, 'submit', partCount);
      let outcome: SubmitOutcome;
      try {
        outcome = await submitPlan(plan, session, journal, {
          campaign,
          confirm: args.confirm,
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
      const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('submit', startedAt));
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
      printSummary({ ...summary, outputs: [planPath, ...written] }, options, context);
      if (!options.json) {
        const orderCount = [...journal.state.orders.values()].filter((o) => o.status !== 'deleted').length;
        const isIdle = outcome.changedCount === 0 && outcome.stoppedBy === undefined;
        context.stdout.write(
          isIdle && orderCount === 0
            ? `  campaign ${campaign}: nothing to submit, no row can be ordered yet (see the results)\n`
            : isIdle
              ? `  campaign ${campaign} is up to date: ${orderCount} order(s), nothing to send\n`
              : `  campaign ${campaign}: ${orderCount} order(s); this run sent ${outcome.changedCount} change(s) (${outcome.uploadCount} upload(s)); journal ${journal.path}\n`,
        );
        if (outcome.unresolvedCount > 0) {
          context.stdout.write(`  ${outcome.unresolvedCount} call(s) got no clear answer; run the same command again to settle them (nothing is created twice)\n`);
        }
      }
      return { exitCode: summary.exitCode, changedCount: outcome.changedCount, stoppedBy: outcome.stoppedBy };
    });
  },
});
