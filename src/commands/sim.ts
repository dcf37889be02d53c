import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseFaultSpec } from '../sim/faults.js';
import { KEY_BULKPORT_DEMO } from '../sim/auth.js';
import type { SimulatorOptions } from '../sim/simulator.js';
import { defineCommand } from './command.js';
import { simSpec } from './specs/sim.js';

interface SimArgs {
  port: number;
  host: string;
  rate: number;
  burst?: number | undefined;
  speed: number;
  seed: string;
  faults?: string | undefined;
  'retry-after': boolean;
  'state-file'?: string | undefined;
  'max-check-batch': number | undefined;
  'webhook-key-file'?: string | undefined;
  'webhook-url'?: string | undefined;
  /** The simulator's accepted keys, moved here from `--api-key` by the middleware below. */
  simApiKeys: string[];
}

/**
 * `bulkport sim`: runs the Telnyx porting API simulator until Ctrl-C. `--api-key` and `--rate`
 * are global flags of every other command; here they mean the simulator's accepted keys and its
 * per-key limit.
 */
export const simCommand = defineCommand<SimArgs>({
  ...simSpec,
  async run(args, _options, context) {
    const options = simulatorOptions(args);
    // Loaded on demand: other commands need not pay for the simulator's modules at startup.
    const { startSimulator } = await import('../sim/simulator.js');
    const keyFile = args['webhook-key-file'];
    let webhookKey: Awaited<ReturnType<typeof loadWebhookKey>> | undefined;
    if (keyFile !== undefined) webhookKey = await loadWebhookKey(keyFile);
    const sim = await startSimulator(webhookKey === undefined ? options : { ...options, webhookKey: webhookKey.key });
    const keys = options.apiKeys ?? [];
    context.stdout.write(
      [
        `bulkport sim: Telnyx porting API simulator listening on ${sim.baseURL}`,
        `  export TELNYX_BASE_URL=${sim.baseURL}`,
        keys.length === 0
          ? `  export TELNYX_API_KEY=${KEY_BULKPORT_DEMO}   (the demo key; --api-key sets your own)`
          : `  accepting ${keys.length} API key${keys.length === 1 ? '' : 's'} given with --api-key`,
        `  rate limit ${args.rate}/s per key (burst ${args.burst ?? Math.max(1, Math.round(args.rate))})${args['retry-after'] ? ' with Retry-After' : ''}; seed "${args.seed}"; speed ${args.speed}x${args.faults ? `; faults ${args.faults}` : ''}`,
        `  webhook signing public key (base64): ${sim.webhooks.publicKey}${keyFile === undefined ? '   (a new key per start; --webhook-key-file keeps one)' : webhookKey?.isCreated ? `   (new key written to ${keyFile})` : `   (from ${keyFile})`}`,
        ...(args['webhook-url'] === undefined ? [] : [`  account webhook URL: ${args['webhook-url']}`]),
        `  test controls: ${sim.origin}/_sim/stats · Ctrl-C stops`,
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      else context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await sim.close();
    context.stdout.write('bulkport sim: stopped\n');
    return ExitCode.OK;
  },
});

async function loadWebhookKey(file: string): Promise<ReturnType<typeof import('../sim/webhooks/webhook-key.js')['loadOrCreateWebhookKey']>> {
  const { loadOrCreateWebhookKey, WebhookKeyError } = await import('../sim/webhooks/webhook-key.js');
  try {
    return loadOrCreateWebhookKey(file);
  } catch (error) {
    if (error instanceof WebhookKeyError) throw new UsageError(error.message, 'Give a PEM Ed25519 private key (openssl genpkey -algorithm ed25519 -out FILE), or a path where a new one may be written.');
    throw error;
  }
}

function simulatorOptions(args: SimArgs): SimulatorOptions {
  const positive = (name: string, value: number | undefined, min: number): void => {
    if (value !== undefined && (!Number.isFinite(value) || value < min)) {
      throw new UsageError(`--${name}: expected a number from ${min} up, got ${String(value)}`);
    }
  };
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new UsageError(`--port: expected a port number from 0 to 65535, got ${String(args.port)}`);
  }
  positive('rate', args.rate, Number.MIN_VALUE);
  positive('burst', args.burst, 1);
  positive('speed', args.speed, 0);
  positive('max-check-batch', args['max-check-batch'], 1);
  if (args.faults !== undefined) {
    try {
      parseFaultSpec(args.faults);
    } catch (error) {
      throw new UsageError(
        (error as Error).message,
        'Kinds: 5xx, drop, slow, lost-create, slow-download, webhook-drop, webhook-delay, webhook-duplicate, webhook-reorder; e.g. --faults 5xx=0.05,slow=0.01:5000',
      );
    }
  }
  const webhookUrl = args['webhook-url'];
  if (webhookUrl !== undefined && (!/^https?:\/\//i.test(webhookUrl) || !URL.canParse(webhookUrl))) {
    throw new UsageError(`--webhook-url: expected an http(s) URL, got "${webhookUrl}"`);
  }
  return {
    host: args.host,
    port: args.port,
    rate: args.rate,
    burst: args.burst,
    speed: args.speed,
    seed: args.seed,
    faults: args.faults,
    sendRetryAfter: args['retry-after'],
    stateFile: args['state-file'],
    maxCheckBatch: args['max-check-batch'],
    apiKeys: args.simApiKeys.length > 0 ? args.simApiKeys : undefined,
    ...(webhookUrl === undefined ? {} : { webhookUrl }),
  };
}
