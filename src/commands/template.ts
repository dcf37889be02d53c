import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFormat } from '../config/global-options.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { CANONICAL_COLUMN_NAMES } from '../input/columns.js';
import { makeOutDirectory } from '../output/make-out-directory.js';
import { TEMPLATE_BASENAME, writeTemplate, type TemplateFormat } from '../output/write-template.js';
import { defineCommand } from './command.js';
import { templateSpec } from './specs/template.js';

interface TemplateArgs {
  force: boolean;
}

export interface TemplateTarget {
  readonly path: string;
  readonly format: TemplateFormat;
}

/**
 * Which files `template` writes. `--format` (global; both formats unless narrowed) and `-o` (here a
 * file, or an existing directory) decide together:
 * - no `-o`: `bulkport-input.<ext>` in the working directory for each format asked for;
 * - `-o DIR` (an existing directory): the same names inside it;
 * - `-o FILE.csv|FILE.xlsx`: that file, in the format its extension names;
 * - `-o FILE` with another extension: the one format `--format` names.
 */
export function templateTargets(out: string | undefined, formats: ReadonlySet<OutputFormat>, cwd: string, isDirectory: boolean): TemplateTarget[] {
  const ordered = (['csv', 'xlsx'] as const).filter((format) => formats.has(format));
  if (out === undefined || isDirectory) {
    const dir = path.resolve(cwd, out ?? '.');
    return ordered.map((format) => ({ path: path.join(dir, `${TEMPLATE_BASENAME}.${format}`), format }));
  }
  const filePath = path.resolve(cwd, out);
  const extension = path.extname(out).slice(1).toLowerCase();
  const fromExtension = extension === 'csv' || extension === 'xlsx' ? extension : undefined;
  if (fromExtension !== undefined) {
    if (ordered.length === 1 && ordered[0] !== fromExtension) {
      throw new UsageError(`-o ${out} names a .${fromExtension} file but --format asks for ${ordered[0] ?? ''}`, 'Make the file name and --format agree.');
    }
    return [{ path: filePath, format: fromExtension }];
  }
  const [only] = ordered;
  if (ordered.length !== 1 || only === undefined) {
    throw new UsageError(`-o ${out}: cannot tell the format from the file name`, 'End the name in .csv or .xlsx, or pass --format csv or --format xlsx.');
  }
  return [{ path: filePath, format: only }];
}

/** `bulkport template`: writes the blank input sheet, the same files as templates/. No API calls. */
export const templateCommand = defineCommand<TemplateArgs>({
  ...templateSpec,
  async run(args, options, context) {
    const outStat = options.out === undefined ? undefined : await stat(path.resolve(context.cwd, options.out)).catch(() => undefined);
    const targets = templateTargets(options.out, options.formats, context.cwd, outStat?.isDirectory() === true);
    if (!args.force) {
      for (const target of targets) {
        const existing = await stat(target.path).catch(() => undefined);
        if (existing) throw new UsageError(`${target.path} already exists`, 'Pass --force to overwrite it, or choose another name with -o.');
      }
    }
    for (const target of targets) {
      // -o may name a file in a directory that does not exist yet; a file in its way is a usage error.
      await makeOutDirectory(path.dirname(target.path));
      await writeTemplate(target.path, target.format);
    }
    const written = targets.map((target) => target.path);
    if (options.json) {
      context.stdout.write(`${JSON.stringify({ command: 'template', columns: CANONICAL_COLUMN_NAMES, exitCode: ExitCode.OK, outputs: written }, null, 2)}\n`);
    } else {
      for (const file of written) context.stdout.write(`wrote ${path.relative(context.cwd, file) || file}\n`);
      context.stdout.write(`One row per phone number; only phone_number is required to validate. ${targets.some((t) => t.format === 'xlsx') ? 'The Notes sheet explains each column.' : 'See README.md for the columns.'}\n`);
    }
    return ExitCode.OK;
  },
});
