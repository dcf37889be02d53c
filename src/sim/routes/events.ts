import type { EventFeed, EventLog } from '../events/event-log.js';
import { noContent, ok, SimApiError } from '../http.js';
import type { Router } from '../router.js';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

export interface EventRouteDeps {
  readonly log: EventLog;
  readonly webhooks: WebhookDispatcher;
  /** Brings orders and port-outs up to the clock, so every change due by now is an event. */
  readonly catchUp: () => void;
  /** Moves a port-out's FOC date (the `/_sim/portouts/:id/foc` control). */
  readonly moveFocDate: (portoutId: string, focMs: number) => void;
}

/**
 * `GET /porting/events`, `/porting/events/{id}`, `POST /porting/events/{id}/republish` and the same for
 * `/portouts/events`. Test controls (no auth, not counted): `GET /_sim/webhooks` (public key, account
 * URL) · `POST /_sim/webhooks {url}` (the account's notification URL; null clears) ·
 * `GET /_sim/webhooks/deliveries` · `POST /_sim/webhooks/idle` (answers once nothing is due or under way) ·
 * `POST /_sim/portouts/:id/foc {foc_date}`.
 */
export function registerEventRoutes(router: Router, deps: EventRouteDeps): void {
  const feeds: ReadonlyArray<[EventFeed, string]> = [
    ['porting', '/porting/events'],
    ['portout', '/portouts/events'],
  ];
  for (const [feed, path] of feeds) {
    router.add('GET', path, (request) => {
      deps.catchUp();
      return ok(deps.log.list(feed, request.query));
    });
    router.add('GET', `${path}/:id`, (request) => {
      deps.catchUp();
      return ok({ data: deps.log.get(feed, request.params.id ?? '').json });
    });
    router.add('POST', `${path}/:id/republish`, (request) => {
      deps.catchUp();
      deps.webhooks.enqueue(deps.log.get(feed, request.params.id ?? ''), true);
      return noContent();
    });
  }

  router.add('GET', '/_sim/webhooks', () => ok({ public_key: deps.webhooks.publicKey, account_url: deps.webhooks.accountUrl ?? null }));
  router.add('POST', '/_sim/webhooks', (request) => {
    const url = (request.body as { url?: unknown } | undefined)?.url;
    if (url !== null && (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url))) {
      throw SimApiError.invalid('/url', `url: expected an http(s) URL or null, got ${JSON.stringify(url)}`);
    }
    deps.webhooks.accountUrl = url ?? undefined;
    return ok({ public_key: deps.webhooks.publicKey, account_url: url });
  });
  router.add('GET', '/_sim/webhooks/deliveries', () => ok({ data: deps.webhooks.deliveries() }));
  router.add('POST', '/_sim/webhooks/idle', async () => {
    deps.catchUp();
    await deps.webhooks.idle();
    return ok({ data: deps.webhooks.deliveries().length });
  });
  router.add('POST', '/_sim/portouts/:id/foc', (request) => {
    const focDate = (request.body as { foc_date?: unknown } | undefined)?.foc_date;
    const focMs = typeof focDate === 'string' ? Date.parse(focDate) : Number.NaN;
    if (Number.isNaN(focMs)) throw SimApiError.invalid('/foc_date', `foc_date: expected an ISO 8601 date-time, got ${JSON.stringify(focDate)}`);
    deps.moveFocDate(request.params.id ?? '', focMs);
    return ok({ data: { id: request.params.id, foc_date: new Date(focMs).toISOString() } });
  });
}
