import type { CommandSpec } from '../command.js';

export const listenSpec: CommandSpec = {
  command: 'listen',
  describe: "Receive Telnyx's signed porting and port-out webhooks into the state dir's events inbox (status folds it in)",
  examples: [
    ['$0 listen --port 8911 --public-key-file telnyx-public-key.txt', 'verify every webhook; behind a TLS proxy, point the orders\' webhook_url at it'],
    ['$0 listen --port 8911 --public-key-file key.txt --campaign acme-2026 acme-uk', "keep only these campaigns' porting events (port-out events are always kept)"],
  ],
  builder: (yargs) =>
    yargs
      .option('port', { type: 'number', demandOption: true, describe: 'Port to listen on (1 to 65535; 0 = any free port, printed at start)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on (loopback by default: put a TLS proxy in front)' })
      .option('public-key-file', { type: 'string', describe: "File with Telnyx's webhook public key (base64, as Mission Control shows it, or PEM); required unless --insecure-no-verify" })
      .option('max-age', { type: 'string', default: '5m', describe: 'Refuse webhooks whose telnyx-timestamp is further off than this (at most 5m, the SDK\'s bound)' })
      .option('campaign', { type: 'string', array: true, describe: "Keep only porting events of these campaigns' orders (and of orders no journal knows yet)" })
      .option('insecure-no-verify', { type: 'boolean', default: false, describe: 'Accept webhooks without checking signatures (local tests only; printed on every start)' }),
};
