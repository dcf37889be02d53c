import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';

/**
 * The `porting_phone_number_id` of numbers of draft orders: what a phone number configuration (a
 * regulatory bundle) or an extension names. The spec's PortingPhoneNumber shows no `id`, yet these
 * writes need one; the listing's rows carry it (src/sim/DIFFERENCES.md says how the simulator decides).
 * Read once per run, lazily, on the first write that needs an id: `GET /porting_phone_numbers` with
 * `filter[porting_order_status]=draft` (its one filter; sub-resources are only added to drafts), each
 * row kept only when its `porting_order_id` is one of ours. Submit adds sub-resources once every order
 * of the run exists, so one read sees them all.
 */
export class PortingNumberIds {
  readonly #session: ApiSession;
  #listing: Promise<Map<string, Map<string, string>>> | undefined;

  constructor(session: ApiSession) {
    this.#session = session;
  }

  /** e164 → porting phone number id, for the numbers of `orderId` the listing shows with an id. */
  async idsOf(orderId: string, numbers: readonly string[]): Promise<Map<string, string>> {
    const byOrder = await this.#read();
    const ids = new Map<string, string>();
    for (const n of numbers) {
      const id = byOrder.get(orderId)?.get(n);
      if (id !== undefined) ids.set(n, id);
    }
    return ids;
  }

  #read(): Promise<Map<string, Map<string, string>>> {
    if (this.#listing === undefined) {
      const listing = this.#list();
      this.#listing = listing;
      // A failed read is not kept: the next write asks again (and reports its own failure).
      listing.catch(() => {
        if (this.#listing === listing) this.#listing = undefined;
      });
    }
    return this.#listing;
  }

  async #list(): Promise<Map<string, Map<string, string>>> {
    const rows = await this.#session.scheduler.listAll('porting phone numbers of draft orders', (pageNumber, pageSize) =>
      this.#session.client.portingPhoneNumbers.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { porting_order_status: 'draft' } }),
      SHAPES.portingPhoneNumbers,
    );
    const byOrder = new Map<string, Map<string, string>>();
    for (const row of rows as ReadonlyArray<{ phone_number?: string; porting_order_id?: string; id?: unknown }>) {
      if (row.phone_number === undefined || row.porting_order_id === undefined || typeof row.id !== 'string' || row.id === '') continue;
      const numbers = byOrder.get(row.porting_order_id) ?? new Map<string, string>();
      numbers.set(row.phone_number, row.id);
      byOrder.set(row.porting_order_id, numbers);
    }
    return byOrder;
  }
}
