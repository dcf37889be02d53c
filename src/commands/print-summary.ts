import type { GlobalOptions } from '../config/global-options.js';
import { renderSummaryLines, type RunSummary } from '../output/summary.js';
import type { CommandContext } from './command.js';

/** The end of every run: the JSON summary with --json, else a few human lines. */
export function printSummary(summary: RunSummary, options: Pick<GlobalOptions, 'json'>, context: Pick<CommandContext, 'stdout'>): void {
  if (options.json) {
    context.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  for (const line of renderSummaryLines(summary)) context.stdout.write(`${line}\n`);
}
