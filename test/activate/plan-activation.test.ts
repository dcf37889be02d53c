import { describe, expect, it } from 'vitest';
import { ActivationState } from '../../src/campaign/activation-state.js';
import { describeWindows, latestJob, resolveActivateAt, type ActivationJobView } from '../../src/activate/activation-job.js';
import { activationExitCode, numberOutcome, type ActivationOrderOutcome } from '../../src/activate/activation-report.js';
import { planActivation, planMove, type ActivationCandidate } from '../../src/activate/plan-activation.js';

const NOBODY = new ActivationState().get('x');
const FOC = '2027-01-15T12:00:00.000Z';
const WINDOWS = [
  { startAt: '2027-01-15T12:00:00.000Z', endAt: '2027-01-15T16:00:00.000Z' },
  { startAt: '2027-01-15T19:00:00.000Z', endAt: '2027-01-15T23:00:00.000Z' },
];
const ON_FOC_DAY = new Date('2027-01-15T06:00:00Z');

function candidate(overrides: Partial<ActivationCandidate> = {}): ActivationCandidate {
  return { id: 'o1', partKey: 'p1', country: 'US', isListed: true, status: 'foc-date-confirmed', isFastPort: true, focActual: FOC, known: NOBODY, ...overrides };
}

function job(overrides: Partial<ActivationJobView>): ActivationJobView {
  return { id: 'j1', type: 'on-demand', status: 'created', activateAt: FOC, windows: WINDOWS, createdAt: '2027-01-15T06:00:00.000Z', ...overrides };
}

const plan = (c: ActivationCandidate, now = ON_FOC_DAY) => planActivation([c], now)[0];

describe('planActivation: who is activated, and why not', () => {
  it.each([
    ['a US FastPort order on its FOC day', candidate(), 'activate', 'first activation'],
    ['ported', candidate({ status: 'ported' }), 'done', 'already ported'],
    ['not listed by Telnyx', candidate({ isListed: false }), 'not-eligible', 'does not list it'],
    ['a CA order', candidate({ country: 'CA' }), 'not-eligible', 'CA order: on-demand activation is limited to US FastPort orders'],
    ['an order without a known country', candidate({ country: undefined }), 'not-eligible', 'its country is unknown'],
    ['not FastPort', candidate({ isFastPort: false }), 'not-eligible', 'not FastPort eligible'],
    ['still submitted', candidate({ status: 'submitted' }), 'not-eligible', 'status submitted: activation needs foc-date-confirmed'],
    ['without a FOC', candidate({ focActual: undefined }), 'not-eligible', 'no confirmed FOC date'],
  ] as const)('%s → %s', (_name, c, kind, reason) => {
    const step = plan(c);
    expect(step?.kind).toBe(kind);
    expect('reason' in (step ?? {}) ? (step as { reason: string }).reason : '').toContain(reason);
  });

  it('judges the FOC day by the date given (Telnyx\'s), in UTC: the day before is not yet, 00:00 of the day is', () => {
    expect(plan(candidate(), new Date('2027-01-14T23:59:59Z'))).toMatchObject({ kind: 'not-eligible', reason: expect.stringContaining("FOC date 2027-01-15 not reached (Telnyx's date is 2027-01-14, UTC)") });
    expect(plan(candidate(), new Date('2027-01-15T00:00:00Z'))?.kind).toBe('activate');
    expect(plan(candidate(), new Date('2027-01-16T09:00:00Z'))?.kind).toBe('activate');
  });

  it('from the journal: an open intent or an unfinished job needs a look; a failed job is activated again; a completed one is done', () => {
    const state = new ActivationState();
    const at = '2027-01-15T06:00:00Z';
    state.apply({ t: 'activate-intent', at, order: 'open', op: 'activate' });
    state.apply({ t: 'activate-intent', at, order: 'running', op: 'activate' });
    state.apply({ t: 'activate-result', at, order: 'running', op: 'activate', outcome: 'done', job: 'j2', jobStatus: 'created' });
    state.apply({ t: 'activate-result', at, order: 'failed', op: 'activate', outcome: 'done', job: 'j3', jobStatus: 'created' });
    state.apply({ t: 'activation-job', at, order: 'failed', job: 'j3', jobType: 'on-demand', status: 'failed', message: 'SV_CONFLICT' });
    state.apply({ t: 'activation-job', at, order: 'completed', job: 'j4', jobType: 'on-demand', status: 'completed' });
    state.apply({ t: 'activate-intent', at, order: 'refused', op: 'activate' });
    state.apply({ t: 'activate-result', at, order: 'refused', op: 'activate', outcome: 'rejected', message: 'no' });
    state.apply({ t: 'activate-intent', at, order: 'unknown', op: 'activate' });
    state.apply({ t: 'activate-result', at, order: 'unknown', op: 'activate', outcome: 'unknown', message: '?' });
    const kinds = Object.fromEntries(['open', 'running', 'failed', 'completed', 'refused', 'unknown'].map((id) => [id, plan(candidate({ id, known: state.get(id) }))?.kind]));
    expect(kinds).toEqual({ open: 'look', running: 'look', failed: 'activate', completed: 'done', refused: 'activate', unknown: 'look' });
    expect(plan(candidate({ known: state.get('failed') }))).toMatchObject({ reason: 're-activation: job j3 failed (SV_CONFLICT)' });
  });

  it('from the server\'s jobs (after a look): a live on-demand job is not sent again; the latest job failed → activate again', () => {
    const withJobs = (jobs: ActivationJobView[]) => plan(candidate({ known: { ...NOBODY, isOpen: true }, jobs }));
    expect(withJobs([])?.kind).toBe('activate');
    expect(withJobs([job({ type: 'scheduled', status: 'created' })])?.kind).toBe('activate');
    expect(withJobs([job({ type: 'scheduled' }), job({ id: 'j2', status: 'in-process', createdAt: '2027-01-15T06:01:00.000Z' })])).toMatchObject({ kind: 'running', job: 'j2' });
    expect(withJobs([job({ status: 'completed' })])).toMatchObject({ kind: 'done' });
    expect(withJobs([job({ status: 'failed' })])).toMatchObject({ kind: 'activate', reason: 're-activation: job j1 failed' });
    // A scheduled job that Telnyx already started is followed, never raced.
    expect(withJobs([job({ type: 'scheduled', status: 'in-process' })])).toMatchObject({ kind: 'running' });
  });
});

