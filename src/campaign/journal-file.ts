import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { STATE_FILE_MODE } from './state-dir.js';

/**
 * The one append-only journal writer (campaign journals and the port-out journal). `append()`
 * resolves once the line is on disk (written and fdatasync'd): callers await it before sending the
 * call an intent announces. Lines arriving while a flush runs are written together by the next one
 * (group commit), so concurrent callers never interleave and do not each pay for a disk sync. A new
 * file is created 0600 and its directory entry synced; a torn last line (a crash mid-write) is
 * ended so the next record starts on its own line.
 */
export class JournalFile {
  readonly path: string;
  readonly #handle: FileHandle;
  readonly #failure: (error: unknown) => Error;
  #pending: { text: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;

  private constructor(handle: FileHandle, file: string, failure: (error: unknown) => Error) {
    this.#handle = handle;
    this.path = file;
    this.#failure = failure;
  }

  /** Opens (creating) `file` for appending; `failure` turns a write error into the error callers see. */
  static async open(file: string, failure: (error: unknown) => Error): Promise<JournalFile> {
    try {
      const handle = await open(file, 'a', STATE_FILE_MODE);
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        const probe = await open(file, 'r');
        try {
          await probe.read(last, 0, 1, size - 1);
        } finally {
          await probe.close();
        }
        if (last[0] !== 0x0a) await handle.write('\n');
      } else {
        await syncDirectory(path.dirname(file));
      }
      return new JournalFile(handle, file, failure);
    } catch (error) {
      throw failure(error);
    }
  }

  /** Appends one line (a JSON record, no newline) and resolves once it is durable. */
  append(line: string): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.#pending.push({ text: `${line}\n`, resolve, reject });
    });
    this.#flushing ??= this.#flush();
    return written;
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.#handle.write(batch.map((entry) => entry.text).join(''));
        await this.#handle.datasync();
        for (const entry of batch) entry.resolve();
      } catch (error) {
        const failure = this.#failure(error);
        for (const entry of batch) entry.reject(failure);
      }
    }
    this.#flushing = undefined;
  }

  /** Waits for lines in flight, then closes the file. */
  async close(): Promise<void> {
    await this.#flushing;
    await this.#handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // The new journal's directory entry must survive a power cut too; not every platform allows it.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for sync; the file itself is still synced on every write.
  }
}
