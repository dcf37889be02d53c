import type { CommandSpec } from '../command.js';

export const activateSpec: CommandSpec = {
  command: 'activate',
  describe: 'Cutover: activate the campaign\'s US FastPort orders on their FOC day (on demand), move scheduled activations (--at), follow them (--watch)',
  examples: [
    ['$0 activate --campaign acme-2026 --watch', 'activates every eligible order now and follows the jobs to completed or failed'],
    ['$0 activate --campaign acme-2026 --list', 'each order\'s activation job: type, status, windows, activate_at'],
    ['$0 activate --campaign acme-2026 --at 19:30', 'moves each scheduled activation to 19:30 UTC on its FOC date (must be inside a window)'],
    ['$0 activate --campaign acme-2026 --order 7f3c… --order 9a1e…', 'these orders only'],
  ],
  builder: (yargs) =>
    yargs
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('order', { type: 'string', array: true, default: [] as string[], describe: 'Only this porting order id (repeatable); default: every order of the campaign' })
      .option('at', { type: 'string', describe: 'Instead of activating now, move each order\'s scheduled activation job to TIME: ISO 8601 with zone, or HH:MM (UTC) on the FOC date; refused (exit 2) outside the job\'s windows' })
      .option('watch', { type: 'boolean', default: false, describe: 'Follow the jobs until each is completed or failed, then report each number\'s outcome' })
      .option('list', { type: 'boolean', default: false, describe: 'Only show each order\'s activation jobs (type, status, windows, activate_at); sends nothing' })
      .option('poll-interval', { type: 'string', default: '10s', describe: '--watch: first pause between job reads; grows 1.5× up to 60 s' })
      .option('timeout', { type: 'string', default: '2h', describe: '--watch: how long to follow the jobs (then exit 3; run again to keep watching, nothing is sent twice)' }),
};
