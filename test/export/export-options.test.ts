import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { resolveExportOptions, type RawExportArgs } from '../../src/export/export-options.js';

const RUN_AT = new Date('2026-11-24T02:00:00.000Z');
const BASE: RawExportArgs = { kind: 'port-outs', out: 'exports', status: [], customerReference: [], phoneNumber: [], timeout: '30m', pollInterval: '2s', name: '{kind}-{date}.csv', diff: false };

describe('resolveExportOptions', () => {
  it('resolves -o against cwd, names the file by the UTC run date and sets the poll budget', () => {
    const options = resolveExportOptions({ ...BASE, keep: 7, diff: true }, RUN_AT, '/srv');
    expect(options).toMatchObject({
      dir: path.resolve('/srv', 'exports'),
      fileName: 'port-outs-2026-11-24.csv',
      filters: {},
      reportId: undefined,
      poll: { timeoutMs: 1_800_000, initialDelayMs: 2000, maxDelayMs: 30_000 },
      keep: 7,
      isDiff: true,
    });
    expect(options.spec.reportType).toBe('export_portouts_csv');
  });

  it('resumes without filters', () => {
    expect(resolveExportOptions({ ...BASE, reportId: ' 3f0c2b1a-0000-4000-8000-000000000001 ' }, RUN_AT, '/srv')).toMatchObject({
      reportId: '3f0c2b1a-0000-4000-8000-000000000001',
      filters: undefined,
    });
  });

  it.each([
    [{ out: undefined }, 'export: -o DIR is required'],
    [{ timeout: 'soon' }, '--timeout: expected a duration such as 900, 15m or 2h, got "soon"'],
    [{ pollInterval: '0' }, '--poll-interval: expected a duration above 0 such as 2s or 500ms, got "0"'],
    [{ keep: 0 }, '--keep: expected a whole number from 1 up (exports of this kind to keep), got 0'],
    [{ reportId: 'abc/../x' }, '--report-id: expected a report id such as 3f1c…-…, got "abc/../x"'],
    [{ reportId: 'abc', status: ['pending'] }, '--report-id: a report keeps the filters it was created with; drop the filter flags or drop --report-id'],
  ] as const)('refuses %j', (override, message) => {
    const call = (): unknown => resolveExportOptions({ ...BASE, ...override }, RUN_AT, '/srv');
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
  });
});
