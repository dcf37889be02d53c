import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseEntries } from '../../src/portouts/portout-journal.js';
import { REVIEW_COLUMNS, REVIEW_SHEET_NAME, type ReviewColumn } from '../../src/portouts/review-sheet.js';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { CLI_PATH } from '../helpers/run-cli.js';
import { listAll, portoutContractProblems, PATCH_ENDPOINT, runPortouts, startPortoutSim, tempDir, type PortoutSim } from './portouts-harness.js';

let po: PortoutSim;

beforeAll(async () => {
  po = await startPortoutSim(40, 'portout-apply');
});

afterAll(async () => {
  // Every request the tool sent, and every answer it read, conforms to the spec.
  expect(portoutContractProblems(po)).toEqual([]);
  await po.sim.close();
});

type Edit = Partial<Record<ReviewColumn, string | number>>;

/** Writes a review sheet with `portouts review`, then fills in decisions as a person would in Excel. */
async function reviewAndDecide(cwd: string, name: string, edits: Record<string, Edit>): Promise<string> {
  const reviewed = await runPortouts(po.sim, ['portouts', 'review', '-o', `${name}.review.xlsx`], { cwd });
  expect(reviewed.code).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(cwd, `${name}.review.xlsx`));
  const sheet = workbook.getWorksheet(REVIEW_SHEET_NAME);
  if (!sheet) throw new Error('no Review sheet');
  const column = (c: ReviewColumn): number => REVIEW_COLUMNS.indexOf(c) + 1;
  const found = new Set<string>();
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const id = String(row.getCell(column('portout_id')).value);
    const edit = edits[id];
    if (!edit) return;
    found.add(id);
    for (const [key, value] of Object.entries(edit)) row.getCell(column(key as ReviewColumn)).value = value;
  });
  expect([...found].sort()).toEqual(Object.keys(edits).sort());
  const file = `${name}.xlsx`;
  await workbook.xlsx.writeFile(path.join(cwd, file));
  return file;
}

async function pendingIds(count: number, offset: number): Promise<string[]> {
  const pending = await listAll(po.client, { status: 'pending' });
  const ids = pending.slice(offset, offset + count).map((p) => p.id ?? '');
  expect(ids).toHaveLength(count);
  return ids;
}

async function eligibleCode(id: string, which: 'first' | 'ineligible' = 'first'): Promise<number> {
  const codes = ((await po.client.portouts.listRejectionCodes(id)).data ?? []).map((c) => c.code ?? 0);
  if (which === 'first') return codes.find((c) => c !== 1001) ?? 1001;
  return [1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009].find((c) => !codes.includes(c)) ?? 4242;
}

