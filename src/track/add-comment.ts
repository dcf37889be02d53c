import { createHash } from 'node:crypto';
import { describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { SHAPES } from '../api/response-shapes.js';

export type CommentOutcome =
  | { readonly kind: 'added'; readonly commentId: string; readonly sentCount: number }
  /** The same text was posted before (journal or server): nothing sent. */
  | { readonly kind: 'already-added'; readonly commentId: string; readonly sentCount: number }
  | { readonly kind: 'refused'; readonly message: string; readonly sentCount: number }
  | { readonly kind: 'unknown'; readonly message: string; readonly sentCount: number };

function commentKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Adds a comment to an order. A comment is a create: never sent twice blindly. When the journal
 * has this text's intent without a result (a crash, an unclear answer), or it was posted already,
 * the order's comments are read and the text looked for first; after an unclear answer the same
 * check decides whether to send once more.
 */
export async function addComment(session: ApiSession, journal: CampaignJournal, orderId: string, text: string): Promise<CommentOutcome> {
  const key = commentKey(text);
  const tracking = journal.state.tracking;
  const wasTried = tracking.openIntent('comment', orderId) === key || (tracking.comments.get(orderId) ?? []).some((c) => c.key === key);
  const done = (commentId: string): Promise<void> => journal.record({ t: 'track-result', op: 'comment', order: orderId, key, outcome: 'done', commentId });
  let sentCount = 0;
  const outcome = await sendOnce({
    mayHaveBeenSent: wasTried,
    beforeSend: async () => {
      await journal.record({ t: 'track-intent', op: 'comment', order: orderId, key });
      sentCount += 1;
    },
    send: () => session.scheduler.call('create', `comment on porting order ${orderId}`, () => session.client.portingOrders.comments.create(orderId, { body: text }), SHAPES.comment),
    lookForIt: () => findComment(session, orderId, text),
  });
  if (outcome.kind === 'sent') {
    const commentId = outcome.answer.data?.id ?? '';
    await done(commentId);
    return { kind: 'added', commentId, sentCount };
  }
  if (outcome.kind === 'found') {
    await done(outcome.found);
    return { kind: outcome.sentCount === 0 ? 'already-added' : 'added', commentId: outcome.found, sentCount };
  }
  if (outcome.kind === 'refused') {
    const message = `Telnyx refused the comment: ${describeDetails(outcome.error.errors)}`;
    await journal.record({ t: 'track-result', op: 'comment', order: orderId, key, outcome: 'rejected', message });
    return { kind: 'refused', message, sentCount };
  }
  const message = `the comment got no clear answer twice and is not on porting order ${orderId}; run the same command again (it looks before sending)`;
  await journal.record({ t: 'track-result', op: 'comment', order: orderId, key, outcome: 'unknown', message });
  return { kind: 'unknown', message, sentCount };
}

/** The id of a comment on the order with exactly this text, written by a user (us). */
async function findComment(session: ApiSession, orderId: string, text: string): Promise<string | undefined> {
  const comments = await session.scheduler.listAll(`comments of porting order ${orderId}`, (pageNumber, pageSize) =>
    session.client.portingOrders.comments.list(orderId, { 'page[number]': pageNumber, 'page[size]': pageSize }),
    SHAPES.comments,
  );
  return comments.find((c) => c.body === text && (c.user_type === undefined || c.user_type === 'user'))?.id;
}