describe('planMove (--at)', () => {
  const scheduled = job({ type: 'scheduled', status: 'created', activateAt: FOC });
  const before = new Date('2027-01-14T10:00:00Z');

  it('moves a waiting scheduled job to HH:MM (UTC) on the FOC date or an ISO time with its zone', () => {
    expect(planMove([candidate({ jobs: [scheduled] })], '19:30', before).steps).toEqual([{ kind: 'move', order: 'o1', job: 'j1', activateAt: '2027-01-15T19:30:00.000Z', from: FOC }]);
    expect(planMove([candidate({ jobs: [scheduled] })], '2027-01-15T14:30-05:00', before).steps[0]).toMatchObject({ kind: 'move', activateAt: '2027-01-15T19:30:00.000Z' });
    expect(planMove([candidate({ jobs: [scheduled] })], '12:00', before).steps[0]).toMatchObject({ kind: 'already' });
  });

  it('refuses a time outside every window, already past or unreadable, naming the windows; never adjusts it', () => {
    const outside = planMove([candidate({ jobs: [scheduled] })], '17:00', before);
    expect(outside.steps).toEqual([]);
    expect(outside.problems).toEqual(['porting order o1: 2027-01-15T17:00:00.000Z is outside every activation window of job j1 (2027-01-15 12:00–16:00 UTC, 2027-01-15 19:00–23:00 UTC)']);
    expect(planMove([candidate({ jobs: [scheduled] })], '13:00', new Date('2027-01-15T14:00:00Z')).problems[0]).toContain('is already past');
    expect(planMove([candidate({ jobs: [scheduled] })], '2027-01-15 19:30', before).problems[0]).toContain('with its time zone');
    expect(planMove([candidate({ jobs: [scheduled] })], '25:00', before).problems[0]).toContain('from 00:00 to 23:59');
  });

  it('an order without a waiting scheduled job, or not a US FastPort order, is not eligible', () => {
    expect(planMove([candidate({ jobs: [job({ type: 'scheduled', status: 'completed' })] })], '19:30', before).steps[0]).toMatchObject({ kind: 'not-eligible', reason: expect.stringContaining('no scheduled activation job waiting (latest: scheduled job j1, completed)') });
    expect(planMove([candidate({ isFastPort: false })], '19:30', before).steps[0]).toMatchObject({ kind: 'not-eligible' });
  });
});

describe('jobs, numbers and exit codes', () => {
  it('the latest job is the newest created_at; windows read as a person writes them', () => {
    expect(latestJob([job({ id: 'a', createdAt: '2027-01-15T06:00:00Z' }), job({ id: 'b', createdAt: '2027-01-14T06:00:00Z' })])?.id).toBe('a');
    expect(describeWindows(WINDOWS)).toBe('2027-01-15 12:00–16:00 UTC, 2027-01-15 19:00–23:00 UTC');
    expect(resolveActivateAt('19:30', undefined)).toEqual({ error: expect.stringContaining('needs the order\'s FOC date') });
  });

  it('a number is ported when Active (or its order ported), failed with what Telnyx says when Failed', () => {
    expect(numberOutcome('Active', 'ported', '')).toEqual({ outcome: 'ported', detail: '' });
    expect(numberOutcome('Failed', 'foc-date-confirmed', 'SV_CONFLICT: …')).toEqual({ outcome: 'failed', detail: 'SV_CONFLICT: …' });
    expect(numberOutcome('Sending', 'foc-date-confirmed', '')).toEqual({ outcome: 'Sending', detail: '' });
  });

  it('exit codes: 0 all done, 1 a failure or a named order not eligible, 3 unknown or still running after a watch', () => {
    const o = (outcome: ActivationOrderOutcome['outcome']): ActivationOrderOutcome => ({ order: 'o', partKey: '', outcome, job: '', jobStatus: '', detail: '' });
    const code = (outcomes: ActivationOrderOutcome[], isNamed = false, isWatching = false) => activationExitCode(outcomes, { isNamed, isWatching });
    expect(code([o('activated'), o('done'), o('not-eligible')])).toBe(0);
    expect(code([o('activated'), o('not-eligible')], true)).toBe(1);
    expect(code([o('failed')])).toBe(1);
    expect(code([o('refused')])).toBe(1);
    expect(code([o('unknown'), o('failed')])).toBe(3);
    expect(code([o('running')])).toBe(0);
    expect(code([o('running')], false, true)).toBe(3);
  });
});
