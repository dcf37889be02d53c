import { ExitCode } from '../core/exit-codes.js';

/** One order's outcome in an `activate` run. */
export interface ActivationOrderOutcome {
  readonly order: string;
  readonly partKey: string;
  /**
   * `activated` (a job started; with --watch: completed), `failed` (the job failed), `running` (a job was
   * already running, or still is when the watch ran out of time), `done` (ported or completed before),
   * `refused` (Telnyx said no), `unknown` (no clear answer), `moved` / `already` (--at), `not-eligible`.
   */
  readonly outcome: 'activated' | 'failed' | 'running' | 'done' | 'refused' | 'unknown' | 'moved' | 'already' | 'not-eligible';
  readonly job: string;
  readonly jobStatus: string;
  readonly detail: string;
}

/** One number's outcome after `--watch`: `ported`, `failed` (with what Telnyx says) or the activation_status as read. */
export interface ActivationNumberOutcome {
  readonly order: string;
  readonly phoneNumber: string;
  readonly activationStatus: string;
  readonly outcome: string;
  readonly detail: string;
}

export const ORDER_OUTCOME_COLUMNS = ['porting_order_id', 'part_key', 'outcome', 'activation_job_id', 'job_status', 'detail'] as const;
export const NUMBER_OUTCOME_COLUMNS = ['porting_order_id', 'phone_number', 'activation_status', 'outcome', 'detail'] as const;

/**
 * A number's outcome from its `activation_status` (Telnyx's vocabulary: `Active` once ported,
 * `Failed` when the activation failed) and its order's status; `failure` is what Telnyx says of a
 * failed order (its status details).
 */
export function numberOutcome(activationStatus: string, orderStatus: string, failure: string): { outcome: string; detail: string } {
  if (orderStatus === 'ported' || activationStatus === 'Active') return { outcome: 'ported', detail: '' };
  if (activationStatus === 'Failed') return { outcome: 'failed', detail: failure };
  return { outcome: activationStatus === '' ? 'unknown' : activationStatus, detail: '' };
}

/**
 * The exit code (docs/design.md §2): 3 when an outcome stayed unknown or the watch ran out of
 * time; 1 when a job failed, Telnyx refused, or an order named with --order was not eligible
 * (orders merely not eligible in a whole-campaign run do not count); else 0.
 */
export function activationExitCode(outcomes: readonly ActivationOrderOutcome[], options: { isNamed: boolean; isWatching: boolean }): ExitCode {
  if (outcomes.some((o) => o.outcome === 'unknown' || (options.isWatching && o.outcome === 'running'))) return ExitCode.STOPPED;
  const needsPerson = outcomes.some((o) => o.outcome === 'failed' || o.outcome === 'refused' || (options.isNamed && o.outcome === 'not-eligible'));
  return needsPerson ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
}

/** Outcome counts for the summary and the last line. */
export function countOutcomes(outcomes: readonly ActivationOrderOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  return counts;
}
