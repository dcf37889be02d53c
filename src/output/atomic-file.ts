import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DeliveryError } from '../core/errors.js';
import { refuseOutputOverInput } from './protected-paths.js';

/**
 * Output files are written under a temporary name next to their final path and renamed only when
 * complete (docs/architecture.md §8.12): a crash or a full disk leaves a `*.tmp` file, never a half file that looks
 * whole. The rename is atomic because both names are in one directory. The data is fsynced before
 * the rename so that a power cut cannot leave the final name pointing at empty blocks.
 */

let tempCounter = 0;

/** `results.csv` → `results.csv.<pid>-<n>.tmp`, in the same directory (the `.tmp` suffix is git-ignored). */
export function tempPathFor(filePath: string): string {
  tempCounter += 1;
  return `${filePath}.${process.pid}-${tempCounter}.tmp`;
}

/** Writes `data` to `filePath` through a temporary file and a rename; `mode` for a file that must stay private (0600). */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array, mode?: number): Promise<void> {
  refuseOutputOverInput(filePath);
  const tempPath = tempPathFor(filePath);
  try {
    const handle = await open(tempPath, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    // Cleanup must not replace the real error: under a path that is not a directory, rm fails too (ENOTDIR).
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw outputFileError(filePath, error);
  }
}

/** A write stream on a temporary file that becomes `path` on `commit()`. */
export interface AtomicWriteStream {
  /** The final path. */
  readonly path: string;
  readonly tempPath: string;
  readonly stream: WriteStream;
  /** Resolves once the temporary file is open: an unwritable directory fails here, before any work. */
  readonly opened: Promise<void>;
  /** Rejects with the stream's first error (ENOSPC…) as a DeliveryError; never resolves otherwise. */
  readonly failed: Promise<never>;
  /** Ends the stream (if its writer has not), waits until the data is on disk, renames. */
  commit(): Promise<void>;
  /** Destroys the stream and removes the temporary file. Safe to call more than once. */
  abort(): Promise<void>;
}

export function createAtomicWriteStream(filePath: string): AtomicWriteStream {
  refuseOutputOverInput(filePath);
  const tempPath = tempPathFor(filePath);
  // `wx`: a temporary name that already exists belongs to someone else; never write through it.
  const stream = createWriteStream(tempPath, { flags: 'wx' });
  let firstError: DeliveryError | undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    // `on`, not `once`: a stream can report more than one error, and an unheard one crashes the process.
    stream.on('error', (error) => {
      firstError ??= outputFileError(filePath, error);
      reject(firstError);
    });
  });
  // Callers race against `failed`; without a handler an early error would be an unhandled rejection.
  failed.catch(() => undefined);
  const opened = Promise.race([once(stream, 'open').then(() => undefined), failed]);
  opened.catch(() => undefined);
  let isSettled = false;

  return {
    path: filePath,
    tempPath,
    stream,
    opened,
    failed,
    async commit() {
      if (firstError) throw firstError;
      if (!stream.writableEnded) stream.end();
      if (!stream.closed) await Promise.race([once(stream, 'close'), failed]);
      if (firstError) throw firstError;
      try {
        const handle = await open(tempPath, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tempPath, filePath);
        isSettled = true;
      } catch (error) {
        throw outputFileError(filePath, error);
      }
    },
    async abort() {
      if (isSettled) return;
      isSettled = true;
      if (!stream.closed) {
        // Not `once(stream, 'close')`: that rejects on the write-after-destroy errors a producer
        // (exceljs' zip) may still cause, and a cleanup must not fail for them.
        const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
        stream.destroy();
        await closed;
      }
      await rm(tempPath, { force: true });
    },
  };
}

/** File-system failures while writing results are delivery problems (exit 3), named by file. */
export function outputFileError(filePath: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOENT'
          ? 'its directory does not exist'
          : describeOtherFailure(code, error);
  return new DeliveryError(
    `cannot write ${filePath}: ${reason}`,
    `Free space or fix permissions in ${path.dirname(filePath)}, then run the command again.`,
  );
}

/** Node's messages already start with the code ("EISDIR: illegal operation…"): say it once. */
function describeOtherFailure(code: string | undefined, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) return `error: ${message}`;
  return message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
}
