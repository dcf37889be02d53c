import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook POST as a receiver got it: the raw body (what the signature covers) and the headers. */
export interface ReceivedWebhook {
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly event: { data: { id: string; event_type: string; occurred_at: string; payload: unknown; record_type: string }; meta: { attempt: number; delivered_to: string } };
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Answer the next `count` requests with `status` instead of 200. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

/** A loopback HTTP server that records every webhook and answers 200 (or what `failNext` says). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failures.count > 0) {
        failures.count -= 1;
        res.writeHead(failures.status).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ body, headers: flatten(req.headers), event: JSON.parse(body) as ReceivedWebhook['event'] });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    failNext: (count, status = 500) => {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}
