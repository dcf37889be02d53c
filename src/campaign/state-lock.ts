import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { LockHeldError } from '../core/errors.js';
import { campaignPaths } from './campaign-paths.js';
import { ensureStateDirectory, STATE_FILE_MODE, stateFileError } from './state-dir.js';

/** What a lock file says about its holder. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly started: string;
  /**
   * Identifies the process behind `pid`: its start time in clock ticks since boot (`/proc/<pid>/stat`
   * field 22) on Linux, otherwise a random token. A pid reused by another process has another start
   * time, so its lock is recognized as stale.
   */
  readonly processStart: string;
}

export interface StateLock {
  readonly owner: LockOwner;
  release(): Promise<void>;
}

export interface LockContext {
  readonly command: string;
  readonly now: () => Date;
  /** Where the takeover notice goes (stderr). */
  readonly notice: (line: string) => void;
}

/** Takes `<state-dir>/<campaign>/lock` so that two commands never write one campaign at once (see `acquireStateLock`). */
export async function acquireCampaignLock(stateDir: string, campaign: string, context: LockContext): Promise<StateLock> {
  const paths = campaignPaths(stateDir, campaign);
  await ensureStateDirectory(stateDir, paths.dir);
  return acquireStateLock(paths.lock, `campaign "${campaign}"`, context);
}

/**
 * The one lock of the state directory (campaigns and port-outs). The lock file is written under a
 * temporary name (0600) and published with link(2), which fails if the name exists, so it is never
 * seen half written. A lock is stale, and taken over with a notice, when it is empty or unreadable,
 * or when it was taken on this host by a process that is gone or whose pid now belongs to a process
 * that started at another time. A live holder, or one on another host, is a LockHeldError naming it.
 */
export async function acquireStateLock(lockPath: string, what: string, context: LockContext): Promise<StateLock> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), command: context.command, started: context.now().toISOString(), processStart: ownProcessStart() };
  const text = `${JSON.stringify(owner)}\n`;
  const draft = `${lockPath}.${process.pid}.tmp`;
  try {
    await writeFile(draft, text, { mode: STATE_FILE_MODE });
  } catch (error) {
    throw stateFileError(lockPath, error);
  }
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await link(draft, lockPath);
        return { owner, release: () => releaseLock(lockPath, text) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw stateFileError(lockPath, error);
      }
      const found = await readLockFile(lockPath);
      if (found === undefined) continue;
      const stale = staleReason(found, owner.host);
      if (stale === undefined) throw heldError(what, lockPath, found as LockOwner, owner.host);
      context.notice(`bulkport: ${what} was locked by ${found === 'unreadable' ? `an empty or unreadable lock file (${lockPath})` : describeOwner(found)}, ${stale}; taking the lock over`);
      await unlink(lockPath).catch(() => undefined);
    }
    throw new LockHeldError(
      `${what} is locked and the lock could not be taken`,
      `Another bulkport command may have started at the same moment; run this one again. If none is running, delete ${lockPath}.`,
    );
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function heldError(what: string, lockPath: string, holder: LockOwner, host: string): LockHeldError {
  return new LockHeldError(
    `${what} is locked by ${describeOwner(holder)}`,
    holder.host === host
      ? `Check with \`ps -p ${holder.pid}\`: wait for that command to finish (or stop it), then run this one again. If that pid is not a bulkport command, delete ${lockPath}.`
      : `That command runs on another host; if it is no longer running there, delete ${lockPath}.`,
  );
}

function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host} (bulkport ${owner.command}, started ${owner.started})`;
}

/** Why a lock is stale, or undefined when its holder may still be running. */
function staleReason(found: LockOwner | 'unreadable', host: string): string | undefined {
  if (found === 'unreadable') return 'which no running command holds';
  if (found.host !== host) return undefined;
  if (!isRunning(found.pid)) return 'which is no longer running';
  const current = linuxProcessStart(found.pid);
  // Only a start time recorded and read the same way can be compared; a token from elsewhere cannot.
  if (found.processStart.startsWith('linux:') && current !== undefined && current !== found.processStart) {
    return 'whose pid now belongs to another process';
  }
  return undefined;
}

/** undefined: gone (released meanwhile); 'unreadable': empty, torn or not a lock. */
async function readLockFile(lockPath: string): Promise<LockOwner | 'unreadable' | undefined> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return 'unreadable';
  }
  try {
    const parsed = JSON.parse(text) as Partial<Record<keyof LockOwner, unknown>>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0 || typeof parsed.host !== 'string') return 'unreadable';
    return {
      pid: parsed.pid,
      host: parsed.host,
      command: typeof parsed.command === 'string' ? parsed.command : '?',
      started: typeof parsed.started === 'string' ? parsed.started : 'an unknown time',
      processStart: typeof parsed.processStart === 'string' ? parsed.processStart : '',
    };
  } catch {
    return 'unreadable';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let ownStart: string | undefined;

function ownProcessStart(): string {
  ownStart ??= linuxProcessStart(process.pid) ?? `token:${randomUUID()}`;
  return ownStart;
}

/** Field 22 of /proc/<pid>/stat (start time in ticks since boot); undefined off Linux or when unreadable. */
export function linuxProcessStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start !== undefined && /^\d+$/.test(start) ? `linux:${start}` : undefined;
  } catch {
    return undefined;
  }
}

async function releaseLock(lockPath: string, text: string): Promise<void> {
  // Only remove the lock if it is still ours (it is, unless someone deleted it by hand).
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === text) await unlink(lockPath).catch(() => undefined);
}
