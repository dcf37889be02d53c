import { AmbiguousCallError, ApiRejectedError } from './api-errors.js';

/**
 * The one rule for every call that is not idempotent (a create, a comment, a cancel, a confirm, a
 * port-out decision): never send it again blindly. No clear answer → look at the server → send again
 * only if it is absent. A refusal of the call itself is an outcome; anything else (a run problem, a
 * failed look) propagates to the caller.
 */
export interface SendOnceSteps<T, F> {
  /** An earlier run may have sent it (its intent is journaled without a result): look before the first send. */
  readonly mayHaveBeenSent: boolean;
  /** Journals the intent (durably) before each send. */
  readonly beforeSend: () => Promise<void>;
  /** The call itself, through the scheduler. */
  readonly send: () => Promise<T>;
  /**
   * What the server shows of it, or undefined when it is absent (a create: the objects listed by its
   * reference; an action: the state it leads to, read back).
   */
  readonly lookForIt: () => Promise<F | undefined>;
  /** Sends at most this many times (default 2; 1 leaves a second send to a later run). */
  readonly maxSends?: number;
}

export type SendOnceOutcome<T, F> =
  /** The call answered. */
  | { readonly kind: 'sent'; readonly answer: T; readonly sentCount: number }
  /** The server has it: from an earlier run (`sentCount` 0) or from a send whose answer was lost. */
  | { readonly kind: 'found'; readonly found: F; readonly sentCount: number }
  /** Telnyx answered the send and said no. */
  | { readonly kind: 'refused'; readonly error: ApiRejectedError; readonly sentCount: number }
  /** Every send got no clear answer and the server does not show it: a later run looks again. */
  | { readonly kind: 'unknown'; readonly error: AmbiguousCallError; readonly sentCount: number };

export async function sendOnce<T, F>(steps: SendOnceSteps<T, F>): Promise<SendOnceOutcome<T, F>> {
  let sentCount = 0;
  if (steps.mayHaveBeenSent) {
    const found = await steps.lookForIt();
    if (found !== undefined) return { kind: 'found', found, sentCount };
  }
  let lastError: AmbiguousCallError | undefined;
  const maxSends = steps.maxSends ?? 2;
  while (sentCount < maxSends) {
    await steps.beforeSend();
    sentCount += 1;
    try {
      return { kind: 'sent', answer: await steps.send(), sentCount };
    } catch (error) {
      if (error instanceof ApiRejectedError) return { kind: 'refused', error, sentCount };
      if (!(error instanceof AmbiguousCallError)) throw error;
      lastError = error;
    }
    // Outside the catch: a failed look is the caller's problem, never a refusal of the call.
    const found = await steps.lookForIt();
    if (found !== undefined) return { kind: 'found', found, sentCount };
  }
  return { kind: 'unknown', error: lastError as AmbiguousCallError, sentCount };
}
