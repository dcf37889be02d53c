import { afterEach, describe, expect, it } from 'vitest';
import { ApiAuthError, InterruptedError } from '../../src/api/api-errors.js';
import { createApiSession, type ApiSession, type ApiSessionOverrides } from '../../src/api/api-session.js';
import { runPortabilityCheck, type PortabilityCheckOptions } from '../../src/check/run-portability-check.js';
import { ApiKey } from '../../src/core/api-key.js';
import type { NumberRecord } from '../../src/core/records.js';
import { NO_PROGRESS, type Progress } from '../../src/progress/progress.js';
import { KEY_BULKPORT_DEMO, startSimulator, type SimExchange, type SimulatorHandle, type SimulatorOptions } from '../../src/sim/simulator.js';
import { numberRecords } from './number-records.js';

let sim: SimulatorHandle | undefined;
let session: ApiSession | undefined;

afterEach(async () => {
  await session?.close();
  await sim?.close();
  session = undefined;
  sim = undefined;
});

interface Setup {
  readonly sim: SimulatorHandle;
  readonly session: ApiSession;
  /** phone_numbers of every portability check the simulator received, in arrival order. */
  readonly sent: string[][];
}

async function setUp(
  simOptions: SimulatorOptions,
  client: { concurrency?: number; rate?: number; key?: string; signal?: AbortSignal } & ApiSessionOverrides = {},
): Promise<Setup> {
  const sent: string[][] = [];
  const onExchange = (exchange: SimExchange): void => {
    if (exchange.endpoint === 'POST /portability_checks' && exchange.status === 201) {
      sent.push((exchange.requestBody as { phone_numbers: string[] }).phone_numbers);
    }
  };
  sim = await startSimulator({ rate: 1000, ...simOptions, onExchange, onInternalError: (e) => { throw e; } });
  const { concurrency = 4, rate = 1000, key = KEY_BULKPORT_DEMO, signal = new AbortController().signal, ...overrides } = client;
  session = createApiSession(
    { apiKey: new ApiKey(key), baseURL: sim.baseURL, concurrency, ratePerSecond: rate },
    { signal, now: () => new Date() },
    { backoffBaseMs: 5, backoffMaxMs: 20, ...overrides },
  );
  return { sim, session, sent };
}

const options = (batchSize: number, extra: Partial<PortabilityCheckOptions> = {}): PortabilityCheckOptions => ({
  batchSize,
  parallelBatches: 8,
  isCarrierLookup: false,
  ...extra,
});

function countingProgress(): Progress & { done: number; total: number } {
  return {
    done: 0,
    total: 0,
    tick(count = 1) {
      this.done += count;
    },
    setTotal(total) {
      this.total = total;
    },
    finish() {},
  };
}

const validNumbers = (records: readonly NumberRecord[]): string[] =>
  records.filter((r) => r.status === 'valid').map((r) => r.e164 ?? '');

