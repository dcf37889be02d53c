import { describe, expect, it } from 'vitest';
import { ReportTimeoutError, waitForReport, type ReportState } from '../../src/export/wait-for-report.js';

/** A fake clock that moves only when the poller sleeps: the delays are asserted, never measured. */
function harness(statuses: readonly string[]) {
  let nowMs = 0;
  const sleeps: number[] = [];
  let reads = 0;
  const state = (status: string): ReportState => ({ id: 'r1', status, documentId: status === 'completed' ? 'd1' : undefined });
  return {
    sleeps,
    deps: {
      retrieve: () => Promise.resolve(state(statuses[Math.min(reads++, statuses.length - 1)] ?? 'pending')),
      sleep: (ms: number) => {
        sleeps.push(ms);
        nowMs += ms;
        return Promise.resolve();
      },
      nowMs: () => nowMs,
      signal: new AbortController().signal,
    },
    first: state('pending'),
  };
}

describe('waitForReport', () => {
  it('backs off 1.5× per check up to the cap and returns the document id', async () => {
    const h = harness(['pending', 'pending', 'pending', 'pending', 'completed']);
    const done = await waitForReport(h.first, { timeoutMs: 60_000, initialDelayMs: 1000, maxDelayMs: 3000 }, h.deps);
    expect(h.sleeps).toEqual([1000, 1500, 2250, 3000, 3000]);
    expect(done).toEqual({ report: { id: 'r1', status: 'completed', documentId: 'd1' }, pollCount: 5, waitedMs: 10_750 });
  });

  it('never sleeps past the deadline, then stops with the report id', async () => {
    const h = harness(['pending']);
    const error = await waitForReport(h.first, { timeoutMs: 4000, initialDelayMs: 1000, maxDelayMs: 30_000 }, h.deps).catch((e: unknown) => e);
    expect(h.sleeps).toEqual([1000, 1500, 1500]);
    expect(error).toBeInstanceOf(ReportTimeoutError);
    expect((error as ReportTimeoutError).message).toBe('report r1 still pending after 4.0 s (3 status checks)');
    expect((error as ReportTimeoutError).hint).toBe('Pick it up later without creating another: add --report-id r1 (or raise --timeout).');
  });

  it('costs no call when the report is already complete', async () => {
    const h = harness([]);
    const done = await waitForReport({ id: 'r1', status: 'completed', documentId: 'd1' }, { timeoutMs: 0, initialDelayMs: 1000, maxDelayMs: 1000 }, h.deps);
    expect(done.pollCount).toBe(0);
    expect(h.sleeps).toEqual([]);
  });
});
