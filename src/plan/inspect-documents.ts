import { createHash } from 'node:crypto';
import path from 'node:path';
import type { NumberRecord } from '../core/records.js';
import { openDocument, readOpenedDocument, type DocumentFolders } from '../input/open-document.js';
import type { DocumentInspection } from './plan-types.js';

/**
 * Reads every distinct LOA/invoice cell of the sheet once: is the file there, and what is its
 * SHA-256? Documents are identified by content (the same PDF saved under two names is uploaded
 * once). Paths are relative to the input file's folder, as the template says, and files are opened
 * only through `openDocument` (inside the sheet's folder or `--documents-dir`, regular, ≤ 20 MB, a
 * PDF/PNG/JPEG/TIFF): anything else is a row issue here, so submit meets no surprise. Adapter: the
 * plan itself only sees the resulting map.
 */
export async function inspectDocuments(records: readonly NumberRecord[], folders: DocumentFolders): Promise<Map<string, DocumentInspection>> {
  const cells = new Set<string>();
  for (const record of records) {
    for (const cell of [record.fields.loa_file, record.fields.invoice_file]) {
      const text = cell?.trim() ?? '';
      if (text !== '') cells.add(text);
    }
  }
  const found = new Map<string, DocumentInspection>();
  const byContent = new Map<string, DocumentInspection>();
  // One file at a time: a sheet names a handful of distinct documents, and reading them in
  // parallel would only compete for the disk.
  for (const cell of cells) {
    const inspection = await inspectFile(cell, folders);
    if (!inspection.isReadable) {
      found.set(cell, inspection);
      continue;
    }
    // The first file seen with a content is the one uploaded; later names point at it.
    const first = byContent.get(inspection.document.sha256);
    if (first === undefined) byContent.set(inspection.document.sha256, inspection);
    found.set(cell, first ?? inspection);
  }
  return found;
}

async function inspectFile(cell: string, folders: DocumentFolders): Promise<DocumentInspection> {
  const opened = await openDocument(cell, folders);
  if (!opened.ok) return { isReadable: false, code: opened.code, path: opened.path, reason: opened.reason };
  try {
    const content = await readOpenedDocument(opened.handle);
    const sha256 = createHash('sha256').update(content).digest('hex');
    return { isReadable: true, document: { sha256, path: opened.realPath, filename: path.basename(opened.realPath), sizeBytes: content.length } };
  } catch (error) {
    const reason = error instanceof Error && !('code' in error) ? error.message : `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    return { isReadable: false, code: 'DOCUMENT_UNUSABLE', path: opened.realPath, reason };
  } finally {
    await opened.handle.close();
  }
}