describe('runPortabilityCheck against the simulator', () => {
  it('checks every valid number exactly once, in ceil(valid / batch) calls, and never sends invalid or duplicate rows', async () => {
    const { sim, session, sent } = await setUp({});
    const records = numberRecords(230, { invalidEvery: 10, duplicateEvery: 17 });
    const valid = validNumbers(records);
    const progress = countingProgress();
    const run = await runPortabilityCheck(records, session, options(25), progress);

    expect(sent.flat().sort()).toEqual([...valid].sort());
    expect(sim.stats().calls['POST /portability_checks']).toBe(Math.ceil(valid.length / 25));
    expect(session.scheduler.stats()).toMatchObject({ calls: Math.ceil(valid.length / 25), retries: 0 });
    expect(run.stoppedBy).toBeUndefined();
    expect(progress).toMatchObject({ done: valid.length, total: valid.length });

    expect(run.checked.map((c) => c.record.index)).toEqual(records.map((r) => r.index));
    for (const [i, checked] of run.checked.entries()) {
      const original = records[i]!;
      if (original.status !== 'valid') {
        expect(checked.record.status).toBe(original.status);
        expect(checked.portability).toBeUndefined();
        continue;
      }
      const profile = sim.state.numbers.profile(original.e164!)!;
      expect(checked.portability).toEqual({ portable: profile.portable, fastPortable: profile.fastPortable, notPortableReason: profile.notPortableReason });
      expect(checked.record.status).toBe(profile.portable ? 'portable' : 'not_portable');
      if (!profile.portable) expect(checked.record.issues.map((i) => i.code)).toEqual(['NOT_PORTABLE']);
    }
    expect(run.checked.some((c) => c.record.status === 'not_portable')).toBe(true);
    expect(records.every((r) => r.status !== 'portable')).toBe(true);
  });

  it('with 5xx and dropped connections injected, every number ends with an answer or a failed reason, and every attempt is counted', async () => {
    const { sim, session } = await setUp({ faults: '5xx=0.25,drop=0.15', seed: 'faulty' }, { maxAttempts: 3 });
    const records = numberRecords(400);
    const run = await runPortabilityCheck(records, session, options(10), NO_PROGRESS);

    for (const checked of run.checked) {
      expect(['portable', 'not_portable', 'failed']).toContain(checked.record.status);
      if (checked.record.status === 'failed') {
        expect(checked.record.issues.map((i) => i.code)).toEqual(['CHECK_FAILED']);
        expect(checked.record.issues[0]?.message).toMatch(/^portability check of 10 numbers from row \d+: Telnyx did not answer successfully after 3 attempts \(last: (HTTP 50\d.*|connection failed.*)\)$/);
      }
    }
    const stats = session.scheduler.stats();
    expect(stats.calls).toBe(sim.stats().totalCalls);
    expect(stats.retries).toBeGreaterThan(0);
    // Each failed attempt was either retried or was the last attempt of a call that failed.
    expect(stats.serverErrors + stats.connectionErrors).toBe(stats.retries + stats.failures);
    expect(run.checked.filter((c) => c.record.status === 'failed').length).toBe(stats.failures * 10);
  });

  it('halves the batch when the server refuses its size, and still checks every number once', async () => {
    const { sent } = await setUp({ maxCheckBatch: 7 });
    const records = numberRecords(100);
    const run = await runPortabilityCheck(records, session!, options(40), NO_PROGRESS);
    expect(run.finalBatchSize).toBe(5);
    expect(sent.flat().sort()).toEqual(validNumbers(records).sort());
    expect(Math.max(...sent.map((batch) => batch.length))).toBeLessThanOrEqual(7);
    expect(run.checked.every((c) => c.record.status === 'portable' || c.record.status === 'not_portable')).toBe(true);
  });

  it('keeps in flight exactly --concurrency requests under slow answers, never more', async () => {
    const { sim, session } = await setUp({ faults: 'slow=1:40' }, { concurrency: 3 });
    // Enough batches for the pacer's slow start to finish, so that calls do queue.
    await runPortabilityCheck(numberRecords(200), session, options(5), NO_PROGRESS);
    expect(sim.stats().maxInFlight).toBe(3);
    expect(session.scheduler.stats().maxInFlight).toBe(3);
  });

  it('at a small server burst keeps 429s under 2% of calls and loses no row', async () => {
    const { sim, session, sent } = await setUp({ rate: 100, burst: 5 }, { concurrency: 4, rate: 200 });
    const records = numberRecords(2000);
    const run = await runPortabilityCheck(records, session, options(10), NO_PROGRESS);
    const stats = session.scheduler.stats();
    expect(sim.stats().rateLimited).toBe(stats.rateLimited);
    expect(stats.rateLimited / stats.calls).toBeLessThan(0.02);
    expect(sent.flat().sort()).toEqual(validNumbers(records).sort());
    expect(run.checked.every((c) => c.record.status === 'portable' || c.record.status === 'not_portable')).toBe(true);
  });

  it('looks up carriers only with --lookup-carriers, for portable numbers whose carrier is blank', async () => {
    const { sim, session } = await setUp({});
    const records = numberRecords(40, { carrierEvery: 4 });
    const run = await runPortabilityCheck(records, session, options(20, { isCarrierLookup: true }), NO_PROGRESS);
    const wanted = run.checked.filter((c) => c.portability?.portable === true && c.carrierSource !== 'sheet');
    expect(sim.stats().calls['GET /number_lookup/:phone_number']).toBe(wanted.length);
    for (const checked of run.checked) {
      if (checked.record.fields.carrier) expect(checked).toMatchObject({ carrier: 'Sheet Carrier', carrierSource: 'sheet' });
      else if (checked.portability?.portable) expect(checked).toMatchObject({ carrier: sim.state.numbers.profile(checked.record.e164!)!.carrier.name, carrierSource: 'lookup' });
      else expect(checked).toMatchObject({ carrier: '', carrierSource: 'none' });
    }
  });

  it('stops at a refused key: ApiAuthError, nothing checked, no further requests', async () => {
    const { sim, session } = await setUp({}, { key: 'KEY_NOT_ACCEPTED', concurrency: 2 });
    const run = await runPortabilityCheck(numberRecords(200), session, options(10), NO_PROGRESS);
    expect(run.stoppedBy).toBeInstanceOf(ApiAuthError);
    expect(sim.stats().totalCalls).toBeLessThanOrEqual(2);
    expect(run.checked.every((c) => c.record.status === 'valid')).toBe(true);
  });

  it('stops on Ctrl-C with what was checked so far; the rest stay valid', async () => {
    const controller = new AbortController();
    const { sim, session } = await setUp({ faults: 'slow=1:30' }, { concurrency: 2, signal: controller.signal });
    const progress = countingProgress();
    const tick = progress.tick.bind(progress);
    progress.tick = (count) => {
      tick(count);
      if (progress.done >= 20) controller.abort();
    };
    const run = await runPortabilityCheck(numberRecords(200), session, options(10), progress);
    expect(run.stoppedBy).toBeInstanceOf(InterruptedError);
    const checked = run.checked.filter((c) => c.record.status !== 'valid');
    expect(checked.length).toBe(progress.done);
    expect(checked.length).toBeGreaterThanOrEqual(20);
    expect(checked.length).toBeLessThan(200);
    expect(sim.stats().totalCalls).toBeLessThan(20);
  });
});
