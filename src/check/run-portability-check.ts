import { ApiAuthError, ApiRejectedError, ApiUnavailableError, ApiUnreachableError, InterruptedError } from '../api/api-errors.js';
import { runWorkers } from '../core/bounded.js';
import type { ApiSession } from '../api/api-session.js';
import type { NumberRecord } from '../core/records.js';
import type { Progress } from '../progress/progress.js';
import { BatchQueue } from './batch-queue.js';
import { blockProbes, foldBlockAnswers } from './block-probes.js';
import { classifyBatchRejection } from './batch-rejection.js';
import { withOutcome, type CheckedNumber, type Portability } from './checked-number.js';
import { carrierFromLookup } from './carrier-from-lookup.js';
import { joinPortabilityAnswers, type JoinedAnswer } from './portability-answers.js';
import { SHAPES } from '../api/response-shapes.js';

export interface PortabilityCheckOptions {
  /** Numbers per `POST /portability_checks` (`--check-batch`); shrinks when the server refuses the size. */
  readonly batchSize: number;
  /** Batches worked on at once. The scheduler caps what is actually in flight; this only keeps it fed. */
  readonly parallelBatches: number;
  /** Ask a number lookup (one billable call per number) for the carrier of portable numbers the sheet leaves blank. */
  readonly isCarrierLookup: boolean;
}

export interface PortabilityCheckRun {
  /** One per input record, in input order. */
  readonly checked: CheckedNumber[];
  /** Set when the run stopped early (key refused, API unreachable, Ctrl-C); numbers not reached stay `valid`. */
  readonly stoppedBy: Stop | undefined;
  /** The batch size in use at the end (smaller than asked when the server refused the size). */
  readonly finalBatchSize: number;
}

type Stop = ApiAuthError | ApiUnreachableError | InterruptedError;

/**
 * The portability check stage, shared by `check`, `plan` and `submit`: valid numbers go to Telnyx
 * in batches through the scheduler; invalid and duplicate rows are never sent. A batch that fails
 * after retries marks its rows `failed` (CHECK_FAILED) and the run goes on; a refused key, an
 * unreachable API or Ctrl-C stops it, and what was done is returned.
 */
export async function runPortabilityCheck(
  records: readonly NumberRecord[],
  session: Pick<ApiSession, 'client' | 'scheduler'>,
  options: PortabilityCheckOptions,
  progress: Progress,
): Promise<PortabilityCheckRun> {
  const wanted = records.filter((record) => record.status === 'valid' && record.e164 !== undefined);
  // A German block goes out as one probe per number, in the usual batches (issue 15).
  const probesOf = new Map<NumberRecord, NumberRecord[]>();
  const toCheck = wanted.flatMap((record) => {
    if (record.block === undefined) return [record];
    const probes = blockProbes(record);
    probesOf.set(record, probes);
    return probes;
  });
  const queue = new BatchQueue(toCheck, options.batchSize);
  const outcomes = new Map<NumberRecord, JoinedAnswer>();
  let stoppedBy: Stop | undefined;
  progress.setTotal(toCheck.length);

  const settle = (answers: readonly JoinedAnswer[], original: readonly NumberRecord[]): void => {
    answers.forEach((answer, i) => outcomes.set(original[i] ?? answer.record, answer));
    progress.tick(answers.length);
  };
  const failAll = (batch: readonly NumberRecord[], message: string): void =>
    settle(
      batch.map((record) => ({ record: withOutcome(record, 'failed', { code: 'CHECK_FAILED', ref: record.ref, message }), portability: undefined })),
      batch,
    );

  const checkBatch = async (batch: NumberRecord[]): Promise<void> => {
    const label = `portability check of ${batch.length} number${batch.length === 1 ? '' : 's'} from row ${batch[0]?.ref.row ?? '?'}`;
    try {
      const answer = await session.scheduler.call('read', label, () =>
        session.client.portabilityChecks.run({ phone_numbers: batch.map((record) => record.e164 ?? '') }),
        SHAPES.portabilityCheck,
      );
      settle(joinPortabilityAnswers(batch, answer.data ?? []), batch);
    } catch (error) {
      if (error instanceof ApiAuthError || error instanceof ApiUnreachableError || error instanceof InterruptedError) {
        stoppedBy ??= error;
        return;
      }
      if (error instanceof ApiUnavailableError) {
        failAll(batch, error.message);
        return;
      }
      if (!(error instanceof ApiRejectedError)) throw error;
      const rejection = classifyBatchRejection(error, batch.length);
      if (rejection.type === 'size') {
        queue.shrinkAndReturn(batch);
        return;
      }
      if (rejection.type === 'other') {
        failAll(batch, error.message);
        return;
      }
      const refused: JoinedAnswer[] = [];
      const refusedOriginals: NumberRecord[] = [];
      for (const [i, reason] of rejection.reasons) {
        const record = batch[i];
        if (record === undefined) continue;
        const message = `Telnyx refused ${record.e164 ?? record.inputNumber} in the portability check: ${reason}`;
        refused.push({ record: withOutcome(record, 'failed', { code: 'CHECK_FAILED', ref: record.ref, message }), portability: undefined });
        refusedOriginals.push(record);
      }
      settle(refused, refusedOriginals);
      queue.giveBack(batch.filter((_, i) => !rejection.reasons.has(i)));
    }
  };

  await runWorkers(options.parallelBatches, async () => {
    for (let batch = queue.next(); batch !== undefined && stoppedBy === undefined; batch = queue.next()) await checkBatch(batch);
  });

  for (const [block, probes] of probesOf) {
    const folded = foldBlockAnswers(block, probes.map((probe) => outcomes.get(probe)));
    for (const probe of probes) outcomes.delete(probe);
    if (folded !== undefined) outcomes.set(block, folded);
  }

  const carriers = new Map<NumberRecord, { carrier: string; record: NumberRecord }>();
  if (options.isCarrierLookup && stoppedBy === undefined) {
    stoppedBy = await lookUpCarriers(records, outcomes, session, options.parallelBatches, progress, carriers);
  }

  const checked = records.map((original): CheckedNumber => {
    const outcome = outcomes.get(original);
    const looked = carriers.get(original);
    const record = looked?.record ?? outcome?.record ?? original;
    const sheetCarrier = original.fields.carrier ?? '';
    const portability: Portability | undefined = outcome?.portability;
    if (sheetCarrier !== '') return { record, portability, carrier: sheetCarrier, carrierSource: 'sheet' };
    if (looked !== undefined && looked.carrier !== '') return { record, portability, carrier: looked.carrier, carrierSource: 'lookup' };
    return { record, portability, carrier: '', carrierSource: 'none' };
  });
  return { checked, stoppedBy, finalBatchSize: queue.batchSize };
}

