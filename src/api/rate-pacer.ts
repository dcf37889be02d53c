/** What one answer tells the pacer: when, and Telnyx's rate-limit headers if present. */
export interface RateObservation {
  /** When the answer arrived (ms, same clock as `sentAtMs`). */
  readonly atMs: number;
  /** When its request left. */
  readonly sentAtMs: number;
  readonly isRateLimited: boolean;
  /** `x-ratelimit-limit`: the bucket's size. */
  readonly limit: number | undefined;
  /** `x-ratelimit-remaining`: whole requests left in the bucket after this one. */
  readonly remaining: number | undefined;
  /** `Retry-After` / `retry-after-ms`, in ms, when the server sent it. */
  readonly retryAfterMs: number | undefined;
}

/**
 * Slow start: the pace begins here and grows fast until the server first pushes back. Starting
 * at the ceiling would spend the server's whole bucket (and, with Retry-After, a pause per 429)
 * before the first answers could say where its limit is.
 */
const SLOW_START_RATE_PER_SECOND = 5;
const SLOW_START_GROWTH_PER_SECOND = 3;
/** Growth per second while the server's bucket stays full (we are below its limit). */
const GROWTH_PER_SECOND = 0.3;
/** Growth per second back up to the target after a cut. */
const RECOVERY_PER_SECOND = 2;
/** Pace this share of the measured refill rate: the rest refills the bucket for requests that arrive bunched up. */
const TARGET_SHARE = 0.97;
/**
 * Longest pause any server-derived figure (Retry-After, a bucket's refill time) may plan. Telnyx's
 * buckets refill in seconds; a claim of minutes is a broken proxy or a broken release.
 */
const MAX_SERVER_PAUSE_MS = 5 * 60 * 1000;

/** Once the server has sent Retry-After, a 429 costs a whole pause: keep more room. */
const TARGET_SHARE_WITH_RETRY_AFTER = 0.9;
/**
 * With Retry-After, probing above the target waits until the bucket has read full this long: a
 * failed probe costs a whole pause, and a bucket full for a moment may only be between bunches.
 */
const PATIENT_PROBE_MS = 2000;
/** With a measured refill rate, a cut never goes below this share of it. */
const CUT_FLOOR_SHARE = 0.85;
/** Cuts before the refill rate is known (start-up): on an empty bucket, and on a 429. */
const BLIND_EMPTY_CUT = 0.9;
const BLIND_RATE_LIMITED_CUT = 0.7;
/** A 429 with Retry-After costs a whole pause, so the blind cut is deeper. */
const BLIND_PAUSED_CUT = 0.5;
/** Time a measurement covers (summed over the stretches where the bucket was not full). */
const WINDOW_MS = 1000;
/**
 * The first estimate is taken at the first push-back, from the stretches of the drain that led
 * to it however short, if there are this many: a rough estimate then saves the blind cuts (and,
 * with Retry-After, their pauses). Later windows refine it.
 */
const FIRST_ESTIMATE_STRETCHES = 4;
/** Longest stretch between two answers that counts, in pacing intervals. */
const MAX_STRETCH_INTERVALS = 4;
/** Weight of a new window in the refill-rate average. */
const ESTIMATE_WEIGHT = 0.3;
const MIN_RATE_PER_SECOND = 0.2;

interface Reading {
  readonly atMs: number;
  readonly limit: number;
  readonly remaining: number;
}

/**
 * Paces requests to the server's limit (docs/design.md §7). Pure state: the caller gives it times.
 *
 * Sending: a GCRA (virtual-scheduling) pacer at `ratePerSecond`, tolerating one interval of
 * lateness so a late timer is made up without a burst of more than two.
 *
 * Adapting: Telnyx's headers describe a bucket (`x-ratelimit-limit` its size,
 * `x-ratelimit-remaining` what is left). Between two answers the bucket refilled by
 * `remaining now − remaining before + 1` (the +1 is the request just answered), unless it read
 * full before or the stretch spans a pause (it may have sat full, refilling nothing). Summed over a second of
 * such stretches this is the server's refill rate; requests that arrive bunched up (network
 * jitter, a busy server) move single readings but hardly the sum, so the estimate stays true where a
 * reading-by-reading reaction would not. The pacer
 * keeps to just below the estimate; a bucket that stays full means there is room, and it grows
 * to find it. A 429 cuts (never far below the estimate) and pauses for Retry-After when sent.
 * It starts slow and grows fast until the first push-back; before any estimate and without
 * headers it is plain AIMD.
 */
