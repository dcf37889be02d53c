// `npm run bench -- listen [requests] [inboxEvents]`: how fast `bulkport listen` takes webhooks and how its
// events inbox reads when it has grown (issue 14). Part 1 POSTs `requests` signed webhooks (default 2,000)
// to the receiver over loopback, one at a time and 16 at once: each answer comes after the event's line is
// fdatasync'd (group commit shares a sync between concurrent requests), so the rate is the disk's. Part 2
// writes an inbox of `inboxEvents` events (default 200,000, a large campaign's months of events) and times
// what grows with it: `listen`'s start (it reads every id it has) and a full `readEventsInbox` from 0 (a
// consumer's first read; later reads start at their offset).
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventsInbox, eventsInboxPath, readEventsInbox } from '../src/events/inbox.js';
import { startListenServer } from '../src/events/listen-server.js';
import { WebhookVerifier } from '../src/events/webhook-signature.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data', 'listen');
const requestCount = Number(process.argv[2] ?? 2000);
const inboxEvents = Number(process.argv[3] ?? 200_000);
const context = { command: 'listen', now: () => new Date(), notice: () => undefined };

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeyBase64 = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64');

function webhook(i: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    data: {
      event_type: 'porting_order.status_changed',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurred_at: new Date().toISOString(),
      payload: { id: `order-${i % 500}`, customer_reference: 'bp-0123456789abcdef', status: { value: 'in-process', details: [] }, support_key: 'sr_1', updated_at: new Date().toISOString() },
      record_type: 'event',
    },
    meta: { attempt: 1, delivered_to: 'https://hooks.example.com/telnyx' },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { body, headers: { 'content-type': 'application/json', 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': sign(null, Buffer.from(`${timestamp}|${body}`), privateKey).toString('base64') } };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function throughput(concurrency: number, offset: number): Promise<void> {
  const stateDir = path.join(dataDir, `throughput-${concurrency}`);
  rmSync(stateDir, { recursive: true, force: true });
  const inbox = await EventsInbox.open(stateDir, context);
  const server = await startListenServer({ host: '127.0.0.1', port: 0, inbox, verifier: new WebhookVerifier(publicKeyBase64, 300_000, () => new Date()), campaigns: undefined, onRequest: () => undefined });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requestCount) {
        const { body, headers } = webhook(offset + next);
        next += 1;
        const t0 = performance.now();
        const response = await fetch(server.url, { method: 'POST', headers, body });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`answer ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  await inbox.close();
  latencies.sort((a, b) => a - b);
  console.log(
    `  ${String(concurrency).padStart(2)} at once: ${requestCount} webhooks in ${seconds.toFixed(2)} s = ${Math.round(requestCount / seconds)}/s; latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
}

async function largeInbox(): Promise<void> {
  const stateDir = path.join(dataDir, 'large');
  rmSync(stateDir, { recursive: true, force: true });
  const file = eventsInboxPath(stateDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const lines: string[] = [];
  for (let i = 0; i < inboxEvents; i += 1) {
    const event = JSON.parse(webhook(i).body) as { data: { id: string; event_type: string; occurred_at: string; payload: unknown } };
    lines.push(
      JSON.stringify({
        feed: 'porting',
        received_at: event.data.occurred_at,
        event: { id: event.data.id, event_type: event.data.event_type, created_at: event.data.occurred_at, porting_order_id: `order-${i % 500}`, payload: event.data.payload, record_type: 'porting_event' },
      }),
    );
  }
  const text = `${lines.join('\n')}\n`;
  writeFileSync(file, text, { mode: 0o600 });
  console.log(`  inbox of ${inboxEvents.toLocaleString('en-US')} events, ${(text.length / 1e6).toFixed(1)} MB:`);
  const rss0 = process.memoryUsage().rss;
  let t0 = performance.now();
  const inbox = await EventsInbox.open(stateDir, context);
  console.log(`    listen start (reads every id): ${(performance.now() - t0).toFixed(0)} ms, ${inbox.eventCount.toLocaleString('en-US')} ids`);
  await inbox.close();
  t0 = performance.now();
  const read = await readEventsInbox(stateDir, 0);
  console.log(`    readEventsInbox from 0: ${(performance.now() - t0).toFixed(0)} ms, ${read.entries.length.toLocaleString('en-US')} entries, rss +${Math.round((process.memoryUsage().rss - rss0) / 1e6)} MB`);
  const tail = Math.max(0, read.nextOffset - 100 * Math.round(text.length / inboxEvents));
  t0 = performance.now();
  const recent = await readEventsInbox(stateDir, tail);
  console.log(`    readEventsInbox of the last ~100 events (from an offset): ${(performance.now() - t0).toFixed(1)} ms, ${recent.entries.length} entries`);
}

console.log(`listen: ${requestCount} signed webhooks over loopback, each answered after its line is synced`);
await throughput(1, 0);
await throughput(16, requestCount);
await largeInbox();
rmSync(dataDir, { recursive: true, force: true });
