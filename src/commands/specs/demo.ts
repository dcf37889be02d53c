import type { CommandSpec } from '../command.js';

export const demoSpec: CommandSpec = {
  command: 'demo',
  describe: 'Run a full sample campaign (check, plan, submit --confirm, status) against an in-process simulator',
  examples: [['$0 demo -o out', 'results in out/check, out/plan, out/submit and out/status']],
  builder: (yargs) => yargs,
};
