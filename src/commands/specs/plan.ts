import { withPlanFlags } from '../../plan/plan-flags.js';
import type { CommandSpec } from '../command.js';

export const planSpec: CommandSpec = {
  command: 'plan <input>',
  describe: 'Check a sheet and group its numbers into porting orders: plan.json, results and Orders sheet (sends nothing that changes state)',
  examples: [
    ['$0 plan customers.xlsx --campaign acme-2026', 'results and plan.json in ./out/plan-<timestamp>/'],
    ['$0 plan customers.xlsx --campaign acme-2026 --max-per-order 100', 'larger orders'],
  ],
  builder: (yargs) => withPlanFlags(yargs),
};
