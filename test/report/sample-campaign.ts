import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../src/sim/simulator.js';
import type { TrackingSummary } from '../../src/track/write-tracking-results.js';
import { runInProcess } from '../helpers/run-in-process.js';

const SAMPLE_SHEET = fileURLToPath(new URL('../../samples/campaign.xlsx', import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;
/** The sample campaign's day 0 (a fixed clock: the same page every time). */
const SAMPLE_DAY0 = new Date('2026-11-24T09:00:00Z');

export interface SampleCampaign {
  /** The last `status`'s output folder: results, summary.json, report.html. */
  readonly statusDir: string;
  readonly report: string;
  readonly summary: TrackingSummary;
}

/**
 * The demo's steps on samples/campaign.xlsx, in this process against the simulator on a fixed clock:
 * submit --confirm on day 0, status on day 1 and day 3 (day 2 has no data, so the progress chart
 * carries it forward). The simulated carrier raises exceptions on a share of the orders, so the
 * exceptions table has rows to sort and filter.
 */
export async function runSampleCampaign(dir: string): Promise<SampleCampaign> {
  const sim = await startSimulator({ seed: 'bulkport-demo', startAt: SAMPLE_DAY0, rate: 1000, exceptionShare: 0.5 });
  const stateDir = path.join(dir, 'state');
  const at = (days: number): Date => new Date(SAMPLE_DAY0.getTime() + days * DAY_MS);
  const step = async (days: number, ...args: string[]): Promise<void> => {
    const result = await runInProcess([...args, '--state-dir', stateDir, '--rate', '1000', '--concurrency', '16', '--quiet'], sim, { cwd: dir, now: at(days) });
    if (result.code !== 0 && result.code !== 1) throw new Error(`bulkport ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  };
  try {
    await step(0, 'submit', SAMPLE_SHEET, '--campaign', 'demo', '--confirm', '-o', path.join(dir, 'submit'));
    sim.advance(DAY_MS);
    await step(1, 'status', '--campaign', 'demo', '--tz', 'UTC', '-o', path.join(dir, 'status-day1'));
    sim.advance(2 * DAY_MS);
    await step(3, 'status', '--campaign', 'demo', '--tz', 'UTC', '-o', path.join(dir, 'status'));
  } finally {
    await sim.close();
  }
  const statusDir = path.join(dir, 'status');
  const summary = JSON.parse(await readFile(path.join(statusDir, 'summary.json'), 'utf8')) as TrackingSummary;
  return { statusDir, report: path.join(statusDir, 'report.html'), summary };
}
