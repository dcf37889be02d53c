import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EventsInbox } from '../../src/events/inbox.js';
import { parseEntries } from '../../src/portouts/portout-journal.js';
import { REVIEW_COLUMNS, REVIEW_SHEET_NAME } from '../../src/portouts/review-sheet.js';
import { portoutStore } from '../../src/sim/routes/portouts.js';
import { listAll, portoutContractProblems, runPortouts, startPortoutSim, tempDir, type PortoutSim } from './portouts-harness.js';

let po: PortoutSim;

beforeAll(async () => {
  po = await startPortoutSim(30, 'portout-events');
});

afterAll(async () => {
  expect(portoutContractProblems(po)).toEqual([]);
  await po.sim.close();
});

type Row = Record<string, string>;

async function list(cwd: string, out: string): Promise<{ rows: Row[]; stdout: string; calls: Record<string, number> }> {
  po.sim.resetStats();
  const result = await runPortouts(po.sim, ['portouts', 'list', '--format', 'csv', '-o', out], { cwd });
  expect(result.code, result.stderr).toBe(0);
  const rows = parse(await readFile(path.join(cwd, out, 'portouts.csv'), 'utf8'), { columns: true }) as Row[];
  return { rows, stdout: result.stdout, calls: po.sim.stats().calls };
}

/** What the desk shows of each request's comments and documents (the hours-left columns move with the clock). */
function extrasOf(rows: readonly Row[]): Array<Pick<Row, string>> {
  return rows.map((r) => ({ id: r.portout_id ?? '', status: r.status ?? '', comments: r.comments_count ?? '', last: r.last_comment ?? '', at: r.last_comment_at ?? '', docs: r.supporting_documents ?? '' }));
}

describe('the port-out desk follows GET /portouts/events', () => {
  test('after the first run, comments come from events and only changed requests are read; the results equal a full read', async () => {
    const cwd = await tempDir('po-events');
    const all = await listAll(po.client);
    const pending = all.filter((p) => p.status === 'pending');
    const first = await list(cwd, 'l1');
    expect(first.stdout).toContain('comments and documents read for every request (first run)');
    expect(first.calls['GET /portouts/:id/comments']).toBe(all.length);

    const quiet = await list(cwd, 'l2');
    expect(quiet.stdout).toContain('comments and documents from the events feed: 0 new event(s); 0 request(s) read in full');
    expect(quiet.calls['GET /portouts/:id/comments'] ?? 0).toBe(0);
    // Supporting documents come without an event: a pending request's are read again, no other's.
    expect(quiet.calls['GET /portouts/:id/supporting_documents'] ?? 0).toBe(pending.length);
    expect(quiet.calls['GET /portouts/events']).toBe(1);
    expect(extrasOf(quiet.rows)).toEqual(extrasOf(first.rows));

    // A comment (an event), a document on a pending request (no event), an answer (updated_at moves).
    const [commented, withDocument, answered] = pending;
    await po.client.portouts.comments.create(commented?.id ?? '', { body: 'Customer says they did not ask for this' });
    const documentId = (await po.client.documents.upload({ document: { file: Buffer.from('%PDF-1.4 LOA').toString('base64'), filename: 'loa.pdf' } })).data?.id ?? '';
    await po.client.portouts.supportingDocuments.create(withDocument?.id ?? '', { documents: [{ document_id: documentId, type: 'loa' }] });
    await po.client.portouts.updateStatus('authorized', { id: answered?.id ?? '', reason: 'Customer confirmed' });
    // A comment only the webhook inbox has (the feed would list it too; here `listen` got it first).
    const inbox = await EventsInbox.open(path.join(cwd, 'state'), { command: 'test', now: () => new Date(), notice: () => undefined });
    const other = all.find((p) => p.status !== 'pending');
    await inbox.add('portout', { id: '0b7d1c9e-0000-4000-8000-000000000001', event_type: 'portout.new_comment', portout_id: other?.id ?? '', created_at: '2030-01-01T00:00:00.000Z', payload: { comment: 'From the webhook', id: '0b7d1c9e-0000-4000-8000-0000000000c1', portout_id: other?.id ?? '', user_id: 'u1' }, record_type: 'portout_event' });
    await inbox.close();

    const moved = await list(cwd, 'l3');
    expect(moved.stdout).toContain('comments and documents from the events feed: 3 new event(s); 1 request(s) read in full');
    expect(moved.calls['GET /portouts/:id/comments']).toBe(1);
    const row = (id: string | undefined): Row | undefined => moved.rows.find((r) => r.portout_id === id);
    expect(row(commented?.id)?.last_comment).toBe('Customer says they did not ask for this');
    expect(row(withDocument?.id)?.supporting_documents).toContain(`loa:${documentId}`);
    expect(row(answered?.id)?.status).toBe('authorized');
    expect(row(other?.id)?.last_comment).toBe('From the webhook');

    // A desk without the journal reads everything: the same comments and documents (but the webhook-only one).
    const fresh = await list(await tempDir('po-events-fresh'), 'full');
    expect(extrasOf(moved.rows).filter((r) => r.id !== other?.id)).toEqual(extrasOf(fresh.rows).filter((r) => r.id !== other?.id));

    // The cursor lives in the port-out journal, beside apply's entries.
    const entries = parseEntries(await readFile(path.join(cwd, 'state', 'portouts', 'journal.jsonl'), 'utf8'));
    expect(entries.map((e) => e.type)).toEqual(['events', 'events', 'events']);
    expect(entries.at(-1)).toMatchObject({ applied: expect.arrayContaining(['0b7d1c9e-0000-4000-8000-000000000001']) });
  });

  test('review.xlsx shows each request\'s comments and supporting documents', async () => {
    const cwd = await tempDir('po-events-review');
    const store = portoutStore(po.sim.state);
    const withBoth = store.list({ status: 'pending' }).find((p) => p.comments.length > 0 && p.documents.length > 0) ?? store.list({ status: 'pending' })[0];
    const result = await runPortouts(po.sim, ['portouts', 'review', '-o', 'review.xlsx'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(cwd, 'review.xlsx'));
    const sheet = workbook.getWorksheet(REVIEW_SHEET_NAME);
    const header = (sheet?.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([...REVIEW_COLUMNS]);
    let found = false;
    sheet?.eachRow((r, n) => {
      if (n === 1 || r.getCell(header.indexOf('portout_id') + 1).text !== withBoth?.id) return;
      found = true;
      const comments = r.getCell(header.indexOf('comments') + 1).text;
      for (const comment of withBoth.comments) expect(comments).toContain(comment.body);
      const documents = r.getCell(header.indexOf('supporting_documents') + 1).text;
      for (const document of withBoth.documents) expect(documents).toContain(`${document.type}:${document.documentId}`);
    });
    expect(found).toBe(true);
  });
});
