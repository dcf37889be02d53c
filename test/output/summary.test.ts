import { describe, expect, it } from 'vitest';
import { ROW_STATUSES } from '../../src/core/row-status.js';
import { renderSummaryLines, SummaryCounter } from '../../src/output/summary.js';

const START = new Date('2026-11-24T10:00:00Z');

function row(status: string, country = '', numberType = '', carrier = '') {
  return { status, country, number_type: numberType, carrier };
}

describe('SummaryCounter', () => {
  it('counts rows by status (all statuses, zeros included), country, type and carrier', () => {
    const counter = new SummaryCounter();
    counter.addRow(row('valid', 'US', 'local', 'Verizon'));
    counter.addRow(row('valid', 'US', 'toll_free', 'Verizon'));
    counter.addRow(row('valid', 'CA', 'local', 'Bell'));
    counter.addRow(row('invalid'));
    counter.addIssue({ code: 'INVALID_NUMBER' });
    counter.addIssue({ code: 'EXTENSION_STRIPPED' });
    counter.addIssue({ code: 'EXTENSION_STRIPPED' });
    const summary = counter.finish({ command: 'validate', startedAt: START, finishedAt: new Date(START.getTime() + 2500) });
    expect(Object.keys(summary.byStatus)).toEqual([...ROW_STATUSES]);
    expect(summary.byStatus).toMatchObject({ valid: 3, invalid: 1, duplicate: 0, ported: 0 });
    expect(summary.rowCount).toBe(4);
    expect(summary.byCountry).toEqual({ US: 2, CA: 1 });
    expect(Object.keys(summary.byCountry)).toEqual(['US', 'CA']);
    expect(summary.byNumberType).toEqual({ local: 2, toll_free: 1 });
    expect(summary.byCarrier).toEqual({ Verizon: 2, Bell: 1 });
    expect(summary.issuesByCode).toEqual({ EXTENSION_STRIPPED: 2, INVALID_NUMBER: 1 });
    expect(summary).toMatchObject({ startedAt: '2026-11-24T10:00:00.000Z', finishedAt: '2026-11-24T10:00:02.500Z', elapsedMs: 2500, exitCode: 1, outputs: [] });
  });

  it('exits 0 when no row needs a person, unless the command says otherwise', () => {
    const counter = new SummaryCounter();
    counter.addRow(row('valid', 'US'));
    expect(counter.finish({ command: 'validate', startedAt: START, finishedAt: START }).exitCode).toBe(0);
    expect(counter.finish({ command: 'submit', startedAt: START, finishedAt: START, exitCode: 3 }).exitCode).toBe(3);
  });
});

describe('renderSummaryLines', () => {
  it('says what happened, what needs a person and where the files are', () => {
    const counter = new SummaryCounter();
    for (let i = 0; i < 318; i += 1) counter.addRow(row('valid', 'US'));
    for (let i = 0; i < 7; i += 1) counter.addRow(row('invalid'));
    counter.addRow(row('duplicate', 'US'));
    counter.addIssue({ code: 'DUPLICATE_NUMBER' });
    const summary = counter.finish({
      command: 'validate',
      startedAt: START,
      finishedAt: new Date(START.getTime() + 1234),
      input: { file: 'samples/campaign.xlsx', format: 'xlsx', sheet: 'Numbers', headerRow: 3, rowCount: 326, sheetsNotRead: [{ name: 'Accounts', rowCount: 3 }] },
      api: { calls: 12, retries: 1, rateLimited: 1, failures: 0, avgLatencyMs: 41.6, p95LatencyMs: 120, elapsedMs: 900, callsPerSecond: 13.3, maxInFlight: 4 },
      outputs: ['out/results.csv', 'out/results.xlsx', 'out/summary.json'],
    });
    expect(renderSummaryLines(summary)).toEqual([
      'validate: 326 rows from samples/campaign.xlsx [Numbers] in 1.2 s',
      '  invalid 7 · duplicate 1 · valid 318',
      '  issues: DUPLICATE_NUMBER 1',
      '  sheet not read: Accounts (3 rows; choose it with --sheet)',
      '  api: 12 calls, 1 retry, 1 rate-limited, 0 failed; 13.3 calls/s over 900 ms; latency avg 42 ms, p95 120 ms',
      '  wrote out/results.csv, out/results.xlsx, out/summary.json',
    ]);
  });
});
