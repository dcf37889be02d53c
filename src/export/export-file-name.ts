import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ExportKind } from './export-kind.js';

export const DEFAULT_NAME_TEMPLATE = '{kind}-{date}.csv';

const PLACEHOLDERS = ['kind', 'date', 'time'] as const;

/** The files one export owns inside DIR. */
export interface ExportPaths {
  readonly dir: string;
  /** The report CSV, e.g. `porting-orders-2026-11-24.csv`. */
  readonly fileName: string;
  readonly csv: string;
  /** `<stem>.json`: report id, filters, row count, SHA-256, timings. */
  readonly sidecar: string;
  /** `<stem>-changes.csv`, written by `--diff`. */
  readonly changes: string;
}

/**
 * Renders `--name` for one run: `{kind}` (porting-orders / port-outs), `{date}` (UTC YYYY-MM-DD)
 * and `{time}` (UTC HHMMSS). `.csv` is added unless the name ends with it, so the sidecar
 * (`<stem>.json`) can never be the export itself.
 */
export function renderExportName(template: string, kind: ExportKind, runAt: Date): string {
  const iso = runAt.toISOString();
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    kind,
    date: iso.slice(0, 10),
    time: iso.slice(11, 19).replace(/:/g, ''),
  };
  const rendered = template.trim().replace(/\{([^}]*)\}/g, (whole, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new UsageError(`--name: expected placeholders ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}, got ${whole} in "${template}"`);
    }
    return values[name as (typeof PLACEHOLDERS)[number]];
  });
  if (rendered === '' || rendered.startsWith('.') || /[/\\]/.test(rendered) || /[\u0000-\u001f]/.test(rendered)) {
    throw new UsageError(`--name: expected a plain file name (no folders, not hidden), got "${template}"`, 'The folder is -o DIR.');
  }
  return /\.csv$/i.test(rendered) ? rendered : `${rendered}.csv`;
}

export function exportPaths(dir: string, fileName: string): ExportPaths {
  const stem = fileName.slice(0, fileName.length - path.extname(fileName).length);
  return {
    dir,
    fileName,
    csv: path.join(dir, fileName),
    sidecar: path.join(dir, `${stem}.json`),
    changes: path.join(dir, `${stem}-changes.csv`),
  };
}
