import type { ActivationRecord } from './journal-records.js';

/** What the journal knows of one order's activation. */
export interface KnownActivation {
  /** An `activate` was sent (or about to be) without a recorded outcome: look at the server before sending again. */
  readonly isOpen: boolean;
  /** The latest job the journal saw for the order, with its last known status. */
  readonly job: string | undefined;
  readonly jobType: string | undefined;
  readonly jobStatus: string | undefined;
  readonly message: string | undefined;
}

/**
 * The fold of the activation records (`activate-intent`, `activate-result`, `activation-job`), per
 * order. A job's status only moves forward here as records arrive; the server stays the authority
 * (activate reads the jobs whenever the journal's knowledge is not final).
 */
export class ActivationState {
  readonly #orders = new Map<string, KnownActivation>();

  apply(record: ActivationRecord): void {
    const known = this.get(record.order);
    switch (record.t) {
      case 'activate-intent':
        if (record.op === 'activate') this.#orders.set(record.order, { ...known, isOpen: true });
        break;
      case 'activate-result':
        if (record.op !== 'activate') break;
        if (record.outcome === 'done') {
          this.#orders.set(record.order, { isOpen: false, job: record.job, jobType: 'on-demand', jobStatus: record.jobStatus, message: undefined });
        } else {
          // A refusal settles the intent; an unknown outcome leaves it open for the next run to look.
          this.#orders.set(record.order, { ...known, isOpen: record.outcome === 'unknown' });
        }
        break;
      case 'activation-job':
        this.#orders.set(record.order, { ...known, job: record.job, jobType: record.jobType, jobStatus: record.status, message: record.message });
        break;
    }
  }

  get(order: string): KnownActivation {
    return this.#orders.get(order) ?? { isOpen: false, job: undefined, jobType: undefined, jobStatus: undefined, message: undefined };
  }
}
