import type { CommandSpec } from '../command.js';

export const templateSpec: CommandSpec = {
  command: 'template',
  describe: 'Write the blank input sheet (header row; the XLSX also explains each column)',
  examples: [
    ['$0 template', 'write bulkport-input.csv and bulkport-input.xlsx here'],
    ['$0 template --format xlsx -o acme-numbers.xlsx', 'one XLSX template under your own name'],
  ],
  builder: (yargs) => yargs.option('force', { type: 'boolean', default: false, describe: 'Overwrite a file that already exists' }),
};
