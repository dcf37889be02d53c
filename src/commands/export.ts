import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { createApiSession } from '../api/api-session.js';
import { BulkportError, InterruptedError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { describeExport, exportFailureJson, exportJson } from '../export/describe-export.js';
import { ExportFailedError, exportFailureReason } from '../export/export-errors.js';
import { DEFAULT_NAME_TEMPLATE } from '../export/export-file-name.js';
import { EXPORT_KINDS } from '../export/export-kind.js';
import { resolveExportOptions } from '../export/export-options.js';
import { createReportApi } from '../export/report-api.js';
import { runExport } from '../export/run-export.js';
import { defineCommand } from './command.js';

interface ExportArgs {
  kind: string;
  since?: string;
  until?: string;
  status: string[];
  'customer-reference': string[];
  'end-user-name'?: string;
  'phone-number': string[];
  timeout: string;
  'poll-interval': string;
  'report-id'?: string;
  name: string;
  keep?: number;
  diff: boolean;
}

/**
 * `bulkport export porting-orders|port-outs -o DIR`: the nightly report CSV. Built for cron: no
 * prompts, status on a TTY only, one summary line (or --json), exit 0 or 3.
 */
export const exportCommand = defineCommand<ExportArgs>({
  command: 'export <kind>',
  describe: 'Export the porting-order or port-out report CSV into DIR (atomic, date-stamped; for cron)',
  examples: [
    ['$0 export porting-orders -o /var/exports/telnyx', 'writes porting-orders-YYYY-MM-DD.csv and its .json sidecar'],
    ['$0 export port-outs -o exports --status pending,authorized --keep 30 --diff', 'keep 30 nights, write what changed since the last one'],
    ['$0 export porting-orders -o exports --report-id 3f0c…', 'pick up a report an earlier run left pending'],
  ],
  builder: (yargs) =>
    yargs
      .positional('kind', { type: 'string', choices: EXPORT_KINDS, describe: 'Which report', demandOption: true })
      .option('since', { type: 'string', describe: 'Created after: a date (whole UTC day), date-time, or time back from now (36h, 7d)' })
      .option('until', { type: 'string', describe: 'Created before: a date (that whole UTC day included) or date-time' })
      .option('status', { type: 'string', array: true, default: [] as string[], describe: 'Only these statuses (repeatable or comma-separated)' })
      .option('customer-reference', { type: 'string', array: true, default: [] as string[], describe: 'Only these customer references (repeatable or comma-separated)' })
      .option('end-user-name', { type: 'string', describe: 'port-outs: only this end user' })
      .option('phone-number', { type: 'string', array: true, default: [] as string[], describe: 'port-outs: only requests holding one of these +E.164 numbers' })
      .option('timeout', { type: 'string', default: '30m', describe: 'How long to wait for the report (then exit 3 with its id; 90, 15m, 2h)' })
      .option('poll-interval', { type: 'string', default: '2s', describe: 'First pause between status checks; grows 1.5× up to 30 s' })
      .option('report-id', { type: 'string', describe: 'Resume: wait for and download this existing report instead of creating one' })
      .option('name', { type: 'string', default: DEFAULT_NAME_TEMPLATE, describe: 'File name template: {kind}, {date} (UTC YYYY-MM-DD), {time} (UTC HHMMSS)' })
      .option('keep', { type: 'number', describe: 'Keep only the newest N exports of this kind in DIR (with their sidecars and change files)' })
      .option('diff', { type: 'boolean', default: false, describe: 'Write <name>-changes.csv: new, status_changed and removed rows since the previous export' }),
  async run(args, options, context) {
    const runAt = context.now();
    const request = resolveExportOptions(
      {
        kind: args.kind,
        out: options.out,
        since: args.since,
        until: args.until,
        status: args.status,
        customerReference: args['customer-reference'],
        endUserName: args['end-user-name'],
        phoneNumber: args['phone-number'],
        timeout: args.timeout,
        pollInterval: args['poll-interval'],
        reportId: args['report-id'],
        name: args.name,
        keep: args.keep,
        diff: args.diff,
      },
      runAt,
      context.cwd,
    );
    const session = createApiSession(options, { signal: context.signal, now: context.now });
    const showStatus = context.isTTY && !options.quiet && !options.json;
    let reportId = request.reportId;
    let statusShown = false;
    try {
      const outcome = await runExport(request, {
        api: createReportApi(session, request.spec),
        signal: context.signal,
        now: context.now,
        monotonicMs: () => performance.now(),
        sleep: sleepUnlessInterrupted,
        onReport: (id) => {
          reportId = id;
        },
        onStatus: showStatus
          ? (text) => {
              statusShown = true;
              context.stderr.write(`\r\u001b[K${text}`);
            }
          : undefined,
      });
      if (statusShown) context.stderr.write('\r\u001b[K');
      context.stdout.write(options.json ? `${JSON.stringify(exportJson(outcome, session.scheduler.stats()))}\n` : `${describeExport(outcome, options.out ?? request.dir)}\n`);
      return ExitCode.OK;
    } catch (error) {
      if (statusShown) context.stderr.write('\n');
      const reason = exportFailureReason(error);
      if (reason === undefined || !(error instanceof BulkportError)) throw error;
      const failure = new ExportFailedError(request.spec.kind, reason, reportId, error);
      if (options.json) context.stdout.write(`${JSON.stringify(exportFailureJson(failure))}\n`);
      throw failure;
    } finally {
      await session.close();
    }
  },
});

/** The poll pause; Ctrl-C or SIGTERM during it stops the run as an interruption (exit 3). */
async function sleepUnlessInterrupted(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal.aborted) throw new InterruptedError();
    throw error;
  }
}
