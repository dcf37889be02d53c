import type { CommandSpec } from '../command.js';

export const VERIFY_ACTIONS = ['send', 'apply'] as const;
const VERIFY_METHODS = ['sms', 'call'] as const;

export const verifySpec: CommandSpec = {
  command: 'verify <action> [file]',
  describe: 'AU ownership before confirming: send verification codes (and start ID checks), then apply the codes people typed in verification.xlsx',
  examples: [
    ['$0 verify send --campaign acme-au -o out/verify', 'a code to every number not verified yet; out/verify/verification.xlsx to fill in'],
    ['$0 verify send --campaign acme-au --method call', 'the same, the codes read out by a call'],
    ['$0 verify apply --campaign acme-au out/verify/verification.xlsx', 'check every row, then verify the codes (100 a call); which were wrong is written'],
  ],
  builder: (yargs) =>
    yargs
      .positional('action', { type: 'string', choices: VERIFY_ACTIONS, describe: 'send or apply', demandOption: true })
      .positional('file', { type: 'string', describe: 'apply: the verification sheet with the codes typed in (.xlsx or .csv)' })
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('method', { type: 'string', choices: VERIFY_METHODS, default: 'sms', describe: 'send: how the holders receive their codes' }),
};
