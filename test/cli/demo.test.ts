import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

interface Expected {
  rows: number;
  valid: number;
  invalid: number;
  duplicate: number;
}

const expected = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../samples/expected.json'), 'utf8')) as Expected;

function results(dir: string): Record<string, string>[] {
  return parse(readFileSync(path.join(dir, 'results.csv')), { columns: true }) as Record<string, string>[];
}

/** The README's first Quick start command: `npm run demo` (= build, then this). */
describe('bulkport demo', () => {
  it('runs check, plan, submit (drafts), loa download, submit --confirm, status and the cutover (activate --watch, twice) on samples/ against the simulator and accounts for every row', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'bulkport-demo-')), 'out');
    const result = await runCli(['demo', '-o', out], { timeoutMs: 160_000 });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('demo: done');
    // The international sample (issue 15): codes read from the simulator's control route, said so, then confirmed.
    expect(result.stdout).toContain("read from the simulator's control route GET /_sim/verification_codes");
    expect(result.stdout).toContain('$ bulkport submit samples/international.xlsx --campaign demo-intl --confirm');
    expect(existsSync(path.join(out, 'intl-verify', 'verification.xlsx'))).toBe(true);
    expect(existsSync(path.join(out, 'intl-verified', 'verification-outcomes.csv'))).toBe(true);
    // It ends with the campaign report's path (issue 17).
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(`demo: the campaign report is ${path.relative(REPO_ROOT, path.join(out, 'report'))}/report.html`);
    expect(readFileSync(path.join(out, 'report', 'report.html'), 'utf8')).toContain('Porting campaign');

    for (const step of ['check', 'plan', 'submit', 'status']) {
      for (const file of ['results.csv', 'results.xlsx', 'summary.json']) expect(existsSync(path.join(out, step, file))).toBe(true);
      const rows = results(path.join(out, step));
      // Every input row, in input order, in every step's results.
      expect(rows).toHaveLength(expected.rows);
      const rowNumbers = rows.map((r) => Number(r.row));
      expect(rowNumbers).toEqual([...rowNumbers].sort((a, b) => a - b));
      expect(rows.filter((r) => r.status === 'invalid')).toHaveLength(expected.invalid);
      expect(rows.filter((r) => r.status === 'duplicate')).toHaveLength(expected.duplicate);
    }
    expect(existsSync(path.join(out, 'plan', 'plan.json'))).toBe(true);

    const submitted = results(path.join(out, 'submit'));
    const ordered = submitted.filter((r) => r.porting_order_id !== '');
    const portable = results(path.join(out, 'check')).filter((r) => r.status === 'portable');
    expect(ordered.map((r) => r.e164).sort()).toEqual(portable.map((r) => r.e164).sort());
    expect(new Set(ordered.map((r) => r.status))).toEqual(new Set(['submitted']));

    // Two simulated days later the orders have moved on: none is still a draft.
    const tracked = results(path.join(out, 'status')).filter((r) => r.porting_order_id !== '');
    expect(tracked).toHaveLength(ordered.length);
    expect(tracked.filter((r) => r.status === 'draft')).toHaveLength(0);
    expect(tracked.some((r) => r.status === 'foc_confirmed')).toBe(true);

    // The paperwork before submission: one valid, pre-filled LOA per draft order, and the index to note the signed ones in.
    const loaDir = path.join(out, 'loa-download');
    const loas = readdirSync(loaDir).filter((f) => f.endsWith('.pdf'));
    expect(loas).toHaveLength(new Set(ordered.map((r) => r.porting_order_id)).size);
    for (const name of loas) expect((await PDFDocument.load(readFileSync(path.join(loaDir, name)))).getPageCount()).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(loaDir, 'loa-index.xlsx'))).toBe(true);
    expect(result.stdout).toMatch(/\$ bulkport loa download --campaign demo --force\n\d+ LOA\(s\) written/);

    // Cutover night: every US FastPort order activates on the simulated FOC day, after at most one re-run.
    const outcomes = (step: string): Record<string, string>[] => parse(readFileSync(path.join(out, step, 'activation-outcomes.csv')), { columns: true, bom: true }) as Record<string, string>[];
    const first = outcomes('activate');
    const activatable = first.filter((r) => r.outcome !== 'not-eligible');
    expect(activatable.length).toBeGreaterThan(0);
    expect(first.filter((r) => r.outcome === 'not-eligible').every((r) => r.detail !== '')).toBe(true);
    const again = outcomes('activate-again');
    expect(again.filter((r) => r.outcome !== 'not-eligible').map((r) => r.porting_order_id).sort()).toEqual(activatable.map((r) => r.porting_order_id).sort());
    expect(again.filter((r) => r.outcome !== 'not-eligible').every((r) => r.outcome === 'activated' || r.outcome === 'done')).toBe(true);
    expect(result.stdout).toMatch(/\$ bulkport activate --campaign demo --watch/);
    // The demo runs nine CLI processes (runCli allows it 160 s); the suite's 60 s default is too tight on a loaded machine.
  }, 190_000);
});
