import type { CommandSpec } from '../command.js';

export const simSpec: CommandSpec = {
  command: 'sim',
  describe: 'Run the embedded Telnyx porting API simulator (rehearse campaigns locally)',
  examples: [
    ['$0 sim --port 8910', 'then TELNYX_BASE_URL=http://127.0.0.1:8910/v2 TELNYX_API_KEY=KEY_BULKPORT_DEMO bulkport …'],
    ['$0 sim --rate 5 --burst 10 --retry-after', 'a tight rate limit that also sends Retry-After'],
    ['$0 sim --speed 3600 --faults 5xx=0.05,drop=0.02', 'an hour per second, with 5% server errors and 2% dropped connections'],
    ['$0 sim --webhook-key-file sim-webhook.pem --webhook-url http://127.0.0.1:8911/hooks', 'a fixed webhook signing key, and port-out events sent to a local receiver'],
  ],
  builder: (yargs) =>
    yargs
      .option('port', { type: 'number', default: 0, describe: 'Port to listen on (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on (loopback by default)' })
      .option('rate', { type: 'number', default: 50, describe: 'Simulator: requests per second allowed per API key' })
      .option('burst', { type: 'number', describe: 'Simulator: token-bucket size (default: the rate)' })
      .option('api-key', { type: 'string', describe: 'Simulator: an accepted API key (repeatable; default the demo key KEY_BULKPORT_DEMO)' })
      .option('speed', { type: 'number', default: 1, describe: 'Simulated seconds per real second (3600 = an hour per second)' })
      .option('seed', { type: 'string', default: 'bulkport', describe: 'Seed of carriers, portability, lifecycles and faults' })
      .option('faults', {
        type: 'string',
        describe:
          'Fault injection, e.g. 5xx=0.05,drop=0.02,slow=0.01:5000,lost-create=0.1,slow-download=0.2:3000; on webhooks webhook-drop=0.1,webhook-delay=0.1:60000,webhook-duplicate=0.05,webhook-reorder=0.05',
      })
      .option('retry-after', { type: 'boolean', default: false, describe: 'Send Retry-After on 429 (Telnyx documents none)' })
      .option('state-file', { type: 'string', describe: 'JSON file that keeps orders and documents across restarts' })
      .option('max-check-batch', { type: 'number', describe: 'Refuse portability checks with more numbers than this (off by default: Telnyx documents no limit)' })
      .option('webhook-key-file', {
        type: 'string',
        describe: 'Webhook signing key: a PEM PKCS#8 Ed25519 private key (openssl genpkey -algorithm ed25519); created when missing (default: a new key per start)',
      })
      .option('webhook-url', { type: 'string', describe: "The account's notification URL: port-out events, and porting events of orders without a webhook_url" })
      // Several --api-key flags arrive as an array, which the global key resolution does not take:
      // the simulator's keys move to their own field before global options are resolved.
      .middleware((argv) => {
        const raw = argv['api-key'] as unknown;
        argv.simApiKeys = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String).map((k) => k.trim()).filter(Boolean);
        argv['api-key'] = undefined;
      }) as never,
};
