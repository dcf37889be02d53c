import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Opening never blocks: without O_NONBLOCK, opening a FIFO waits for a writer forever (and a process
 * stuck in open() ignores SIGTERM's handler). On a regular file the flag changes nothing.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** Why a path cannot be read as a regular file, in words for a message; undefined when it can. */
function describeFileKind(stats: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'it is a directory';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file';
  if (stats.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

export function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? 'unreadable';
}

type OpenedRegularFile =
  | { readonly ok: true; readonly handle: FileHandle; readonly sizeBytes: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Opens a file for reading only if it is a regular file, judged on the open descriptor (fstat), so
 * the answer is about the very file that will be read, not one swapped in after a separate stat.
 */
export async function openRegularFile(file: string, extraFlags = 0): Promise<OpenedRegularFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, OPEN_FLAGS | extraFlags);
  } catch (error) {
    return { ok: false, reason: describeOpenError(error) };
  }
  try {
    const stats = await handle.stat();
    const kind = describeFileKind(stats);
    if (kind !== undefined) {
      await handle.close();
      return { ok: false, reason: kind };
    }
    return { ok: true, handle, sizeBytes: stats.size };
  } catch (error) {
    await handle.close();
    return { ok: false, reason: describeOpenError(error) };
  }
}

/**
 * Reads a small regular file whole, synchronously, refusing special files and anything over
 * `maxBytes` (checked on the descriptor, and reading stops at the cap even if the file grows).
 */
export function readSmallFileSync(file: string, maxBytes: number): { ok: true; content: Buffer } | { ok: false; reason: string } {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: describeOpenError(error) };
  }
  try {
    const stats = fstatSync(fd);
    const kind = describeFileKind(stats);
    if (kind !== undefined) return { ok: false, reason: kind };
    if (stats.size > maxBytes) return { ok: false, reason: `${stats.size} bytes, more than the ${maxBytes} bytes allowed` };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { ok: false, reason: `more than the ${maxBytes} bytes allowed` };
    return { ok: true, content: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: describeOpenError(error) };
  } finally {
    closeSync(fd);
  }
}
