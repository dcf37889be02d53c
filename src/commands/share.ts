import path from 'node:path';
import { resolveApiSettings } from '../api/api-session.js';
import { readCampaign } from '../campaign/campaign-journal.js';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import type { SharePermission } from '../campaign/journal-records.js';
import { defaultOutDir } from '../config/global-options.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { listLoaOrders } from '../loa/campaign-order-documents.js';
import { makeOutDirectory } from '../output/make-out-directory.js';
import { writePeopleWorkbook } from '../output/people-sheet.js';
import { issueSharingTokens, type IssuedToken } from '../share/issue-sharing-tokens.js';
import { parseShareExpiry } from '../share/share-expiry.js';
import { SHARING_TOKEN_COLUMNS, SHARING_TOKEN_FILE, sharingTokenRows } from '../share/sharing-token-sheet.js';
import { defineCommand } from './command.js';
import { shareSpec } from './specs/share.js';

interface ShareArgs {
  campaign: string;
  order?: string[];
  'read-only': boolean;
  expires?: string;
}

/** Orders no one uploads documents to any more. */
const CLOSED_STATUSES = new Set(['ported', 'cancelled', 'cancel-pending', 'deleted']);
/** The sheet holds credentials: owner-only from the moment it exists. */
const TOKEN_SHEET_MODE = 0o600;

/**
 * `bulkport share --campaign NAME [--order ID…] [--read-only] --expires 48h`: one sharing token per
 * order, so an end customer can upload (or with --read-only, see) the order's documents without a
 * Telnyx account. The tokens go to an owner-only sheet with their expiry; the journal keeps only
 * their ids; stdout never shows one. Each run issues new tokens (the API cannot list or revoke
 * them; earlier ones expire on their own).
 */
export const shareCommand = defineCommand<ShareArgs>({
  ...shareSpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    const expiresInSeconds = parseShareExpiry(args.expires);
    const permission: SharePermission = args['read-only'] ? 'porting_order.document.read' : 'porting_order.document.update';
    const api = resolveApiSettings(options);
    const wanted = (args.order ?? []).flatMap((o) => String(o).split(',')).map((o) => o.trim()).filter((o) => o !== '');
    const known = await readCampaign(options.stateDir, campaign);
    const foreign = known === undefined ? [] : wanted.filter((id) => !known.orders.has(id));
    if (foreign.length > 0) {
      throw new UsageError(`--order: ${foreign.map((id) => `"${id}"`).join(', ')} ${foreign.length === 1 ? 'is not an order' : 'are not orders'} of campaign "${campaign}"; nothing was sent`, 'Order ids are in the Orders sheet of the results.');
    }
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('share', context.now()));
    await makeOutDirectory(outDir);
    const sheetFile = path.join(outDir, SHARING_TOKEN_FILE);
    return withCampaignRun(
      { command: 'share', campaign, runOptions: { permission, expiresInSeconds, orders: wanted.length }, stateDir: options.stateDir, api, requireJournal: true },
      context,
      async ({ journal, session }) => {
        const listed = await listLoaOrders(session, campaign);
        const selected = wanted.length > 0 ? listed.filter((o) => wanted.includes(o.id)) : listed.filter((o) => !CLOSED_STATUSES.has(o.status));
        const missing = wanted.filter((id) => !listed.some((o) => o.id === id));
        const result = await issueSharingTokens(session, journal, selected, { permission, expiresInSeconds, now: context.now });
        const issued = result.outcomes.filter((o): o is IssuedToken => o.kind === 'issued');
        // Written even when the run stopped early: a token not written down is lost for good.
        if (issued.length > 0) await writePeopleWorkbook(sheetFile, [{ name: 'Sharing tokens', columns: SHARING_TOKEN_COLUMNS, rows: sharingTokenRows(issued, permission) }], TOKEN_SHEET_MODE);
        const problems = result.outcomes.filter((o) => o.kind !== 'issued');
        const exitCode = result.stoppedBy !== undefined ? ExitCode.STOPPED : problems.length > 0 || missing.length > 0 ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
        const latest = issued.map((t) => t.expiresAt).sort()[0];
        // Problems go to stderr (with --json too): a person must see them even when stdout feeds a program.
        for (const p of problems) context.stderr.write(`porting order ${p.order.id}: NO token: ${'message' in p ? p.message : ''}\n`);
        for (const id of missing) context.stderr.write(`porting order ${id}: NO token: the server does not list it for campaign ${campaign}\n`);
        if (options.json) {
          context.stdout.write(
            `${JSON.stringify(
              {
                command: 'share',
                campaign,
                permission,
                expiresInSeconds,
                sheet: issued.length > 0 ? sheetFile : null,
                tokens: issued.map((t) => ({ order: t.order.id, tokenId: t.tokenId, expiresAt: t.expiresAt })),
                problems: [...problems.map((p) => ({ order: p.order.id, status: p.kind, message: 'message' in p ? p.message : '' })), ...missing.map((id) => ({ order: id, status: 'not-found', message: 'not listed on the server' }))],
                api: session.scheduler.stats(),
                exitCode,
              },
              null,
              2,
            )}\n`,
          );
        } else {
          const what = permission === 'porting_order.document.read' ? 'read-only' : 'upload';
          context.stdout.write(`${issued.length} ${what} sharing token(s) issued${latest === undefined ? '' : `, valid until ${latest}`}\n`);
          if (issued.length > 0) context.stdout.write(`tokens written to ${path.relative(context.cwd, sheetFile) || sheetFile} (owner-only, 0600): it holds credentials, send each end customer only their own row\n`);
          if (selected.length === 0 && wanted.length === 0) context.stdout.write('no live orders to share\n');
        }
        return { exitCode, changedCount: result.sentCount, stoppedBy: result.stoppedBy };
      },
    );
  },
});
