import type { PortoutDetails, PortoutUpdateStatusParams } from 'telnyx/resources/portouts/portouts';
import { mapBounded } from '../core/bounded.js';
import { fanOut } from './fetch-portouts.js';
import { ApiRejectedError, describeDetails } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { sendOnce } from '../api/send-once.js';
import { BulkportError } from '../core/errors.js';
import type { PortoutJournal } from './portout-journal.js';
import { planApplyStep, targetStatusOf, type ApplyOutcome, type TargetStatus } from './plan-apply-step.js';
import type { PortoutDecision } from './validate-decisions.js';
import { SHAPES } from '../api/response-shapes.js';

export interface DecisionResult {
  readonly decision: PortoutDecision;
  readonly outcome: ApplyOutcome;
}

export interface ApplyDeps {
  readonly session: ApiSession;
  readonly journal: PortoutJournal;
  readonly now: () => Date;
  /** Called once per decision when its outcome is known (progress). */
  readonly onDone?: (result: DecisionResult) => void;
}

export interface ApplyReport {
  /** In the order of `decisions`. */
  readonly results: readonly DecisionResult[];
  /** The error that stopped the run (auth refused, API unreachable, Ctrl-C); undefined when it ran to the end. */
  readonly stoppedBy: BulkportError | undefined;
}

/**
 * Applies validated decisions: per request, re-read its state, decide with `planApplyStep`, journal
 * the intent (flushed), send the status update, journal the result. Requests run side by side as far
 * as the scheduler allows. A rejection by Telnyx fails that row only; a run problem stops sending,
 * and the rows not reached say so.
 */
export async function applyDecisions(decisions: readonly PortoutDecision[], deps: ApplyDeps): Promise<ApplyReport> {
  const run: RunState = { stoppedBy: undefined };
  // Bounded fan-out (p-limit) ahead of the scheduler, which caps concurrency and paces the calls.
  const results = await mapBounded(decisions, fanOut(deps.session), async (decision): Promise<DecisionResult> => {
      let outcome: ApplyOutcome;
      try {
        outcome = await applyOne(decision, deps, run);
      } catch (error) {
        if (!(error instanceof BulkportError)) throw error;
        run.stoppedBy ??= error;
        outcome = notSent(error);
      }
      const result = { decision, outcome };
      deps.onDone?.(result);
      return result;
  });
  return { results, stoppedBy: run.stoppedBy };
}

interface RunState {
  stoppedBy: BulkportError | undefined;
}

async function applyOne(decision: PortoutDecision, deps: ApplyDeps, run: RunState): Promise<ApplyOutcome> {
  const { session, journal } = deps;
  const id = decision.portoutId;
  if (run.stoppedBy !== undefined) throw run.stoppedBy;
  let current: PortoutDetails;
  try {
    current = await readPortout(session, id);
  } catch (error) {
    if (error instanceof ApiRejectedError) return failed(`cannot read the port-out: ${describeDetails(error.errors)}`, 'unknown');
    throw error;
  }
  const key = { portoutId: id, reviewedUpdatedAt: decision.reviewedUpdatedAt };
  const step = planApplyStep(decision, current, journal.history(key));
  if (step.action === 'skip') return step.outcome;
  // Another request's failure stopped the run while this one was being read: send nothing more.
  if (run.stoppedBy !== undefined) throw run.stoppedBy;

  const recordResult = async (outcome: ApplyOutcome): Promise<ApplyOutcome> => {
    await journal.append({
      type: 'result',
      at: deps.now().toISOString(),
      runId: journal.runId,
      ...key,
      outcome: outcome.kind === 'applied' ? 'applied' : 'failed',
      statusAfter: outcome.statusAfter,
      ...(outcome.kind === 'applied' ? {} : { detail: outcome.text }),
    });
    return outcome;
  };

  // planApplyStep read the port-out and the journal first: this send is the only one this run makes.
  // No clear answer: the state on the server settles whether the update took effect (docs/design.md §7).
  let statusSeen: string | undefined;
  const sent = await sendOnce({
    mayHaveBeenSent: false,
    maxSends: 1,
    beforeSend: () =>
      journal.append({
        type: 'intent',
        at: deps.now().toISOString(),
        runId: journal.runId,
        ...key,
        decision: decision.decision,
        targetStatus: step.target,
        ...(decision.rejectionCode === undefined ? {} : { rejectionCode: decision.rejectionCode }),
      }),
    send: () => sendStatus(session, decision, step.target),
    lookForIt: async () => {
      statusSeen = (await readPortout(session, id)).status;
      return statusSeen === targetStatusOf(decision.decision) ? statusSeen : undefined;
    },
  });
  switch (sent.kind) {
    case 'sent':
      return recordResult({ kind: 'applied', text: 'applied', needsAttention: false, statusAfter: sent.answer.status ?? step.target });
    case 'found':
      return recordResult({ kind: 'applied', text: 'applied (confirmed by reading it back after no clear answer)', needsAttention: false, statusAfter: sent.found });
    case 'refused':
      return recordResult(failed(`Telnyx refused it (HTTP ${sent.error.status}): ${describeDetails(sent.error.errors)}`, current.status ?? 'unknown'));
    case 'unknown':
      return recordResult(failed(`no clear answer from Telnyx (${sent.error.reason}) and the port-out is still ${statusSeen ?? 'unknown'}; run apply again`, statusSeen ?? 'unknown'));
  }
}

async function readPortout(session: ApiSession, id: string): Promise<PortoutDetails> {
  const answer = await session.scheduler.call('read', `port-out ${id}`, () => session.client.portouts.retrieve(id), SHAPES.portout);
  return answer.data ?? {};
}

/**
 * `PATCH /portouts/{id}/{status}`. The body schema has `reason` and `host_messaging`; the port-out guide
 * sends the rejection code in the body too, and the SDK passes extra keys through to the body.
 */
async function sendStatus(session: ApiSession, decision: PortoutDecision, target: TargetStatus): Promise<PortoutDetails> {
  const params: PortoutUpdateStatusParams & { rejection_code?: number } = {
    id: decision.portoutId,
    reason: decision.reason,
    ...(decision.hostMessaging === undefined ? {} : { host_messaging: decision.hostMessaging }),
    ...(target === 'rejected-pending' && decision.rejectionCode !== undefined ? { rejection_code: decision.rejectionCode } : {}),
  };
  const verb = target === 'authorized' ? 'authorize' : 'reject';
  const answer = await session.scheduler.call('action', `${verb} port-out ${decision.portoutId}`, () => session.client.portouts.updateStatus(target, params), SHAPES.portout);
  return answer.data ?? {};
}

function failed(text: string, statusAfter: string): ApplyOutcome {
  return { kind: 'failed', text: `failed: ${text}`, needsAttention: true, statusAfter };
}

function notSent(error: BulkportError): ApplyOutcome {
  return { kind: 'not_sent', text: `not sent: the run stopped (${error.message}); run apply again`, needsAttention: true, statusAfter: '' };
}
