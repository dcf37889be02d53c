import type { CommandSpec } from '../command.js';

export const statusSpec: CommandSpec = {
  command: 'status',
  describe: 'Refresh every order and number of a campaign; results with the Orders and Exceptions sheets and what moved',
  examples: [
    ['$0 status --campaign acme-2026 -o out/acme-status', 'one refresh (cron: exit 1 when an order needs a person)'],
    ['$0 status --campaign acme-2026 --watch 10m', 'refresh every 10 minutes until every order is ported or cancelled'],
    ['$0 status --campaign acme-2026 --full', 'list every order and number instead of following the events feed'],
  ],
  builder: (yargs) =>
    yargs
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('watch', { type: 'string', describe: 'Refresh again after this long (30s, 10m, 1h) until every order is final' })
      .option('full', {
        type: 'boolean',
        default: false,
        describe: 'List every order and number (the first refresh and one after 7 days without a refresh always do); otherwise only what the events feed says changed is read',
      })
      .option('tz', { type: 'string', describe: "Time zone for report.html's days and times (IANA name; default the machine's zone)" }),
};
