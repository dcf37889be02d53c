import { copyFile, readdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { assertContract } from '../contract/contract.js';
import { campaignOrders } from '../submit/campaign-fixture.js';
import { CAMPAIGN, draftCampaign, fillIndex, pdfPageCount, writeSignedPdf, type DraftCampaign } from './loa-fixture.js';

let setup: DraftCampaign | undefined;
afterEach(async () => {
  await setup?.t.sim.close();
  setup = undefined;
});

describe('loa download → sign → loa attach → submit --confirm', () => {
  it('writes one valid PDF per draft and an index; attaches each signed file with one upload per distinct file; submit --confirm then confirms', async () => {
    setup = await draftCampaign();
    const { t, campaign, run, callsTo } = setup;
    const drafts = campaignOrders(t.sim, CAMPAIGN);
    expect(drafts.map((o) => o.status.value)).toEqual(['draft', 'draft', 'draft']);
    expect(drafts.every((o) => o.documents.loa === null)).toBe(true);

    const outDir = path.join(campaign.dir, 'loas');
    t.sim.resetStats();
    const download = await run('loa', 'download', '--campaign', CAMPAIGN, '-o', outDir);
    expect(download.stderr).toBe('');
    expect(download.code).toBe(0);
    // One template GET per draft order, no more.
    expect(callsTo('GET /porting_orders/:id/loa_template')).toBe(3);
    const files = (await readdir(outDir)).sort();
    expect(files).toContain('loa-index.xlsx');
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(3);
    // <end user>-<order key>.pdf, file-system safe (no slash, no accents, no spaces).
    for (const name of pdfs) expect(name).toMatch(/^[A-Za-z0-9._-]+\.pdf$/);
    expect(pdfs.some((n) => n.startsWith('Acme-Widgets-LLC-'))).toBe(true);
    expect(pdfs.some((n) => n.startsWith('Initech-United-Sales-'))).toBe(true);
    for (const name of pdfs) expect(await pdfPageCount(await readFile(path.join(outDir, name)))).toBe(1);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(outDir, 'loa-index.xlsx'));
    const sheet = workbook.getWorksheet('LOAs')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(['porting_order_id', 'order_key', 'end_user', 'numbers', 'number_count', 'loa_template_file', 'signed_loa_file']);
    expect(sheet.rowCount).toBe(4);
    // signed_loa_file and the identifier columns are text-formatted for the whole column.
    expect(sheet.getColumn(7).numFmt).toBe('@');
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getColumn(4).numFmt).toBe('@');
    const indexFiles = [2, 3, 4].map((r) => String(sheet.getRow(r).getCell(6).value)).sort();
    expect(indexFiles).toEqual(pdfs.sort());

    // Acme and Initech sign the same bytes (one upload); Globex its own.
    const index = path.join(outDir, 'loa-index.xlsx');
    await writeSignedPdf(path.join(outDir, 'signed', 'acme.pdf'), 'shared');
    await copyFile(path.join(outDir, 'signed', 'acme.pdf'), path.join(outDir, 'signed', 'initech.pdf'));
    await writeSignedPdf(path.join(outDir, 'signed', 'globex.pdf'), 'globex');
    await fillIndex(index, ({ endUser }) => `signed/${endUser.startsWith('Acme') ? 'acme' : endUser.startsWith('Globex') ? 'globex' : 'initech'}.pdf`);

    t.sim.resetStats();
    const attach = await run('loa', 'attach', '--campaign', CAMPAIGN, index);
    expect(attach.stderr).toBe('');
    expect(attach.code).toBe(0);
    expect(attach.stdout).toContain('3 LOA(s) attached');
    expect(callsTo('POST /documents')).toBe(2);
    expect(callsTo('PATCH /porting_orders/:id')).toBe(3);
    const attached = campaignOrders(t.sim, CAMPAIGN);
    expect(attached.every((o) => o.documents.loa !== null && o.requirements_met)).toBe(true);
    const acmeOrder = attached.find((o) => o.end_user.admin.entity_name?.startsWith('Acme'))!;
    const initechOrder = attached.find((o) => o.end_user.admin.entity_name?.startsWith('Initech'))!;
    expect(acmeOrder.documents.loa).toBe(initechOrder.documents.loa);

    // A re-run sends nothing: every row is attached per the journal.
    t.sim.resetStats();
    const again = await run('loa', 'attach', '--campaign', CAMPAIGN, index);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 LOA(s) attached, 3 already attached');
    expect(Object.keys(t.sim.stats().calls)).toEqual([]);
    const state = await readCampaign(campaign.stateDir, CAMPAIGN);
    expect(state?.attachedLoas.size).toBe(3);

    // Now that the drafts have their LOAs, submit --confirm confirms them.
    const confirm = await run('submit', campaign.sheet, '--campaign', CAMPAIGN, '--confirm', '-o', path.join(campaign.dir, 'confirm'));
    expect(confirm.code).toBe(0);
    expect(campaignOrders(t.sim, CAMPAIGN).map((o) => o.status.value)).toEqual(['in-process', 'in-process', 'in-process']);

    // Orders past draft need no LOA: a later download writes none.
    const later = await run('loa', 'download', '--campaign', CAMPAIGN, '-o', path.join(campaign.dir, 'later'));
    expect(later.code).toBe(0);
    expect(later.stdout).toContain('3 order(s) are past draft');
    // Every request the tool sent (template GETs, uploads, the documents.loa PATCHes) and every answer, against the spec.
    assertContract(t.recorder.exchanges);
  });

  it('skips drafts that already have an LOA unless --force', async () => {
    setup = await draftCampaign();
    const { t, campaign, run, callsTo } = setup;
    const outDir = path.join(campaign.dir, 'loas');
    expect((await run('loa', 'download', '--campaign', CAMPAIGN, '-o', outDir)).code).toBe(0);
    const index = path.join(outDir, 'loa-index.xlsx');
    await writeSignedPdf(path.join(outDir, 'signed.pdf'), 'one');
    let first = true;
    await fillIndex(index, () => (first ? ((first = false), 'signed.pdf') : undefined));
    const attach = await run('loa', 'attach', '--campaign', CAMPAIGN, index);
    expect(attach.code).toBe(0);
    expect(attach.stdout).toContain('2 row(s) without a signed_loa_file');

    t.sim.resetStats();
    const second = await run('loa', 'download', '--campaign', CAMPAIGN, '-o', path.join(campaign.dir, 'second'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('1 draft order(s) already have an LOA: skipped');
    expect(callsTo('GET /porting_orders/:id/loa_template')).toBe(2);
    t.sim.resetStats();
    const forced = await run('loa', 'download', '--campaign', CAMPAIGN, '--force', '-o', path.join(campaign.dir, 'forced'));
    expect(forced.code).toBe(0);
    expect(callsTo('GET /porting_orders/:id/loa_template')).toBe(3);
  });

  it('checks every row first: missing, outside the folder, not a document, over 20 MB, numeric id, foreign or repeated order → exit 2 listing all, nothing sent', async () => {
    setup = await draftCampaign();
    const { t, campaign, run } = setup;
    const outDir = path.join(campaign.dir, 'loas');
    expect((await run('loa', 'download', '--campaign', CAMPAIGN, '-o', outDir)).code).toBe(0);
    const index = path.join(outDir, 'loa-index.xlsx');
    await writeFile(path.join(outDir, 'notes.pdf'), 'just text, not a PDF');
    await writeSignedPdf(path.join(campaign.dir, 'outside.pdf'), 'outside');
    await symlink(path.join(campaign.dir, 'outside.pdf'), path.join(outDir, 'link.pdf'));
    // A PDF over Telnyx's 20 MB limit (sparse: nothing beyond its first bytes is read).
    await writeFile(path.join(outDir, 'huge.pdf'), '%PDF-1.4 huge');
    await truncate(path.join(outDir, 'huge.pdf'), 21 * 1024 * 1024);
    const cells = ['missing.pdf', 'notes.pdf', 'link.pdf'];
    await fillIndex(index, () => cells.shift());
    // And a row for an order that is not the campaign's.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(index);
    workbook.getWorksheet('LOAs')!.addRow(['not-an-order', '', '', '', '', '', 'signed.pdf']);
    // An order id Excel stored as a number (a General-formatted cell somebody typed into).
    workbook.getWorksheet('LOAs')!.addRow([4155550100, '', '', '', '', '', 'signed.pdf']);
    // And the first order again.
    workbook.getWorksheet('LOAs')!.addRow([String(workbook.getWorksheet('LOAs')!.getRow(2).getCell(1).value), '', '', '', '', '', 'huge.pdf']);
    await workbook.xlsx.writeFile(index);

    t.sim.resetStats();
    const attach = await run('loa', 'attach', '--campaign', CAMPAIGN, index);
    expect(attach.code).toBe(2);
    expect(attach.stderr).toContain('6 problems; nothing was sent');
    expect(attach.stderr).toMatch(/row 2, column "signed_loa_file": "missing.pdf": file not found/);
    expect(attach.stderr).toMatch(/row 3, column "signed_loa_file": "notes.pdf": its content is not a PDF, PNG, JPEG or TIFF file/);
    expect(attach.stderr).toMatch(/row 4, column "signed_loa_file": "link.pdf": it resolves to .*outside.pdf, outside the sheet's folder/);
    expect(attach.stderr).toMatch(/row 5, column "porting_order_id": "not-an-order" is not an order of this campaign/);
    expect(attach.stderr).toMatch(/row 6, column "porting_order_id": porting_order_id was stored as the number 4155550100; leading zeros may be lost/);
    expect(attach.stderr).toMatch(/row 7, column "porting_order_id": order .* is listed twice \(also .*row 2\); an order takes one LOA/);
    // Over Telnyx's 20 MB document limit.
    let first = true;
    await fillIndex(index, () => (first ? ((first = false), 'huge.pdf') : ''));
    const huge = await run('loa', 'attach', '--campaign', CAMPAIGN, index);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/row 2, column "signed_loa_file": "huge.pdf": 22020096 bytes, over Telnyx's 20 MB document limit/);
    expect(Object.keys(t.sim.stats().calls)).toEqual([]);
    expect((await stat(path.join(campaign.stateDir, CAMPAIGN, 'journal.jsonl'))).isFile()).toBe(true);
    const state = await readCampaign(campaign.stateDir, CAMPAIGN);
    expect(state?.runs.map((r) => r.command)).toEqual(['submit']);
  });
});

