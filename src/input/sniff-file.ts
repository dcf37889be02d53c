import path from 'node:path';
import { InputFileError } from '../core/errors.js';
import { protectInputPath } from '../output/protected-paths.js';
import { describeOpenError, openRegularFile } from './open-regular-file.js';

export interface SniffedFile {
  readonly format: 'csv' | 'xlsx';
  /** The first bytes of the file (up to 64 KiB), for encoding and delimiter detection. */
  readonly head: Buffer;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Decides how to read a file from its first bytes rather than its name alone: an XLSX is a zip
 * (`PK\x03\x04`) whatever it is called. Refuses what cannot be a porting sheet with one clear line.
 */
export async function sniffFile(file: string, shownAs: string): Promise<SniffedFile> {
  const head = await readHead(file, shownAs);
  const extension = path.extname(file).toLowerCase();
  if (head.length === 0) {
    throw new InputFileError(`${shownAs}: the file is empty (0 bytes); expected a CSV or XLSX sheet with a header row`);
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { format: 'xlsx', head };
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new InputFileError(
      `${shownAs}: this is an Excel 97-2003 (.xls) workbook; expected .xlsx or CSV`,
      'Open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or CSV UTF-8.',
    );
  }
  if (extension === '.xlsx' || extension === '.xlsm') {
    throw new InputFileError(`${shownAs}: expected an XLSX workbook (a zip file), found other content`, 'Save the sheet again as .xlsx or CSV.');
  }
  return { format: 'csv', head };
}

async function readHead(file: string, shownAs: string): Promise<Buffer> {
  // A FIFO, a device or a directory is refused on the open descriptor, without blocking or reading.
  const opened = await openRegularFile(file);
  if (!opened.ok) {
    const verb = opened.reason === 'no such file' || opened.reason === 'permission denied' ? 'open' : 'read';
    throw new InputFileError(`${shownAs}: cannot ${verb} the input file (${opened.reason})`);
  }
  const { handle } = opened;
  protectInputPath(file, shownAs);
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new InputFileError(`${shownAs}: cannot read the input file (${describeOpenError(error)})`);
  } finally {
    await handle.close();
  }
}
