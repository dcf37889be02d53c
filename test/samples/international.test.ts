import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/sim/simulator.js';
import { blockNumbersOf } from '../../src/sim/orders/sim-order.js';
import { numbersOf } from '../../src/normalize/normalize-range.js';
import { runBulkport, readResults } from '../submit/campaign-fixture.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { fillCodesFromSimulator } from '../../src/commands/demo-international.js';
import type { InProcessResult } from '../helpers/run-in-process.js';

/**
 * samples/international.xlsx through the demo's flow (README "AU ownership checks"), in this process against
 * the simulator: submit --confirm, verify send, the codes read from the simulator's control route and typed
 * into verification.xlsx, verify apply, submit --confirm. Every row ends with the status international-
 * expected.json gives it, and the simulator's store holds every number, block number and associated number
 * of the sheet in exactly one live order.
 */
const CAMPAIGN = 'intl';
let sim: SimulatorHandle;
let dir: string;
const runs: Record<string, InProcessResult> = {};

beforeAll(async () => {
  sim = await startSimulator({ seed: 'bulkport-demo', rate: 1000, exceptionShare: 0, splitShare: 0, startAt: new Date('2026-11-24T10:00:00Z') });
  dir = await mkdtemp(path.join(tmpdir(), 'bulkport-intl-'));
  await cp(path.join(REPO_ROOT, 'samples'), dir, { recursive: true });
  const run = (name: string, ...args: string[]) => runBulkport([...args, '--state-dir', path.join(dir, 'state'), '-o', path.join(dir, name)], sim, dir);
  const sheet = path.join(dir, 'international.xlsx');
  runs.first = await run('first', 'submit', sheet, '--campaign', CAMPAIGN, '--confirm');
  runs.send = await run('verify', 'verify', 'send', '--campaign', CAMPAIGN);
  const file = path.join(dir, 'verify', 'verification.xlsx');
  runs.codes = { code: 0, stdout: (await fillCodesFromSimulator(sim.origin, file)).join('\n'), stderr: '' };
  runs.apply = await run('apply', 'verify', 'apply', '--campaign', CAMPAIGN, file);
  runs.last = await run('last', 'submit', sheet, '--campaign', CAMPAIGN, '--confirm');
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

describe('samples/international.xlsx', () => {
  it('goes through submit, verify and submit --confirm with the expected exit codes', () => {
    const codes = Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, r.code]));
    expect(codes, JSON.stringify(runs, null, 1).slice(0, 6000)).toEqual({ first: 1, send: 0, codes: 0, apply: 0, last: 1 });
    expect(runs.first?.stdout).toContain('need AU ownership codes before they can be confirmed');
    expect(runs.codes?.stdout).toMatch(/\+61491570156 → \d{6}/);
  });

  it('ends every row in the status international-expected.json gives it', async () => {
    const expected = JSON.parse(await readFile(path.join(REPO_ROOT, 'samples', 'international-expected.json'), 'utf8')) as Array<{ row: number; status: string; issue_code: string }>;
    const results = await readResults(path.join(dir, 'last'));
    const byRow = new Map<number, Array<{ status: string; issue_code: string }>>();
    for (const r of results) byRow.set(Number(r.row), [...(byRow.get(Number(r.row)) ?? []), { status: r.status ?? '', issue_code: r.issue_code ?? '' }]);
    for (const want of expected) {
      const got = byRow.get(want.row) ?? [];
      expect(got.length, `row ${want.row}`).toBeGreaterThan(0);
      for (const line of got) expect(line, `row ${want.row}`).toMatchObject({ status: want.status, ...(want.issue_code === '' ? {} : { issue_code: want.issue_code }) });
    }
  });

  it('holds every number, block number and associated number of the sheet in exactly one live order of the simulator', () => {
    const live = sim.orders.list().filter((o) => o.status !== 'cancelled' && o.status !== 'cancel-pending');
    const holders = new Map<string, string[]>();
    const hold = (n: string, id: string) => holders.set(n, [...(holders.get(n) ?? []), id]);
    for (const order of live) for (const n of new Set([...order.phoneNumbers, ...blockNumbersOf(order)])) hold(n, order.id);
    const associated = sim.state.moduleState<{ entries: Array<{ orderId: string; startAt: string; endAt: string }> }>('associated-numbers', () => ({ entries: [] })).entries;
    const liveIds = new Set(live.map((o) => o.id));
    for (const entry of associated) if (liveIds.has(entry.orderId)) for (const n of numbersOf({ start: entry.startAt, end: entry.endAt })) hold(n, entry.orderId);
    const sheetNumbers = [
      ...numbersOf({ start: '+4930244999900', end: '+4930244999999' }),
      '+493024499980',
      '+442079460200',
      '+442079460201',
      '+442079460250',
      ...numbersOf({ start: '+442079460260', end: '+442079460269' }),
      '+61491570156',
      '+61491570157',
      '+31207940101',
    ];
    for (const n of sheetNumbers) expect(holders.get(n) ?? [], n).toHaveLength(1);
    // Nothing else: no number in two orders, and no order holding a number the sheet did not give.
    expect([...holders].filter(([, ids]) => ids.length !== 1)).toEqual([]);
    expect([...holders.keys()].sort()).toEqual([...sheetNumbers].sort());
  });
});

describe('calls on the international sample', () => {
  it('stays within budget: one call per block, extension and associated entry, codes and bundles in single batches', () => {
    const calls = sim.stats().calls;
    expect(calls['POST /porting_orders/:id/verification_codes/send']).toBe(1);
    expect(calls['POST /porting_orders/:id/verification_codes/verify']).toBe(1);
    expect(calls['POST /porting_orders/:porting_order_id/action_requirements/:id/initiate']).toBe(1);
    // The keep row and the disconnect range: one associated entry each, on the one GB order.
    expect(calls['POST /porting_orders/:porting_order_id/associated_phone_numbers']).toBe(2);
    expect(calls['POST /porting_orders/:porting_order_id/phone_number_extensions']).toBe(1);
    expect(calls['POST /porting_orders/phone_number_configurations']).toBe(1);
    // Each order created once and confirmed once, the AU one only after its numbers were verified.
    expect(calls['POST /porting_orders']).toBe(calls['POST /porting_orders/:id/actions/confirm']);
    expect(sim.stats().ordersCreated).toBe(calls['POST /porting_orders']);
  });
});
