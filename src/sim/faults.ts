import { seededUnit } from './seeded-hash.js';

export const FAULT_KINDS = [
  '5xx',
  'drop',
  'slow',
  'lost-create',
  'slow-download',
  'webhook-drop',
  'webhook-delay',
  'webhook-duplicate',
  'webhook-reorder',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds that hit webhook deliveries (the simulator's POSTs to webhook URLs), never API requests. */
const WEBHOOK_FAULT_KINDS: readonly FaultKind[] = ['webhook-drop', 'webhook-delay', 'webhook-duplicate', 'webhook-reorder'];

/**
 * One fault rule. `rate` is the share of matching requests hit (0–1); `ms` the delay of `slow`
 * and the duration of a `slow-download`; `endpoints` limits the rule to endpoint names such as
 * `POST /porting_orders`; `count` stops the rule after that many hits.
 * Webhook kinds hit delivery attempts instead (their `endpoints` are event types such as
 * `porting_order.status_changed`; their `ms` is simulated time): `webhook-drop` loses the attempt
 * (it is retried with backoff), `webhook-delay` sends it `ms` later, `webhook-duplicate` sends it
 * twice, `webhook-reorder` holds it back until the next delivery to the same URL went out (at most `ms`).
 */
export interface FaultRule {
  readonly kind: FaultKind;
  readonly rate: number;
  readonly ms?: number;
  readonly endpoints?: readonly string[];
  readonly count?: number;
}

/** What to do to one request. */
export interface FaultPlan {
  /** Answer with this 5xx status instead of handling the request. */
  readonly serverError?: number;
  /** Destroy the connection without answering or handling. */
  readonly drop?: boolean;
  /** Wait this long before handling (a client with a shorter timeout gives up first). */
  readonly delayMs?: number;
  /** Handle the request (the order is created), then destroy the connection: the answer is lost. */
  readonly loseResponse?: boolean;
  /** Stream the body in small chunks spread over this many milliseconds. */
  readonly slowBodyMs?: number;
}

const DEFAULT_SLOW_MS = 5_000;
const DEFAULT_SLOW_DOWNLOAD_MS = 3_000;
const DEFAULT_WEBHOOK_DELAY_MS = 30_000;
const DEFAULT_WEBHOOK_REORDER_MS = 60_000;

/** What to do to one webhook delivery attempt. */
export interface WebhookFaultPlan {
  readonly drop?: boolean;
  readonly delayMs?: number;
  readonly duplicate?: boolean;
  readonly reorderMs?: number;
}
const SERVER_ERRORS = [500, 502, 503] as const;

/**
 * Seeded fault injection. Whether the k-th request of an endpoint is hit depends only on the seed,
 * the rule, the endpoint and k, so a failing run replays exactly whatever else runs concurrently.
 */
export class FaultInjector {
  readonly #seed: string;
  #rules: Array<FaultRule & { hits: number }> = [];
  readonly #injected = new Map<FaultKind, number>();

  constructor(seed: string, rules: readonly FaultRule[] = []) {
    this.#seed = seed;
    this.set(rules);
  }

  /** Replaces every rule (a spec string like `5xx=0.05,slow=0.01:5000` or rule objects). */
  set(rules: string | readonly FaultRule[]): void {
    const parsed = typeof rules === 'string' ? parseFaultSpec(rules) : rules.map(validateRule);
    this.#rules = parsed.map((rule) => ({ ...rule, hits: 0 }));
  }

  add(rule: FaultRule): void {
    this.#rules.push({ ...validateRule(rule), hits: 0 });
  }

  clear(): void {
    this.#rules = [];
  }

  rules(): FaultRule[] {
    return this.#rules.map(({ hits: _hits, ...rule }) => rule);
  }

  /** Faults injected so far, by kind. */
  injectedCounts(): Record<string, number> {
    return Object.fromEntries(this.#injected);
  }

  resetCounts(): void {
    this.#injected.clear();
  }

  /** Decides the faults for the `ordinal`-th (1-based) request of `endpoint`. */
  plan(endpoint: string, ordinal: number): FaultPlan {
    const plan: { -readonly [K in keyof FaultPlan]: FaultPlan[K] } = {};
    for (const rule of this.#rules) {
      if (WEBHOOK_FAULT_KINDS.includes(rule.kind) || !appliesTo(rule, endpoint)) continue;
      if (rule.count !== undefined && rule.hits >= rule.count) continue;
      const draw = seededUnit(this.#seed, 'fault', rule.kind, endpoint, ordinal);
      if (draw >= rule.rate) continue;
      rule.hits += 1;
      this.#injected.set(rule.kind, (this.#injected.get(rule.kind) ?? 0) + 1);
      switch (rule.kind) {
        case '5xx':
          plan.serverError = SERVER_ERRORS[Math.floor(seededUnit(this.#seed, 'fault-status', endpoint, ordinal) * SERVER_ERRORS.length)] ?? 500;
          break;
        case 'drop':
          plan.drop = true;
          break;
        case 'slow':
          plan.delayMs = rule.ms ?? DEFAULT_SLOW_MS;
          break;
        case 'lost-create':
          plan.loseResponse = true;
          break;
        case 'slow-download':
          plan.slowBodyMs = rule.ms ?? DEFAULT_SLOW_DOWNLOAD_MS;
          break;
        default:
          break;
      }
    }
    return plan;
  }

  /** Decides the faults for the `ordinal`-th (1-based) webhook delivery attempt, of an event of `eventType`. */
  planWebhook(eventType: string, ordinal: number): WebhookFaultPlan {
    const plan: { -readonly [K in keyof WebhookFaultPlan]: WebhookFaultPlan[K] } = {};
    for (const rule of this.#rules) {
      if (!WEBHOOK_FAULT_KINDS.includes(rule.kind)) continue;
      if (rule.endpoints !== undefined && !rule.endpoints.includes(eventType)) continue;
      if (rule.count !== undefined && rule.hits >= rule.count) continue;
      if (seededUnit(this.#seed, 'fault', rule.kind, 'webhook', ordinal) >= rule.rate) continue;
      rule.hits += 1;
      this.#injected.set(rule.kind, (this.#injected.get(rule.kind) ?? 0) + 1);
      if (rule.kind === 'webhook-drop') plan.drop = true;
      else if (rule.kind === 'webhook-delay') plan.delayMs = rule.ms ?? DEFAULT_WEBHOOK_DELAY_MS;
      else if (rule.kind === 'webhook-duplicate') plan.duplicate = true;
      else plan.reorderMs = rule.ms ?? DEFAULT_WEBHOOK_REORDER_MS;
    }
    return plan;
  }
}

function appliesTo(rule: FaultRule, endpoint: string): boolean {
  if (rule.endpoints !== undefined) return rule.endpoints.includes(endpoint);
  if (rule.kind === 'lost-create') return isCreateEndpoint(endpoint);
  if (rule.kind === 'slow-download') return isDownloadEndpoint(endpoint);
  return true;
}

/** POSTs that create something (not checks or order actions): the calls a client must never blindly retry. */
function isCreateEndpoint(endpoint: string): boolean {
  return endpoint.startsWith('POST ') && !endpoint.includes('/actions/') && endpoint !== 'POST /portability_checks';
}

function isDownloadEndpoint(endpoint: string): boolean {
  return endpoint.startsWith('GET ') && (endpoint.endsWith('/download') || endpoint.endsWith('/loa_template'));
}

/**
 * Parses `--faults`: comma-separated `kind=rate[:ms]`, e.g. `5xx=0.05,drop=0.02,slow=0.01:5000,
 * lost-create=0.1,slow-download=0.2:3000,webhook-drop=0.1,webhook-delay=0.1:60000,webhook-duplicate=0.05,
 * webhook-reorder=0.05`.
 */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z0-9-]+)=([0-9.]+)(?::(\d+))?$/i.exec(part);
    if (!match) {
      throw new RangeError(`--faults: expected kind=rate[:ms] (e.g. 5xx=0.05,slow=0.01:5000), got "${part}"`);
    }
    const [, kind = '', rate = '', ms] = match;
    const rule: FaultRule = ms === undefined ? { kind: kind as FaultKind, rate: Number(rate) } : { kind: kind as FaultKind, rate: Number(rate), ms: Number(ms) };
    rules.push(validateRule(rule));
  }
  return rules;
}

function validateRule(rule: FaultRule): FaultRule {
  if (!(FAULT_KINDS as readonly string[]).includes(rule.kind)) {
    throw new RangeError(`fault kind: expected one of ${FAULT_KINDS.join(', ')}, got "${rule.kind}"`);
  }
  if (!Number.isFinite(rule.rate) || rule.rate < 0 || rule.rate > 1) {
    throw new RangeError(`fault ${rule.kind}: expected a rate from 0 to 1, got ${String(rule.rate)}`);
  }
  if (rule.ms !== undefined && (!Number.isFinite(rule.ms) || rule.ms < 0)) {
    throw new RangeError(`fault ${rule.kind}: expected milliseconds from 0 up, got ${String(rule.ms)}`);
  }
  return rule;
}
