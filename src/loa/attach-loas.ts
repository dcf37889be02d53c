import type { PortingOrderUpdateParams } from 'telnyx/resources/porting-orders/porting-orders';
import { describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { sendOnce } from '../api/send-once.js';
import type { CampaignJournal } from '../campaign/campaign-journal.js';
import { forEachBounded } from '../core/bounded.js';
import { BulkportError } from '../core/errors.js';
import { DocumentRejectedError, DocumentUploads } from '../submit/document-uploads.js';
import type { LoaToAttach } from './check-loa-index.js';

/** What happened to one row of the index. */
export type LoaAttachOutcome =
  | { readonly kind: 'attached'; readonly item: LoaToAttach; readonly documentId: string }
  /** The journal says this very file is the order's LOA already: nothing sent. */
  | { readonly kind: 'already-attached'; readonly item: LoaToAttach; readonly documentId: string }
  | { readonly kind: 'refused'; readonly item: LoaToAttach; readonly message: string }
  | { readonly kind: 'unknown'; readonly item: LoaToAttach; readonly message: string };

export interface LoaAttachResult {
  readonly outcomes: readonly LoaAttachOutcome[];
  readonly uploadCount: number;
  readonly patchCount: number;
  readonly stoppedBy?: BulkportError;
}

/** Orders worked on at once; the scheduler bounds the calls actually in flight. */
const ATTACH_CONCURRENCY = 4;

/**
 * Attaches each checked signed LOA as its order's `documents.loa`, the way `submit` attaches
 * documents: each distinct file (by content SHA-256) uploaded once per campaign (`DocumentUploads`,
 * shared with submit, so a file submit already uploaded is reused), then one PATCH per order,
 * journaled (`loa-intent` before, `loa-result` after). A re-run skips orders the journal shows with
 * this file attached; after a crash between intent and result it reads the order first and sends
 * nothing when the LOA is already there (look before re-sending).
 */
export async function attachLoas(session: ApiSession, journal: CampaignJournal, campaign: string, items: readonly LoaToAttach[]): Promise<LoaAttachResult> {
  const uploads = new DocumentUploads(session, journal, campaign);
  const outcomes = new Map<LoaToAttach, LoaAttachOutcome>();
  let patchCount = 0;
  let stoppedBy: BulkportError | undefined;
  try {
    await forEachBounded(items, ATTACH_CONCURRENCY, async (item) => {
      const done = journal.state.attachedLoas.get(item.orderId);
      if (done !== undefined && done.sha256 === item.document.sha256) {
        outcomes.set(item, { kind: 'already-attached', item, documentId: done.document });
        return;
      }
      const outcome = await attachOne(session, journal, uploads, item, () => (patchCount += 1));
      outcomes.set(item, outcome);
    });
  } catch (error) {
    if (!(error instanceof BulkportError)) throw error;
    stoppedBy = error;
  }
  return {
    outcomes: items.flatMap((item) => {
      const outcome = outcomes.get(item);
      return outcome === undefined ? [] : [outcome];
    }),
    uploadCount: uploads.uploadCount,
    patchCount,
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
  };
}

async function attachOne(session: ApiSession, journal: CampaignJournal, uploads: DocumentUploads, item: LoaToAttach, countPatch: () => void): Promise<LoaAttachOutcome> {
  const { orderId, document } = item;
  const record = (outcome: 'attached' | 'rejected' | 'unknown', extra: { document?: string; message?: string }): Promise<void> =>
    journal.record({ t: 'loa-result', order: orderId, sha256: document.sha256, outcome, ...extra });
  // A crash (or an unclear answer) after the intent: the order is read before anything is sent again.
  const open = journal.state.openLoaAttaches.get(orderId);
  for (let attempt = 1; ; attempt += 1) {
    let documentId: string;
    try {
      documentId = await uploads.idFor(document);
    } catch (error) {
      if (!(error instanceof DocumentRejectedError)) throw error;
      await record('rejected', { message: error.message });
      return { kind: 'refused', item, message: error.message };
    }
    const accepted = new Set([documentId, ...(open !== undefined && open.sha256 === document.sha256 ? [open.document] : [])]);
    const sent = await sendOnce({
      mayHaveBeenSent: attempt === 1 && open !== undefined && open.sha256 === document.sha256,
      beforeSend: async () => {
        await journal.record({ t: 'loa-intent', order: orderId, sha256: document.sha256, document: documentId });
        countPatch();
      },
      send: () =>
        session.scheduler.call('idempotent', `attach LOA ${document.filename} to porting order ${orderId}`, () =>
          session.client.portingOrders.update(orderId, { documents: { loa: documentId } } as PortingOrderUpdateParams),
          SHAPES.portingOrder,
        ),
      lookForIt: async () => {
        const answer = await session.scheduler.call('read', `porting order ${orderId}`, () => session.client.portingOrders.retrieve(orderId), SHAPES.portingOrder);
        const loa = (answer.data as { documents?: { loa?: unknown } | null } | undefined)?.documents?.loa;
        return typeof loa === 'string' && accepted.has(loa) ? loa : undefined;
      },
    });
    if (sent.kind === 'sent' || sent.kind === 'found') {
      const attachedId = sent.kind === 'found' ? sent.found : documentId;
      await record('attached', { document: attachedId });
      return { kind: 'attached', item, documentId: attachedId };
    }
    if (sent.kind === 'refused') {
      // The upload may be gone (Telnyx deletes documents no order links within 30 minutes): upload it again, once.
      if (attempt === 1 && !(await uploads.exists(documentId))) {
        uploads.forget(document, documentId);
        continue;
      }
      const message = `Telnyx refused the LOA ${document.filename} for porting order ${orderId}: ${describeDetails(sent.error.errors)}`;
      await record('rejected', { message });
      return { kind: 'refused', item, message };
    }
    const message = `attaching ${document.filename} to porting order ${orderId} got no clear answer and the order does not show it; run the same command again (it looks before sending)`;
    await record('unknown', { message });
    return { kind: 'unknown', item, message };
  }
}
