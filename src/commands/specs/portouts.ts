import type { CommandSpec } from '../command.js';

export const PORTOUT_ACTIONS = ['list', 'review', 'apply'] as const;

export const portoutsSpec: CommandSpec = {
  command: 'portouts <action> [file]',
  describe: 'Port-out requests: list them, write a review sheet, apply authorize/reject decisions from it',
  examples: [
    ['$0 portouts list --status pending --foc-from 2026-12-01 -o out/portouts', 'portouts.csv and portouts.xlsx of the pending requests with FOC from Dec 1'],
    ['$0 portouts review -o review.xlsx', 'the pending requests, with decision and rejection-code dropdowns'],
    ['$0 portouts apply review.xlsx -o out/applied', 'check every decision, confirm, then apply (--yes when not on a terminal)'],
  ],
  builder: (yargs) =>
    yargs
      .positional('action', { type: 'string', choices: PORTOUT_ACTIONS, describe: 'list, review or apply', demandOption: true })
      .positional('file', { type: 'string', describe: 'apply: the edited review sheet (.xlsx or .csv)' })
      .option('status', { type: 'string', array: true, describe: 'list: only these statuses (repeatable or comma-separated)' })
      .option('carrier', { type: 'string', describe: 'list/review: only requests to this new carrier' })
      .option('country', { type: 'string', describe: 'list/review: only this country (ISO alpha-2)' })
      .option('phone-number', { type: 'string', describe: 'list/review: only requests holding this +E.164 number' })
      .option('pon', { type: 'string', describe: 'list/review: only this port order number' })
      .option('spid', { type: 'string', describe: 'list/review: only this new carrier SPID' })
      .option('foc-from', { type: 'string', describe: 'list/review: FOC date on or after YYYY-MM-DD (filtered locally)' })
      .option('foc-to', { type: 'string', describe: 'list/review: FOC date on or before YYYY-MM-DD (filtered locally)' })
      .option('yes', { type: 'boolean', default: false, describe: 'apply: do not ask for confirmation (required without a terminal)' }),
};
