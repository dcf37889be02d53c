import type { SimClock } from './clock.js';
import type { DocumentStore } from './documents-store.js';
import type { NumberDirectory } from './number-profile.js';
import type { PortingOrderJson } from './orders/porting-order-json.js';
import type { PortoutObserver } from './portouts-store.js';

/**
 * What every route module receives (see the comment at the top of simulator.ts). Route modules keep
 * their own data in `moduleState`, so it is saved in the state file with the rest.
 */
export interface SimContext {
  /** Simulated time: read it for every timestamp and every lifecycle decision. */
  readonly clock: SimClock;
  /** The simulator's seed: derive deterministic choices from it (`seededUnit(ctx.seed, …)`). */
  readonly seed: string;
  /** Uploaded and generated documents (report CSVs are stored here too). */
  readonly documents: DocumentStore;
  /** Carrier, number type and portability of any number. */
  readonly numbers: NumberDirectory;
  /** Every porting order, brought up to the clock, as `GET /porting_orders/{id}` renders it (all phone numbers included). */
  listPortingOrders(): PortingOrderJson[];
  /**
   * A module's own state object, created by `create` on first use (or restored from the state
   * file). It must stay JSON-serializable: plain objects, arrays, strings, numbers, booleans, null.
   */
  moduleState<T extends object>(name: string, create: () => T): T;
  /** Tells the state file that something changed (state-changing requests call it for you). */
  markChanged(): void;
  /** Records port-out changes as events (pass it to every PortoutStore). */
  readonly portoutObserver?: PortoutObserver;
}

/** Settings route modules may read. */
export interface SimSettings {
  /** Most numbers in one `POST /portability_checks` (422 beyond); undefined: no cap, as Telnyx documents none. */
  readonly maxCheckBatch: number | undefined;
  /** Shares of confirmed orders that hit an exception or are split after submission. */
  readonly exceptionShare: number;
  readonly splitShare: number;
  /** Share of US FastPort orders whose first activation job to run fails. */
  readonly activationFailShare: number;
}
