import path from 'node:path';
import { createApiSession, resolveApiSettings, type ApiSession, type ApiSettings } from '../api/api-session.js';
import { readCampaign } from '../campaign/campaign-journal.js';
import { campaignPaths, checkCampaignName } from '../campaign/campaign-paths.js';
import { defaultOutDir, type GlobalOptions } from '../config/global-options.js';
import { InputFileError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { downloadLoas } from '../loa/download-loas.js';
import { createLoaConfiguration, listLoaConfigurations, previewLoaConfiguration, readLogoFile, retrieveLoaConfiguration, updateLoaConfiguration, uploadLogo, type LogoFile, type WireLoaConfiguration } from '../loa/loa-configuration-api.js';
import type { LoaConfigurationBody } from '../loa/loa-configuration-rules.js';
import { readLoaConfigurationFile } from '../loa/read-loa-configuration-file.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { makeOutDirectory } from '../output/make-out-directory.js';
import { defineCommand, type CommandContext } from './command.js';
import { LOA_CONFIG_ACTIONS, loaSpec } from './specs/loa.js';

interface LoaArgs {
  action: string;
  args?: string[];
  campaign?: string;
  from?: string;
  logo?: string;
  'loa-configuration'?: string;
  force: boolean;
  'documents-dir'?: string;
}

/** LOA templates fetched at once; the scheduler bounds the calls actually in flight. */
const TEMPLATE_CONCURRENCY = 8;

/**
 * `bulkport loa config|download|attach`: LOA configurations (the letterhead Telnyx fills LOAs with),
 * one pre-filled LOA per draft order of a campaign with an index sheet, and attaching the signed LOAs
 * a person listed in that sheet.
 */
export const loaCommand = defineCommand<LoaArgs>({
  ...loaSpec,
  async run(args, options, context) {
    const rest = (args.args ?? []).map(String);
    switch (args.action) {
      case 'config':
        return runConfig(rest, args, options, context);
      case 'download':
        return runDownload(rest, args, options, context);
      case 'attach': {
        const { runLoaAttach } = await import('../loa/run-loa-attach.js');
        return runLoaAttach({ sheet: rest[0], extra: rest.slice(1), campaign: args.campaign, documentsDir: args['documents-dir'] }, options, context);
      }
      default:
        throw new UsageError(`loa: expected config, download or attach, got "${args.action}"`);
    }
  },
});

async function runConfig(rest: readonly string[], args: LoaArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  const [action, id, ...extra] = rest;
  if (action === undefined || !(LOA_CONFIG_ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`loa config: expected ${LOA_CONFIG_ACTIONS.join(', ')}, got ${action === undefined ? 'nothing' : `"${action}"`}`, 'For example: bulkport loa config create --from letterhead.json --logo logo.png');
  }
  if (extra.length > 0) throw new UsageError(`loa config ${action}: unexpected ${extra.map((e) => `"${e}"`).join(' ')}`);
  if (action === 'list') {
    if (id !== undefined) throw new UsageError(`loa config list: takes no id, got "${id}"`);
    return withSession(resolveApiSettings(options), context, async (session) => {
      const configurations = await listLoaConfigurations(session);
      if (options.json) context.stdout.write(`${JSON.stringify({ command: 'loa config list', configurations: configurations.map(describeJson) }, null, 2)}\n`);
      else if (configurations.length === 0) context.stdout.write('no LOA configurations (create one with `bulkport loa config create --from FILE.json --logo FILE.png`)\n');
      else for (const c of configurations) context.stdout.write(`${describeLine(c)}\n`);
      return ExitCode.OK;
    });
  }
  if (action === 'update' && id === undefined) throw new UsageError('loa config update: expected the configuration id (see `bulkport loa config list`)');
  if (action === 'create' && id !== undefined) throw new UsageError(`loa config create: takes no id, got "${id}"; to change an existing one use \`loa config update ${id}\``);
  if (action === 'preview' && id !== undefined) {
    if (args.from !== undefined || args.logo !== undefined) throw new UsageError('loa config preview: give either a configuration id or --from (and --logo), not both');
    return previewToFile({ id }, undefined, options, context);
  }
  if (args.from === undefined) throw new UsageError(`loa config ${action}: --from FILE.json is required (name, company_name, address, contact)`);
  // Every check before anything is sent: the JSON's rules and the logo file, all problems at once.
  const problems: string[] = [];
  let logo: LogoFile | undefined;
  if (args.logo !== undefined) {
    try {
      logo = await readLogoFile(args.logo, context.cwd);
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      problems.push(error.message);
    }
  }
  let body: LoaConfigurationBody | undefined;
  try {
    body = await readLoaConfigurationFile(args.from, context.cwd, { isFileGiven: args.logo !== undefined, mayKeepCurrent: action === 'update' });
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    problems.push(error.message);
  }
  if (problems.length > 0 || body === undefined) throw new InputFileError(problems.join('\n'), 'Nothing was sent. Fix every problem listed and run the same command again.');
  const checked = body;
  if (action === 'preview') return previewToFile({ body: checked }, logo, options, context);
  return withSession(resolveApiSettings(options), context, async (session) => {
    const full = await withLogo(session, checked, logo, action === 'update' ? id : undefined);
    if (action === 'update') {
      const updated = await updateLoaConfiguration(session, id as string, full);
      return reportConfiguration('updated', updated, options, context);
    }
    const created = await createLoaConfiguration(session, full);
    if (created.kind === 'sent' || created.kind === 'found') return reportConfiguration('created', created.kind === 'sent' ? created.answer : created.found, options, context);
    if (created.kind === 'refused') {
      context.stderr.write(`LOA configuration NOT created: ${created.error.message}\n`);
      return ExitCode.NEEDS_ATTENTION;
    }
    throw created.error;
  });
}

/** The body with `logo.document_id`: the uploaded --logo, the file's own, or (update) the configuration's current logo. */
async function withLogo(session: ApiSession, body: LoaConfigurationBody, logo: LogoFile | undefined, keepFrom: string | undefined): Promise<LoaConfigurationBody> {
  if (logo !== undefined) return { ...body, logo: { document_id: await uploadLogo(session, logo) } };
  if (body.logo !== undefined || keepFrom === undefined) return body;
  const current = await retrieveLoaConfiguration(session, keepFrom);
  const documentId = current.logo?.document_id;
  if (documentId === undefined || documentId === '') {
    throw new InputFileError(`loa config update ${keepFrom}: the configuration has no logo to keep; give --logo FILE.png; nothing was sent`);
  }
  return { ...body, logo: { document_id: documentId } };
}

async function previewToFile(source: { readonly id: string } | { readonly body: LoaConfigurationBody }, logo: LogoFile | undefined, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  const file = path.resolve(context.cwd, options.out ?? `${defaultOutDir('loa-preview', context.now())}.pdf`);
  if (!file.toLowerCase().endsWith('.pdf')) throw new UsageError(`-o: the preview is a PDF; expected a file name ending in .pdf, got "${options.out ?? file}"`);
  await makeOutDirectory(path.dirname(file));
  return withSession(resolveApiSettings(options), context, async (session) => {
    const pdf =
      'id' in source
        ? await previewLoaConfiguration(session, source)
        : await previewLoaConfiguration(session, { body: await withLogo(session, source.body, logo, undefined) });
    await writeFileAtomic(file, pdf);
    if (options.json) context.stdout.write(`${JSON.stringify({ command: 'loa config preview', file, bytes: pdf.length }, null, 2)}\n`);
    else context.stdout.write(`LOA preview written to ${path.relative(context.cwd, file) || file} (${pdf.length} bytes); no configuration was created\n`);
    return ExitCode.OK;
  });
}

async function runDownload(rest: readonly string[], args: LoaArgs, options: GlobalOptions, context: CommandContext): Promise<ExitCode> {
  if (rest.length > 0) throw new UsageError(`loa download: unexpected ${rest.map((r) => `"${r}"`).join(' ')}`);
  if (args.campaign === undefined) throw new UsageError('loa download: --campaign NAME is required');
  const campaign = checkCampaignName(String(args.campaign));
  const api = resolveApiSettings(options);
  const state = await readCampaign(options.stateDir, campaign);
  if (state === undefined) {
    throw new UsageError(`campaign "${campaign}": no journal at ${campaignPaths(options.stateDir, campaign).journal}`, 'Run `bulkport submit <sheet> --campaign NAME` first, or point --state-dir at the folder that holds the campaign.');
  }
  const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('loa-download', context.now()));
  await makeOutDirectory(outDir);
  const configurationId = args['loa-configuration'];
  return withSession(api, context, async (session) => {
    const result = await downloadLoas(session, state, {
      campaign,
      outDir,
      loaConfigurationId: configurationId === undefined ? undefined : String(configurationId),
      isForced: args.force,
      concurrency: TEMPLATE_CONCURRENCY,
    });
    const count = (kind: string): number => result.outcomes.filter((o) => o.kind === kind).length;
    const failed = result.outcomes.flatMap((o) => (o.kind === 'failed' ? [o] : []));
    const exitCode = result.stoppedBy !== undefined ? ExitCode.STOPPED : failed.length > 0 ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
    const where = path.relative(context.cwd, outDir) || '.';
    // Problems go to stderr (with --json too): a person must see them even when stdout feeds a program.
    for (const f of failed) context.stderr.write(`porting order ${f.order.id}: NO LOA written: ${f.message}\n`);
    if (options.json) {
      context.stdout.write(
        `${JSON.stringify(
          {
            command: 'loa download',
            campaign,
            outDir,
            index: result.indexFile ?? null,
            written: count('written'),
            skippedHasLoa: count('has-loa'),
            notDraft: count('not-draft'),
            failed: failed.map((f) => ({ order: f.order.id, message: f.message })),
            templateCalls: result.templateCallCount,
            api: session.scheduler.stats(),
            exitCode,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      context.stdout.write(`${count('written')} LOA(s) written to ${where}/${result.indexFile === undefined ? '' : ` with ${path.relative(context.cwd, result.indexFile)}`}\n`);
      if (count('has-loa') > 0) context.stdout.write(`${count('has-loa')} draft order(s) already have an LOA: skipped (--force to download theirs too)\n`);
      if (count('not-draft') > 0) context.stdout.write(`${count('not-draft')} order(s) are past draft: no LOA needed\n`);

      if (result.indexFile !== undefined) context.stdout.write(`next: sign each LOA, fill in signed_loa_file in ${path.relative(context.cwd, result.indexFile)}, then: bulkport loa attach --campaign ${campaign} ${path.relative(context.cwd, result.indexFile)}\n`);
    }
    if (result.stoppedBy !== undefined) throw result.stoppedBy;
    return exitCode;
  });
}

async function withSession(api: ApiSettings, context: CommandContext, work: (session: ApiSession) => Promise<ExitCode>): Promise<ExitCode> {
  const session = createApiSession(api, { signal: context.signal, now: context.now });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

function reportConfiguration(verb: string, configuration: WireLoaConfiguration, options: GlobalOptions, context: CommandContext): ExitCode {
  if (options.json) context.stdout.write(`${JSON.stringify({ command: `loa config ${verb === 'created' ? 'create' : 'update'}`, configuration: describeJson(configuration) }, null, 2)}\n`);
  else context.stdout.write(`LOA configuration ${verb}: ${describeLine(configuration)}\n`);
  return ExitCode.OK;
}

function describeJson(c: WireLoaConfiguration): Record<string, unknown> {
  return { id: c.id ?? null, name: c.name ?? null, company_name: c.company_name ?? null, address: c.address ?? null, contact: c.contact ?? null, logo_document_id: c.logo?.document_id ?? null, updated_at: c.updated_at ?? null };
}

function describeLine(c: WireLoaConfiguration): string {
  const place = [c.address?.city, c.address?.state].filter((p) => p !== undefined && p !== '').join(', ');
  return `${c.id ?? '(no id)'}  "${c.name ?? ''}"  ${c.company_name ?? ''}${place === '' ? '' : ` (${place})`}${c.contact?.email ? `  ${c.contact.email}` : ''}`;
}

