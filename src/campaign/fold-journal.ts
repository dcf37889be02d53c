import { CampaignState } from './campaign-state.js';
import type { JournalRecord } from './journal-records.js';

/**
 * Folds a journal's text into the campaign's state: the one reading of a journal, for the commands
 * that open it and for `find`, which reads every journal of a state directory. A line that does not
 * parse is counted and skipped: only a crash mid-write produces one (a torn last line), and the
 * records around it are whole. `visit` sees each record right after it is applied. Pure.
 */
export function foldJournal(text: string, visit?: (record: JournalRecord) => void): CampaignState {
  const state = new CampaignState();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      state.skippedLines += 1;
      continue;
    }
    state.apply(record);
    visit?.(record);
  }
  return state;
}
