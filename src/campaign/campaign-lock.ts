import { hostname } from 'node:os';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { LockHeldError } from '../core/errors.js';
import { campaignPaths } from './campaign-paths.js';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started: string;
}

export interface CampaignLock {
  readonly owner: LockOwner;
  release(): Promise<void>;
}

export interface LockContext {
  readonly command: string;
  readonly now: () => Date;
  /** Where the takeover notice goes (stderr). */
  readonly notice: (line: string) => void;
}

/**
 * Takes `<state-dir>/<campaign>/lock` so that two commands never write one campaign at once. The
 * lock is published with link(2), which fails if the name exists, so it is never seen half
 * written. A lock whose process is gone (same host, pid not running: a crash or SIGKILL) is taken
 * over with a notice; a live holder, or one on another host, is a LockHeldError naming it.
 */
export async function acquireCampaignLock(stateDir: string, campaign: string, context: LockContext): Promise<CampaignLock> {
  const paths = campaignPaths(stateDir, campaign);
  await mkdir(paths.dir, { recursive: true });
  const owner: LockOwner = { pid: process.pid, host: hostname(), command: context.command, started: context.now().toISOString() };
  const text = `${JSON.stringify(owner)}\n`;
  const draft = `${paths.lock}.${process.pid}.tmp`;
  await writeFile(draft, text);
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await link(draft, paths.lock);
        return { owner, release: () => releaseLock(paths.lock, text) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readOwner(paths.lock);
      if (holder === undefined) continue;
      if (holder.host === owner.host && !isRunning(holder.pid)) {
        context.notice(`bulkport: campaign "${campaign}" was locked by ${describeOwner(holder)}, which is no longer running; taking the lock over`);
        await unlink(paths.lock).catch(() => undefined);
        continue;
      }
      throw new LockHeldError(
        `campaign "${campaign}" is locked by ${describeOwner(holder)}`,
        holder.host === owner.host
          ? 'Wait for that command to finish (or stop it), then run this one again.'
          : `That command runs on another host; if it is no longer running there, delete ${paths.lock}.`,
      );
    }
    const holder = await readOwner(paths.lock);
    throw new LockHeldError(
      `campaign "${campaign}" is locked${holder ? ` by ${describeOwner(holder)}` : ''} and the lock could not be taken`,
      `If no bulkport command is running for this campaign, delete ${paths.lock}.`,
    );
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host} (bulkport ${owner.command}, started ${owner.started})`;
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return { pid: -1, host: '?', command: '?', started: '?' };
    return { pid: parsed.pid, host: parsed.host, command: String(parsed.command ?? '?'), started: String(parsed.started ?? '?') };
  } catch (error) {
    // Gone between our link attempt and this read: the holder just released it; try again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { pid: -1, host: '?', command: '?', started: '?' };
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseLock(lockPath: string, text: string): Promise<void> {
  // Only remove the lock if it is still ours (it is, unless someone deleted it by hand).
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === text) await unlink(lockPath).catch(() => undefined);
}
