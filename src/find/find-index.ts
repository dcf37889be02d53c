import { closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { ensureStateDirectory, STATE_FILE_MODE } from '../campaign/state-dir.js';
import { ConfigError } from '../core/errors.js';
import { campaignHits, foldJournalText, type FindHit } from './campaign-hits.js';

/**
 * The `find` index (issue 14): one file per campaign in `<state-dir>/.find-index/<campaign>.idx`,
 * rebuilt when its journal's size or mtime differs from what the index was built from.
 *
 * Layout: a 256-byte header (JSON padded with spaces, ending in a newline); then `count` keys of
 * KEY_WIDTH bytes, sorted by E.164 (the number padded to 16, the offset of its hit in the data block
 * padded to 11, a newline); then the data block: one JSON `FindHit` per line, in key order. A lookup
 * reads the header and binary-searches the keys with positional reads, so it costs the same at 10
 * numbers or 10,000 per campaign. Owner-only like the rest of the state (0600 in a 0700 folder).
 */
const INDEX_DIR = '.find-index';
const INDEX_VERSION = 1;
const HEADER_BYTES = 256;
const NUMBER_WIDTH = 16;
const OFFSET_WIDTH = 11;
const KEY_WIDTH = NUMBER_WIDTH + OFFSET_WIDTH + 1;

interface IndexHeader {
  readonly v: number;
  readonly journalSize: number;
  readonly journalMtimeMs: number;
  readonly count: number;
  readonly dataBytes: number;
}

/** One campaign's journal as found in the state dir. */
interface CampaignJournalFile {
  readonly campaign: string;
  readonly journal: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface FindLookup {
  /** Hits per E.164 asked for, every campaign, campaigns in name order. */
  readonly hits: ReadonlyMap<string, FindHit[]>;
  readonly campaignCount: number;
  /** Campaign indexes rebuilt by this lookup (their journals were new or had changed). */
  readonly rebuilt: readonly string[];
  /** Set when an index could not be written: the answer is still right, just not fast next time. */
  readonly indexWarning: string | undefined;
}

/** Looks `numbers` (E.164) up in every campaign journal of `stateDir`, rebuilding stale indexes. */
export async function findNumbers(stateDir: string, numbers: readonly string[]): Promise<FindLookup> {
  const journals = listCampaignJournals(stateDir);
  const indexDir = path.join(stateDir, INDEX_DIR);
  const wanted = [...new Set(numbers)].sort();
  const hits = new Map<string, FindHit[]>(wanted.map((n) => [n, []]));
  const rebuilt: string[] = [];
  let indexWarning: string | undefined;
  let indexDirReady = false;
  for (const journal of journals) {
    const indexFile = path.join(indexDir, `${journal.campaign}.idx`);
    if (lookupInIndex(indexFile, journal, wanted, hits)) continue;
    // Missing or stale: fold the journal, answer from memory, and write the index for next time.
    const campaignAllHits = buildCampaignHits(journal);
    for (const hit of campaignAllHits) hits.get(hit.e164)?.push(hit);
    rebuilt.push(journal.campaign);
    if (indexWarning !== undefined) continue;
    try {
      if (!indexDirReady) await ensureStateDirectory(stateDir, indexDir);
      indexDirReady = true;
      writeIndex(indexFile, journal, campaignAllHits);
    } catch (error) {
      indexWarning = `${indexDir}: cannot write the find index (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); answers stay right but are not faster next time`;
    }
  }
  return { hits, campaignCount: journals.length, rebuilt, indexWarning };
}

function listCampaignJournals(stateDir: string): CampaignJournalFile[] {
  let names: string[];
  try {
    names = readdirSync(stateDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isCampaignName(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new ConfigError(`--state-dir ${stateDir}: cannot read (${code ?? 'error'})`, 'Check --state-dir and its permissions.');
  }
  const journals: CampaignJournalFile[] = [];
  for (const campaign of names) {
    const journal = path.join(stateDir, campaign, 'journal.jsonl');
    try {
      const stat = statSync(journal);
      if (stat.isFile()) journals.push({ campaign, journal, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch {
      // A folder without a journal is not a campaign (or not yet one).
    }
  }
  return journals;
}

function isCampaignName(name: string): boolean {
  try {
    checkCampaignName(name);
    return true;
  } catch {
    return false;
  }
}

function buildCampaignHits(journal: CampaignJournalFile): FindHit[] {
  let text: string;
  try {
    text = readFileSync(journal.journal, 'utf8');
  } catch (error) {
    throw new ConfigError(`campaign journal ${journal.journal}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Check --state-dir and its permissions.');
  }
  return campaignHits(journal.campaign, foldJournalText(text));
}

/** Answers from the index when it matches the journal; false when it is missing, stale or unreadable. */
function lookupInIndex(indexFile: string, journal: CampaignJournalFile, wanted: readonly string[], hits: Map<string, FindHit[]>): boolean {
  let fd: number;
  try {
    fd = openSync(indexFile, 'r');
  } catch {
    return false;
  }
  try {
    const headerBuffer = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, headerBuffer, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return false;
    const header = parseHeader(headerBuffer.toString('utf8'));
    if (header === undefined || header.journalSize !== journal.size || header.journalMtimeMs !== journal.mtimeMs) return false;
    const dataStart = HEADER_BYTES + header.count * KEY_WIDTH;
    const key = Buffer.alloc(KEY_WIDTH);
    const readKey = (i: number): { number: string; offset: number } => {
      readSync(fd, key, 0, KEY_WIDTH, HEADER_BYTES + i * KEY_WIDTH);
      const text = key.toString('latin1');
      return { number: text.slice(0, NUMBER_WIDTH).trimEnd(), offset: Number(text.slice(NUMBER_WIDTH, NUMBER_WIDTH + OFFSET_WIDTH)) };
    };
    const found: FindHit[] = [];
    for (const number of wanted) {
      let low = 0;
      let high = header.count;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (readKey(mid).number < number) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < header.count; i += 1) {
        const entry = readKey(i);
        if (entry.number !== number) break;
        const end = i + 1 < header.count ? readKey(i + 1).offset : header.dataBytes;
        const line = Buffer.alloc(end - entry.offset);
        readSync(fd, line, 0, line.length, dataStart + entry.offset);
        found.push(JSON.parse(line.toString('utf8')) as FindHit);
      }
    }
    for (const hit of found) hits.get(hit.e164)?.push(hit);
    return true;
  } catch {
    // A damaged index (a crash while another find wrote it is ruled out by the rename) is rebuilt.
    return false;
  } finally {
    closeSync(fd);
  }
}

function parseHeader(text: string): IndexHeader | undefined {
  try {
    const header = JSON.parse(text) as IndexHeader;
    return header.v === INDEX_VERSION ? header : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the index beside a temporary name and renames it into place, so a reader never sees half of one. */
function writeIndex(indexFile: string, journal: CampaignJournalFile, hits: readonly FindHit[]): void {
  const sorted = hits.filter((hit) => hit.e164.length <= NUMBER_WIDTH).sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0));
  const lines = sorted.map((hit) => Buffer.from(`${JSON.stringify(hit)}\n`, 'utf8'));
  const keys = Buffer.alloc(sorted.length * KEY_WIDTH);
  let offset = 0;
  sorted.forEach((hit, i) => {
    keys.write(`${hit.e164.padEnd(NUMBER_WIDTH)}${String(offset).padStart(OFFSET_WIDTH, '0')}\n`, i * KEY_WIDTH, 'latin1');
    offset += lines[i]!.length;
  });
  const header: IndexHeader = { v: INDEX_VERSION, journalSize: journal.size, journalMtimeMs: journal.mtimeMs, count: sorted.length, dataBytes: offset };
  const headerBuffer = Buffer.from(`${JSON.stringify(header).padEnd(HEADER_BYTES - 1)}\n`, 'utf8');
  const temporary = `${indexFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([headerBuffer, keys, ...lines]), { mode: STATE_FILE_MODE });
    renameSync(temporary, indexFile);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
    throw error;
  }
}