export class RatePacer {
  readonly #ceilingPerSecond: number;
  #ratePerSecond: number;
  /** Theoretical time of the next send (GCRA). */
  #nextSendMs = 0;
  #pauseUntilMs = 0;
  #lastAdjustMs: number | undefined;
  /** Answers to requests sent before this moment do not cut again (one cut per round trip). */
  #lastCutMs = Number.NEGATIVE_INFINITY;
  #lastReading: Reading | undefined;
  #measuredTokens = 0;
  #measuredMs = 0;
  #measuredStretches = 0;
  /** The server's refill rate, averaged over clean windows. */
  #refillPerSecond: number | undefined;
  #hasSeenRetryAfter = false;
  #isSlowStart = true;
  /** Since when every reading said the bucket was full (undefined while it is not). */
  #fullSinceMs: number | undefined;

  constructor(ceilingPerSecond: number) {
    if (!(ceilingPerSecond > 0)) throw new RangeError(`rate: expected requests per second above 0, got ${ceilingPerSecond}`);
    this.#ceilingPerSecond = ceilingPerSecond;
    this.#ratePerSecond = Math.min(ceilingPerSecond, SLOW_START_RATE_PER_SECOND);
  }

  get ratePerSecond(): number {
    return this.#ratePerSecond;
  }

  /** The server's refill rate as measured so far (undefined until a clean window). */
  get refillPerSecond(): number | undefined {
    return this.#refillPerSecond;
  }

