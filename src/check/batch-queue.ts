import type { NumberRecord } from '../core/records.js';

/**
 * Cuts the numbers to check into batches as workers ask for them, so a smaller batch size
 * learned from the server applies to everything not yet sent. Batches sent back (after a size
 * rejection) go out before new ones.
 */
export class BatchQueue {
  readonly #records: readonly NumberRecord[];
  #cursor = 0;
  #batchSize: number;
  readonly #returned: NumberRecord[][] = [];

  constructor(records: readonly NumberRecord[], batchSize: number) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size: expected a whole number from 1, got ${batchSize}`);
    this.#records = records;
    this.#batchSize = batchSize;
  }

  get batchSize(): number {
    return this.#batchSize;
  }

  next(): NumberRecord[] | undefined {
    const returned = this.#returned.shift();
    if (returned !== undefined) return returned;
    if (this.#cursor >= this.#records.length) return undefined;
    const batch = this.#records.slice(this.#cursor, this.#cursor + this.#batchSize);
    this.#cursor += batch.length;
    return batch;
  }

  /** The server refused `batch` for its size: halve the batch size and send it again in pieces. */
  shrinkAndReturn(batch: readonly NumberRecord[]): void {
    this.#batchSize = Math.max(1, Math.min(this.#batchSize, Math.floor(batch.length / 2)));
    for (let start = 0; start < batch.length; start += this.#batchSize) {
      this.#returned.push(batch.slice(start, start + this.#batchSize));
    }
  }

  /** Sends these numbers again as one batch (what is left of a batch after some numbers were refused). */
  giveBack(batch: readonly NumberRecord[]): void {
    if (batch.length > 0) this.#returned.push([...batch]);
  }

  /** Records never handed out: a stopped run leaves them unchecked. */
  get remainingCount(): number {
    return this.#records.length - this.#cursor + this.#returned.reduce((sum, b) => sum + b.length, 0);
  }
}
