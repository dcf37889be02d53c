import { resolveApiSettings } from '../api/api-session.js';
import { readCampaign } from '../campaign/campaign-journal.js';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { addComment } from '../track/add-comment.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import { defineCommand } from './command.js';
import { commentSpec } from './specs/comment.js';

interface CommentArgs {
  campaign: string;
  order: string;
  text: string;
}

/** Telnyx does not document a limit; a page of text is plenty for a porting comment. */
const MAX_COMMENT_LENGTH = 5000;

/**
 * `bulkport comment --campaign NAME --order ID "text"`: adds a comment to one of the campaign's
 * orders, journaled. Running it again with the same text does not post it twice.
 */
export const commentCommand = defineCommand<CommentArgs>({
  ...commentSpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    const api = resolveApiSettings(options);
    const text = String(args.text).trim();
    if (text === '' || text.length > MAX_COMMENT_LENGTH) {
      throw new UsageError(`comment: expected text of 1 to ${MAX_COMMENT_LENGTH} characters, got ${text.length}`);
    }
    const orderId = String(args.order).trim();
    const known = await readCampaign(options.stateDir, campaign);
    if (known !== undefined && !known.orders.has(orderId)) {
      throw new UsageError(`--order: "${orderId}" is not an order of campaign "${campaign}"; nothing was sent`, 'Order ids are in the Orders sheet of the results.');
    }
    return withCampaignRun({ command: 'comment', campaign, runOptions: { order: orderId }, stateDir: options.stateDir, api, requireJournal: true }, context, async ({ journal, session }) => {
      const outcome = await addComment(session, journal, orderId, text);
      const exitCode = outcome.kind === 'added' || outcome.kind === 'already-added' ? ExitCode.OK : outcome.kind === 'refused' ? ExitCode.NEEDS_ATTENTION : ExitCode.STOPPED;
      if (options.json) {
        context.stdout.write(`${JSON.stringify({ command: 'comment', campaign, order: orderId, ...outcome, exitCode }, null, 2)}\n`);
      } else {
        const line =
          outcome.kind === 'added'
            ? `comment added to porting order ${orderId} (comment ${outcome.commentId})`
            : outcome.kind === 'already-added'
              ? `porting order ${orderId} already has this comment (comment ${outcome.commentId}); nothing sent`
              : `comment on porting order ${orderId} NOT added: ${outcome.message}`;
        context.stdout.write(`${line}\n`);
      }
      return { exitCode, changedCount: outcome.sentCount };
    });
  },
});
