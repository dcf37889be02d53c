import { open } from 'node:fs/promises';
import path from 'node:path';
import { DeliveryError } from '../core/errors.js';
import { JournalFile } from '../campaign/journal-file.js';
import { ensureStateDirectory } from '../campaign/state-dir.js';
import { acquireStateLock, type LockContext, type StateLock } from '../campaign/state-lock.js';

/**
 * The events inbox of a state directory: `<state-dir>/_events/inbox.jsonl`, written by `bulkport
 * listen` (signed webhooks), read by `status` and the port-out desk, which fold its events into their
 * journals. One JSON object per line, append-only, never rewritten:
 *
 *     {"feed":"porting","received_at":"2026-12-03T08:00:01.000Z","event":{"id":"…","event_type":"porting_order.status_changed",…}}
 *
 * `event` is the event record as `GET /porting/events` (feed `porting`) or `GET /portouts/events`
 * (feed `portout`) yields it — `id`, `event_type`, `created_at`, `payload`, `porting_order_id` or
 * `portout_id`, `record_type` — so a consumer treats an inbox event and a feed event alike and
 * de-duplicates both by `id`. An event id is written at most once (the writer keeps the ids it has).
 *
 * The folder name starts with `_`, which no campaign name can (`campaign-paths.ts`), so it never
 * meets a campaign folder. Files are 0600 in a 0700 folder, like every journal.
 */
export type InboxFeed = 'porting' | 'portout';

/** An event record as the feed yields it (the fields every consumer needs are typed; the rest as sent). */
export interface InboxEventRecord {
  readonly id: string;
  readonly event_type: string;
  readonly [field: string]: unknown;
}

/** One line of the inbox. */
export interface InboxEntry {
  readonly feed: InboxFeed;
  /** When `listen` wrote it (ISO 8601, its clock). */
  readonly received_at: string;
  readonly event: InboxEventRecord;
}

/** What `readEventsInbox` found after `offset`. */
export interface InboxRead {
  /** Whole, well-formed entries in file order. */
  readonly entries: InboxEntry[];
  /**
   * Byte offset just past the last whole line: pass it to the next read. A last line without its
   * newline (being written, or torn by a crash) is not consumed, so it is read once it is whole.
   */
  readonly nextOffset: number;
  /** Whole lines that are not entries (a line torn by a crash and ended by the next writer): skipped. */
  readonly skippedLineCount: number;
}

const INBOX_FOLDER = '_events';

/** `<state-dir>/_events/inbox.jsonl` (the folder also holds the writer's `lock`). */
export function eventsInboxPath(stateDir: string): string {
  return path.join(stateDir, INBOX_FOLDER, 'inbox.jsonl');
}

/**
 * The entries written after byte `offset` (0: from the start). Takes no lock: lines are appended
 * whole and synced, and a partial last line is left for the next read. A missing inbox reads as
 * empty. An `offset` past the end (the inbox was deleted and begun again) reads from the start;
 * consumers de-duplicate by event id, so nothing is applied twice.
 */
export async function readEventsInbox(stateDir: string, offset = 0): Promise<InboxRead> {
  const file = eventsInboxPath(stateDir);
  let bytes: Buffer;
  let start = offset;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (start > size) start = 0;
      bytes = Buffer.alloc(size - start);
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      bytes = bytes.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], nextOffset: 0, skippedLineCount: 0 };
    throw new DeliveryError(`events inbox ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Check --state-dir and its permissions.');
  }
  const end = bytes.lastIndexOf(0x0a) + 1;
  const entries: InboxEntry[] = [];
  let skippedLineCount = 0;
  for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseEntry(line);
    if (entry === undefined) skippedLineCount += 1;
    else entries.push(entry);
  }
  return { entries, nextOffset: start + end, skippedLineCount };
}

/** What `EventsInbox.add` did with an event. */
export type InboxAddResult = 'added' | 'already-seen';

/**
 * The writing side (only `listen` writes): holds `<state-dir>/_events/lock` from `open` to `close`,
 * so one writer per state directory, and never a campaign's lock (status, fix and submit go on
 * while it runs). `add` resolves once the line is on disk (`JournalFile`: written and fdatasync'd,
 * group commit), so a webhook is answered 2xx only after that.
 */
export class EventsInbox {
  readonly path: string;
  readonly #file: JournalFile;
  readonly #lock: StateLock;
  readonly #now: () => Date;
  /** Every event id in the inbox or being written, with the write that makes it durable. */
  readonly #written = new Map<string, Promise<void>>();

  private constructor(file: JournalFile, lock: StateLock, now: () => Date, seen: Iterable<string>) {
    this.#file = file;
    this.path = file.path;
    this.#lock = lock;
    this.#now = now;
    for (const id of seen) this.#written.set(id, Promise.resolve());
  }

  /**
   * Takes the inbox lock (a LockHeldError, exit 2, while another `listen` holds it; a stale one is
   * taken over with a notice), reads the ids already written, and opens the inbox for appending.
   */
  static async open(stateDir: string, context: LockContext): Promise<EventsInbox> {
    const file = eventsInboxPath(stateDir);
    await ensureStateDirectory(stateDir, path.dirname(file));
    const lock = await acquireStateLock(path.join(path.dirname(file), 'lock'), `the events inbox of ${stateDir}`, context);
    try {
      const seen = (await readEventsInbox(stateDir)).entries.map((entry) => entry.event.id);
      const journal = await JournalFile.open(file, (error) => inboxWriteError(file, error));
      return new EventsInbox(journal, lock, context.now, seen);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** How many distinct events the inbox holds (written or being written). */
  get eventCount(): number {
    return this.#written.size;
  }

  /** Whether an event id was written (or is being written). Ids are unique across both feeds (UUIDs). */
  has(id: string): boolean {
    return this.#written.has(id);
  }

  /**
   * Appends the event unless its id is already there, and resolves once the event is durable: a copy
   * that arrives while the first is being written waits for that write. Rejects (a DeliveryError)
   * when the line cannot be written; the id is then forgotten, so a retry can write it.
   */
  async add(feed: InboxFeed, event: InboxEventRecord): Promise<InboxAddResult> {
    const pending = this.#written.get(event.id);
    if (pending !== undefined) {
      await pending;
      return 'already-seen';
    }
    const entry: InboxEntry = { feed, received_at: this.#now().toISOString(), event };
    const write = this.#file.append(JSON.stringify(entry));
    this.#written.set(event.id, write);
    try {
      await write;
    } catch (error) {
      this.#written.delete(event.id);
      throw error;
    }
    return 'added';
  }

  /** Waits for writes in flight, closes the file and releases the lock. */
  async close(): Promise<void> {
    try {
      await this.#file.close();
    } finally {
      await this.#lock.release();
    }
  }
}

function parseEntry(line: string): InboxEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value) || (value.feed !== 'porting' && value.feed !== 'portout') || typeof value.received_at !== 'string') return undefined;
  const event = value.event;
  if (!isObject(event) || typeof event.id !== 'string' || event.id === '' || typeof event.event_type !== 'string') return undefined;
  return { feed: value.feed, received_at: value.received_at, event: event as InboxEventRecord };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inboxWriteError(file: string, error: unknown): DeliveryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new DeliveryError(`events inbox ${file}: cannot write (${code})`, 'Free disk space or fix the permissions of --state-dir; Telnyx retries the webhooks that were refused meanwhile.');
}
