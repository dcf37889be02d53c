import { describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import type { SharePermission } from '../campaign/journal-records.js';
import { forEachBounded } from '../core/bounded.js';
import { BulkportError } from '../core/errors.js';
import type { LoaOrder } from '../loa/campaign-order-documents.js';

/** One token issued: the token itself lives only in memory and in the 0600 sheet, never in the journal or on stdout. */
export interface IssuedToken {
  readonly kind: 'issued';
  readonly order: LoaOrder;
  readonly tokenId: string;
  readonly token: string;
  readonly expiresAt: string;
}

export type ShareOutcome =
  | IssuedToken
  | { readonly kind: 'refused'; readonly order: LoaOrder; readonly message: string }
  | { readonly kind: 'unknown'; readonly order: LoaOrder; readonly message: string };

export interface ShareResult {
  readonly outcomes: readonly ShareOutcome[];
  readonly sentCount: number;
  readonly stoppedBy?: BulkportError;
}

interface WireSharingToken {
  readonly id?: string;
  readonly token?: string;
  readonly expires_at?: string | null;
}

const SHARE_CONCURRENCY = 4;

/**
 * Issues one sharing token per order (`POST /porting_orders/{id}/actions/share`), journaled:
 * `share-intent` before, `share-result` (the token's id and expiry, never the token) after.
 *
 * THE ONE EXCEPTION to "look before re-sending" (docs/architecture.md §4): the API has no way to list
 * or fetch sharing tokens, and a token is useless without its text, which only the create answer
 * carries. So after an unclear answer (or a crash after the intent) a NEW token is issued; a token
 * the lost answer may have created stays unknown to us and expires on its own (at most 48 h).
 */
export async function issueSharingTokens(
  session: ApiSession,
  journal: CampaignJournal,
  orders: readonly LoaOrder[],
  request: { readonly permission: SharePermission; readonly expiresInSeconds: number; readonly now: () => Date },
): Promise<ShareResult> {
  const outcomes = new Map<string, ShareOutcome>();
  let sentCount = 0;
  let stoppedBy: BulkportError | undefined;
  const { permission, expiresInSeconds } = request;
  try {
    await forEachBounded(orders, SHARE_CONCURRENCY, async (order) => {
      const sent = await sendOnce({
        // Nothing to look at: an earlier intent without a result cannot be settled (see above).
        mayHaveBeenSent: false,
        beforeSend: async () => {
          await journal.record({ t: 'share-intent', order: order.id, permission, expiresInSeconds });
          sentCount += 1;
        },
        send: async () => {
          const answer = await session.scheduler.call('create', `sharing token for porting order ${order.id}`, () =>
            session.client.portingOrders.actions.share(order.id, { expires_in_seconds: expiresInSeconds, permissions: permission }),
            SHAPES.sharingToken,
          );
          return (answer.data ?? {}) as WireSharingToken;
        },
        // No way to list tokens: never "found", so an unclear answer leads to one new token.
        lookForIt: async () => undefined,
      });
      if (sent.kind === 'sent') {
        const tokenId = sent.answer.id ?? '';
        const token = sent.answer.token ?? '';
        const expiresAt = sent.answer.expires_at ?? new Date(request.now().getTime() + expiresInSeconds * 1000).toISOString();
        await journal.record({ t: 'share-result', order: order.id, outcome: 'issued', permission, tokenId, expiresAt });
        outcomes.set(order.id, { kind: 'issued', order, tokenId, token, expiresAt });
        return;
      }
      const message =
        sent.kind === 'refused'
          ? `Telnyx refused to share porting order ${order.id}: ${describeDetails(sent.error.errors)}`
          : `sharing porting order ${order.id} got no clear answer twice; run share again for it (a new token is issued; any token the lost answer created expires on its own)`;
      await journal.record({ t: 'share-result', order: order.id, outcome: sent.kind === 'refused' ? 'rejected' : 'unknown', permission, message });
      outcomes.set(order.id, { kind: sent.kind === 'refused' ? 'refused' : 'unknown', order, message });
    });
  } catch (error) {
    if (!(error instanceof BulkportError)) throw error;
    stoppedBy = error;
  }
  return {
    outcomes: orders.flatMap((o) => {
      const outcome = outcomes.get(o.id);
      return outcome === undefined ? [] : [outcome];
    }),
    sentCount,
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
  };
}
