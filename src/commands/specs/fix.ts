import type { CommandSpec } from '../command.js';

export const fixSpec: CommandSpec = {
  command: 'fix <sheet>',
  describe: 'Apply the corrections of an edited Exceptions sheet (exceptions.xlsx or .csv from `status`) to orders in exception',
  examples: [
    ['$0 fix --campaign acme-2026 out/status/exceptions.xlsx', 'PATCH the changed fields of each order still in exception'],
    ['$0 fix --campaign acme-2026 exceptions.csv -o out/fix1', 'again: rows already applied are "unchanged", nothing is sent twice'],
  ],
  builder: (yargs) =>
    yargs
      .positional('sheet', { type: 'string', demandOption: true, describe: 'The edited Exceptions sheet (.xlsx or .csv)' })
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' }),
};
