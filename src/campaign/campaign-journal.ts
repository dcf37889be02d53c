import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { DeliveryError } from '../core/errors.js';
import { campaignPaths } from './campaign-paths.js';
import { CampaignState } from './campaign-state.js';
import type { JournalRecord } from './journal-records.js';

/** Records as the writer takes them: `at` is stamped on append. */
export type NewJournalRecord = JournalRecord extends infer R ? (R extends JournalRecord ? Omit<R, 'at'> : never) : never;

/**
 * The writing side of a campaign journal (a thing with a lifecycle, hence a class). `record()`
 * resolves once the line is on disk (written and fdatasync'd): callers await it before sending the
 * call an intent announces. Records arriving while a flush is running are written together by the
 * next one (group commit), so concurrent calls do not each pay for a disk sync.
 */
export class CampaignJournal {
  readonly state: CampaignState;
  readonly path: string;
  readonly #handle: FileHandle;
  readonly #now: () => Date;
  #pending: { line: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #flushing = false;

  private constructor(handle: FileHandle, journalPath: string, state: CampaignState, now: () => Date) {
    this.#handle = handle;
    this.path = journalPath;
    this.state = state;
    this.#now = now;
  }

  /** Opens (creating) the campaign's journal for appending and folds what it already holds. */
  static async open(stateDir: string, campaign: string, now: () => Date): Promise<CampaignJournal> {
    const paths = campaignPaths(stateDir, campaign);
    const state = await readCampaignFile(paths.journal);
    try {
      await mkdir(paths.dir, { recursive: true });
      const handle = await open(paths.journal, 'a');
      const { size } = await handle.stat();
      if (size > 0) {
        // A crash may have left half a line: end it, so the next record starts on its own line.
        const last = Buffer.alloc(1);
        const probe = await open(paths.journal, 'r');
        try {
          await probe.read(last, 0, 1, size - 1);
        } finally {
          await probe.close();
        }
        if (last[0] !== 0x0a) await handle.write('\n');
      } else {
        await syncDirectory(paths.dir);
      }
      return new CampaignJournal(handle, paths.journal, state, now);
    } catch (error) {
      throw journalError(paths.journal, error);
    }
  }

  /** Appends a record, applies it to `state`, and resolves once it is durable. */
  record(record: NewJournalRecord): Promise<void> {
    const full = { ...record, at: this.#now().toISOString() } as JournalRecord;
    const line = `${JSON.stringify(full)}\n`;
    const written = new Promise<void>((resolve, reject) => {
      this.#pending.push({ line, resolve, reject });
    });
    if (!this.#flushing) void this.#flush();
    return written.then(() => this.state.apply(full));
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.#handle.write(batch.map((entry) => entry.line).join(''));
        await this.#handle.datasync();
        for (const entry of batch) entry.resolve();
      } catch (error) {
        const failure = journalError(this.path, error);
        for (const entry of batch) entry.reject(failure);
      }
    }
    this.#flushing = false;
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}

/**
 * The read API for commands that only look at a campaign (status, fix, cancel): the folded state of
 * `<state-dir>/<campaign>/journal.jsonl`, or undefined when the campaign has no journal.
 */
export async function readCampaign(stateDir: string, campaign: string): Promise<CampaignState | undefined> {
  const paths = campaignPaths(stateDir, campaign);
  const state = await readCampaignFile(paths.journal);
  return state.runs.length === 0 && state.parts.size === 0 && state.input === undefined ? undefined : state;
}

async function readCampaignFile(journalPath: string): Promise<CampaignState> {
  const state = new CampaignState();
  let text: string;
  try {
    text = await readFile(journalPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return state;
    throw new DeliveryError(`campaign journal ${journalPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Check the permissions of --state-dir.');
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      // Only a crash mid-write produces this (a torn line); the records around it are whole.
      state.skippedLines += 1;
      continue;
    }
    state.apply(record);
  }
  return state;
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

function journalError(journalPath: string, error: unknown): DeliveryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new DeliveryError(
    `campaign journal ${journalPath}: cannot write (${code})`,
    'Without the journal a crash could not be resumed safely, so the run stopped. Free disk space or fix permissions, then run the same command again.',
  );
}
