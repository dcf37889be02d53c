import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { DEFAULT_NAME_TEMPLATE, exportPaths, renderExportName } from '../../src/export/export-file-name.js';

const RUN_AT = new Date('2026-11-24T23:59:58.000Z');

describe('renderExportName', () => {
  it.each([
    [DEFAULT_NAME_TEMPLATE, 'porting-orders', 'porting-orders-2026-11-24.csv'],
    [DEFAULT_NAME_TEMPLATE, 'port-outs', 'port-outs-2026-11-24.csv'],
    ['telnyx_{kind}_{date}_{time}', 'port-outs', 'telnyx_port-outs_2026-11-24_235958.csv'],
    ['{kind}.json', 'port-outs', 'port-outs.json.csv'],
    ['nightly.CSV', 'port-outs', 'nightly.CSV'],
  ] as const)('%s for %s → %s', (template, kind, expected) => {
    expect(renderExportName(template, kind, RUN_AT)).toBe(expected);
  });

  it.each([
    ['{kind}-{day}.csv', '--name: expected placeholders {kind}, {date}, {time}, got {day} in "{kind}-{day}.csv"'],
    ['../{kind}.csv', '--name: expected a plain file name (no folders, not hidden), got "../{kind}.csv"'],
    ['.hidden-{kind}', '--name: expected a plain file name (no folders, not hidden), got ".hidden-{kind}"'],
    ['', '--name: expected a plain file name (no folders, not hidden), got ""'],
  ])('refuses %j', (template, message) => {
    expect(() => renderExportName(template, 'porting-orders', RUN_AT)).toThrow(UsageError);
    expect(() => renderExportName(template, 'porting-orders', RUN_AT)).toThrow(message);
  });
});

describe('exportPaths', () => {
  it('puts the sidecar and the changes file beside the CSV, named after its stem', () => {
    expect(exportPaths('/x', 'port-outs-2026-11-24.csv')).toEqual({
      dir: '/x',
      fileName: 'port-outs-2026-11-24.csv',
      csv: path.join('/x', 'port-outs-2026-11-24.csv'),
      sidecar: path.join('/x', 'port-outs-2026-11-24.json'),
      changes: path.join('/x', 'port-outs-2026-11-24-changes.csv'),
    });
  });
});
