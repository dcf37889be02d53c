import { readFile } from 'node:fs/promises';
import { ConfigError, DeliveryError } from '../core/errors.js';
import { campaignPaths } from './campaign-paths.js';
import { CampaignState } from './campaign-state.js';
import { foldJournal } from './fold-journal.js';
import { JournalFile } from './journal-file.js';
import { ensureStateDirectory } from './state-dir.js';
import type { JournalRecord } from './journal-records.js';

/** Records as the writer takes them: `at` is stamped on append. */
export type NewJournalRecord = JournalRecord extends infer R ? (R extends JournalRecord ? Omit<R, 'at'> : never) : never;

/**
 * The writing side of a campaign journal (a thing with a lifecycle, hence a class). `record()`
 * resolves once the line is on disk (`JournalFile`: written and fdatasync'd, group commit): callers
 * await it before sending the call an intent announces.
 */
export class CampaignJournal {
  readonly state: CampaignState;
  readonly path: string;
  readonly #file: JournalFile;
  readonly #now: () => Date;

  private constructor(file: JournalFile, state: CampaignState, now: () => Date) {
    this.#file = file;
    this.path = file.path;
    this.state = state;
    this.#now = now;
  }

  /** Opens (creating, 0600 in a 0700 folder) the campaign's journal for appending and folds what it already holds. */
  static async open(stateDir: string, campaign: string, now: () => Date): Promise<CampaignJournal> {
    const paths = campaignPaths(stateDir, campaign);
    const state = await readCampaignFile(paths.journal);
    await ensureStateDirectory(stateDir, paths.dir);
    const file = await JournalFile.open(paths.journal, (error) => journalError(paths.journal, error));
    return new CampaignJournal(file, state, now);
  }

  /** Appends a record, applies it to `state`, and resolves once it is durable. */
  record(record: NewJournalRecord): Promise<void> {
    const full = { ...record, at: this.#now().toISOString() } as JournalRecord;
    return this.#file.append(JSON.stringify(full)).then(() => this.state.apply(full));
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}

/**
 * The read API for commands that only look at a campaign (status, fix, cancel): the folded state of
 * `<state-dir>/<campaign>/journal.jsonl`, or undefined when the campaign has no journal.
 */
export async function readCampaign(stateDir: string, campaign: string, visit?: (record: JournalRecord) => void): Promise<CampaignState | undefined> {
  const paths = campaignPaths(stateDir, campaign);
  const state = await readCampaignFile(paths.journal, visit);
  return state.runs.length === 0 && state.parts.size === 0 && state.input === undefined ? undefined : state;
}

/** `visit` sees every record in journal order too (the report folds the campaign's history from it). */
async function readCampaignFile(journalPath: string, visit?: (record: JournalRecord) => void): Promise<CampaignState> {
  let text: string;
  try {
    text = await readFile(journalPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new CampaignState();
    throw new ConfigError(`campaign journal ${journalPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Check --state-dir and its permissions.');
  }
  return foldJournal(text, visit);
}

function journalError(journalPath: string, error: unknown): DeliveryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new DeliveryError(
    `campaign journal ${journalPath}: cannot write (${code})`,
    'Without the journal a crash could not be resumed safely, so the run stopped. Free disk space or fix permissions, then run the same command again.',
  );
}
