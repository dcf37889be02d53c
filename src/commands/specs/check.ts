import type { CommandSpec } from '../command.js';

/**
 * Default numbers per portability check. Telnyx documents no maximum. The rate limit counts
 * requests, not numbers, so a bigger batch checks more numbers per second; 100 keeps one
 * answer small and one failed batch cheap (its rows are marked failed), and if the server
 * refuses the size the run halves it and goes on.
 */
const DEFAULT_CHECK_BATCH = 100;

export const checkSpec: CommandSpec = {
  command: 'check <input>',
  describe: 'Validate a sheet, then check with Telnyx whether each number can be ported (batched)',
  examples: [
    ['$0 check customers.xlsx', 'results in ./out/check-<timestamp>/'],
    ['$0 check numbers.csv --check-batch 50 --rate 10', 'smaller batches, at most 10 requests/s'],
    ['$0 check numbers.csv --lookup-carriers', 'also look up the carrier of portable numbers the sheet leaves blank (billable)'],
  ],
  builder: (yargs) =>
    yargs
      .positional('input', { type: 'string', describe: 'CSV or XLSX file', demandOption: true })
      .option('check-batch', {
        type: 'number',
        default: DEFAULT_CHECK_BATCH,
        describe:
          'Numbers per portability check request. Telnyx documents no maximum; the rate limit counts requests, so larger ' +
          'batches are faster. Halved automatically when Telnyx refuses the size',
      })
      .option('lookup-carriers', {
        type: 'boolean',
        default: false,
        describe: 'Look up the losing carrier of portable numbers whose carrier cell is blank (one billable number lookup per number)',
      }),
};
