import { checkCampaignName } from '../campaign/campaign-paths.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { CampaignOrderIndex } from '../events/campaign-order-index.js';
import { EventsInbox } from '../events/inbox.js';
import { MAX_BODY_BYTES, startListenServer, type ListenServer, type RequestOutcome } from '../events/listen-server.js';
import { readWebhookPublicKey, SDK_MAX_AGE_MS, WebhookVerifier } from '../events/webhook-signature.js';
import { parseDuration } from '../export/parse-duration.js';
import { defineCommand, type CommandContext } from './command.js';
import { listenSpec } from './specs/listen.js';

interface ListenArgs {
  port: number;
  host: string;
  'public-key-file'?: string;
  'max-age': string;
  campaign?: string[];
  'insecure-no-verify': boolean;
}

/**
 * `bulkport listen`: an HTTP receiver for Telnyx webhooks that writes each verified porting or
 * port-out event to the events inbox of --state-dir (src/events/inbox.ts) and answers 2xx only once it
 * is on disk. It never takes a campaign's lock; `status` folds the inbox into the campaign journals.
 * Runs until SIGTERM or Ctrl-C, then finishes the requests under way and exits 0.
 */
export const listenCommand = defineCommand<ListenArgs>({
  ...listenSpec,
  async run(args, options, context) {
    const port = Number(args.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number from 0 to 65535, got ${String(args.port)}`);
    const maxAgeMs = parseDuration(args['max-age']);
    if (maxAgeMs === undefined || maxAgeMs < 1000 || maxAgeMs > SDK_MAX_AGE_MS) {
      throw new UsageError(`--max-age: expected a duration from 1s to 5m such as 2m or 300s, got "${args['max-age']}"`, 'Telnyx\'s SDK refuses timestamps more than 5 minutes off in any case.');
    }
    const campaigns = (args.campaign ?? []).map((name) => checkCampaignName(String(name)));
    const keyFile = args['public-key-file'];
    const isInsecure = args['insecure-no-verify'];
    if (keyFile === undefined && !isInsecure) {
      throw new UsageError(
        'listen: expected --public-key-file (Telnyx\'s webhook public key), found none: without it anyone who can reach the port could write events',
        'Copy the public key from Mission Control (Keys & Credentials → Public Key) into a file; for a local test only, --insecure-no-verify.',
      );
    }
    if (keyFile !== undefined && isInsecure) throw new UsageError('listen: --public-key-file and --insecure-no-verify contradict each other; give one');
    const verifier = keyFile === undefined ? undefined : new WebhookVerifier(await readWebhookPublicKey(keyFile), maxAgeMs, context.now);

    const inbox = await EventsInbox.open(options.stateDir, { command: 'listen', now: context.now, notice: (line) => context.stderr.write(`${line}\n`) });
    const counts = { added: 0, 'already-seen': 0, ignored: 0, refused: 0 };
    let server: ListenServer;
    try {
      server = await startListenServer({
        host: args.host,
        port,
        inbox,
        verifier,
        campaigns: campaigns.length === 0 ? undefined : new CampaignOrderIndex(options.stateDir, campaigns),
        onRequest: (outcome, remote) => {
          counts[outcome.kind] += 1;
          logRequest(outcome, remote, options.quiet, context);
        },
      });
    } catch (error) {
      await inbox.close();
      throw error;
    }
    if (isInsecure) context.stderr.write('bulkport listen: WARNING --insecure-no-verify: signatures are NOT checked; anyone who can reach this port can write events into the inbox\n');
    context.stdout.write(
      [
        `bulkport listen: receiving Telnyx webhooks on ${server.url}`,
        `  events inbox ${inbox.path} (${inbox.eventCount} event${inbox.eventCount === 1 ? '' : 's'} so far); status folds it into the campaign journals`,
        isInsecure
          ? '  signatures NOT verified (--insecure-no-verify)'
          : `  ed25519 signatures verified with the key in ${keyFile ?? ''}; timestamps more than ${Math.round(maxAgeMs / 1000)} s off refused; bodies over ${MAX_BODY_BYTES} bytes refused`,
        campaigns.length === 0 ? '  every porting-order and port-out event kept' : `  porting events kept for campaigns ${campaigns.join(', ')} (and orders no journal knows yet); port-out events all kept`,
        '  SIGTERM or Ctrl-C stops',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      else context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    await inbox.close();
    context.stdout.write(`bulkport listen: stopped; ${counts.added} events written, ${counts['already-seen']} already there, ${counts.ignored} ignored, ${counts.refused} requests refused\n`);
    return ExitCode.OK;
  },
});

/** One line per request: accepted ones on stdout (not with --quiet), refusals on stderr. Never the body. */
function logRequest(outcome: RequestOutcome, remote: string, isQuiet: boolean, context: CommandContext): void {
  const at = context.now().toISOString();
  if (outcome.kind === 'refused') {
    context.stderr.write(`${at} ${outcome.status} refused from ${remote}: ${outcome.reason}\n`);
    return;
  }
  if (isQuiet) return;
  // Type and id come from the body: shown only as short printable text (a log line stays one line).
  const what = `${printable(outcome.eventType)} ${printable(outcome.eventId)}`;
  if (outcome.kind === 'ignored') context.stdout.write(`${at} 200 ignored ${what}: ${outcome.reason}\n`);
  else context.stdout.write(`${at} 200 ${outcome.kind === 'added' ? 'written' : 'already in the inbox'} ${what}${outcome.subject === undefined ? '' : ` (${outcome.feed === 'porting' ? 'order' : 'port-out'} ${printable(outcome.subject)})`}\n`);
}

function printable(text: string): string {
  const clean = text.replace(/[^\x21-\x7e]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
