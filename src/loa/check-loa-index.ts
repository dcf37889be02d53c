import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CampaignState } from '../campaign/campaign-state.js';
import { InputFileError } from '../core/errors.js';
import { describeRef, type RowRef } from '../core/row-ref.js';
import { openDocument, readOpenedDocument } from '../input/open-document.js';
import { readEditedSheet } from '../input/read-edited-sheet.js';
import type { DocumentRef } from '../plan/plan-types.js';
import { LOA_INDEX_COLUMNS, LOA_INDEX_FILE, LOA_INDEX_SHEET, type LoaIndexColumn } from './loa-index.js';

/** One signed LOA to attach: the row that names it, its order, and the file as hashed. */
export interface LoaToAttach {
  readonly ref: RowRef;
  readonly orderId: string;
  readonly document: DocumentRef;
}

export interface CheckedLoaIndex {
  readonly file: string;
  readonly toAttach: readonly LoaToAttach[];
  /** Rows whose signed_loa_file is still empty (not signed yet): left alone. */
  readonly unsigned: readonly { readonly ref: RowRef; readonly orderId: string }[];
}

const IDENTIFIERS: ReadonlySet<LoaIndexColumn> = new Set(['porting_order_id', 'order_key', 'numbers']);

/**
 * Reads the filled-in loa-index.xlsx and checks EVERY row before anything is sent: the order is one
 * of the campaign's, named once; the signed file exists under the sheet's folder (or
 * `--documents-dir`), is a regular file of at most 20 MB and a PDF or image (the document rules of
 * `openDocument`). Any problem: one input error listing them all (exit 2), nothing sent.
 * Each file is hashed here; the upload later re-reads it and refuses it if it changed.
 */
export async function checkLoaIndex(file: string, shownAs: string, state: CampaignState, documentsDir: string | undefined): Promise<CheckedLoaIndex> {
  const sheet = await readEditedSheet(file, shownAs, {
    preferredSheet: LOA_INDEX_SHEET,
    expected: 'an LOA index (loa-index.xlsx from `bulkport loa download`)',
    xlsxAlternative: LOA_INDEX_FILE,
    columns: LOA_INDEX_COLUMNS.map((name) => ({ name, isIdentifier: IDENTIFIERS.has(name) })),
  });
  const missing = (['porting_order_id', 'signed_loa_file'] as const).filter((c) => !sheet.columnHeaders.has(c));
  if (missing.length > 0) {
    throw new InputFileError(`${shownAs}: expected the columns porting_order_id and signed_loa_file (as \`loa download\` writes them), missing ${missing.join(', ')}; nothing was sent`);
  }
  const column = (name: LoaIndexColumn): string => sheet.columnHeaders.get(name) ?? name;
  const sheetDir = path.dirname(path.resolve(file));
  const problems: string[] = [];
  const toAttach: LoaToAttach[] = [];
  const unsigned: Array<{ ref: RowRef; orderId: string }> = [];
  const seenOrders = new Map<string, RowRef>();
  for (const row of sheet.rows) {
    for (const issue of row.problems) problems.push(`${describeRef(row.ref, issue.column)}: ${issue.message}`);
    if (row.problems.length > 0) continue;
    const orderId = row.values.porting_order_id ?? '';
    const cell = row.values.signed_loa_file ?? '';
    if (orderId === '') {
      if (cell !== '') problems.push(`${describeRef(row.ref, column('porting_order_id'))}: expected the porting order id the signed LOA is for, got an empty cell`);
      continue;
    }
    if (!state.orders.has(orderId)) {
      problems.push(`${describeRef(row.ref, column('porting_order_id'))}: "${orderId}" is not an order of this campaign`);
      continue;
    }
    const earlier = seenOrders.get(orderId);
    if (earlier !== undefined) {
      problems.push(`${describeRef(row.ref, column('porting_order_id'))}: order ${orderId} is listed twice (also ${describeRef(earlier)}); an order takes one LOA`);
      continue;
    }
    seenOrders.set(orderId, row.ref);
    if (cell === '') {
      unsigned.push({ ref: row.ref, orderId });
      continue;
    }
    const opened = await openDocument(cell, { sheetDir, documentsDir });
    if (!opened.ok) {
      problems.push(`${describeRef(row.ref, column('signed_loa_file'))}: "${cell}": ${opened.reason}`);
      continue;
    }
    try {
      const content = await readOpenedDocument(opened.handle);
      toAttach.push({
        ref: row.ref,
        orderId,
        document: { sha256: createHash('sha256').update(content).digest('hex'), path: opened.realPath, filename: path.basename(opened.realPath), sizeBytes: content.length },
      });
    } catch (error) {
      problems.push(`${describeRef(row.ref, column('signed_loa_file'))}: "${cell}": ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await opened.handle.close();
    }
  }
  if (problems.length > 0) {
    throw new InputFileError(
      `${shownAs}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was sent\n${problems.map((p) => `  ${p}`).join('\n')}`,
      'Signed files must be PDFs or images (PNG, JPEG, TIFF) of at most 20 MB, named relative to the sheet\'s folder. Fix every row listed and run the same command again.',
    );
  }
  return { file: shownAs, toAttach, unsigned };
}
