import { realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';

/**
 * The files this run reads (input sheets, documents), by real path. No output may replace one:
 * `validate d/results.csv -o d` would otherwise write the results over the customer's sheet. Process
 * state on purpose: the readers register what they open, and every writer checks before it renames,
 * whichever command wired them.
 */
const protectedPaths = new Map<string, string>();

/** Registers a file the run reads; `shownAs` names it in the message. */
export function protectInputPath(file: string, shownAs: string): void {
  protectedPaths.set(realOrResolved(file), shownAs);
}

/** Files bulkport writes into an output directory under fixed names. */
const FIXED_OUTPUT_NAMES = ['results.csv', 'results.xlsx', 'summary.json', 'plan.json', 'exceptions.csv', 'exceptions.xlsx', 'portouts.csv', 'portouts.xlsx', 'review.xlsx'];

/**
 * Before anything is written or sent: refuses an output directory in which a fixed output name is a
 * file this run reads (a usage error, exit 2).
 */
export function refuseOutDirOverInputs(outDir: string): void {
  for (const name of FIXED_OUTPUT_NAMES) refuseOutputOverInput(path.join(outDir, name));
}

/** Refuses to write `outputPath` when it resolves to a file this run reads (a usage error, exit 2). */
export function refuseOutputOverInput(outputPath: string): void {
  if (protectedPaths.size === 0) return;
  const shownAs = protectedPaths.get(realOrResolved(outputPath));
  if (shownAs === undefined) return;
  throw new UsageError(
    `-o: writing ${outputPath} would replace ${shownAs}, which this command reads`,
    'Choose another -o directory (the default is a new folder under ./out).',
  );
}

function realOrResolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    // Not there yet: the folder may still be real (a symlinked folder), the name is what it is.
    try {
      return path.join(realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}