  get #intervalMs(): number {
    return 1000 / this.#ratePerSecond;
  }

  get #target(): number | undefined {
    if (this.#refillPerSecond === undefined) return undefined;
    return this.#refillPerSecond * (this.#hasSeenRetryAfter ? TARGET_SHARE_WITH_RETRY_AFTER : TARGET_SHARE);
  }

  /** Earliest time the next request may leave. */
  nextSendAtMs(): number {
    return Math.max(this.#pauseUntilMs, this.#nextSendMs - this.#intervalMs);
  }

  /** A request leaves at `nowMs`. */
  sent(nowMs: number): void {
    this.#nextSendMs = Math.max(this.#nextSendMs, nowMs) + this.#intervalMs;
  }

  observe(answer: RateObservation): void {
    // Time since the last adjustment, capped at two intervals: idle time or a pause says nothing
    // about whether our pace is right, so it must not turn into one big step.
    const elapsedSeconds =
      this.#lastAdjustMs === undefined ? 0 : Math.max(0, Math.min(2 * this.#intervalMs, answer.atMs - this.#lastAdjustMs)) / 1000;
    this.#lastAdjustMs = answer.atMs;
    this.#measure(answer);

    if (answer.isRateLimited) {
      if (answer.retryAfterMs !== undefined) {
        this.#hasSeenRetryAfter = true;
        this.#pauseUntilMs = Math.max(this.#pauseUntilMs, answer.atMs + Math.min(MAX_SERVER_PAUSE_MS, answer.retryAfterMs));
      }
      this.#cut(answer, answer.retryAfterMs === undefined ? BLIND_RATE_LIMITED_CUT : BLIND_PAUSED_CUT);
      return;
    }
    const { limit, remaining } = answer;
    const target = this.#target;
    if (limit === undefined || remaining === undefined || remaining >= limit - 1) {
      this.#fullSinceMs ??= answer.atMs;
      // Room to spare (or no headers: AIMD's additive side). Back to the target fast, then probe slowly.
      if (target !== undefined && this.#ratePerSecond < target) {
        this.#setRate(Math.min(target, this.#ratePerSecond * Math.exp(RECOVERY_PER_SECOND * elapsedSeconds)));
      } else if (target === undefined || !this.#hasSeenRetryAfter || answer.atMs - this.#fullSinceMs >= PATIENT_PROBE_MS) {
        this.#setRate(this.#ratePerSecond * Math.exp((this.#isSlowStart ? SLOW_START_GROWTH_PER_SECOND : GROWTH_PER_SECOND) * elapsedSeconds));
      }
      return;
    }
    this.#fullSinceMs = undefined;
    if (remaining === 0) {
      this.#cut(answer, BLIND_EMPTY_CUT);
      return;
    }
    // Partly drained: hold the pace, or climb back towards the target after a cut.
    if (target !== undefined && this.#ratePerSecond < target) {
      this.#setRate(Math.min(target, this.#ratePerSecond * Math.exp(RECOVERY_PER_SECOND * elapsedSeconds)));
    }
  }

  #measure(answer: RateObservation): void {
    const { limit, remaining } = answer;
    if (limit === undefined || remaining === undefined) return;
    const last = this.#lastReading;
    this.#lastReading = { atMs: answer.atMs, limit, remaining };
    // Stretches that start full, or span a pause (over a few intervals), may have spent time with
    // the bucket full, refilling nothing: they would pull the estimate down.
    const spanMs = last === undefined ? 0 : answer.atMs - last.atMs;
    if (last === undefined || last.remaining >= last.limit - 1 || spanMs <= 0 || spanMs > MAX_STRETCH_INTERVALS * this.#intervalMs) return;
    this.#measuredTokens += remaining - last.remaining + (answer.isRateLimited ? 0 : 1);
    this.#measuredMs += spanMs;
    this.#measuredStretches += 1;
    if (this.#measuredMs < WINDOW_MS) return;
    this.#takeSample((this.#measuredTokens * 1000) / this.#measuredMs);
  }

  #takeSample(sample: number): void {
    this.#measuredTokens = 0;
    this.#measuredMs = 0;
    this.#measuredStretches = 0;
    if (sample <= 0) return;
    this.#refillPerSecond =
      this.#refillPerSecond === undefined ? sample : (1 - ESTIMATE_WEIGHT) * this.#refillPerSecond + ESTIMATE_WEIGHT * sample;
  }

  #cut(answer: RateObservation, blindFactor: number): void {
    if (answer.sentAtMs < this.#lastCutMs) return;
    this.#lastCutMs = answer.atMs;
    this.#isSlowStart = false;
    if (this.#refillPerSecond === undefined && this.#measuredStretches >= FIRST_ESTIMATE_STRETCHES && this.#measuredMs > 0) {
      // The bucket drained while we sent at our pace, so the refill rate is below it.
      this.#takeSample(Math.min((this.#measuredTokens * 1000) / this.#measuredMs, this.#ratePerSecond));
    }
    const refill = this.#refillPerSecond;
    if (refill === undefined) {
      this.#setRate(this.#ratePerSecond * blindFactor);
      return;
    }
    this.#setRate(Math.max(refill * CUT_FLOOR_SHARE, Math.min(this.#ratePerSecond * 0.9, this.#target ?? refill)));
    // The bucket is empty: pacing just below its refill would leave it near empty for long, where
    // any jitter is a 429. Hold off long enough to refill half of it first.
    // The server's limit is its claim, not ours to trust: a bucket of 10^9 must not plan a pause of years.
    if (answer.limit !== undefined) {
      const refillPauseMs = Math.min(MAX_SERVER_PAUSE_MS, ((answer.limit / 2) * 1000) / refill);
      this.#pauseUntilMs = Math.max(this.#pauseUntilMs, answer.atMs + refillPauseMs);
    }
  }

  #setRate(ratePerSecond: number): void {
    this.#ratePerSecond = Math.min(this.#ceilingPerSecond, Math.max(MIN_RATE_PER_SECOND, ratePerSecond));
  }
}
