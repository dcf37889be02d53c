import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted server does with one request. */
export type ScriptedAnswer =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string>; readonly delayMs?: number }
  | { readonly drop: true }
  | { readonly hang: true }
  /** A body sent as these exact bytes (HTML pages, broken JSON, `null`), with its own content type. */
  | { readonly status: number; readonly raw: string | Buffer; readonly contentType: string; readonly headers?: Record<string, string> }
  /** A body that never ends: `chunk` written again as soon as the socket drains, until the client goes. */
  | { readonly status: number; readonly endless: string; readonly contentType: string }
  /** Slowloris: headers at once, then one byte of `trickle` every `everyMs`, forever. */
  | { readonly status: number; readonly trickle: string; readonly everyMs: number; readonly contentType: string }
  /** Forwarded to `upstream` (a simulator) as it came, and its answer passed back. */
  | { readonly proxy: true };

export interface ScriptedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly authorization: string | undefined;
  /** 1-based position among all requests the server received. */
  readonly sequence: number;
}

export interface ScriptedServer {
  readonly baseURL: string;
  readonly requests: ScriptedRequest[];
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/**
 * A tiny real HTTP server for scheduler tests: each request is answered by `script`, which may
 * delay, drop the connection or never answer. It counts requests and the most in flight at once,
 * from arrival to the end of the response, as the simulator does.
 */
export async function startScriptedServer(
  script: (request: ScriptedRequest) => ScriptedAnswer,
  /** Where `{ proxy: true }` answers come from: a base URL ending in `/v2`. */
  upstream?: string,
): Promise<ScriptedServer> {
  const timers = new Set<NodeJS.Timeout>();
  const requests: ScriptedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let ended = false;
    const end = (): void => {
      if (!ended) inFlight -= 1;
      ended = true;
    };
    res.on('finish', end);
    res.on('close', end);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: ScriptedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: text === '' ? undefined : parseMaybe(text),
        authorization: req.headers.authorization,
        sequence: requests.length + 1,
      };
      requests.push(request);
      const answer = script(request);
      if ('drop' in answer) {
        req.socket.destroy();
        return;
      }
      if ('hang' in answer) {
        hanging.add(res);
        return;
      }
      if ('proxy' in answer) {
        if (upstream === undefined) throw new Error('scripted server: a proxy answer needs an upstream');
        const url = upstream.replace(/\/v2$/, '') + (req.url ?? '/');
        const headers: Record<string, string> = {};
        for (const name of ['authorization', 'content-type', 'accept']) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        void fetch(url, { method: req.method ?? 'GET', headers, body: text === '' ? undefined : text, redirect: 'manual' })
          .then(async (upstreamAnswer) => {
            const bytes = Buffer.from(await upstreamAnswer.arrayBuffer());
            res.writeHead(upstreamAnswer.status, { 'content-type': upstreamAnswer.headers.get('content-type') ?? 'application/json' });
            res.end(bytes.length === 0 ? undefined : bytes);
          })
          .catch(() => req.socket.destroy());
        return;
      }
      if ('raw' in answer) {
        res.writeHead(answer.status, { 'content-type': answer.contentType, ...answer.headers });
        res.end(answer.raw);
        return;
      }
      if ('endless' in answer) {
        res.writeHead(answer.status, { 'content-type': answer.contentType });
        const pump = (): void => {
          while (!res.destroyed && res.write(answer.endless));
        };
        res.on('drain', pump);
        pump();
        return;
      }
      if ('trickle' in answer) {
        res.writeHead(answer.status, { 'content-type': answer.contentType });
        res.flushHeaders();
        let index = 0;
        const timer = setInterval(() => {
          if (res.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
            return;
          }
          res.write(answer.trickle[index % answer.trickle.length] ?? ' ');
          index += 1;
        }, answer.everyMs);
        timers.add(timer);
        return;
      }
      const send = (): void => {
        const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.status === 204 ? undefined : body);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v2`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function portabilityAnswer(body: unknown, headers?: Record<string, string>): ScriptedAnswer {
  const numbers = (body as { phone_numbers?: string[] } | undefined)?.phone_numbers ?? [];
  return {
    status: 201,
    headers,
    body: {
      data: numbers.map((n) => ({ phone_number: n, portable: true, fast_portable: false, not_portable_reason: '', record_type: 'portability_check_result' })),
    },
  };
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
