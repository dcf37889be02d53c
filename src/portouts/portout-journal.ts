import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, LockHeldError } from '../core/errors.js';
import type { DecisionKind } from './validate-decisions.js';

/**
 * Journal entries are keyed by the port-out id plus the `updated_at` the review saw: a decision is
 * about the request as it was then. A request an operator sent back to `pending` has a new
 * `updated_at`, so a new review of it starts a new key and can be decided again, while re-running the
 * old sheet finds its earlier entries and sends nothing twice.
 */
export interface JournalKey {
  readonly portoutId: string;
  readonly reviewedUpdatedAt: string;
}

export interface JournalIntent extends JournalKey {
  readonly type: 'intent';
  readonly at: string;
  readonly runId: string;
  readonly decision: DecisionKind;
  readonly targetStatus: 'authorized' | 'rejected-pending';
  readonly rejectionCode?: number;
}

export interface JournalResult extends JournalKey {
  readonly type: 'result';
  readonly at: string;
  readonly runId: string;
  readonly outcome: 'applied' | 'failed';
  readonly statusAfter?: string;
  readonly detail?: string;
}

export type JournalEntry = JournalIntent | JournalResult;

/** What the journal knows about one key. */
export interface JournalHistory {
  readonly hasIntent: boolean;
  /** The last result recorded, if any (an intent without result: the run stopped while the call was out). */
  readonly lastResult: JournalResult | undefined;
}

const JOURNAL_FILE = 'journal.jsonl';
const LOCK_FILE = 'apply.lock';

/**
 * The append-only journal of `portouts apply` (docs/design.md §6), `<state-dir>/portouts/journal.jsonl`: an
 * intent is written and flushed to disk before each status update, its result after. One `apply` at a
 * time holds the directory's lock.
 */
export class PortoutJournal {
  readonly runId = randomUUID();
  readonly #handle: FileHandle;
  readonly #lockPath: string;
  readonly #entries: JournalEntry[];
  #writes: Promise<void> = Promise.resolve();
  #needsNewline: boolean;

  private constructor(handle: FileHandle, lockPath: string, entries: JournalEntry[], needsNewline: boolean) {
    this.#handle = handle;
    this.#lockPath = lockPath;
    this.#entries = entries;
    this.#needsNewline = needsNewline;
  }

  /** Takes the lock and reads what earlier runs wrote. */
  static async open(directory: string, now: () => Date): Promise<PortoutJournal> {
    try {
      await mkdir(directory, { recursive: true });
    } catch (error) {
      throw new ConfigError(`cannot create the port-out journal directory ${directory} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Check --state-dir.');
    }
    const lockPath = path.join(directory, LOCK_FILE);
    await acquireLock(lockPath, now);
    try {
      const file = path.join(directory, JOURNAL_FILE);
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const handle = await open(file, 'a');
      return new PortoutJournal(handle, lockPath, parseEntries(text), text !== '' && !text.endsWith('\n'));
    } catch (error) {
      await rm(lockPath, { force: true });
      throw error;
    }
  }

  history(key: JournalKey): JournalHistory {
    const entries = this.#entries.filter((e) => e.portoutId === key.portoutId && e.reviewedUpdatedAt === key.reviewedUpdatedAt);
    return {
      hasIntent: entries.some((e) => e.type === 'intent'),
      lastResult: entries.filter((e): e is JournalResult => e.type === 'result').at(-1),
    };
  }

  /** Resolves once the entry is on disk. Writes are serialized, so concurrent callers never interleave. */
  async append(entry: JournalEntry): Promise<void> {
    this.#entries.push(entry);
    const write = this.#writes.then(async () => {
      // A run killed mid-write may have left a torn last line; start on a fresh one.
      const prefix = this.#needsNewline ? '\n' : '';
      this.#needsNewline = false;
      await this.#handle.write(`${prefix}${JSON.stringify(entry)}\n`);
      await this.#handle.datasync();
    });
    this.#writes = write.catch(() => undefined);
    await write;
  }

  async close(): Promise<void> {
    await this.#writes;
    await this.#handle.close();
    await rm(this.#lockPath, { force: true });
  }
}

/** Every whole line that parses; a torn last line (a crash mid-write) is ignored. */
export function parseEntries(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as Partial<JournalEntry>;
      if ((entry.type === 'intent' || entry.type === 'result') && typeof entry.portoutId === 'string') entries.push(entry as JournalEntry);
    } catch {
      continue;
    }
  }
  return entries;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

async function acquireLock(lockPath: string, now: () => Date): Promise<void> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: now().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(lockPath, JSON.stringify(owner), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(lockPath);
    if (holder !== undefined && !isStale(holder)) {
      throw new LockHeldError(
        `another portouts apply is running (pid ${holder.pid} on ${holder.host}, since ${holder.since}); ${lockPath} is locked`,
        'Wait for it to finish. If no such process exists, delete the lock file.',
      );
    }
    // The holder died without cleaning up (killed, power cut): its journal is complete up to its last flush.
    await rm(lockPath, { force: true });
  }
  throw new LockHeldError(`cannot take the port-out journal lock ${lockPath}`, 'Another apply may have started at the same moment; try again.');
}

async function readLock(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, since: owner.since ?? 'an unknown time' };
  } catch {
    return undefined;
  }
}

/** Only a lock from this machine whose process is gone is stale; another host's lock is respected. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
