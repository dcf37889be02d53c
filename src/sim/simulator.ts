/**
 * The embedded Telnyx porting API simulator (docs/design.md §8).
 *
 * Adding a route module (how reports and port-outs plug in):
 *   1. Create `src/sim/routes/<area>.ts` exporting `registerXRoutes(router: Router, ctx: SimContext): void`.
 *   2. In it, `router.add('GET', '/porting/reports/:id', (request) => ok({ data }))` — paths are below
 *      `/v2`; `:name` segments arrive in `request.params`; `request.body` is the parsed JSON body and
 *      `request.query` the URLSearchParams. Throw `SimApiError` (`notFound`, `invalid(pointer, …)`)
 *      for Telnyx error envelopes; use `paginate(items, request.query)` for lists and `filterValues` /
 *      `deepFilters` for `filter[…]`. Auth, rate limit, faults, holds and stats are applied for you.
 *   3. Keep state in `ctx.moduleState('area', () => ({ … }))` (JSON-serializable: saved in the state
 *      file), read time from `ctx.clock` (never Date.now), derive choices from `ctx.seed`, store CSVs
 *      with `ctx.documents.create({ bytes, filename, contentType, isLinked: true })`, and read orders
 *      with `ctx.listPortingOrders()`.
 *   4. Register it in `startSimulator` below (one import, one call).
 * Test-only controls go under `/_sim/…` (no auth, not counted), e.g. `router.add('POST', '/_sim/…')`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEY_BULKPORT_DEMO } from './auth.js';
import { SimClock } from './clock.js';
import { DocumentStore } from './documents-store.js';
import { FaultInjector, type FaultRule } from './faults.js';
import { HoldRegistry, type HoldHandle, type HoldPoint } from './hold.js';
import { NumberDirectory } from './number-profile.js';
import { renderOrder } from './orders/order-render.js';
import { OrderStore } from './orders/order-store.js';
import { Router } from './router.js';
import { registerControlRoutes } from './routes/control.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerLoaConfigurationRoutes } from './routes/loa-configurations.js';
import { registerSharingTokenRoutes } from './routes/sharing-tokens.js';
import { registerPortabilityRoutes } from './routes/portability.js';
import { registerPortingOrderPartRoutes } from './routes/porting-order-parts.js';
import { registerPortingOrderRoutes } from './routes/porting-orders.js';
import { registerPortingPhoneNumberRoutes } from './routes/porting-phone-numbers.js';
import { registerAssociatedNumberRoutes } from './routes/associated-numbers.js';
import { registerNumberConfigurationRoutes } from './routes/number-configurations.js';
import { registerUkCarrierRoutes } from './routes/uk-carriers.js';
import { registerNumberRangeRoutes } from './routes/number-ranges.js';
import { registerPortoutRoutes } from './routes/portouts.js';
import { registerActivationRoutes } from './routes/activation-jobs.js';
import { registerOwnershipRoutes } from './routes/ownership.js';
import { registerReportRoutes } from './routes/reports.js';
import { SimServer, type SimExchange } from './sim-server.js';
import type { SimContext, SimSettings } from './state.js';
import { readStateFile, writeStateFile } from './state-file.js';
import { StatsRecorder, type SimStats } from './stats.js';
import { RateLimiter } from './rate-limiter.js';
import { DEFAULT_EVENT_RETENTION_MS, EventLog, EVENTS_MODULE, type EventLogState } from './events/event-log.js';
import { portingEventsFor } from './events/porting-events.js';
import { portoutEventRecorder } from './events/portout-events.js';
import { registerEventRoutes } from './routes/events.js';
import { portoutStore } from './routes/portouts.js';
import { WebhookDispatcher, type WebhookSettings } from './webhooks/webhook-dispatcher.js';
import { generateWebhookKey, type WebhookSigningKey } from './webhooks/webhook-key.js';

export { KEY_BULKPORT_DEMO } from './auth.js';
export type { SimExchange } from './sim-server.js';
export type { SimStats } from './stats.js';
export type { FaultRule } from './faults.js';
export type { HoldHandle, HoldPoint } from './hold.js';
export type { WebhookSigningKey } from './webhooks/webhook-key.js';

export interface SimulatorOptions {
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Accepted bearer keys; default only KEY_BULKPORT_DEMO. */
  readonly apiKeys?: readonly string[];
  /** Requests per second per key (token refill rate); default 50. */
  readonly rate?: number;
  /** Bucket size; default equal to the rate. */
  readonly burst?: number;
  /** Send `Retry-After` on 429 (Telnyx documents none; default false). */
  readonly sendRetryAfter?: boolean;
  /** Simulated seconds per real second; default 1. */
  readonly speed?: number;
  /** Simulated start time; default now (or the state file's clock). */
  readonly startAt?: Date;
  /** Seed of every deterministic choice (carriers, portability, fates, faults); default "bulkport". */
  readonly seed?: string | number;
  /** Fault rules or a spec string such as `5xx=0.05,drop=0.02,slow=0.01:5000`. */
  readonly faults?: string | readonly FaultRule[];
  /** Most numbers per portability check; default none (Telnyx documents no limit; a test may set one). */
  readonly maxCheckBatch?: number;
  /** Share of confirmed orders that hit an exception; default 0.08. */
  readonly exceptionShare?: number;
  /** Share of confirmed multi-number orders split after submission; default 0.05. */
  readonly splitShare?: number;
  /** Share of US FastPort orders whose first activation job fails (a later job completes); default 0.25. */
  readonly activationFailShare?: number;
  /** JSON file that keeps orders, documents and the clock across restarts. */
  readonly stateFile?: string;
  /** Sees every API request and answer (the contract recorder uses it). */
  readonly onExchange?: (exchange: SimExchange) => void;
  /** Simulator bugs (a handler threw something other than SimApiError); default: printed to stderr. */
  readonly onInternalError?: (error: unknown) => void;
  /** The webhook signing key (`--webhook-key-file`); default a new key per start. */
  readonly webhookKey?: WebhookSigningKey;
  /** The account's notification URL: port-out events, and porting events of orders without their own webhook_url. */
  readonly webhookUrl?: string;
  /** Webhook retries, timeout and concurrency. */
  readonly webhooks?: Omit<WebhookSettings, 'accountUrl'>;
  /** How long events are kept (simulated time); default 30 days. */
  readonly eventRetentionMs?: number;
}

