import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted server does with one request. */
export type ScriptedAnswer =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string>; readonly delayMs?: number }
  | { readonly drop: true }
  | { readonly hang: true };

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
export async function startScriptedServer(script: (request: ScriptedRequest) => ScriptedAnswer): Promise<ScriptedServer> {
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
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
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
