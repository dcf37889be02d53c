import type { CommandSpec } from '../command.js';

export const commentSpec: CommandSpec = {
  command: 'comment <text>',
  describe: 'Add a comment to one porting order of the campaign',
  examples: [['$0 comment --campaign acme-2026 --order 7f3c… "Customer confirmed the new PIN by phone"', 'posted once, even if run again']],
  builder: (yargs) =>
    yargs
      .positional('text', { type: 'string', demandOption: true, describe: 'The comment' })
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('order', { type: 'string', demandOption: true, describe: 'Porting order id (see the Orders sheet)' }),
};
