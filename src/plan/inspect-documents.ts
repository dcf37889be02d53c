import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { NumberRecord } from '../core/records.js';
import type { DocumentInspection } from './plan-types.js';

/**
 * Reads every distinct LOA/invoice cell of the sheet once: is the file there, and what is its
 * SHA-256? Documents are identified by content (the same PDF saved under two names is uploaded
 * once). Paths are relative to the input file's folder, as the template says. Adapter: the plan
 * itself only sees the resulting map.
 */
export async function inspectDocuments(records: readonly NumberRecord[], inputDir: string): Promise<Map<string, DocumentInspection>> {
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
    const absolute = path.resolve(inputDir, cell);
    const inspection = await inspectFile(absolute);
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

/** Telnyx refuses documents over 20 MB; better to say so at plan time than after the order exists. */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

async function inspectFile(absolute: string): Promise<DocumentInspection> {
  try {
    const info = await stat(absolute);
    if (!info.isFile()) return { isReadable: false, path: absolute, reason: 'not a file' };
    if (info.size === 0) return { isReadable: false, path: absolute, reason: 'empty file' };
    if (info.size > MAX_DOCUMENT_BYTES) return { isReadable: false, path: absolute, reason: `${info.size} bytes, over Telnyx's 20 MB document limit` };
    const sha256 = await hashFile(absolute);
    return { isReadable: true, document: { sha256, path: absolute, filename: path.basename(absolute), sizeBytes: info.size } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? 'error'})`;
    return { isReadable: false, path: absolute, reason };
  }
}

function hashFile(absolute: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(absolute)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
