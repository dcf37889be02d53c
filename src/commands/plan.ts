import path from 'node:path';
import { createApiSession, resolveApiSettings } from '../api/api-session.js';
import { toApiSummary } from '../api/api-summary.js';
import { readCampaign } from '../campaign/campaign-journal.js';
import { CampaignState } from '../campaign/campaign-state.js';
import type { JournalRecord } from '../campaign/journal-records.js';
import { defaultOutDir } from '../config/global-options.js';
import { resolvePlanFlags, type RawPlanArgs } from '../plan/plan-flags.js';
import { preparePlan, type PreparedPlan } from '../plan/prepare-plan.js';
import { writePlanFile } from '../plan/write-plan-file.js';
import { createProgress } from '../progress/progress.js';
import { buildCampaignRows, buildOrderSheet } from '../submit/campaign-results.js';
import { findNumberOrders } from '../submit/find-number-orders.js';
import { removedNumberIssues } from '../submit/removed-number-issues.js';
import { writeCampaignResults } from '../submit/write-campaign-results.js';
import { defineCommand } from './command.js';
import { planSpec } from './specs/plan.js';
import { inputSummary } from '../output/input-summary.js';
import { printSummary } from './print-summary.js';

/**
 * `bulkport plan <input> --campaign NAME`: `submit` without the apply half (docs/architecture.md §8.2). Reads the
 * campaign's journal and asks the server what the campaign already has (read-only), checks and
 * groups, and writes plan.json plus the results (planned/blocked) and the Orders sheet.
 */
export const planCommand = defineCommand<RawPlanArgs>({
  ...planSpec,
  async run(args, options, context) {
    const planOptions = resolvePlanFlags(args);
    const api = resolveApiSettings(options);
    const startedAt = context.now();
    const state = (await readCampaign(options.stateDir, planOptions.campaign)) ?? new CampaignState();
    const session = createApiSession(api, context);
    const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet }, 'check');
    let prepared: PreparedPlan;
    let numberOrders: Map<string, string>;
    try {
      prepared = await preparePlan(planOptions, {
        options,
        cwd: context.cwd,
        now: context.now,
        session,
        state,
        // Read-only: what the server says only updates this run's view of the campaign.
        applyRecords: (records) => {
          const at = context.now().toISOString();
          for (const record of records) state.apply({ ...record, at } as JournalRecord);
          return Promise.resolve();
        },
        progress,
      });
      numberOrders = await findNumberOrders(session, state, prepared.listed);
    } finally {
      progress.finish();
      await session.close();
    }

    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('plan', startedAt));
    const { planPath, document } = await writePlanFile(outDir, prepared, startedAt);

    const rows = buildCampaignRows({ plan: prepared.plan, checked: prepared.checked, state, seen: prepared.listed, columnHeader: prepared.columnHeader, numberOrders });
    const { summary, written } = await writeCampaignResults({
      outDir,
      formats: options.formats,
      passthroughHeaders: prepared.source.passthroughHeaders,
      rows,
      orders: buildOrderSheet({ plan: prepared.plan, state, seen: prepared.listed }),
      extraIssues: removedNumberIssues(prepared.plan, state),
      frame: () => ({
        command: 'plan',
        campaign: planOptions.campaign,
        startedAt,
        finishedAt: context.now(),
        input: inputSummary(prepared.source, prepared.checked.length),
        api: toApiSummary(session.scheduler.stats()),
        outputs: [planPath],
      }),
    });
    printSummary({ ...summary, outputs: [planPath, ...written] }, options, context);
    if (!options.json) {
      const counts = document.counts;
      context.stdout.write(
        `  plan: ${counts.newParts} new order(s) for ${counts.newNumbers} number(s), ${counts.existingParts} part(s) already ordered, ` +
          `${counts.blockedRows} row(s) blocked, ${counts.removedNumbers} ordered number(s) no longer in the sheet\n`,
      );
    }
    return summary.exitCode;
  },
});
