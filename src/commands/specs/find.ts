import type { CommandSpec } from '../command.js';

export const findSpec: CommandSpec = {
  command: 'find [numbers..]',
  describe: 'Where is this number? Every campaign of --state-dir that holds it: file and row, status, order, FOC, last exception',
  examples: [
    ['$0 find "(415) 555-0132" +14155550133', 'one line per campaign each number is in (exit 1 when one is in none)'],
    ['$0 find --from numbers.txt --json', 'one number per line of the file; the answer as JSON'],
    ['$0 find +14155550132 --refresh', 'and what Telnyx says of its order right now'],
  ],
  builder: (yargs) =>
    yargs
      .positional('numbers', { type: 'string', array: true, describe: 'Phone numbers in any format (national ones use --default-country)' })
      .option('from', { type: 'string', describe: 'Also look up the numbers in this text file, one per line' })
      .option('refresh', { type: 'boolean', default: false, describe: 'Also ask Telnyx for the live state of those orders (one read per order; needs the API key)' }),
};
