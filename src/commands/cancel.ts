import { resolveApiSettings } from '../api/api-session.js';
import path from 'node:path';
import { toApiSummary } from '../api/api-summary.js';
import { readCampaign } from '../campaign/campaign-journal.js';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { defaultOutDir } from '../config/global-options.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { askConfirmation } from '../portouts/ask-confirmation.js';
import { applyCancel } from '../track/apply-cancel.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { planCancel } from '../track/plan-cancel.js';
import { readCampaignOrders } from '../track/read-campaign-orders.js';
import { statusChangeRecords } from '../track/status-change-records.js';
import { writeOutcomeTable } from '../track/write-outcome-table.js';
import { writeTrackingResults } from '../track/write-tracking-results.js';
import { defineCommand } from './command.js';
import { cancelSpec } from './specs/cancel.js';
import { printSummary } from './print-summary.js';

interface CancelArgs {
  campaign: string;
  order: string[];
  yes: boolean;
}

const OUTCOME_COLUMNS = ['porting_order_id', 'part_key', 'status_before', 'action', 'outcome', 'status_after'] as const;

/**
 * `bulkport cancel --campaign NAME [--order ID…] [--yes]`: cancels the campaign's submitted orders
 * and deletes its drafts, after a confirmation on a terminal (or `--yes`). Orders already
 * cancel-pending, cancelled or deleted are left alone, so a re-run sends nothing new; orders that
 * can no longer be cancelled (ported, or within 48 hours of the FOC date) are reported with the
 * reason. Every outcome goes to cancel-outcomes.csv and the journal; the results are rewritten.
 */
export const cancelCommand = defineCommand<CancelArgs>({
  ...cancelSpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    const api = resolveApiSettings(options);
    if (!args.yes && !context.isInteractive) {
      throw new UsageError('cancel: not on a terminal, so it cannot ask for confirmation; nothing was sent', 'Pass --yes to cancel without asking.');
    }
    const wanted = [...new Set(args.order.flatMap((o) => o.split(',')).map((o) => o.trim()).filter((o) => o !== ''))];
    // Unknown ids are a usage error before the lock, the journal or the API are touched.
    const known = await readCampaign(options.stateDir, campaign);
    const unknown = known === undefined ? [] : wanted.filter((id) => !known.orders.has(id));
    if (unknown.length > 0) {
      throw new UsageError(`--order: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not an order' : 'are not orders'} of campaign "${campaign}"; nothing was sent`, 'Order ids are in the Orders sheet of the results.');
    }
    const startedAt = context.now();
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('cancel', startedAt));
    return withCampaignRun({ command: 'cancel', campaign, runOptions: { orders: wanted.join(','), yes: args.yes }, stateDir: options.stateDir, api, requireJournal: true }, context, async ({ journal, session }) => {
      const state = journal.state;
      const now = await readCampaignOrders(session, state, campaign);
      for (const record of statusChangeRecords(state, now)) await journal.record(record);
      const targets = (wanted.length > 0 ? wanted : [...state.orders.keys()]).map((id) => ({ id, partKey: state.orders.get(id)?.partKey ?? '', status: state.orders.get(id)?.status ?? '' }));
      const steps = planCancel(targets);
      const toCancel = steps.filter((s) => s.action === 'cancel').length;
      const toDelete = steps.filter((s) => s.action === 'delete').length;
      if ((toCancel > 0 || toDelete > 0) && !args.yes) {
        const isAgreed = context.stdin !== undefined && (await askConfirmation(
          `Cancel ${toCancel} submitted order(s) and delete ${toDelete} draft(s) of campaign "${campaign}"? Cancelled orders cannot be reactivated.`,
          { stdin: context.stdin, stderr: context.stderr, signal: context.signal },
        ));
        if (!isAgreed) {
          context.stdout.write('cancel: not confirmed; nothing was sent\n');
          return { exitCode: ExitCode.OK, changedCount: 0 };
        }
      }
      const { outcomes, sentCount } = await applyCancel(steps, session, journal);
      const outcomeFiles = await writeOutcomeTable(
        outDir,
        'cancel-outcomes',
        options.formats,
        OUTCOME_COLUMNS,
        outcomes.map(({ step, outcome, statusAfter }) => [step.orderId, step.partKey, step.statusBefore, step.action, outcome, statusAfter]),
      );
      const notCancelled = outcomes.filter((o) => !o.isDone);
      const { summary } = await writeTrackingResults({
        outDir,
        formats: options.formats,
        state,
        command: 'cancel',
        campaign,
        startedAt,
        finishedAt: context.now,
        api: { ...toApiSummary(session.scheduler.stats()), stateChangingCalls: sentCount },
        extraOutputs: outcomeFiles,
        details: {
          cancelled: outcomes.filter((o) => o.outcome === 'cancelled').length,
          deleted: outcomes.filter((o) => o.outcome === 'deleted').length,
          alreadyDone: outcomes.filter((o) => o.isDone && o.step.action === 'none').length,
          notCancelled: notCancelled.map((o) => ({ order: o.step.orderId, reason: o.outcome })),
        },
        exitCode: () => (notCancelled.length > 0 ? ExitCode.NEEDS_ATTENTION : ExitCode.OK),
      });
      printSummary(summary, options, context);
      if (!options.json) {
        context.stdout.write(`  cancel ${campaign}: ${sentCount} call(s) sent; ${outcomes.length - notCancelled.length} order(s) cancelled or deleted (now or before)\n`);
        for (const o of notCancelled) context.stdout.write(`  porting order ${o.step.orderId} (${o.step.statusBefore}) NOT cancelled: ${o.outcome}\n`);
      }
      return { exitCode: summary.exitCode, changedCount: sentCount };
    });
  },
});
