import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireCampaignLock } from '../../src/campaign/state-lock.js';
import { startInProcess, type InProcessRun } from '../helpers/run-in-process.js';
import { readResults } from '../submit/campaign-fixture.js';
import { CAMPAIGN, submittedCampaign, type TrackedSetup } from './track-fixture.js';

let setup: TrackedSetup | undefined;
afterEach(async () => {
  await setup?.t.sim.close();
  setup = undefined;
});

/** Starts a command in-process with the campaign's state dir; its stdout can be read while it runs. */
function startBulkport(args: readonly string[], s: TrackedSetup): InProcessRun {
  return startInProcess([...args, '--state-dir', s.campaign.stateDir, '--rate', '500', '--quiet'], s.t.sim, { cwd: s.campaign.dir });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the campaign lock', () => {
  it('keeps fix and status from writing while another command holds the campaign', async () => {
    const s = (setup = await submittedCampaign());
    const lock = await acquireCampaignLock(s.campaign.stateDir, CAMPAIGN, { command: 'fix', now: () => new Date(), notice: () => undefined });
    try {
      const status = await s.run('status', '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'st'));
      expect(status.code).toBe(2);
      expect(status.stderr).toContain(`campaign "${CAMPAIGN}" is locked by pid ${process.pid}`);
      expect(status.stderr).toContain('(bulkport fix, started');
      const sheet = path.join(s.campaign.dir, 'fix.csv');
      await writeFile(sheet, 'porting_order_id,account_number\nsome-order,ACCT-2\n');
      const fix = await s.run('fix', sheet, '--campaign', CAMPAIGN);
      expect(fix.code).toBe(2);
      expect(fix.stderr).toContain('is locked by');
      const cancel = await s.run('cancel', '--campaign', CAMPAIGN, '--yes');
      expect(cancel.stderr).toContain('is locked by');
      expect(s.callsTo('GET /porting_orders')).toBe(1); // submit's own listing only
    } finally {
      await lock.release();
    }
  });

  it('status --watch skips a refresh while the lock is held, and ends once every order is final', async () => {
    const s = (setup = await submittedCampaign());
    s.advanceHours(24 * 14);
    const lock = await acquireCampaignLock(s.campaign.stateDir, CAMPAIGN, { command: 'fix', now: () => new Date(), notice: () => undefined });
    const watch = startBulkport(['status', '--campaign', CAMPAIGN, '--watch', '1s', '-o', path.join(s.campaign.dir, 'watch')], s);
    await until(() => watch.stdout().includes('skipped'));
    await lock.release();
    expect(await watch.done).toBe(0);
    const lines = watch.stdout().trim().split('\n');
    expect(lines[0]).toMatch(/^status c7: refresh 1 skipped: campaign "c7" is locked by pid \d+/);
    expect(lines[1]).toMatch(/^\S+Z status c7: 2 orders \(2 ported\); 2 orders ported; 2 orders with a new comment; exit 0$/);
    expect(lines[2]).toBe('status c7: every order is ported or cancelled; watch ends');
    expect(new Set((await readResults(path.join(s.campaign.dir, 'watch'))).map((r) => r.status))).toEqual(new Set(['ported']));
  });
});
