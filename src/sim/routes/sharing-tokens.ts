import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { EventLog } from '../events/event-log.js';
import { sharingTokenExpiredEvent } from '../events/sharing-events.js';
import { ok, SimApiError, type TelnyxErrorObject } from '../http.js';
import type { OrderStore } from '../orders/order-store.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';
import { idOf } from './porting-orders.js';

/** The spec's bounds for `expires_in_seconds` (SharePortingOrder). */
const MAX_EXPIRES_IN_SECONDS = 172_800;
/** Telnyx documents no default; the simulator uses the spec example's hour (DIFFERENCES.md). */
const DEFAULT_EXPIRES_IN_SECONDS = 3_600;
const PERMISSIONS = ['porting_order.document.read', 'porting_order.document.update'] as const;

/** One issued token as the simulator keeps it (the token text itself is not kept: it is shown once). */
interface StoredSharingToken {
  readonly id: string;
  readonly orderId: string;
  readonly permissions: readonly string[];
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  /** Whether its `sharing_token_expired` event is recorded. */
  isExpiryRecorded: boolean;
}

interface SharingTokenState {
  tokens: StoredSharingToken[];
}

const MODULE = 'sharing-tokens';

export interface SharingTokens {
  /** Records `sharing_token_expired` for every token whose expiry the simulated clock has passed. */
  expire(): void;
  /** Every token issued (for tests: ids, orders, expiry). */
  all(): readonly StoredSharingToken[];
}

/**
 * `POST /porting_orders/{id}/actions/share`: a sharing token for the order, valid for
 * `expires_in_seconds` (1 to 172,800) of simulated time, with one permission. There is no way to list
 * or revoke tokens (as in the API). Expiry is recorded as a `porting_order.sharing_token_expired` event.
 */
export function registerSharingTokenRoutes(router: Router, ctx: SimContext, orders: OrderStore, events: EventLog): SharingTokens {
  const state = (): SharingTokenState => ctx.moduleState<SharingTokenState>(MODULE, () => ({ tokens: [] }));
  router.add('POST', '/porting_orders/:id/actions/share', (request) => {
    const order = orders.get(idOf(request));
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const errors: TelnyxErrorObject[] = [];
    const seconds = body.expires_in_seconds ?? DEFAULT_EXPIRES_IN_SECONDS;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRES_IN_SECONDS) {
      errors.push({ code: '10015', title: 'Invalid value', detail: `expires_in_seconds must be an integer from 1 to ${MAX_EXPIRES_IN_SECONDS}`, source: { pointer: '/expires_in_seconds' } });
    }
    const permission = body.permissions ?? 'porting_order.document.read';
    if (typeof permission !== 'string' || !(PERMISSIONS as readonly string[]).includes(permission)) {
      errors.push({ code: '10015', title: 'Invalid value', detail: `permissions must be one of ${PERMISSIONS.join(', ')}`, source: { pointer: '/permissions' } });
    }
    if (errors.length > 0) throw new SimApiError(422, errors);
    const nowMs = ctx.clock.nowMs();
    const stored: StoredSharingToken = {
      id: randomUUID(),
      orderId: order.id,
      permissions: [permission as string],
      createdAtMs: nowMs,
      expiresAtMs: nowMs + (seconds as number) * 1000,
      isExpiryRecorded: false,
    };
    state().tokens.push(stored);
    return ok(
      {
        data: {
          id: stored.id,
          record_type: 'porting_order_sharing_token',
          porting_order_id: order.id,
          permissions: [...stored.permissions],
          expires_in_seconds: seconds,
          expires_at: new Date(stored.expiresAtMs).toISOString(),
          created_at: new Date(nowMs).toISOString(),
          token: signedToken(ctx.seed, stored),
        },
      },
      201,
    );
  });
  return {
    expire: () => {
      const nowMs = ctx.clock.nowMs();
      for (const token of state().tokens) {
        if (token.isExpiryRecorded || token.expiresAtMs > nowMs) continue;
        token.isExpiryRecorded = true;
        const order = orders.list().find((o) => o.id === token.orderId);
        events.record(sharingTokenExpiredEvent(token.orderId, order?.webhookUrl ?? null, token.expiresAtMs));
        ctx.markChanged();
      }
    },
    all: () => state().tokens,
  };
}

/** A JWT-shaped token (HS256 over the claims, keyed by the seed and fresh randomness). */
function signedToken(seed: string, token: StoredSharingToken): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'HS256', typ: 'JWT' });
  const claims = part({ exp: Math.floor(token.expiresAtMs / 1000), iat: Math.floor(token.createdAtMs / 1000), jti: token.id, permissions: token.permissions, porting_order_id: token.orderId });
  const signature = createHmac('sha256', `${seed}:${randomBytes(16).toString('hex')}`).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}
