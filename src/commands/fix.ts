import { resolveApiSettings } from '../api/api-session.js';
import path from 'node:path';
import { toApiSummary } from '../api/api-summary.js';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { defaultOutDir } from '../config/global-options.js';
import { ExitCode } from '../core/exit-codes.js';
import { applyFixes } from '../track/apply-fixes.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { planFixes, type OrderNow } from '../track/plan-fixes.js';
import { readCampaignOrders } from '../track/read-campaign-orders.js';
import { readFixSheet } from '../track/read-fix-sheet.js';
import { editableValues } from '../track/tracked-order-view.js';
import { statusChangeRecords } from '../track/status-change-records.js';
import { writeOutcomeTable } from '../track/write-outcome-table.js';
import { writeTrackingResults } from '../track/write-tracking-results.js';
import { defineCommand } from './command.js';
import { fixSpec } from './specs/fix.js';
import { printSummary } from './print-summary.js';

interface FixArgs {
  campaign: string;
  sheet: string;
}

const OUTCOME_COLUMNS = ['row', 'porting_order_id', 'outcome', 'fields_changed', 'status_after'] as const;

/**
 * `bulkport fix --campaign NAME <exceptions.xlsx|csv>`: applies the corrections of an edited
 * Exceptions sheet. Wiring only: read the sheet (a file problem stops here, nothing sent), then
 * under the campaign's lock read the orders as they are now, plan (pure), PATCH what changed,
 * write every row's outcome and the campaign's results.
 */
export const fixCommand = defineCommand<FixArgs>({
  ...fixSpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    const api = resolveApiSettings(options);
    const startedAt = context.now();
    const sheet = await readFixSheet(path.resolve(context.cwd, args.sheet), args.sheet);
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('fix', startedAt));
    return withCampaignRun({ command: 'fix', campaign, runOptions: { sheet: args.sheet }, stateDir: options.stateDir, api, requireJournal: true }, context, async ({ journal, session }) => {
      const state = journal.state;
      const now = await readCampaignOrders(session, state, campaign);
      for (const record of statusChangeRecords(state, now)) await journal.record(record);

      const steps = planFixes(sheet.rows, {
        orderNow: (id): OrderNow | undefined => {
          const wire = now.wires.get(id);
          if (wire === undefined || !state.orders.has(id)) return undefined;
          return { status: wire.status?.value ?? 'draft', values: editableValues(wire), countryCode: wire.end_user?.location?.country_code ?? '' };
        },
        valuesShown: (id) => state.tracking.views.get(id)?.values,
        countryOf: (id) => state.parts.get(state.orders.get(id)?.partKey ?? '')?.country ?? options.defaultCountry,
        columnHeader: (field) => sheet.columnHeaders.get(field) ?? field,
        now: context.now(),
      });
      const { outcomes, patchCount } = await applyFixes(steps, session, journal, { now: context.now });

      const outcomeFiles = await writeOutcomeTable(
        outDir,
        'fix-outcomes',
        options.formats,
        OUTCOME_COLUMNS,
        outcomes.map(({ step, outcome, statusAfter }) => [step.row.ref.row, step.orderId, outcome, step.kind === 'patch' ? Object.keys(step.values).join(', ') : '', statusAfter ?? '']),
      );
      const counts: Record<string, number> = {};
      for (const { outcome } of outcomes) {
        const kind = /^[a-z_]+/.exec(outcome)?.[0] ?? outcome;
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      const hasFailedRow = (counts.failed ?? 0) > 0;
      const { summary } = await writeTrackingResults({
        outDir,
        formats: options.formats,
        state,
        command: 'fix',
        campaign,
        startedAt,
        finishedAt: context.now,
        api: { ...toApiSummary(session.scheduler.stats()), stateChangingCalls: patchCount },
        extraOutputs: outcomeFiles,
        details: { sheet: sheet.file, rows: outcomes.length, outcomes: counts, patched: patchCount },
        // The fix run's own result: every row applied, unchanged or no longer in exception.
        exitCode: () => (hasFailedRow ? ExitCode.NEEDS_ATTENTION : ExitCode.OK),
      });
      printSummary(summary, options, context);
      if (!options.json) {
        const parts = Object.entries(counts).map(([kind, count]) => `${count} ${kind}`);
        context.stdout.write(`  fix ${campaign}: ${outcomes.length} row(s): ${parts.join(', ') || 'none'}; ${patchCount} PATCH(es) sent\n`);
        for (const { step, outcome } of outcomes) {
          if (outcome.startsWith('failed')) context.stdout.write(`  row ${step.row.ref.row} (${step.orderId || 'no order id'}): ${outcome}\n`);
        }
      }
      return { exitCode: summary.exitCode, changedCount: patchCount };
    });
  },
});
