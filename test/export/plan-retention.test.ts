import { describe, expect, it } from 'vitest';
import type { ExportSidecar, FoundExport } from '../../src/export/export-sidecar.js';
import { planRetention } from '../../src/export/plan-retention.js';

function found(day: string, options: { hasCsv?: boolean; changes?: boolean; file?: string } = {}): FoundExport {
  const file = options.file ?? `port-outs-${day}.csv`;
  const stem = file.replace(/\.csv$/, '');
  const sidecar = {
    kind: 'port-outs',
    file,
    timings: { completed_at: `${day}T02:00:00.000Z` },
    changes: options.changes ? { file: `${stem}-changes.csv`, previous_file: 'x', counts: { new: 0, status_changed: 0, removed: 0 } } : null,
  } as unknown as ExportSidecar;
  return { sidecar, sidecarFile: `${stem}.json`, hasCsv: options.hasCsv ?? true };
}

describe('planRetention', () => {
  it('removes what is older than the newest N, CSV and changes file before the sidecar', () => {
    const exports = [found('2026-11-24'), found('2026-11-23', { changes: true }), found('2026-11-22', { changes: true }), found('2026-11-21')];
    expect(planRetention(exports, 2)).toEqual([
      'port-outs-2026-11-22.csv',
      'port-outs-2026-11-22-changes.csv',
      'port-outs-2026-11-22.json',
      'port-outs-2026-11-21.csv',
      'port-outs-2026-11-21.json',
    ]);
  });

  it('keeps everything when there are N or fewer', () => {
    expect(planRetention([found('2026-11-24'), found('2026-11-23')], 2)).toEqual([]);
  });

  it('does not count a sidecar whose CSV is gone, and removes that sidecar', () => {
    const exports = [found('2026-11-24'), found('2026-11-23', { hasCsv: false }), found('2026-11-22')];
    expect(planRetention(exports, 2)).toEqual(['port-outs-2026-11-23.json']);
  });

  it('never removes a file a kept export names', () => {
    const exports = [found('2026-11-24', { file: 'port-outs.csv' }), found('2026-11-23', { file: 'port-outs.csv' })];
    expect(planRetention(exports, 1)).toEqual([]);
  });
});
