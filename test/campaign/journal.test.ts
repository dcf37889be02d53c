import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignJournal, readCampaign } from '../../src/campaign/campaign-journal.js';
import { acquireCampaignLock } from '../../src/campaign/state-lock.js';
import { campaignPaths, checkCampaignName } from '../../src/campaign/campaign-paths.js';
import { existingParts, reconcileOrders } from '../../src/campaign/reconcile-orders.js';
import { LockHeldError, UsageError } from '../../src/core/errors.js';
import type { PlannedPart } from '../../src/plan/plan-types.js';

const NOW = (): Date => new Date('2026-11-24T10:00:00Z');
const DOC = { sha256: 'a'.repeat(64), path: '/x/loa.pdf', filename: 'loa.pdf', sizeBytes: 1 };
const PART: PlannedPart = {
  key: 'bp-0123456789abcdef',
  numbers: ['+13035550001', '+13035550002'],
  country: 'US',
  numberType: 'local',
  isFastPortable: false,
  carrier: undefined,
  endUser: {
    admin: { entity_name: 'Acme', auth_person_name: 'Pat', billing_phone_number: '+13035550199', account_number: 'A1' },
    location: { street_address: '1 Main', locality: 'Austin', administrative_area: 'TX', postal_code: '78701', country_code: 'US' },
  },
  settings: { loa: DOC, invoice: DOC },
  customerReferences: [],
};

async function stateDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'bulkport-journal-'));
}

describe('campaign journal', () => {
  it('folds what was written into the state that readCampaign returns', async () => {
    const dir = await stateDir();
    const journal = await CampaignJournal.open(dir, 'c1', NOW);
    await journal.record({ t: 'run', run: 'r1', command: 'submit', pid: 1, host: 'h', options: {} });
    await journal.record({ t: 'part', part: PART });
    await journal.record({ t: 'intent', op: 'create', part: PART.key });
    expect(journal.state.openCreates.has(PART.key)).toBe(true);
    await Promise.all([
      journal.record({ t: 'created', part: PART.key, orders: [{ id: 'o1', numbers: PART.numbers, count: 2, status: 'draft' }], via: 'response' }),
      journal.record({ t: 'uploaded', sha256: DOC.sha256, document: 'd1', filename: 'loa.pdf' }),
    ]);
    await journal.close();
    const state = await readCampaign(dir, 'c1');
    expect(state?.openCreates.size).toBe(0);
    expect(state?.ordersOf(PART.key)).toEqual(['o1']);
    expect(state?.documents.get(DOC.sha256)).toBe('d1');
    expect(state?.lastRunEnded).toBe(false);
    const lines = (await readFile(campaignPaths(dir, 'c1').journal, 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { t: string; at: string }).t)).toEqual(['run', 'part', 'intent', 'created', 'uploaded']);
    expect((JSON.parse(lines[0] ?? '{}') as { at: string }).at).toBe('2026-11-24T10:00:00.000Z');
  });

  it('skips a line torn by a crash and starts the next record on a line of its own', async () => {
    const dir = await stateDir();
    const journal = await CampaignJournal.open(dir, 'c1', NOW);
    await journal.record({ t: 'part', part: PART });
    await journal.close();
    await appendFile(campaignPaths(dir, 'c1').journal, '{"t":"intent","op":"crea');
    const reopened = await CampaignJournal.open(dir, 'c1', NOW);
    expect(reopened.state.skippedLines).toBe(1);
    await reopened.record({ t: 'intent', op: 'create', part: PART.key });
    await reopened.close();
    const state = await readCampaign(dir, 'c1');
    expect(state?.skippedLines).toBe(1);
    expect(state?.openCreates.has(PART.key)).toBe(true);
  });

  it('returns undefined for a campaign that has no journal', async () => {
    expect(await readCampaign(await stateDir(), 'nothing-here')).toBeUndefined();
  });

  it('refuses campaign names that cannot be folder names or references', () => {
    expect(() => checkCampaignName('../etc')).toThrow(UsageError);
    expect(checkCampaignName('acme-2026.q1_b')).toBe('acme-2026.q1_b');
  });
});

describe('resume: reconciling the journal with the server', () => {
  it('adopts orders a lost answer created, records status changes, and names orders the listing lacks', async () => {
    const dir = await stateDir();
    const journal = await CampaignJournal.open(dir, 'c1', NOW);
    await journal.record({ t: 'part', part: PART });
    await journal.record({ t: 'intent', op: 'create', part: PART.key });
    await journal.record({ t: 'created', part: 'bp-ffffffffffffffff', orders: [{ id: 'gone', numbers: ['+13035550009'], count: 1, status: 'draft' }], via: 'response' });
    const listed = [
      { id: 'o1', numbers: ['+13035550001'], count: 1, status: 'draft', customerReference: PART.key },
      { id: 'o2', numbers: ['+13035550002'], count: 1, status: 'draft', customerReference: PART.key },
      { id: 'other', numbers: ['+13035550005'], count: 1, status: 'draft', customerReference: 'someone else' },
    ];
    const result = reconcileOrders(journal.state, listed);
    expect(result.records).toEqual([{ t: 'created', part: PART.key, orders: listed.slice(0, 2).map(({ customerReference: _, ...o }) => o), via: 'listing' }]);
    expect(result.unlisted).toEqual(['gone']);
    for (const record of result.records) await journal.record(record);
    await journal.record({ t: 'order', order: 'gone', status: 'deleted' });
    expect(existingParts(journal.state)).toEqual([{ key: PART.key, numbers: PART.numbers, part: PART, orderIds: ['o1', 'o2'] }]);
    await journal.close();
  });
});

describe('campaign lock', () => {
  const context = { command: 'submit', now: NOW, notice: (): void => undefined };

  it('names the holder when the campaign is locked by a running process', async () => {
    const dir = await stateDir();
    const lock = await acquireCampaignLock(dir, 'c1', context);
    await expect(acquireCampaignLock(dir, 'c1', context)).rejects.toThrow(LockHeldError);
    await expect(acquireCampaignLock(dir, 'c1', context)).rejects.toThrow(`campaign "c1" is locked by pid ${process.pid} on ${hostname()} (bulkport submit, started 2026-11-24T10:00:00.000Z)`);
    await lock.release();
    const again = await acquireCampaignLock(dir, 'c1', context);
    await again.release();
  });

  it('takes over the lock of a process that is gone, with a notice', async () => {
    const dir = await stateDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const paths = campaignPaths(dir, 'c1');
    await (await import('node:fs/promises')).mkdir(paths.dir, { recursive: true });
    await writeFile(paths.lock, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), command: 'submit', started: 'earlier' }));
    const notices: string[] = [];
    const lock = await acquireCampaignLock(dir, 'c1', { ...context, notice: (line) => notices.push(line) });
    expect(notices).toEqual([`bulkport: campaign "c1" was locked by pid ${dead.stdout} on ${hostname()} (bulkport submit, started earlier), which is no longer running; taking the lock over`]);
    await lock.release();
  });

  it('does not take over a lock held on another host', async () => {
    const dir = await stateDir();
    const paths = campaignPaths(dir, 'c1');
    await (await import('node:fs/promises')).mkdir(paths.dir, { recursive: true });
    await writeFile(paths.lock, JSON.stringify({ pid: 1, host: 'elsewhere', command: 'status', started: 'earlier' }));
    await expect(acquireCampaignLock(dir, 'c1', context)).rejects.toThrow('campaign "c1" is locked by pid 1 on elsewhere (bulkport status, started earlier)');
  });
});
