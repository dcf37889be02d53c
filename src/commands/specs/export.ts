import { DEFAULT_NAME_TEMPLATE } from '../../export/export-file-name.js';
import { EXPORT_KINDS } from '../../export/export-kind.js';
import type { CommandSpec } from '../command.js';

export const exportSpec: CommandSpec = {
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
};
