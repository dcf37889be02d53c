import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportDiff } from './diff-exports.js';
import { isExportKind, type ExportKind } from './export-kind.js';
import type { ReportFilters } from './report-filters.js';

export const SIDECAR_FORMAT = 'bulkport-export/1';

/**
 * `<stem>.json` beside each export: what was asked for, what arrived, and how long it took. It is
 * also the index `--keep` and `--diff` use to find earlier exports of the same kind, whatever
 * `--name` made of their file names.
 */
export interface ExportSidecar {
  readonly format: typeof SIDECAR_FORMAT;
  readonly kind: ExportKind;
  /** The CSV's file name, in the same folder. */
  readonly file: string;
  readonly run_date: string;
  readonly report: {
    readonly id: string;
    readonly report_type: string;
    readonly document_id: string;
    readonly created_at: string | null;
    /** The filters as the report holds them (for a resumed report, as it was created). */
    readonly filters: ReportFilters;
    /** True when this run picked up an existing report with --report-id. */
    readonly is_resumed: boolean;
  };
  readonly row_count: number;
  readonly byte_count: number;
  readonly sha256: string;
  readonly columns: readonly string[];
  readonly poll_count: number;
  readonly timings: {
    readonly started_at: string;
    readonly completed_at: string;
    /** Creating (or retrieving, on resume) the report. */
    readonly request_ms: number;
    /** Waiting for `completed`. */
    readonly wait_ms: number;
    /** Download, check and rename. */
    readonly download_ms: number;
    readonly total_ms: number;
  };
  readonly changes: {
    readonly file: string;
    readonly previous_file: string;
    readonly counts: ExportDiff['counts'];
  } | null;
}

export interface FoundExport {
  readonly sidecar: ExportSidecar;
  readonly sidecarFile: string;
  /** False when the CSV was removed (by hand, or a prune that stopped half-way). */
  readonly hasCsv: boolean;
}

/**
 * The exports of `kind` in `dir` by their sidecars, newest first (by completion time). Other JSON
 * files and other kinds are left out; nothing here deletes.
 */
export async function findExports(dir: string, kind: ExportKind): Promise<FoundExport[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const nameSet = new Set(names);
  const found: FoundExport[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const sidecar = parseSidecar(await readFile(path.join(dir, name), 'utf8').catch(() => ''));
    if (sidecar === undefined || sidecar.kind !== kind) continue;
    found.push({ sidecar, sidecarFile: name, hasCsv: nameSet.has(sidecar.file) });
  }
  return found.sort((a, b) => b.sidecar.timings.completed_at.localeCompare(a.sidecar.timings.completed_at) || b.sidecar.file.localeCompare(a.sidecar.file));
}

function parseSidecar(text: string): ExportSidecar | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<ExportSidecar>;
  if (candidate.format !== SIDECAR_FORMAT || typeof candidate.kind !== 'string' || !isExportKind(candidate.kind)) return undefined;
  if (typeof candidate.file !== 'string' || typeof candidate.timings?.completed_at !== 'string') return undefined;
  // Names inside a sidecar are only ever plain names in the same folder: --keep deletes by them.
  if (!isPlainName(candidate.file)) return undefined;
  if (candidate.changes != null && !isPlainName(candidate.changes.file)) return undefined;
  return candidate as ExportSidecar;
}

function isPlainName(name: unknown): boolean {
  return typeof name === 'string' && name !== '' && path.basename(name) === name && name !== '.' && name !== '..';
}
