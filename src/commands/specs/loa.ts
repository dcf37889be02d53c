import type { CommandSpec } from '../command.js';

const LOA_ACTIONS = ['config', 'download', 'attach'] as const;
export const LOA_CONFIG_ACTIONS = ['create', 'update', 'list', 'preview'] as const;

export const loaSpec: CommandSpec = {
  command: 'loa <action> [args..]',
  describe: 'LOAs in bulk: LOA configurations (letterhead), one pre-filled LOA per draft order, attach the signed ones',
  examples: [
    ['$0 loa config create --from letterhead.json --logo logo.png', 'checked first (every problem listed, nothing sent), logo uploaded, configuration created'],
    ['$0 loa config preview --from letterhead.json --logo logo.png -o preview.pdf', 'the PDF the configuration would produce; no configuration is created'],
    ['$0 loa config update 3f1c… --from letterhead.json', 'replaces its fields (keeps the current logo unless --logo is given)'],
    ['$0 loa config list', 'the account\'s LOA configurations'],
    ['$0 loa download --campaign acme-2026 -o loas/', 'one <end user>-<order key>.pdf per draft order without an LOA, and loas/loa-index.xlsx'],
    ['$0 loa attach --campaign acme-2026 loas/loa-index.xlsx', 'every signed_loa_file checked first, each distinct file uploaded once, attached as the order\'s LOA'],
  ],
  builder: (yargs) =>
    yargs
      .positional('action', { type: 'string', choices: LOA_ACTIONS, describe: 'config, download or attach', demandOption: true })
      .positional('args', { type: 'string', array: true, describe: 'config: create | update ID | list | preview [ID]; attach: the filled-in loa-index.xlsx' })
      .option('campaign', { type: 'string', describe: 'download/attach: campaign name (as given to submit)' })
      .option('from', { type: 'string', describe: 'config create/update/preview: JSON file with name, company_name, address, contact' })
      .option('logo', { type: 'string', describe: 'config create/update/preview: PNG logo, uploaded as a document (logo.document_id)' })
      .option('loa-configuration', { type: 'string', describe: 'download: the LOA configuration (letterhead) to fill the LOAs with; default: the account\'s default' })
      .option('force', { type: 'boolean', default: false, describe: 'download: also for draft orders that already have an LOA' })
      .option('documents-dir', { type: 'string', describe: 'attach: signed files may also lie under this folder (default: only under the sheet\'s folder)' }),
};