async function outcomes(cwd: string, dir: string): Promise<Map<string, string>> {
  const rows = parse(await readFile(path.join(cwd, dir, 'portouts-apply-outcomes.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  return new Map(rows.filter((r) => r.decision !== '').map((r) => [r.portout_id ?? '', r.outcome ?? '']));
}

/** Runs `work` against a simulator of its own (for tests that move its clock or operator state). */
async function withOwnSimulator(count: number, seed: string, work: () => Promise<void>): Promise<void> {
  const own = await startPortoutSim(count, seed);
  const shared = po;
  po = own;
  try {
    await work();
  } finally {
    po = shared;
    await own.sim.close();
  }
}

const patches = (): number => po.sim.stats().calls[PATCH_ENDPOINT] ?? 0;

describe('portouts apply', () => {
  test('invalid decisions block the run: every problem listed with file, row and column; nothing sent', async () => {
    const cwd = await tempDir('po-apply-invalid');
    const [a, b, c, d, e] = await pendingIds(5, 0);
    if (!a || !b || !c || !d || !e) throw new Error('ids');
    const file = await reviewAndDecide(cwd, 'invalid', {
      [a]: { decision: 'authorize', reason: 'Customer confirmed' },
      [b]: { decision: 'reject', rejection_code: await eligibleCode(b, 'ineligible'), reason: 'Wrong PIN' },
      [c]: { decision: 'reject', rejection_code: await eligibleCode(c) },
      [d]: { decision: 'maybe', reason: 'unsure' },
      [e]: { portout_id: '00000000-0000-4000-8000-000000000000', decision: 'authorize', reason: 'ok' },
    });
    const before = patches();
    const result = await runPortouts(po.sim, ['portouts', 'apply', file, '--yes', '-o', 'out'], { cwd });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith(`${file} [Review] row `))).toHaveLength(4);
    expect(result.stderr).toMatch(new RegExp(`${file} \\[Review\\] row \\d+, column "rejection_code": expected a rejection code eligible for port-out ${b} \\(1001 Other \\(reason required\\); .*\\), got \\d+ \\[REJECTION_CODE_INELIGIBLE\\]`));
    expect(result.stderr).toMatch(/row \d+, column "reason": expected a reason \(Telnyx requires one to reject\), got an empty cell \[REASON_MISSING\]/);
    expect(result.stderr).toMatch(/row \d+, column "decision": expected authorize or reject, got "maybe" \[DECISION_INVALID\]/);
    expect(result.stderr).toMatch(/row \d+, column "portout_id": expected the id of a port-out on this account, got "00000000-0000-4000-8000-000000000000" \(Telnyx: not found\) \[PORTOUT_UNKNOWN\]/);
    expect(result.stderr).toContain(`bulkport: ${file}: 4 problem(s) in the decisions (listed above); nothing was sent`);
    expect(patches()).toBe(before);
    expect((await po.client.portouts.retrieve(a)).data?.status).toBe('pending');
    // The journal holds only what review learnt from the events feed: no intent, no result.
    const journalFile = path.join(cwd, 'state', 'portouts', 'journal.jsonl');
    const entries = existsSync(journalFile) ? parseEntries(await readFile(journalFile, 'utf8')) : [];
    expect(entries.filter((e) => e.type !== 'events')).toEqual([]);
  });

  test('applies valid decisions, writes an outcome per row and a journal; a re-run sends nothing twice', async () => {
    const cwd = await tempDir('po-apply-ok');
    const [a, b, c] = await pendingIds(3, 0);
    if (!a || !b || !c) throw new Error('ids');
    const code = await eligibleCode(c);
    const file = await reviewAndDecide(cwd, 'ok', {
      [a]: { decision: 'authorize', reason: 'Customer confirmed', host_messaging: 'true' },
      [b]: { decision: 'authorize', reason: 'Customer confirmed' },
      [c]: { decision: 'reject', rejection_code: code, reason: 'PIN does not match' },
    });
    const before = patches();
    const first = await runPortouts(po.sim, ['portouts', 'apply', file, '--yes', '-o', 'out1'], { cwd });
    expect(first.stderr).not.toContain('bulkport:');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^3 decision\(s\): 3 applied; \d+ row\(s\) without a decision/);
    expect(patches()).toBe(before + 3);
    expect((await po.client.portouts.retrieve(a)).data).toMatchObject({ status: 'authorized', reason: 'Customer confirmed', host_messaging: true });
    expect((await po.client.portouts.retrieve(c)).data).toMatchObject({ status: 'rejected-pending', rejection_code: code, reason: 'PIN does not match' });
    expect(await outcomes(cwd, 'out1')).toEqual(new Map([[a, 'applied'], [b, 'applied'], [c, 'applied']]));
    const all = parse(await readFile(path.join(cwd, 'out1', 'portouts-apply-outcomes.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(all.filter((r) => r.outcome === 'skipped: no decision').length).toBeGreaterThan(10);
    expect(all.map((r) => Number(r.row))).toEqual([...all.map((r) => Number(r.row))].sort((x, y) => x - y));
    expect(existsSync(path.join(cwd, 'out1', 'portouts-apply-outcomes.xlsx'))).toBe(true);

    const journal = parseEntries(await readFile(path.join(cwd, 'state', 'portouts', 'journal.jsonl'), 'utf8'));
    expect(journal.filter((e) => e.type === 'intent')).toHaveLength(3);
    expect(journal.filter((e) => e.type === 'result' && e.outcome === 'applied')).toHaveLength(3);
    for (const id of [a, b, c]) {
      const entries = journal.filter((e) => e.type !== 'events' && e.portoutId === id).map((e) => e.type);
      expect(entries).toEqual(['intent', 'result']);
    }

    const again = await runPortouts(po.sim, ['portouts', 'apply', file, '--yes', '-o', 'out2'], { cwd });
    expect(again.code).toBe(0);
    expect(patches()).toBe(before + 3);
    expect(await outcomes(cwd, 'out2')).toEqual(
      new Map([
        [a, 'applied (by an earlier run; now authorized)'],
        [b, 'applied (by an earlier run; now authorized)'],
        [c, 'applied (by an earlier run; now rejected-pending)'],
      ]),
    );
    expect(existsSync(path.join(cwd, 'state', 'portouts', 'apply.lock'))).toBe(false);
  });

  test('requests that changed since review are skipped with a clear outcome (exit 1)', async () => {
    const cwd = await tempDir('po-apply-changed');
    const [a, b, c] = await pendingIds(3, 0);
    if (!a || !b || !c) throw new Error('ids');
    const file = await reviewAndDecide(cwd, 'changed', {
      [a]: { decision: 'reject', rejection_code: 1001, reason: 'Not our customer' },
      [b]: { decision: 'authorize', reason: 'Customer confirmed' },
      [c]: { decision: 'authorize', reason: 'Customer confirmed' },
    });
    // Meanwhile, someone answers two of them in the portal.
    await po.client.portouts.updateStatus('authorized', { id: a, reason: 'Answered in the portal' });
    await po.client.portouts.updateStatus('authorized', { id: b, reason: 'Answered in the portal' });
    const before = patches();
    const result = await runPortouts(po.sim, ['portouts', 'apply', file, '--yes', '-o', 'out'], { cwd });
    expect(result.code).toBe(1);
    expect(patches()).toBe(before + 1);
    expect(await outcomes(cwd, 'out')).toEqual(
      new Map([
        [a, 'skipped: no longer pending (status authorized)'],
        [b, 'skipped: already authorized'],
        [c, 'applied'],
      ]),
    );
    expect(result.stdout).toContain(`port-out ${a}: skipped: no longer pending (status authorized)`);
  });

  test('a request auto-authorized by the clock before apply is skipped, not rejected', async () => {
    await withOwnSimulator(10, 'portout-clock', async () => {
      const cwd = await tempDir('po-apply-clock');
      const [id] = await pendingIds(1, 0);
      if (!id) throw new Error('ids');
      const file = await reviewAndDecide(cwd, 'clock', { [id]: { decision: 'reject', rejection_code: 1001, reason: 'Not authorized by the customer' } });
      po.sim.advance(48 * 3_600_000);
      const before = patches();
      const result = await runPortouts(po.sim, ['portouts', 'apply', file, '--yes', '-o', 'out'], { cwd });
      expect(result.code).toBe(1);
      expect(patches()).toBe(before);
      expect(await outcomes(cwd, 'out')).toEqual(new Map([[id, 'skipped: no longer pending (status authorized)']]));
    });
  });

  test('a request an operator moved back to pending is not re-sent from the old sheet, and can be decided again from a new review', async () => {
    await withOwnSimulator(10, 'portout-reopen', async () => {
      const cwd = await tempDir('po-apply-reopen');
      const [a] = await pendingIds(1, 0);
      if (!a) throw new Error('ids');
      const oldSheet = await reviewAndDecide(cwd, 'old', { [a]: { decision: 'reject', rejection_code: 1001, reason: 'Customer denies the port' } });
      expect((await runPortouts(po.sim, ['portouts', 'apply', oldSheet, '--yes', '-o', 'out1'], { cwd })).code).toBe(0);
      expect((await po.client.portouts.retrieve(a)).data?.status).toBe('rejected-pending');

      const reopened = await fetch(`${po.sim.origin}/_sim/portouts/${a}/reopen`, { method: 'POST' });
      expect(reopened.status).toBe(200);
      const before = patches();
      const stale = await runPortouts(po.sim, ['portouts', 'apply', oldSheet, '--yes', '-o', 'out2'], { cwd });
      expect(stale.code).toBe(1);
      expect(patches()).toBe(before);
      expect((await outcomes(cwd, 'out2')).get(a)).toMatch(/^skipped: applied on .* but pending again since .*; review it again to decide$/);

      const newSheet = await reviewAndDecide(cwd, 'new', { [a]: { decision: 'authorize', reason: 'Customer confirmed on a call' } });
      const fresh = await runPortouts(po.sim, ['portouts', 'apply', newSheet, '--yes', '-o', 'out3'], { cwd });
      expect(fresh.code).toBe(0);
      expect(patches()).toBe(before + 1);
      expect((await po.client.portouts.retrieve(a)).data?.status).toBe('authorized');
    });
  });

  test('without a terminal and without --yes it refuses (exit 2) before reading or sending anything', async () => {
    const cwd = await tempDir('po-apply-notty');
    const before = po.sim.stats().totalCalls;
    const result = await runPortouts(po.sim, ['portouts', 'apply', 'missing.xlsx', '-o', 'out'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('asks for confirmation, but there is no terminal to ask on');
    expect(result.stderr).toContain('hint: Pass --yes');
    expect(po.sim.stats().totalCalls).toBe(before);
  });

  test('on a terminal it asks; anything but yes sends nothing', async () => {
    const cwd = await tempDir('po-apply-tty');
    const [a] = await pendingIds(1, 0);
    if (!a) throw new Error('ids');
    const file = await reviewAndDecide(cwd, 'tty', { [a]: { decision: 'authorize', reason: 'Customer confirmed' } });
    const before = patches();
    const declined = await runPortouts(po.sim, ['portouts', 'apply', file, '-o', 'out1'], { cwd, isInteractive: true, stdinText: 'n\n' });
    expect(declined.code).toBe(0);
    expect(declined.stderr).toContain('Apply 1 decision(s) to Telnyx port-outs: authorize 1, reject 0? [y/N]');
    expect(declined.stderr).toContain('nothing sent');
    expect(patches()).toBe(before);
    const accepted = await runPortouts(po.sim, ['portouts', 'apply', file, '-o', 'out2'], { cwd, isInteractive: true, stdinText: 'yes\n' });
    expect(accepted.code).toBe(0);
    expect(patches()).toBe(before + 1);
  });

  test.skipIf(!existsSync(CLI_PATH))('a run killed while a status update is out (SIGKILL) is resumed without applying anything twice', async () => {
    const cwd = await tempDir('po-apply-crash');
    const ids = await pendingIds(3, 0);
    const edits: Record<string, Edit> = {};
    for (const id of ids) edits[id] = { decision: 'authorize', reason: 'Customer confirmed' };
    const file = await reviewAndDecide(cwd, 'crash', edits);
    const before = patches();
    // The 2nd status update is applied by the server, but its answer is held: the client is killed waiting for it.
    const hold = po.sim.hold(PATCH_ENDPOINT, 2, 'after');
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'portouts', 'apply', file, '--yes', '--concurrency', '1', '--base-url', po.sim.baseURL, '--state-dir', path.join(cwd, 'state'), '-o', 'out1'],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TELNYX_API_KEY: KEY_BULKPORT_DEMO }, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await hold.reached;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    hold.drop();
    expect(patches()).toBe(before + 2);
    const journal = parseEntries(await readFile(path.join(cwd, 'state', 'portouts', 'journal.jsonl'), 'utf8'));
    // Every intent is on disk before its call; at most the first call's result made it before the kill.
    // (Requests are worked on twice --concurrency at a time, so the 3rd may not have started.)
    const intents = journal.filter((e) => e.type === 'intent').map((e) => e.portoutId);
    expect(intents).toContain(ids[1]);
    for (const id of intents) expect(ids).toContain(id);
    expect(journal.filter((e) => e.type === 'result').map((e) => e.portoutId)).not.toContain(ids[1]);
    expect(existsSync(path.join(cwd, 'state', 'portouts', 'apply.lock'))).toBe(true);

    const resumed = await runPortouts(po.sim, ['portouts', 'apply', file, '--yes', '-o', 'out2'], { cwd });
    // The killed run's lock is taken over with the one lock's notice, and nothing else goes wrong.
    expect(resumed.stderr).toMatch(/^bulkport: the port-out journal was locked by pid \d+ on .*, which is no longer running; taking the lock over\n$/);
    expect(resumed.code).toBe(0);
    expect(patches()).toBe(before + 3);
    const results = await outcomes(cwd, 'out2');
    const byOutcome = [...results.values()].sort();
    expect(byOutcome).toEqual(['applied', 'applied (by an earlier run; now authorized)', 'applied (by an earlier run; now authorized)']);
    for (const id of ids) expect((await po.client.portouts.retrieve(id)).data?.status).toBe('authorized');
  });
});
