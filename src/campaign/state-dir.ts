import { chmod, mkdir } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';

/** Journals, locks and plan files hold customer data (addresses, account numbers): owner only. */
export const STATE_FILE_MODE = 0o600;
const STATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (a folder of --state-dir, or the state dir itself) owner-only. A state dir that
 * cannot be created or written (EACCES, EROFS, a path under a file) is one exit-2 message naming it.
 * Folders that already exist keep their mode, except `dir` itself when bulkport created it before.
 */
export async function ensureStateDirectory(stateDir: string, dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: STATE_DIR_MODE });
    // A folder an older version created 0755 is tightened; one owned by someone else is left as it is.
    if (dir !== stateDir) await chmod(dir, STATE_DIR_MODE).catch(() => undefined);
  } catch (error) {
    throw stateDirError(stateDir, error);
  }
}

function stateDirError(stateDir: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new ConfigError(
    `--state-dir ${stateDir}: cannot create or write the state folder (${describeCode(code)})`,
    'Point --state-dir at a folder you can write, or fix its permissions.',
  );
}

/** A file inside the state dir that cannot be written: one exit-2 line. */
export function stateFileError(file: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new ConfigError(`${file}: cannot write (${describeCode(code)})`, 'Check the permissions of --state-dir and the free space on its disk.');
}

function describeCode(code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${code}: permission denied`;
    case 'EROFS':
      return 'EROFS: read-only file system';
    case 'ENOTDIR':
      return 'ENOTDIR: a part of the path is a file';
    case 'ENOSPC':
      return 'ENOSPC: disk full';
    default:
      return code;
  }
}
