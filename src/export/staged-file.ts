import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DeliveryError } from '../core/errors.js';
import { createAtomicWriteStream, writeFileAtomic, type AtomicWriteStream } from '../output/atomic-file.js';

/**
 * Export files go through the shared atomic writers (src/output/atomic-file.ts: temporary name
 * beside the final one, fsync, rename). This module adds what an export needs on top: a download
 * staged but not yet renamed, so it can be checked first, its SHA-256, and a failure class of its
 * own so an alert can say "cannot write the file" rather than "API failed".
 */

/** A file-system failure while writing an export (disk full, permissions, missing folder). */
export class ExportWriteError extends DeliveryError {
  constructor(cause: DeliveryError) {
    super(cause.message, `${cause.hint ?? 'Check the -o folder.'} The previous export is untouched.`);
  }
}

export interface StagedDownload {
  /** Still under its temporary name: `commit()` publishes it, `abort()` removes it. */
  readonly file: AtomicWriteStream;
  readonly byteCount: number;
  /** SHA-256 of exactly the bytes written, hex. */
  readonly sha256: string;
}

/**
 * Streams `chunks` into a temporary file beside `finalPath`, hashing as it goes, and closes it
 * without renaming. `signal` stops between chunks. On any failure the temporary file is removed
 * and file-system errors come back as ExportWriteError; other errors (a broken download, an
 * abort) pass through unchanged.
 */
export async function stageDownload(finalPath: string, chunks: AsyncIterable<Uint8Array>, signal: AbortSignal): Promise<StagedDownload> {
  const file = createAtomicWriteStream(finalPath);
  const hash = createHash('sha256');
  let byteCount = 0;
  try {
    for await (const chunk of chunks) {
      signal.throwIfAborted();
      hash.update(chunk);
      byteCount += chunk.length;
      if (!file.stream.write(chunk)) await Promise.race([once(file.stream, 'drain'), file.failed]);
    }
    file.stream.end();
    await Promise.race([once(file.stream, 'close'), file.failed]);
  } catch (error) {
    await file.abort();
    throw error instanceof DeliveryError ? new ExportWriteError(error) : error;
  }
  return { file, byteCount, sha256: hash.digest('hex') };
}

/** Publishes a checked download under its final name. */
export async function commitStaged(staged: StagedDownload): Promise<void> {
  try {
    await staged.file.commit();
  } catch (error) {
    await staged.file.abort();
    throw error instanceof DeliveryError ? new ExportWriteError(error) : error;
  }
}

/** Sidecar and changes files: small, written whole, same temp-and-rename path. */
export async function writeExportText(finalPath: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(finalPath, text);
  } catch (error) {
    throw error instanceof DeliveryError ? new ExportWriteError(error) : error;
  }
}

/**
 * Removes temporary files a killed run left for these file names (`<name>.<pid>-<n>.tmp`), but
 * only those whose writer process is gone: a concurrent run's file in progress is left alone.
 */
export async function removeStaleTemporaries(dir: string, fileNames: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const owner = fileNames.find((fileName) => name.startsWith(`${fileName}.`));
    if (owner === undefined || !name.endsWith('.tmp')) continue;
    const pid = Number(/^(\d+)-\d+\.tmp$/.exec(name.slice(owner.length + 1))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue;
    await rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
