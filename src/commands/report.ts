import path from 'node:path';
import { checkCampaignName } from '../campaign/campaign-paths.js';
import { defaultOutDir } from '../config/global-options.js';
import { ExitCode } from '../core/exit-codes.js';
import { resolveTimeZone } from '../report/time-zone.js';
import { defineCommand } from './command.js';
import { reportSpec } from './specs/report.js';

interface ReportArgs {
  campaign: string;
  tz?: string;
}

/**
 * `bulkport report --campaign NAME [-o FILE] [--tz ZONE]`: the campaign's report.html from the
 * journal alone (no API call, no lock: it only reads). `-o` names the file when it ends in .html,
 * else the folder that gets report.html.
 */
export const reportCommand = defineCommand<ReportArgs>({
  ...reportSpec,
  async run(args, options, context) {
    const campaign = checkCampaignName(String(args.campaign));
    const timeZone = resolveTimeZone(args.tz);
    const { writeCampaignReport, REPORT_FILE } = await import('../report/write-report.js');
    const out = path.resolve(context.cwd, options.out ?? defaultOutDir('report', context.now()));
    const file = /\.html?$/i.test(out) ? out : path.join(out, REPORT_FILE);
    const written = await writeCampaignReport({ stateDir: options.stateDir, campaign, file, now: context.now(), timeZone });
    if (options.json) context.stdout.write(`${JSON.stringify({ command: 'report', campaign, report: written.file, bytes: written.bytes, timeZone })}\n`);
    else if (!options.quiet) context.stdout.write(`report ${campaign}: ${path.relative(context.cwd, written.file) || written.file} (${Math.round(written.bytes / 1024)} KB, times in ${timeZone})\n`);
    return ExitCode.OK;
  },
});
