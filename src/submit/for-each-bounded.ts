/**
 * Runs `work` for every item with at most `width` running at once, pulling items one by one (no
 * promise per item up front: 1,000 parts are 1,000 closures only as they start). A run problem
 * thrown by one item stops the others from starting new items; items already running finish (their
 * outcome is journaled), then the first error is rethrown.
 */
export async function forEachBounded<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(width, items.length); i += 1) workers.push(worker());
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
}
