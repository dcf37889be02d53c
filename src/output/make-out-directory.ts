import { mkdir } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { outputFileError } from './atomic-file.js';
import { refuseOutDirOverInputs } from './protected-paths.js';

/**
 * Creates the output directory a command writes into. An `-o` that names a file (or a path under
 * one) is the user's mistake, found before anything is sent: a usage error (exit 2), not a disk
 * failure. Other file-system failures are delivery problems (exit 3), as for any output file.
 */
export async function makeOutDirectory(directory: string): Promise<void> {
  refuseOutDirOverInputs(directory);
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new UsageError(`-o: expected ${directory} to be a directory, but it (or a folder above it) is a file`, 'Choose another -o path; missing directories are created.');
    }
    throw outputFileError(directory, error);
  }
}
