import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { InputFileError } from '../core/errors.js';
import { listZipEntries, type ZipEntry } from './read-zip-entry.js';

/**
 * Bounded work for any workbook (issue 13): before exceljs or our own parsers see an XLSX, every part
 * is inflated once as a stream and counted — never trusting the sizes the zip directory claims, which
 * a zip bomb fakes — and the whole is refused when the parts together unpack to more than
 * `maxInflatedBytes` (`--max-inflated`). Inflating is cheap next to parsing the XML, so this costs
 * little on a real sheet, and a 245 kB bomb stops here instead of exhausting the heap.
 */
export async function checkXlsxBudget(file: string, shownAs: string, maxInflatedBytes: number): Promise<void> {
  let entries: ZipEntry[];
  try {
    entries = await listZipEntries(file);
  } catch (error) {
    throw new InputFileError(`${shownAs}: cannot read the XLSX workbook (${error instanceof Error ? error.message : String(error)})`, 'Open it in Excel or LibreOffice and save it again as .xlsx.');
  }
  let used = 0;
  for (const entry of entries) {
    const room = maxInflatedBytes - used;
    if (entry.inflatedBytes > room) throw overBudget(shownAs, entry.name, maxInflatedBytes);
    let actual: number | undefined;
    try {
      actual = await measureInflated(file, entry, room);
    } catch (error) {
      throw new InputFileError(`${shownAs}: cannot read part ${entry.name} of the XLSX workbook (${error instanceof Error ? error.message : String(error)})`, 'Open it in Excel or LibreOffice and save it again as .xlsx.');
    }
    if (actual === undefined) throw overBudget(shownAs, entry.name, maxInflatedBytes);
    used += actual;
  }
}

export function overBudget(shownAs: string, part: string, maxInflatedBytes: number): InputFileError {
  const mb = Math.round(maxInflatedBytes / (1024 * 1024));
  return new InputFileError(
    `${shownAs}: part ${part} of the workbook unpacks past the limit of ${mb} MB for all parts together (--max-inflated ${mb}); not read`,
    'A real porting sheet is far smaller. If this workbook is genuine, raise --max-inflated (in MB) or save it as CSV.',
  );
}

/** The inflated size of one entry, counted as a stream; undefined as soon as it passes `maxBytes`. */
async function measureInflated(file: string, entry: ZipEntry, maxBytes: number): Promise<number | undefined> {
  if (entry.compressedBytes === 0) return 0;
  const handle = await open(file, 'r');
  let dataOffset: number;
  try {
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, entry.localHeaderOffset);
    dataOffset = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  const source = createReadStream(file, { start: dataOffset, end: dataOffset + entry.compressedBytes - 1 });
  if (entry.method === 0) {
    source.destroy();
    return entry.compressedBytes <= maxBytes ? entry.compressedBytes : undefined;
  }
  const inflate = createInflateRaw();
  let count = 0;
  return new Promise<number | undefined>((resolve, reject) => {
    const stop = (result: number | undefined, error?: unknown): void => {
      source.destroy();
      inflate.destroy();
      if (error === undefined) resolve(result);
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    inflate.on('data', (chunk: Buffer) => {
      count += chunk.length;
      if (count > maxBytes) stop(undefined);
    });
    inflate.on('end', () => stop(count));
    inflate.on('error', (error) => stop(undefined, error));
    source.on('error', (error) => stop(undefined, error));
    source.pipe(inflate);
  });
}
