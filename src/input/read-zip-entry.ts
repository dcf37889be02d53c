import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record sits in the last 22 bytes plus a comment of up to 64 KiB. */
const TAIL_BYTES = 22 + 0xffff;

/**
 * Reads one entry of a zip file through its central directory, without reading the rest. Used for
 * `xl/styles.xml` and `xl/sharedStrings.xml`: exceljs's streaming reader defers worksheets that come
 * before those parts in the zip, and then can drop the zip's last entry when it arrives in the same
 * read chunk (seen with exceljs 4.4: styles or shared strings silently missing). Returns undefined
 * when the entry is absent. Stored and deflated entries only (what XLSX uses).
 */
export async function readZipEntry(file: string, entryName: string): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const endAt = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (endAt < 0 || tail.readUInt32LE(endAt) !== END_OF_CENTRAL_DIRECTORY) throw new Error('no zip end-of-central-directory record');
    const directorySize = tail.readUInt32LE(endAt + 12);
    const directoryOffset = tail.readUInt32LE(endAt + 16);
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);

    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL_FILE_HEADER; ) {
      const method = directory.readUInt16LE(at + 10);
      const compressedSize = directory.readUInt32LE(at + 20);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const localHeaderOffset = directory.readUInt32LE(at + 42);
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      if (name === entryName) {
        const local = Buffer.alloc(30);
        await handle.read(local, 0, 30, localHeaderOffset);
        if (local.readUInt32LE(0) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${entryName}`);
        const dataOffset = localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const data = Buffer.alloc(compressedSize);
        await handle.read(data, 0, compressedSize, dataOffset);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`unsupported zip compression method ${method} for ${entryName}`);
      }
      at += 46 + nameLength + extraLength + commentLength;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
