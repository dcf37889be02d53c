import type { CommandSpec } from '../command.js';

export const cancelSpec: CommandSpec = {
  command: 'cancel',
  describe: 'Cancel the campaign\'s submitted orders and delete its drafts (all, or --order ID…)',
  examples: [
    ['$0 cancel --campaign acme-2026', 'lists what would be cancelled and asks first'],
    ['$0 cancel --campaign acme-2026 --order 7f3c… --order 9a1e… --yes', 'these orders only, without asking (scripts)'],
  ],
  builder: (yargs) =>
    yargs
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('order', { type: 'string', array: true, default: [] as string[], describe: 'Only this porting order id (repeatable); default: every order of the campaign' })
      .option('yes', { type: 'boolean', default: false, describe: 'Do not ask for confirmation (required when not on a terminal)' }),
};
