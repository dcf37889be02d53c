import type { CommandSpec } from '../command.js';

export const validateSpec: CommandSpec = {
  command: 'validate <input>',
  describe: 'Read a sheet, normalize every number to E.164 and report what is wrong (no API calls)',
  examples: [
    ['$0 validate customers.xlsx', 'results in ./out/validate-<timestamp>/'],
    ['$0 validate numbers.csv --default-country GB -o out/check1', 'national UK numbers, results in out/check1'],
    ['$0 validate export.csv --map "Cust Phone=phone_number"', 'name the phone column explicitly'],
  ],
  builder: (yargs) => yargs.positional('input', { type: 'string', describe: 'CSV or XLSX file', demandOption: true }),
};
