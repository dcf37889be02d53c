import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { createApiSession, resolveApiSettings } from '../api/api-session.js';
import { BulkportError, InterruptedError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { describeExport, exportFailureJson, exportJson } from '../export/describe-export.js';
import { ExportFailedError, exportFailureReason } from '../export/export-errors.js';
import { resolveExportOptions } from '../export/export-options.js';
import { createReportApi } from '../export/report-api.js';
import { runExport } from '../export/run-export.js';
import { defineCommand } from './command.js';
import { exportSpec } from './specs/export.js';

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
  ...exportSpec,
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
    const session = createApiSession(resolveApiSettings(options), { signal: context.signal, now: context.now });
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
