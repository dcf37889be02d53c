import type { CommandSpec } from '../command.js';

export const statusSpec: CommandSpec = {
  command: 'status',
  describe: 'Refresh every order and number of a campaign; results with the Orders and Exceptions sheets and what moved',
  examples: [
    ['$0 status --campaign acme-2026 -o out/acme-status', 'one refresh (cron: exit 1 when an order needs a person)'],
    ['$0 status --campaign acme-2026 --watch 10m', 'refresh every 10 minutes until every order is ported or cancelled'],
  ],
  builder: (yargs) =>
    yargs
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('watch', { type: 'string', describe: 'Refresh again after this long (30s, 10m, 1h) until every order is final' }),
};
