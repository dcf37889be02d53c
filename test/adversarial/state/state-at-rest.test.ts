import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignJournal } from '../../../src/campaign/campaign-journal.js';
import { campaignPaths } from '../../../src/campaign/campaign-paths.js';
import { acquireCampaignLock, linuxProcessStart } from '../../../src/campaign/state-lock.js';
import { ConfigError } from '../../../src/core/errors.js';
import { EventsInbox, eventsInboxPath } from '../../../src/events/inbox.js';
import { PortoutJournal } from '../../../src/portouts/portout-journal.js';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';

const NOW = (): Date => new Date('2026-11-24T10:00:00Z');
const quiet = { command: 'submit', now: NOW, notice: (): void => undefined };

async function fresh(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'bulkport-state-')), 'state');
}

async function modeOf(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

describe('state at rest: owner-only files in an owner-only folder', () => {
  it('creates the state dir and campaign folder 0700, the journal and the lock 0600', async () => {
    const dir = await fresh();
    const lock = await acquireCampaignLock(dir, 'c1', quiet);
    const journal = await CampaignJournal.open(dir, 'c1', NOW);
    await journal.record({ t: 'run', run: 'r1', command: 'submit', pid: 1, host: 'h', options: {} });
    const paths = campaignPaths(dir, 'c1');
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(paths.dir)).toBe(0o700);
    expect(await modeOf(paths.journal)).toBe(0o600);
    expect(await modeOf(paths.lock)).toBe(0o600);
    await journal.close();
    await lock.release();
  });

  it('creates the port-out folder 0700, its journal and lock 0600', async () => {
    const dir = await fresh();
    const folder = path.join(dir, 'portouts');
    const journal = await PortoutJournal.open(dir, folder, NOW, () => undefined);
    expect(await modeOf(folder)).toBe(0o700);
    expect(await modeOf(path.join(folder, 'journal.jsonl'))).toBe(0o600);
    expect(await modeOf(path.join(folder, 'apply.lock'))).toBe(0o600);
    await journal.close();
  });

  it('creates the events inbox folder 0700 (and the state dir), the inbox and its lock 0600', async () => {
    const dir = await fresh();
    const inbox = await EventsInbox.open(dir, { ...quiet, command: 'listen' });
    await inbox.add('porting', { id: 'e1', event_type: 'porting_order.status_changed' });
    const file = eventsInboxPath(dir);
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.dirname(file))).toBe(0o700);
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(path.join(path.dirname(file), 'lock'))).toBe(0o600);
    await inbox.close();
  });

  it('an unusable state dir is a ConfigError naming it, not an errno stack', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bulkport-state-'));
    await writeFile(path.join(base, 'file'), 'x');
    const dir = path.join(base, 'file', 'state');
    await expect(acquireCampaignLock(dir, 'c1', quiet)).rejects.toThrow(ConfigError);
    await expect(acquireCampaignLock(dir, 'c1', quiet)).rejects.toThrow(`--state-dir ${dir}: cannot create or write the state folder (ENOTDIR`);
  });
});

describe('state at rest: stale locks are recognized', () => {
  async function lockFile(dir: string, text: string): Promise<string> {
    const paths = campaignPaths(dir, 'c1');
    await mkdir(paths.dir, { recursive: true });
    await writeFile(paths.lock, text);
    return paths.lock;
  }

  it('takes over a lock whose pid now belongs to another process (start time differs)', async () => {
    expect(linuxProcessStart(process.pid)).toMatch(/^linux:\d+$/);
    const dir = await fresh();
    // This process is alive, but it is not the one that took the lock: that one started at tick 1.
    await lockFile(dir, JSON.stringify({ pid: process.pid, host: hostname(), command: 'submit', started: 'earlier', processStart: 'linux:1' }));
    const notices: string[] = [];
    const lock = await acquireCampaignLock(dir, 'c1', { ...quiet, notice: (line) => notices.push(line) });
    expect(notices).toEqual([`bulkport: campaign "c1" was locked by pid ${process.pid} on ${hostname()} (bulkport submit, started earlier), whose pid now belongs to another process; taking the lock over`]);
    await lock.release();
  });

  it('takes over an empty lock file and a torn one', async () => {
    for (const text of ['', '{"pid":12']) {
      const dir = await fresh();
      const file = await lockFile(dir, text);
      const notices: string[] = [];
      const lock = await acquireCampaignLock(dir, 'c1', { ...quiet, notice: (line) => notices.push(line) });
      expect(notices).toEqual([`bulkport: campaign "c1" was locked by an empty or unreadable lock file (${file}), which no running command holds; taking the lock over`]);
      await lock.release();
    }
  });

  it('a live holder is named, with how to check it', async () => {
    const dir = await fresh();
    const lock = await acquireCampaignLock(dir, 'c1', quiet);
    const refused = await acquireCampaignLock(dir, 'c1', quiet).catch((error: unknown) => error as ConfigError);
    expect(refused).toMatchObject({
      message: `campaign "c1" is locked by pid ${process.pid} on ${hostname()} (bulkport submit, started 2026-11-24T10:00:00.000Z)`,
      hint: expect.stringContaining(`Check with \`ps -p ${process.pid}\``),
    });
    await lock.release();
  });
});

describe('state at rest: the CLI with a state dir it cannot write', () => {
  it('submit ends with one line and exit 2 (a path under a file fails even for root)', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bulkport-state-'));
    await writeFile(path.join(base, 'file'), 'x');
    const stateDir = path.join(base, 'file', 'state');
    const env = { TELNYX_API_KEY: 'KEY_not_used', TELNYX_BASE_URL: 'http://127.0.0.1:9' };
    const submit = await runCli(['submit', path.join(REPO_ROOT, 'samples', 'campaign.csv'), '--campaign', 'c1', '--state-dir', stateDir, '-o', path.join(base, 'out')], { env, cwd: base });
    expect(submit.code).toBe(2);
    expect(submit.stderr).toContain(`bulkport: --state-dir ${stateDir}: cannot create or write the state folder (ENOTDIR`);
    expect(submit.stderr).not.toMatch(/\n\s+at /);
  });
});