/**
 * `--lookup-carriers`: one number lookup per portable number whose carrier the sheet leaves blank
 * (numbers that cannot be ported are not worth a billable call). A failed lookup leaves the
 * carrier blank with a CARRIER_LOOKUP_FAILED warning: Telnyx splits orders by carrier itself.
 */
async function lookUpCarriers(
  records: readonly NumberRecord[],
  outcomes: ReadonlyMap<NumberRecord, JoinedAnswer>,
  session: Pick<ApiSession, 'client' | 'scheduler'>,
  parallel: number,
  progress: Progress,
  carriers: Map<NumberRecord, { carrier: string; record: NumberRecord }>,
): Promise<Stop | undefined> {
  const wanted = records.filter((r) => outcomes.get(r)?.portability?.portable === true && (r.fields.carrier ?? '') === '');
  let stoppedBy: Stop | undefined;
  let next = 0;
  progress.setTotal(outcomes.size + wanted.length);
  await runWorkers(parallel, async () => {
    while (stoppedBy === undefined && next < wanted.length) {
      const original = wanted[next++];
      const checkedRecord = original === undefined ? undefined : outcomes.get(original)?.record;
      if (original === undefined || checkedRecord === undefined) continue;
      const e164 = checkedRecord.e164 ?? '';
      try {
        const answer = await session.scheduler.call('read', `number lookup of ${e164}`, () => session.client.numberLookup.retrieve(e164, { type: 'carrier' }), SHAPES.numberLookup);
        carriers.set(original, { carrier: carrierFromLookup(answer.data), record: checkedRecord });
      } catch (error) {
        if (error instanceof ApiAuthError || error instanceof ApiUnreachableError || error instanceof InterruptedError) {
          stoppedBy ??= error;
          return;
        }
        if (!(error instanceof ApiUnavailableError) && !(error instanceof ApiRejectedError)) throw error;
        const record = { ...checkedRecord, issues: [...checkedRecord.issues, { code: 'CARRIER_LOOKUP_FAILED' as const, ref: checkedRecord.ref, message: error.message }] };
        carriers.set(original, { carrier: '', record });
      }
      progress.tick(1);
    }
  });
  return stoppedBy;
}

