import path from 'node:path';
import { resolveApiSettings } from '../api/api-session.js';
import { readCampaign } from '../campaign/campaign-journal.js';
import { campaignPaths, checkCampaignName } from '../campaign/campaign-paths.js';
import { withCampaignRun } from '../campaign/campaign-run.js';
import type { CommandContext } from '../commands/command.js';
import type { GlobalOptions } from '../config/global-options.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { describeRef } from '../core/row-ref.js';
import { attachLoas } from './attach-loas.js';
import { checkLoaIndex } from './check-loa-index.js';

export interface LoaAttachRequest {
  readonly sheet: string | undefined;
  readonly extra: readonly string[];
  readonly campaign: string | undefined;
  readonly documentsDir: string | undefined;
}

/**
 * `bulkport loa attach --campaign NAME loa-index.xlsx`: every row checked first (nothing is sent while
 * one has a problem), then, inside the campaign's lock and journal, each distinct signed file uploaded
 * once and attached as its order's LOA. Resumable: a re-run sends nothing for what is attached.
 * Exit 0 every signed row attached, 1 some refused or unsettled, 2 a problem in the sheet, 3 stopped.
 */
export async function runLoaAttach(request: LoaAttachRequest, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  if (request.sheet === undefined) throw new UsageError('loa attach: expected the filled-in loa-index.xlsx', 'For example: bulkport loa attach --campaign acme-2026 loas/loa-index.xlsx');
  if (request.extra.length > 0) throw new UsageError(`loa attach: one sheet at a time, got also ${request.extra.map((e) => `"${e}"`).join(' ')}`);
  if (request.campaign === undefined) throw new UsageError('loa attach: --campaign NAME is required');
  const campaign = checkCampaignName(request.campaign);
  const api = resolveApiSettings(options);
  const state = await readCampaign(options.stateDir, campaign);
  if (state === undefined) {
    throw new UsageError(`campaign "${campaign}": no journal at ${campaignPaths(options.stateDir, campaign).journal}`, 'Run `bulkport submit <sheet> --campaign NAME` first, or point --state-dir at the folder that holds the campaign.');
  }
  const sheetPath = path.resolve(context.cwd, request.sheet);
  const documentsDir = request.documentsDir === undefined ? undefined : path.resolve(context.cwd, request.documentsDir);
  const checked = await checkLoaIndex(sheetPath, request.sheet, state, documentsDir);
  return withCampaignRun(
    { command: 'loa attach', campaign, runOptions: { sheet: request.sheet }, stateDir: options.stateDir, api, requireJournal: true },
    context,
    async ({ journal, session }) => {
      const result = await attachLoas(session, journal, campaign, checked.toAttach);
      const count = (kind: string): number => result.outcomes.filter((o) => o.kind === kind).length;
      const problems = result.outcomes.flatMap((o) => (o.kind === 'refused' || o.kind === 'unknown' ? [o] : []));
      const exitCode = result.stoppedBy !== undefined ? ExitCode.STOPPED : problems.length > 0 ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
      const distinctFiles = new Set(checked.toAttach.map((i) => i.document.sha256)).size;
      // Problems go to stderr (with --json too): a person must see them even when stdout feeds a program.
      for (const p of problems) context.stderr.write(`${describeRef(p.item.ref)}: NOT attached: ${p.message}\n`);
      if (options.json) {
        context.stdout.write(
          `${JSON.stringify(
            {
              command: 'loa attach',
              campaign,
              sheet: request.sheet,
              rows: [
                ...result.outcomes.map((o) => ({ row: o.item.ref.row, order: o.item.orderId, file: o.item.document.filename, status: o.kind, ...('message' in o ? { message: o.message } : {}), ...('documentId' in o ? { document: o.documentId } : {}) })),
                ...checked.unsigned.map((u) => ({ row: u.ref.row, order: u.orderId, file: null, status: 'unsigned' })),
              ].sort((a, b) => a.row - b.row),
              distinctFiles,
              uploads: result.uploadCount,
              patches: result.patchCount,
              api: session.scheduler.stats(),
              exitCode,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        context.stdout.write(
          `${count('attached')} LOA(s) attached, ${count('already-attached')} already attached (nothing sent); ${distinctFiles} distinct file(s), ${result.uploadCount} upload(s) this run\n`,
        );
        if (checked.unsigned.length > 0) context.stdout.write(`${checked.unsigned.length} row(s) without a signed_loa_file: left as they are\n`);

        if (count('attached') + count('already-attached') > 0) context.stdout.write(`next: bulkport submit <sheet> --campaign ${campaign} --confirm (confirms the drafts whose requirements are now met)\n`);
      }
      return { exitCode, changedCount: result.uploadCount + result.patchCount, stoppedBy: result.stoppedBy };
    },
  );
}
