import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/** Text encodings Excel writes CSV and "Unicode Text" files in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What the first bytes say: a byte-order mark, or UTF-16 without one (every other byte NUL in ASCII text). */
export function encodingFromHead(head: Uint8Array): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const sample = head.subarray(0, Math.min(head.length, 512) & ~1);
  if (sample.length < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNuls += 1;
    if (sample[i + 1] === 0) oddNuls += 1;
  }
  const pairs = sample.length / 2;
  if (oddNuls > pairs * 0.6 && evenNuls === 0) return 'utf-16le';
  if (evenNuls > pairs * 0.6 && oddNuls === 0) return 'utf-16be';
  return undefined;
}

/**
 * Chooses the file's encoding: a byte-order mark decides; otherwise the whole file is checked for
 * valid UTF-8 (one fast native pass), because Windows-1252 bytes (é, ñ) may first appear on row
 * 40,000 and a guess from the first kilobytes would turn them into replacement characters.
 */
export async function detectEncoding(file: string, head: Uint8Array): Promise<TextEncoding> {
  const fromHead = encodingFromHead(head);
  if (fromHead !== undefined) return fromHead;
  // Non-ASCII bytes in the first kilobytes already decide; only an all-ASCII start needs the whole file.
  if (head.some((byte) => byte >= 0x80)) {
    const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    return isUtf8(bytes.subarray(0, completeSequencesLength(bytes))) ? 'utf-8' : 'windows-1252';
  }
  return (await isWholeFileUtf8(file)) ? 'utf-8' : 'windows-1252';
}

async function isWholeFileUtf8(file: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const complete = completeSequencesLength(bytes);
    if (!isUtf8(bytes.subarray(0, complete))) return false;
    carry = Buffer.from(bytes.subarray(complete));
  }
  return carry.length === 0;
}

/** Length of the prefix that does not end inside a multi-byte UTF-8 sequence (chunks split anywhere). */
function completeSequencesLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return bytes.length;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
