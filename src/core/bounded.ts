import pLimit from 'p-limit';

/**
 * The one way to run many things at once (p-limit): at most `width` run at a time. Bounded fan-out
 * only; pacing Telnyx calls is the scheduler's gate, which every call passes through anyway.
 */

/**
 * Runs `work` for every item, at most `width` at once. A run problem thrown by one item stops the
 * others from starting; items already running finish (their outcome is journaled), then the first
 * error is rethrown.
 */
export async function forEachBounded<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const limit = pLimit(Math.max(1, width));
  let failure: { error: unknown } | undefined;
  await Promise.all(
    items.map((item) =>
      limit(async () => {
        if (failure !== undefined) return;
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
        }
      }),
    ),
  );
  if (failure !== undefined) throw failure.error;
}

/** `fn` over every item, at most `width` at once; the answers in item order. The first error rejects (others already running finish). */
export async function mapBounded<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(Math.max(1, width));
  return Promise.all(items.map((item) => limit(() => fn(item))));
}

/** `count` copies of a worker that pulls from a shared queue of its own (a queue that can give work back). */
export async function runWorkers(count: number, worker: () => Promise<void>): Promise<void> {
  await mapBounded(Array.from({ length: Math.max(1, count) }), count, worker);
}
