import path from 'node:path';
import { createApiSession, resolveApiSettings } from '../api/api-session.js';
import { resolveActivateAt } from '../activate/activation-job.js';
import { listActivations, runActivate } from '../activate/run-activate.js';
import { readCampaign } from '../campaign/campaign-journal.js';
import { checkCampaignName, campaignPaths } from '../campaign/campaign-paths.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { defaultOutDir } from '../config/global-options.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseDuration } from '../export/parse-duration.js';
import { defineCommand } from './command.js';
import { activateSpec } from './specs/activate.js';

interface ActivateArgs {
  campaign: string;
  order: string[];
  at?: string;
  watch: boolean;
  list: boolean;
  'poll-interval': string;
  timeout: string;
}

/**
 * `bulkport activate --campaign NAME [--order ID…] [--at TIME] [--watch] [--list]`: cutover night for
 * US FastPort orders (docs/design.md §2). Every flag is checked and every --order id is known before
 * the lock, the journal or the API are touched.
 */
export const activateCommand = defineCommand<ActivateArgs>({
  ...activateSpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    const api = resolveApiSettings(options);
    if (args.list && (args.at !== undefined || args.watch)) throw new UsageError('activate: --list only shows the jobs; it cannot be combined with --at or --watch');
    const pollIntervalMs = parseDuration(args['poll-interval']);
    if (pollIntervalMs === undefined || pollIntervalMs <= 0) throw new UsageError(`--poll-interval "${args['poll-interval']}": expected a duration such as 10s, 500ms or 1m`);
    const timeoutMs = parseDuration(args.timeout);
    if (timeoutMs === undefined || timeoutMs <= 0) throw new UsageError(`--timeout "${args.timeout}": expected a duration such as 30m or 2h`);
    const at = args.at === undefined ? undefined : String(args.at);
    if (at !== undefined) {
      // The form is checked here, before anything is read or sent; the windows need each order's jobs.
      const form = resolveActivateAt(at, '2000-01-01T00:00:00Z');
      if ('error' in form) throw new UsageError(`${form.error}; nothing was sent`);
    }
    const wanted = [...new Set(args.order.flatMap((o) => String(o).split(',')).map((o) => o.trim()).filter((o) => o !== ''))];
    const known = await readCampaign(options.stateDir, campaign);
    if (known === undefined) {
      throw new UsageError(`campaign "${campaign}": no journal at ${campaignPaths(options.stateDir, campaign).journal}`, 'Run `bulkport submit <sheet> --campaign NAME` first, or point --state-dir at the folder that holds the campaign.');
    }
    const unknown = wanted.filter((id) => !known.orders.has(id));
    if (unknown.length > 0) {
      throw new UsageError(`--order: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not an order' : 'are not orders'} of campaign "${campaign}"; nothing was sent`, 'Order ids are in the Orders sheet of the results.');
    }
    if (args.list) {
      const session = createApiSession(api, context);
      try {
        await listActivations(session, known, { campaign, orders: wanted, options }, context.stdout);
      } finally {
        await session.close();
      }
      return ExitCode.OK;
    }
    const startedAt = context.now();
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('activate', startedAt));
    return withCampaignRun(
      { command: 'activate', campaign, runOptions: { orders: wanted.join(','), at: at ?? '', watch: args.watch }, stateDir: options.stateDir, api, requireJournal: true },
      context,
      ({ journal, session }) =>
        runActivate({ journal, session }, journal.state, { campaign, orders: wanted, at, watch: args.watch, pollIntervalMs, timeoutMs, outDir, startedAt, options }, context),
    );
  },
});
