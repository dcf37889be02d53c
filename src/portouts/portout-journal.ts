import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JournalFile } from '../campaign/journal-file.js';
import { ensureStateDirectory, stateFileError } from '../campaign/state-dir.js';
import { acquireStateLock, type StateLock } from '../campaign/state-lock.js';
import type { CachedExtras } from './plan-portout-extras.js';
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

/**
 * What `portouts list` and `review` learnt from `GET /portouts/events` (and the webhook inbox): the
 * cursor (newest event time read), the ids near it and those applied, the inbox offset, and the
 * comments and supporting documents of each port-out read or updated by this run (issue 14).
 */
export interface JournalEvents {
  readonly type: 'events';
  readonly at: string;
  readonly runId: string;
  readonly cursor: string | null;
  readonly recentIds: readonly string[];
  readonly applied: readonly string[];
  readonly inboxOffset: number;
  readonly extras: Readonly<Record<string, CachedExtras>>;
}

export type JournalEntry = JournalIntent | JournalResult | JournalEvents;

/** The desk's events state: the fold of the `events` entries. */
export interface DeskEvents {
  /** When the last events entry was written (this machine's clock); undefined before the first. */
  readonly lastReadAt: string | undefined;
  readonly cursor: string | null;
  /** Ids applied or read near the cursor: skipped when they come again. */
  readonly seenIds: ReadonlySet<string>;
  readonly inboxOffset: number;
  readonly cache: ReadonlyMap<string, CachedExtras>;
}

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
 * intent is written and flushed to disk before each status update, its result after (the same
 * `JournalFile` writer as campaign journals). One `apply` at a time holds the folder's lock (the same
 * lock as campaigns).
 */
export class PortoutJournal {
  readonly runId = randomUUID();
  readonly #file: JournalFile;
  readonly #lock: StateLock;
  readonly #entries: JournalEntry[];

  private constructor(file: JournalFile, lock: StateLock, entries: JournalEntry[]) {
    this.#file = file;
    this.#lock = lock;
    this.#entries = entries;
  }

  /**
   * Takes the lock and reads what earlier runs wrote. `stateDir` is --state-dir, `directory` its
   * port-out folder; `command` names the holder (`portouts apply`, or `list`/`review` writing their events cursor).
   */
  static async open(stateDir: string, directory: string, now: () => Date, notice: (line: string) => void, command = 'portouts apply'): Promise<PortoutJournal> {
    await ensureStateDirectory(stateDir, directory);
    const lock = await acquireStateLock(path.join(directory, LOCK_FILE), 'the port-out journal', { command, now, notice });
    try {
      const file = path.join(directory, JOURNAL_FILE);
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw stateFileError(file, error);
      });
      const journal = await JournalFile.open(file, (error) => stateFileError(file, error));
      return new PortoutJournal(journal, lock, parseEntries(text));
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  history(key: JournalKey): JournalHistory {
    const entries = this.#entries.filter((e): e is JournalIntent | JournalResult => e.type !== 'events' && e.portoutId === key.portoutId && e.reviewedUpdatedAt === key.reviewedUpdatedAt);
    return {
      hasIntent: entries.some((e) => e.type === 'intent'),
      lastResult: entries.filter((e): e is JournalResult => e.type === 'result').at(-1),
    };
  }

  /** The fold of the events entries: cursor, ids seen, inbox offset, and the latest comments and documents per port-out. */
  desk(): DeskEvents {
    const seenIds = new Set<string>();
    const cache = new Map<string, CachedExtras>();
    let last: JournalEvents | undefined;
    for (const entry of this.#entries) {
      if (entry.type !== 'events') continue;
      last = entry;
      for (const id of entry.applied) seenIds.add(id);
      for (const [id, extras] of Object.entries(entry.extras)) cache.set(id, extras);
    }
    for (const id of last?.recentIds ?? []) seenIds.add(id);
    return { lastReadAt: last?.at, cursor: last?.cursor ?? null, seenIds, inboxOffset: last?.inboxOffset ?? 0, cache };
  }

  /** Resolves once the entry is on disk. */
  async append(entry: JournalEntry): Promise<void> {
    this.#entries.push(entry);
    await this.#file.append(JSON.stringify(entry));
  }

  async close(): Promise<void> {
    await this.#file.close();
    await this.#lock.release();
  }
}

/** Every whole line that parses; a torn last line (a crash mid-write) is ignored. */
export function parseEntries(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as Partial<JournalEntry>;
      if ((entry.type === 'intent' || entry.type === 'result') && typeof (entry as Partial<JournalIntent>).portoutId === 'string') entries.push(entry as JournalEntry);
      else if (entry.type === 'events' && typeof (entry as Partial<JournalEvents>).extras === 'object') entries.push(entry as JournalEntry);
    } catch {
      continue;
    }
  }
  return entries;
}
