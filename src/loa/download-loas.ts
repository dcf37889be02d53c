import path from 'node:path';
import { ApiRejectedError } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import type { CampaignState } from '../campaign/campaign-state.js';
import { forEachBounded } from '../core/bounded.js';
import { BulkportError } from '../core/errors.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { writePeopleWorkbook } from '../output/people-sheet.js';
import { listLoaOrders, type LoaOrder } from './campaign-order-documents.js';
import { loaFileNames } from './loa-file-name.js';
import { LOA_INDEX_FILE, LOA_INDEX_PEOPLE_COLUMNS, LOA_INDEX_SHEET, loaIndexRows, type LoaIndexEntry } from './loa-index.js';
import { readPdfAnswer, UnusablePdfError } from './read-pdf-answer.js';

export interface LoaDownloadOptions {
  readonly campaign: string;
  readonly outDir: string;
  readonly loaConfigurationId: string | undefined;
  /** Download for drafts that already have an LOA too. */
  readonly isForced: boolean;
  /** Templates fetched at once (the scheduler bounds the calls in flight). */
  readonly concurrency: number;
  readonly onOrderDone?: () => void;
}

/** What happened to one order of the campaign. */
export type LoaDownloadOutcome =
  | { readonly kind: 'written'; readonly order: LoaOrder; readonly fileName: string }
  | { readonly kind: 'has-loa'; readonly order: LoaOrder }
  | { readonly kind: 'not-draft'; readonly order: LoaOrder }
  | { readonly kind: 'failed'; readonly order: LoaOrder; readonly message: string };

export interface LoaDownloadResult {
  readonly outcomes: readonly LoaDownloadOutcome[];
  /** The index written (absent when no LOA was written). */
  readonly indexFile: string | undefined;
  readonly templateCallCount: number;
  readonly stoppedBy?: BulkportError;
}

/**
 * `loa download`: one pre-filled LOA per draft order of the campaign (GET …/loa_template, once per
 * order, with the LOA configuration when named), written as `<end user>-<order key>.pdf` into the
 * output folder, plus `loa-index.xlsx` listing them with an empty, text-formatted `signed_loa_file`
 * column for `loa attach`. Drafts that already have an LOA are left out unless forced; orders past
 * draft are listed as such (their LOA can no longer change through the API).
 */
export async function downloadLoas(session: ApiSession, state: CampaignState, options: LoaDownloadOptions): Promise<LoaDownloadResult> {
  const orders = (await listLoaOrders(session, options.campaign)).map((order) => withJournalKnowledge(order, state));
  const wanted = orders.filter((o) => o.status === 'draft' && (options.isForced || o.loaDocumentId === ''));
  const names = loaFileNames(wanted.map((o) => ({ orderId: o.id, endUser: o.entityName, orderKey: o.orderKey || o.id })));
  const outcomes = new Map<string, LoaDownloadOutcome>();
  for (const order of orders) {
    if (order.status !== 'draft') outcomes.set(order.id, { kind: 'not-draft', order });
    else if (!options.isForced && order.loaDocumentId !== '') outcomes.set(order.id, { kind: 'has-loa', order });
  }
  let templateCallCount = 0;
  let stoppedBy: BulkportError | undefined;
  try {
    await forEachBounded(wanted, options.concurrency, async (order) => {
      const fileName = names.get(order.id) as string;
      const what = `LOA template of porting order ${order.id}`;
      try {
        templateCallCount += 1;
        const query = options.loaConfigurationId === undefined ? {} : { loa_configuration_id: options.loaConfigurationId };
        const response = await session.scheduler.call('read', what, () => session.client.portingOrders.retrieveLoaTemplate(order.id, query), SHAPES.pdf);
        const pdf = await readPdfAnswer(response, what);
        await writeFileAtomic(path.join(options.outDir, fileName), pdf);
        outcomes.set(order.id, { kind: 'written', order, fileName });
      } catch (error) {
        if (error instanceof UnusablePdfError) outcomes.set(order.id, { kind: 'failed', order, message: error.message });
        else if (error instanceof ApiRejectedError) outcomes.set(order.id, { kind: 'failed', order, message: error.message });
        else throw error;
      }
      options.onOrderDone?.();
    });
  } catch (error) {
    // A run problem stops the run; the LOAs written so far are still indexed.
    if (!(error instanceof BulkportError)) throw error;
    stoppedBy = error;
  }
  const ordered = orders.flatMap((o) => {
    const outcome = outcomes.get(o.id);
    return outcome === undefined ? [] : [outcome];
  });
  const entries: LoaIndexEntry[] = ordered.flatMap((o) =>
    o.kind === 'written'
      ? [{ orderId: o.order.id, orderKey: o.order.orderKey, endUser: o.order.entityName, numbers: o.order.numbers, numberCount: o.order.numberCount, fileName: o.fileName }]
      : [],
  );
  let indexFile: string | undefined;
  if (entries.length > 0) {
    indexFile = path.join(options.outDir, LOA_INDEX_FILE);
    await writePeopleWorkbook(indexFile, [{ name: LOA_INDEX_SHEET, columns: LOA_INDEX_PEOPLE_COLUMNS, rows: loaIndexRows(entries) }]);
  }
  return { outcomes: ordered, indexFile, templateCallCount, ...(stoppedBy === undefined ? {} : { stoppedBy }) };
}

/** Fills what the answer lacks from the journal: the end user of the order's part, its full number list. */
function withJournalKnowledge(order: LoaOrder, state: CampaignState): LoaOrder {
  const known = state.orders.get(order.id);
  const partKey = order.orderKey || known?.partKey || '';
  const part = state.parts.get(partKey);
  const allNumbers = state.tracking.numbers.get(order.id);
  const numbers = allNumbers !== undefined && allNumbers.length >= order.numbers.length ? allNumbers : order.numbers;
  return {
    ...order,
    orderKey: partKey,
    entityName: order.entityName || part?.endUser.admin.entity_name || '',
    numbers,
    numberCount: Math.max(order.numberCount, numbers.length),
  };
}
