import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../core/errors.js';
import type { CampaignOrderIndex } from './campaign-order-index.js';
import type { EventsInbox } from './inbox.js';
import { readWebhookEvent } from './webhook-event.js';
import type { WebhookVerifier } from './webhook-signature.js';

/**
 * Largest webhook body accepted. Telnyx porting and port-out webhooks are a few kilobytes (a port-out
 * lists its numbers: 1,000 numbers is about 20 KB); anything far larger is not one.
 */
export const MAX_BODY_BYTES = 256 * 1024;
/** A body declared or sent beyond this is not read at all: the connection is closed after the 413. */
const DISCARD_LIMIT_BYTES = 16 * MAX_BODY_BYTES;
/** Connections at once: bounds the memory of bodies being read (256 × MAX_BODY_BYTES = 64 MiB). */
const MAX_CONNECTIONS = 256;
/** How long a shutdown waits for requests under way before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** What happened to one request, as the log line and the counters see it. */
export type RequestOutcome =
  | { readonly kind: 'added' | 'already-seen'; readonly status: 200; readonly feed: string; readonly eventType: string; readonly eventId: string; readonly subject: string | undefined }
  | { readonly kind: 'ignored'; readonly status: 200; readonly eventType: string; readonly eventId: string; readonly reason: string }
  | { readonly kind: 'refused'; readonly status: 400 | 401 | 403 | 405 | 413 | 500 | 503; readonly reason: string };

export interface ListenServerOptions {
  readonly host: string;
  readonly port: number;
  readonly inbox: EventsInbox;
  /** undefined only with --insecure-no-verify. */
  readonly verifier: WebhookVerifier | undefined;
  /** `--campaign`: keep only porting events of these campaigns' orders (and of orders no journal knows yet). */
  readonly campaigns: CampaignOrderIndex | undefined;
  /** One call per request, after it was answered. */
  readonly onRequest: (outcome: RequestOutcome, remote: string) => void;
}

export interface ListenServer {
  /** `http://host:port/` as bound (port 0 picks a free one). */
  readonly url: string;
  /** Stops accepting, lets requests under way finish (their events reach the inbox), then closes. */
  close(): Promise<void>;
}

/**
 * The HTTP side of `bulkport listen`: every POST is a webhook. Order of checks: size (413), signature
 * and timestamp (401 unsigned, 403 mis-signed or stale), then the body (400 malformed), and only then
 * the inbox: 200 is sent once the event is durable (or was already there), 503 when it could not be
 * written (Telnyx retries). Events of other Telnyx products and, with --campaign, of other campaigns'
 * orders get 200 and are not written, so Telnyx does not retry them.
 */
export async function startListenServer(options: ListenServerOptions): Promise<ListenServer> {
  let isClosing = false;
  const underWay = new Set<Promise<void>>();
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (req, res) => {
    const handled = handle(req, res, options, () => isClosing).catch((error: unknown) => {
      // A bug, not a request problem: answer 500 so Telnyx retries, and say so.
      if (!res.headersSent) res.writeHead(500, { connection: 'close' }).end();
      options.onRequest({ kind: 'refused', status: 500, reason: `internal error: ${error instanceof Error ? error.message : String(error)}` }, remoteOf(req));
    });
    underWay.add(handled);
    void handled.finally(() => underWay.delete(handled));
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new ConfigError(
          `listen: cannot listen on ${options.host}:${options.port} (${error.code ?? error.message})`,
          error.code === 'EADDRINUSE' ? 'Another program uses that port: stop it or choose another --port.' : 'Check --host (an address of this machine) and --port (1 to 65535; below 1024 needs privileges).',
        ),
      );
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    close: async () => {
      isClosing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
      await Promise.race([Promise.all([...underWay]), grace]);
      server.closeAllConnections();
      await closed;
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ListenServerOptions, isClosing: () => boolean): Promise<void> {
  const outcome = await decide(req, options);
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (isClosing() || outcome.status === 413) headers.connection = 'close';
  if (outcome.status === 405) headers.allow = 'POST';
  // The answer names the outcome (and for a refusal, the reason, which never quotes the request).
  res.writeHead(outcome.status, headers).end(`${outcome.kind === 'refused' ? outcome.reason : outcome.kind}\n`);
  options.onRequest(outcome, remoteOf(req));
}

async function decide(req: IncomingMessage, options: ListenServerOptions): Promise<RequestOutcome> {
  if (req.method !== 'POST') {
    req.resume();
    return { kind: 'refused', status: 405, reason: `method ${req.method ?? '?'}: webhooks are POSTed` };
  }
  const body = await readBody(req);
  if (body.kind === 'cut-off') return { kind: 'refused', status: 400, reason: 'the request body was cut off' };
  if (body.kind === 'oversized') return { kind: 'refused', status: 413, reason: `oversized: ${body.size === undefined ? 'the body' : `a body of ${body.size} bytes`} is over the ${MAX_BODY_BYTES}-byte limit` };
  if (options.verifier !== undefined) {
    const check = await options.verifier.check(body.text, flatten(req.headers));
    if (!check.isValid) return { kind: 'refused', status: check.status, reason: check.reason };
  }
  const read = readWebhookEvent(body.text);
  if (read.kind === 'malformed') return { kind: 'refused', status: 400, reason: `malformed: ${read.reason}` };
  if (read.kind === 'other') return { kind: 'ignored', status: 200, eventType: read.eventType, eventId: read.id, reason: 'not a porting-order or port-out event' };
  const { feed, event, subjectIds } = read;
  if (options.campaigns !== undefined && feed === 'porting' && (await options.campaigns.match(subjectIds)) === 'other-campaign') {
    return { kind: 'ignored', status: 200, eventType: event.event_type, eventId: event.id, reason: 'an order of a campaign not given with --campaign' };
  }
  try {
    const result = await options.inbox.add(feed, event);
    return { kind: result, status: 200, feed, eventType: event.event_type, eventId: event.id, subject: subjectIds[0] };
  } catch (error) {
    return { kind: 'refused', status: 503, reason: `not written (Telnyx will retry): ${error instanceof Error ? error.message : String(error)}` };
  }
}

type Body = { readonly kind: 'body'; readonly text: string } | { readonly kind: 'oversized'; readonly size: number | undefined } | { readonly kind: 'cut-off' };

/** The raw body as text (what the signature covers), or `oversized` past MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > DISCARD_LIMIT_BYTES) {
    req.destroy();
    return { kind: 'oversized', size: declared };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > DISCARD_LIMIT_BYTES) {
        req.destroy();
        return { kind: 'oversized', size: undefined };
      }
      // Past the limit the rest is read and dropped, so the client gets the 413 rather than a reset.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    }
  } catch {
    return { kind: 'cut-off' };
  }
  if (size > MAX_BODY_BYTES) return { kind: 'oversized', size };
  return { kind: 'body', text: Buffer.concat(chunks).toString('utf8') };
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function remoteOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '?';
}
