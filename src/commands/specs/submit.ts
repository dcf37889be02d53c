import { withPlanFlags } from '../../plan/plan-flags.js';
import type { CommandSpec } from '../command.js';

export const submitSpec: CommandSpec = {
  command: 'submit <input>',
  describe: 'Create the planned porting orders, fill in their details and documents; --confirm submits those whose requirements are met',
  examples: [
    ['$0 submit customers.xlsx --campaign acme-2026', 'draft orders, ready to review in the portal'],
    ['$0 submit customers.xlsx --campaign acme-2026 --confirm', 'and submit them'],
    ['$0 submit customers.xlsx --campaign acme-2026 --confirm', 'again after a crash or Ctrl-C: resumes, never duplicates an order'],
  ],
  builder: (yargs) =>
    withPlanFlags(yargs).option('confirm', {
      type: 'boolean',
      default: false,
      describe: 'Submit (confirm) each order whose requirements are met; the others stay drafts and are reported with what is missing',
    }),
};