export interface SimulatorHandle {
  /** `http://127.0.0.1:PORT/v2`: give it to the SDK as `baseURL`. */
  readonly baseURL: string;
  /** `http://127.0.0.1:PORT`: `/_sim/*` controls live here. */
  readonly origin: string;
  readonly port: number;
  readonly clock: SimClock;
  /** Route-module context: documents, numbers, orders as the API renders them, module state. */
  readonly state: SimContext;
  readonly orders: OrderStore;
  readonly faults: FaultInjector;
  readonly settings: SimSettings;
  /** Every recorded porting and port-out event. */
  readonly events: EventLog;
  /** Signed webhook delivery: `publicKey`, `deliveries()`, `idle()`, `accountUrl`. */
  readonly webhooks: WebhookDispatcher;
  stats(): SimStats;
  resetStats(): void;
  /** Holds the k-th `endpoint` request from now on (e.g. `POST /porting_orders`) until released. */
  hold(endpoint: string, k: number, point?: HoldPoint): HoldHandle;
  /** Moves simulated time forward. */
  advance(ms: number): void;
  /** Saves the state file (if any) and stops; open connections are cut. */
  close(): Promise<void>;
}

const STATE_SAVE_DELAY_MS = 100;
/** Real milliseconds between lifecycle catch-ups (events fall due on the simulated clock even when nobody reads). */
const EVENT_TICK_MS = 1_000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const seed = String(options.seed ?? 'bulkport');
  const snapshot = options.stateFile === undefined ? undefined : readStateFile(options.stateFile);
  const clock = new SimClock({ startMs: options.startAt?.getTime() ?? snapshot?.clockMs, speed: options.speed ?? 1 });
  const settings: SimSettings = {
    maxCheckBatch: options.maxCheckBatch,
    exceptionShare: options.exceptionShare ?? 0.08,
    splitShare: options.splitShare ?? 0.05,
    activationFailShare: options.activationFailShare ?? 0.25,
  };
  const stats = new StatsRecorder();
  const documents = new DocumentStore(clock);
  const numbers = new NumberDirectory(seed);
  // Assigned below, once module state exists; orders only change after the server starts.
  const eventSink: { log?: EventLog } = {};
  const onOrderChange = (change: Parameters<typeof portingEventsFor>[0]): void => {
    for (const event of portingEventsFor(change)) eventSink.log?.record(event);
  };
  const orders = new OrderStore({
    clock,
    seed,
    documents,
    numbers,
    shares: settings,
    onOrderCreated: (reference) => stats.orderCreated(reference),
    onOrderChange,
  });
  const modules = new Map<string, object>();
  if (snapshot) {
    documents.importState(snapshot.documents);
    orders.importState(snapshot.orders);
    for (const [name, value] of Object.entries(snapshot.modules)) modules.set(name, value as object);
  }

  let saveTimer: NodeJS.Timeout | undefined;
  const saveNow = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (options.stateFile === undefined) return;
    writeStateFile(options.stateFile, {
      version: 1,
      clockMs: clock.nowMs(),
      orders: orders.exportState(),
      documents: documents.exportState(),
      modules: Object.fromEntries(modules),
    });
  };
  const markChanged = (): void => {
    if (options.stateFile === undefined || saveTimer) return;
    saveTimer = setTimeout(saveNow, STATE_SAVE_DELAY_MS);
  };

  const moduleState = <T extends object>(name: string, create: () => T): T => {
    let value = modules.get(name);
    if (value === undefined) {
      value = create();
      modules.set(name, value);
    }
    return value as T;
  };
  const events = new EventLog(clock, moduleState<EventLogState>(EVENTS_MODULE, () => ({ seq: 0, events: [] })), options.eventRetentionMs ?? DEFAULT_EVENT_RETENTION_MS);
  eventSink.log = events;
  const ctx: SimContext = {
    clock,
    seed,
    documents,
    numbers,
    listPortingOrders: () => orders.list().map((order) => renderOrder(order, documents, { includeNumbers: true, allNumbers: true })),
    moduleState,
    markChanged,
    portoutObserver: portoutEventRecorder(events),
  };

  const api = new Router();
  registerPortabilityRoutes(api, ctx, settings);
  registerPortingOrderRoutes(api, ctx, orders);
  registerPortingOrderPartRoutes(api, ctx, orders);
  registerActivationRoutes(api, orders);
  registerPortingPhoneNumberRoutes(api, orders);
  registerAssociatedNumberRoutes(api, ctx, orders);
  registerNumberConfigurationRoutes(api, ctx, orders);
  registerUkCarrierRoutes(api, ctx);
  registerNumberRangeRoutes(api, orders);
  registerDocumentRoutes(api, ctx);
  registerReportRoutes(api, ctx);
  registerPortoutRoutes(api, ctx);
  registerLoaConfigurationRoutes(api, ctx);
  const sharingTokens = registerSharingTokenRoutes(api, ctx, orders, events);
  registerOwnershipRoutes(api, ctx, orders);

  const faults = new FaultInjector(seed, []);
  if (options.faults !== undefined) faults.set(options.faults);
  const webhooks = new WebhookDispatcher(clock, options.webhookKey ?? generateWebhookKey(), faults, { ...options.webhooks, accountUrl: options.webhookUrl });
  events.onRecorded((event) => webhooks.enqueue(event));
  /** Lifecycle changes happen lazily on reads; this records them as events (and sends their webhooks) as they fall due. */
  const catchUp = (): void => {
    orders.catchUp();
    portoutStore(ctx).list({});
    sharingTokens.expire();
  };
  registerEventRoutes(api, { log: events, webhooks, catchUp, moveFocDate: (id, focMs) => portoutStore(ctx).moveFocDate(id, focMs) });
  const ticker = setInterval(() => {
    catchUp();
    webhooks.wake();
  }, EVENT_TICK_MS);
  ticker.unref();
  const holds = new HoldRegistry((endpoint) => stats.arrivals(endpoint));
  const hold = (endpoint: string, k: number, point?: HoldPoint): HoldHandle => holds.hold(endpoint, k, point);
  const snapshotStats = (): SimStats => stats.snapshot(faults.injectedCounts());
  const resetStats = (): void => {
    stats.reset();
    faults.resetCounts();
  };
  const advance = (ms: number): void => {
    clock.advance(ms);
    catchUp();
    webhooks.wake();
    markChanged();
  };

  const control = new Router();
  registerControlRoutes(control, { stats: snapshotStats, resetStats, advance, nowIso: () => clock.iso(), faults, hold, orders });

  const rate = options.rate ?? 50;
  const server = new SimServer({
    api,
    control,
    acceptedKeys: new Set(options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [KEY_BULKPORT_DEMO]),
    limiter: new RateLimiter({ ratePerSecond: rate, burst: options.burst ?? Math.max(1, Math.round(rate)) }),
    sendRetryAfter: options.sendRetryAfter ?? false,
    faults,
    holds,
    stats,
    onChange: markChanged,
    onExchange: options.onExchange,
    onInternalError: options.onInternalError ?? ((error) => console.error('bulkport sim: internal error', error)),
    now: () => clock.now(),
  });

  const httpServer = createServer(server.handle);
  // Clients keep connections alive between calls; a short idle timeout frees them on close.
  httpServer.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await listen(httpServer, options.port ?? 0, host);
  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    baseURL: `${origin}/v2`,
    origin,
    port,
    clock,
    state: ctx,
    orders,
    faults,
    settings,
    events,
    webhooks,
    stats: snapshotStats,
    resetStats,
    hold,
    advance,
    close: async () => {
      clearInterval(ticker);
      webhooks.close();
      holds.releaseAll();
      saveNow();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
