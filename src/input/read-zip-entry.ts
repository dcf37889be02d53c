import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { DEFAULT_MAX_INFLATED_BYTES } from '../core/excel-limits.js';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record sits in the last 22 bytes plus a comment of up to 64 KiB. */
const TAIL_BYTES = 22 + 0xffff;

/** One entry of a zip's central directory. `inflatedBytes` is what the directory claims. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedBytes: number;
  readonly inflatedBytes: number;
  readonly localHeaderOffset: number;
}

/** Thrown when an entry inflates to more than it may; the caller names the file and the limit. */
export class ZipEntryTooLargeError extends Error {
  constructor(
    readonly entryName: string,
    readonly limitBytes: number,
  ) {
    super(`${entryName} inflates to more than ${limitBytes} bytes`);
  }
}

/** The zip's central directory: every entry's name and sizes, without inflating anything. */
export async function listZipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r');
  try {
    return await readDirectory(handle);
  } finally {
    await handle.close();
  }
}

/**
 * Reads one entry of a zip file through its central directory, without reading the rest. Used for
 * `xl/styles.xml` and `xl/sharedStrings.xml`: exceljs's streaming reader defers worksheets that come
 * before those parts in the zip, and then can drop the zip's last entry when it arrives in the same
 * read chunk (seen with exceljs 4.4: styles or shared strings silently missing). Returns undefined
 * when the entry is absent. Stored and deflated entries only (what XLSX uses). Inflation stops at
 * `maxBytes` whatever the directory claims (a zip bomb lies about sizes): `ZipEntryTooLargeError`.
 */
export async function readZipEntry(file: string, entryName: string, maxBytes = DEFAULT_MAX_INFLATED_BYTES): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const entry = (await readDirectory(handle)).find((candidate) => candidate.name === entryName);
    if (entry === undefined) return undefined;
    if (entry.inflatedBytes > maxBytes) throw new ZipEntryTooLargeError(entryName, maxBytes);
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, entry.localHeaderOffset);
    if (local.readUInt32LE(0) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${entryName}`);
    const dataOffset = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = Buffer.alloc(entry.compressedBytes);
    await handle.read(data, 0, entry.compressedBytes, dataOffset);
    if (entry.method === 0) {
      if (data.length > maxBytes) throw new ZipEntryTooLargeError(entryName, maxBytes);
      return data;
    }
    if (entry.method === 8) {
      try {
        return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipEntryTooLargeError(entryName, maxBytes);
        throw error;
      }
    }
    throw new Error(`unsupported zip compression method ${entry.method} for ${entryName}`);
  } finally {
    await handle.close();
  }
}

async function readDirectory(handle: FileHandle): Promise<ZipEntry[]> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, TAIL_BYTES);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  const endAt = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0 || endAt + 22 > tail.length || tail.readUInt32LE(endAt) !== END_OF_CENTRAL_DIRECTORY) throw new Error('no zip end-of-central-directory record');
  const directorySize = tail.readUInt32LE(endAt + 12);
  const directoryOffset = tail.readUInt32LE(endAt + 16);
  if (directoryOffset + directorySize > size) throw new Error('the zip directory points past the end of the file');
  const directory = Buffer.alloc(directorySize);
  await handle.read(directory, 0, directorySize, directoryOffset);
  const entries: ZipEntry[] = [];
  for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL_FILE_HEADER; ) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      compressedBytes: directory.readUInt32LE(at + 20),
      inflatedBytes: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
