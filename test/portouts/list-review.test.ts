import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { columnNumberFormats, overlappingValidations, sheetXml, validationAreas } from '../helpers/xlsx-xml.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiSession } from '../../src/api/api-session.js';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { ApiKey } from '../../src/core/api-key.js';
import { collectPortouts } from '../../src/portouts/collect-portouts.js';
import { resolvePortoutFilters } from '../../src/portouts/portout-filters.js';
import { PORTOUT_LIST_COLUMNS } from '../../src/portouts/portout-list-row.js';
import { readReviewSheet } from '../../src/portouts/read-review-sheet.js';
import { CODES_SHEET_NAME, REVIEW_COLUMNS, REVIEW_SHEET_NAME } from '../../src/portouts/review-sheet.js';
import { listAll, portoutContractProblems, runPortouts, startPortoutSim, tempDir, type PortoutSim } from './portouts-harness.js';

let po: PortoutSim;

beforeAll(async () => {
  po = await startPortoutSim(40, 'portout-list');
});

afterAll(async () => {
  // Every request the tool sent, and every answer it read, conforms to the spec.
  expect(portoutContractProblems(po)).toEqual([]);
  await po.sim.close();
});

async function readCsv(file: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
}

describe('portouts list', () => {
  test('every port-out, one row per request, in portouts.csv and portouts.xlsx with comments and documents', async () => {
    const cwd = await tempDir('po-list');
    const result = await runPortouts(po.sim, ['portouts', 'list', '-o', 'out'], { cwd });
    expect(result.stderr).not.toContain('bulkport:');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^40 port-out request\(s\): \d+ pending/);
    const rows = await readCsv(path.join(cwd, 'out', 'portouts.csv'));
    expect(Object.keys(rows[0] ?? {})).toEqual([...PORTOUT_LIST_COLUMNS]);
    const all = await listAll(po.client);
    expect(rows.map((r) => r.portout_id)).toEqual(all.map((p) => p.id));

    const withComments = rows.find((r) => Number(r.comments_count) > 1);
    const id = withComments?.portout_id ?? '';
    const comments = (await po.client.portouts.comments.list(id)).data ?? [];
    expect(withComments?.last_comment).toBe(comments.at(-1)?.body);
    const withDocs = rows.find((r) => r.supporting_documents !== '');
    const docs = (await po.client.portouts.supportingDocuments.list(withDocs?.portout_id ?? '')).data ?? [];
    expect(withDocs?.supporting_documents).toBe(docs.map((d) => `${d.type}:${d.document_id}`).join(' '));

    const pending = rows.find((r) => r.status === 'pending');
    expect(Number(pending?.auto_authorize_earliest_in_hours)).toBeGreaterThan(0);
    expect(Number(pending?.auto_authorize_latest_in_hours)).toBe(Number(pending?.auto_authorize_earliest_in_hours) + 24);
    expect(rows.find((r) => r.status === 'ported')?.auto_authorize_earliest_in_hours).toBe('');
    // A multi-number cell starts with "+" but is not one E.164 number: neutralized against formula injection.
    const multi = rows.find((r) => Number(r.number_count) > 1);
    expect(multi?.phone_numbers).toMatch(/^'\+\d+ \+\d+/);
    expect(rows.find((r) => r.number_count === '1')?.phone_numbers).toMatch(/^\+\d+$/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(cwd, 'out', 'portouts.xlsx'));
    const sheet = workbook.getWorksheet('Portouts');
    expect(sheet?.rowCount).toBe(41);
    expect(sheet?.getRow(2).getCell(PORTOUT_LIST_COLUMNS.indexOf('phone_numbers') + 1).value).toBe(all[0]?.phone_numbers?.join(' '));
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('filters go to the API; the FOC range is applied locally', async () => {
    const all = await listAll(po.client);
    const sample = all.find((p) => p.status === 'pending') ?? all[0];
    const foc = sample?.foc_date?.slice(0, 10) ?? '';
    const cwd = await tempDir('po-list-filter');
    const before = po.sim.stats().calls['GET /portouts'] ?? 0;
    const result = await runPortouts(
      po.sim,
      ['portouts', 'list', '--status', 'pending,authorized', '--country', 'US', '--carrier', sample?.carrier_name ?? '', '--foc-from', foc, '--foc-to', foc, '--format', 'csv', '-o', 'out'],
      { cwd },
    );
    expect(result.code).toBe(0);
    const expected = all.filter(
      (p) =>
        (p.status === 'pending' || p.status === 'authorized') &&
        p.carrier_name === sample?.carrier_name &&
        p.foc_date?.slice(0, 10) === foc &&
        (p.phone_numbers?.[0]?.startsWith('+1') ?? false),
    );
    const rows = await readCsv(path.join(cwd, 'out', 'portouts.csv'));
    expect(rows.map((r) => r.portout_id).sort()).toEqual(expected.map((p) => p.id).sort().filter((id) => rows.some((r) => r.portout_id === id)));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.foc_date?.slice(0, 10)).toBe(foc);
      expect(['pending', 'authorized']).toContain(row.status);
    }
    expect(po.sim.stats().calls['GET /portouts']).toBe(before + 1);
    const exchange = po.recorder.exchanges.filter((e) => e.path === '/portouts').at(-1);
    expect(exchange?.query.get('filter[status_in]')).toBe('pending,authorized');
    expect(exchange?.query.get('filter[country_code]')).toBe('US');
    expect(exchange?.query.has('filter[foc_date]')).toBe(false);
    await expect(readFile(path.join(cwd, 'out', 'portouts.xlsx'))).rejects.toThrow();
  });

  test('the list stage pages through every page (page size 7 over 40 requests)', async () => {
    const session = createApiSession(
      { apiKey: new ApiKey(KEY_BULKPORT_DEMO), baseURL: po.sim.baseURL, concurrency: 4, ratePerSecond: 500 },
      { signal: new AbortController().signal, now: () => new Date() },
    );
    try {
      const before = po.sim.stats().calls['GET /portouts'] ?? 0;
      const collected = await collectPortouts(session, resolvePortoutFilters({}), { pageSize: 7 });
      expect(collected.portouts).toHaveLength(40);
      expect(new Set(collected.portouts.map((p) => p.id)).size).toBe(40);
      expect(po.sim.stats().calls['GET /portouts']).toBe(before + 6);
      expect(collected.extras.size).toBe(40);
    } finally {
      await session.close();
    }
  });

  test('bad flags are usage errors (exit 2) and send nothing', async () => {
    const cwd = await tempDir('po-list-bad');
    const before = po.sim.stats().totalCalls;
    const result = await runPortouts(po.sim, ['portouts', 'list', '--status', 'approved', '-o', 'out'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--status: expected one of pending, authorized, ported, rejected, rejected-pending, canceled, got "approved"');
    expect(po.sim.stats().totalCalls).toBe(before);
  });

  test('-o naming a file is a usage error (exit 2), and nothing is sent', async () => {
    const cwd = await tempDir('po-list-file');
    await writeFile(path.join(cwd, 'taken'), 'a file\n');
    const before = po.sim.stats().totalCalls;
    const result = await runPortouts(po.sim, ['portouts', 'list', '-o', 'taken'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`bulkport: -o: expected ${path.join(cwd, 'taken')} to be a directory, but it (or a folder above it) is a file\nhint: Choose another -o path; missing directories are created.\n`);
    expect(po.sim.stats().totalCalls).toBe(before);
  });

  test("reads the requests' comments and documents --concurrency at a time, never more", async () => {
    const cwd = await tempDir('po-list-concurrent');
    po.sim.faults.set('slow=1:30');
    po.sim.resetStats();
    try {
      const result = await runPortouts(po.sim, ['portouts', 'list', '--concurrency', '3', '-o', 'out'], { cwd });
      expect(result.code).toBe(0);
    } finally {
      po.sim.faults.set([]);
    }
    expect(po.sim.stats().calls['GET /portouts/:id/comments']).toBe(40);
    expect(po.sim.stats().maxInFlight).toBe(3);
  });
});

describe('portouts review', () => {
  test('XLSX round trip: pending requests, a dropdown of the codes eligible for THAT request, read back by apply', async () => {
    const cwd = await tempDir('po-review');
    const result = await runPortouts(po.sim, ['portouts', 'review', '-o', 'review.xlsx'], { cwd });
    expect(result.code).toBe(0);
    const pending = await listAll(po.client, { status: 'pending' });

    // No two data-validation ranges overlap (stricter readers refuse such a workbook); decisions are text columns.
    const reviewXml = await sheetXml(path.join(cwd, 'review.xlsx'), REVIEW_SHEET_NAME);
    expect(validationAreas(reviewXml).length).toBeGreaterThan(2);
    expect(overlappingValidations(reviewXml)).toEqual([]);
    const formats = await columnNumberFormats(path.join(cwd, 'review.xlsx'), REVIEW_SHEET_NAME);
    expect(formats.get(REVIEW_COLUMNS.indexOf('rejection_code') + 1)).toBe(49);
    expect(formats.get(REVIEW_COLUMNS.indexOf('portout_id') + 1)).toBe(49);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(cwd, 'review.xlsx'));
    const review = workbook.getWorksheet(REVIEW_SHEET_NAME);
    const codesSheet = workbook.getWorksheet(CODES_SHEET_NAME);
    if (!review || !codesSheet) throw new Error('sheets missing');
    expect(review.getRow(1).values).toEqual([undefined, ...REVIEW_COLUMNS]);
    expect(review.rowCount).toBe(pending.length + 1);

    const column = (name: (typeof REVIEW_COLUMNS)[number]): number => REVIEW_COLUMNS.indexOf(name) + 1;
    let distinctLists = new Set<string>();
    for (let rowNumber = 2; rowNumber <= review.rowCount; rowNumber += 1) {
      const row = review.getRow(rowNumber);
      const id = String(row.getCell(column('portout_id')).value);
      const validation = row.getCell(column('rejection_code')).dataValidation;
      expect(validation.type).toBe('list');
      const range = /^'Rejection codes'!\$B\$(\d+):\$B\$(\d+)$/.exec(validation.formulae?.[0] ?? '');
      expect(range).not.toBeNull();
      const codes: number[] = [];
      for (let r = Number(range?.[1]); r <= Number(range?.[2]); r += 1) {
        expect(codesSheet.getRow(r).getCell(1).value).toBe(id);
        codes.push(Number(codesSheet.getRow(r).getCell(2).value));
      }
      const eligible = ((await po.client.portouts.listRejectionCodes(id)).data ?? []).map((c) => c.code);
      expect(codes).toEqual(eligible);
      distinctLists = distinctLists.add(codes.join(','));
      expect(row.getCell(column('decision')).dataValidation).toMatchObject({ type: 'list', formulae: ['"authorize,reject"'] });
      expect(row.getCell(column('status')).value).toBe('pending');
    }
    expect(distinctLists.size).toBeGreaterThan(1);

    // A person picks from the dropdowns; apply's reader gets the decisions back.
    review.getRow(2).getCell(column('decision')).value = 'reject';
    review.getRow(2).getCell(column('rejection_code')).value = codesSheet.getRow(2).getCell(2).value;
    review.getRow(2).getCell(column('reason')).value = { richText: [{ text: 'PIN ' }, { text: 'mismatch' }] };
    await workbook.xlsx.writeFile(path.join(cwd, 'edited.xlsx'));
    const read = await readReviewSheet(path.join(cwd, 'edited.xlsx'), 'edited.xlsx');
    expect(read.sheet).toBe('Review');
    expect(read.rows).toHaveLength(pending.length);
    expect(read.rows[0]).toEqual({
      ref: { file: 'edited.xlsx', sheet: 'Review', row: 2 },
      values: expect.objectContaining({ portout_id: pending[0]?.id, decision: 'reject', rejection_code: String(codesSheet.getRow(2).getCell(2).value), reason: 'PIN mismatch', updated_at: pending[0]?.updated_at }),
      problems: [],
    });
  });

  test('CSV review sheet carries the eligible codes as text', async () => {
    const cwd = await tempDir('po-review-csv');
    const result = await runPortouts(po.sim, ['portouts', 'review', '-o', 'review.csv'], { cwd });
    expect(result.code).toBe(0);
    const rows = await readCsv(path.join(cwd, 'review.csv'));
    const first = rows[0];
    const codes = (await po.client.portouts.listRejectionCodes(first?.portout_id ?? '')).data ?? [];
    expect(first?.eligible_rejection_codes).toBe(codes.map((c) => `${c.code} ${c.description}${c.reason_required ? ' (reason required)' : ''}`).join('; '));
    expect(first?.decision).toBe('');
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
  });

  test('-o must name an .xlsx or .csv file', async () => {
    const cwd = await tempDir('po-review-bad');
    const result = await runPortouts(po.sim, ['portouts', 'review', '-o', 'review.txt'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a review file ending in .xlsx or .csv, got ".txt"');
  });
});
