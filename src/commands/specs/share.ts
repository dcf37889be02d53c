import type { CommandSpec } from '../command.js';

export const shareSpec: CommandSpec = {
  command: 'share',
  describe: 'Sharing tokens so end customers can upload their own documents (written to an owner-only sheet, never printed)',
  examples: [
    ['$0 share --campaign acme-2026 --expires 48h -o out/share', 'one upload token per live order, in out/share/sharing-tokens.xlsx (0600)'],
    ['$0 share --campaign acme-2026 --order 7f3c… --read-only --expires 24h', 'a read-only token for one order'],
  ],
  builder: (yargs) =>
    yargs
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('order', { type: 'string', array: true, describe: 'Only these porting orders (repeatable); default every live order of the campaign' })
      .option('read-only', { type: 'boolean', default: false, describe: 'Tokens may only read the documents (porting_order.document.read); default they may upload (document.update)' })
      .option('expires', { type: 'string', describe: 'How long the tokens last, at most 48h (e.g. 48h, 90m, 2d is too long)' }),
};
