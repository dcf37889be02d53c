import path from 'node:path';
import { resolveApiSettings } from '../api/api-session.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { defaultOutDir } from '../config/global-options.js';
import { resolvePlanFlags, type RawPlanArgs } from '../plan/plan-flags.js';
import { runSubmit } from '../submit/run-submit.js';
import { defineCommand } from './command.js';
import { submitSpec } from './specs/submit.js';
import { printSummary } from './print-summary.js';

interface SubmitArgs extends RawPlanArgs {
  confirm: boolean;
}

/**
 * `bulkport submit <input> --campaign NAME [--confirm]`: the plan of `bulkport plan`, applied.
 * Wiring only: resolve the flags, then under the campaign's lock and journal `runSubmit` (plan, submit,
 * results), then print the summary.
 */
export const submitCommand = defineCommand<SubmitArgs>({
  ...submitSpec,
  async run(args, options, context) {
    const planOptions = resolvePlanFlags(args);
    const api = resolveApiSettings(options);
    const startedAt = context.now();
    const campaign = planOptions.campaign;
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('submit', startedAt));
    const runOptions = {
      confirm: args.confirm,
      maxPerOrder: planOptions.maxPerOrder,
      input: planOptions.inputPath,
      ...(planOptions.webhookUrl === undefined ? {} : { webhookUrl: planOptions.webhookUrl }),
    };
    return withCampaignRun({ command: 'submit', campaign, runOptions, stateDir: options.stateDir, api, requireJournal: false }, context, async (run) => {
      const { summary, outcome, notes } = await runSubmit(run, { planOptions, confirm: args.confirm, outDir, startedAt, options }, context);
      printSummary(summary, options, context);
      if (!options.json) for (const note of notes) context.stdout.write(`  ${note}\n`);
      return { exitCode: summary.exitCode, changedCount: outcome.changedCount, stoppedBy: outcome.stoppedBy };
    });
  },
});
