import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { protectInputPath } from '../output/protected-paths.js';
import { describeOpenError, openRegularFile } from './open-regular-file.js';

/** Telnyx refuses documents over 20 MB (POST /documents). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** What a document cell can be refused for; each is a row issue code of the same name. */
export type DocumentProblemCode = 'MISSING_DOCUMENT' | 'DOCUMENT_OUTSIDE_FOLDER' | 'DOCUMENT_NOT_A_DOCUMENT' | 'DOCUMENT_UNUSABLE';

type DocumentKind = 'PDF' | 'PNG' | 'JPEG' | 'TIFF';

export type OpenedDocument =
  | { readonly ok: true; readonly handle: FileHandle; readonly realPath: string; readonly sizeBytes: number; readonly kind: DocumentKind }
  | { readonly ok: false; readonly code: DocumentProblemCode; readonly path: string; readonly reason: string };

export interface DocumentFolders {
  /** Folder of the sheet that names the document (input sheet, LOA index, accounts file…). */
  readonly sheetDir: string;
  /** `--documents-dir`, when given. */
  readonly documentsDir?: string | undefined;
}

const SNIFF_BYTES = 8;

/**
 * The one way a file a sheet names is opened (plan's inspection, submit's upload, later sheets such
 * as an LOA index): the cell is resolved against the sheet's folder, symlinks are resolved
 * (`realpath`), and the real file must lie under the sheet's folder or `--documents-dir`, be a
 * regular file (judged on the open descriptor) of at most 20 MB, and start like a PDF, PNG, JPEG or
 * TIFF. Nothing beyond those first bytes is read from a file that fails. On success the caller owns
 * the handle and must close it.
 */
export async function openDocument(cell: string, folders: DocumentFolders): Promise<OpenedDocument> {
  const resolved = path.resolve(folders.sheetDir, cell);
  let real: string;
  try {
    real = await realpath(resolved);
  } catch (error) {
    const reason = describeOpenError(error);
    return { ok: false, code: 'MISSING_DOCUMENT', path: resolved, reason: reason === 'no such file' ? 'file not found' : reason };
  }
  const roots = await allowedRoots(folders);
  if (!roots.some((root) => isInside(real, root))) {
    const where = folders.documentsDir === undefined ? `the sheet's folder ${folders.sheetDir}` : `the sheet's folder ${folders.sheetDir} or --documents-dir ${folders.documentsDir}`;
    return { ok: false, code: 'DOCUMENT_OUTSIDE_FOLDER', path: resolved, reason: `it resolves to ${real}, outside ${where}` };
  }
  // O_NOFOLLOW: the real path has no links; one swapped in since realpath is refused, not followed.
  const opened = await openRegularFile(real, constants.O_NOFOLLOW);
  if (!opened.ok) return { ok: false, code: opened.reason === 'no such file' ? 'MISSING_DOCUMENT' : 'DOCUMENT_UNUSABLE', path: real, reason: opened.reason };
  const { handle, sizeBytes } = opened;
  const refuse = async (code: DocumentProblemCode, reason: string): Promise<OpenedDocument> => {
    await handle.close();
    return { ok: false, code, path: real, reason };
  };
  if (sizeBytes === 0) return refuse('DOCUMENT_UNUSABLE', 'empty file');
  if (sizeBytes > MAX_DOCUMENT_BYTES) return refuse('DOCUMENT_UNUSABLE', `${sizeBytes} bytes, over Telnyx's 20 MB document limit`);
  const head = Buffer.alloc(SNIFF_BYTES);
  let bytesRead: number;
  try {
    ({ bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0));
  } catch (error) {
    return refuse('DOCUMENT_UNUSABLE', describeOpenError(error));
  }
  const kind = sniffDocumentKind(head.subarray(0, bytesRead));
  if (kind === undefined) return refuse('DOCUMENT_NOT_A_DOCUMENT', 'its content is not a PDF, PNG, JPEG or TIFF file');
  protectInputPath(real, cell);
  return { ok: true, handle, realPath: real, sizeBytes, kind };
}

/**
 * Reads an opened document whole (it is at most 20 MB), stopping at the cap even if the file grew
 * after it was opened.
 */
export async function readOpenedDocument(handle: FileHandle): Promise<Buffer> {
  const buffer = Buffer.alloc(MAX_DOCUMENT_BYTES + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > MAX_DOCUMENT_BYTES) throw new Error(`grew over Telnyx's 20 MB document limit while being read`);
  }
  return buffer.subarray(0, length);
}

/** PDF, PNG, JPEG or TIFF by their magic bytes; undefined for anything else. */
function sniffDocumentKind(head: Buffer): DocumentKind | undefined {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'PDF';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'JPEG';
  const tiff = head.subarray(0, 4).toString('latin1');
  if (tiff === 'II*\0' || tiff === 'MM\0*') return 'TIFF';
  return undefined;
}

async function allowedRoots(folders: DocumentFolders): Promise<string[]> {
  const roots: string[] = [];
  for (const folder of [folders.sheetDir, folders.documentsDir]) {
    if (folder === undefined) continue;
    roots.push(await realpath(folder).catch(() => path.resolve(folder)));
  }
  return roots;
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}
