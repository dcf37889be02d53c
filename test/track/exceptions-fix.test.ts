import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { EXCEPTION_GUIDE } from '../../src/track/exception-guide.js';
import { EXCEPTION_SHEET_COLUMNS } from '../../src/track/exception-sheet.js';
import type { TrackingSummary } from '../../src/track/write-tracking-results.js';
import { assertContract } from '../contract/contract.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { columnNumberFormats } from '../helpers/xlsx-xml.js';
import { ACME, campaignOrders, GLOBEX, readResults } from '../submit/campaign-fixture.js';
import { accountRaising, CAMPAIGN, readJson, submittedCampaign, type TrackedSetup } from './track-fixture.js';

let setup: TrackedSetup | undefined;
afterEach(async () => {
  await setup?.t.sim.close();
  setup = undefined;
});

/** Every cell's text of every sheet of a workbook, one line per row. */
async function xlsxText(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => lines.push((row.values as unknown[]).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? ''))).join(' '))));
  return lines.join('\n');
}

async function readCsv(file: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(file), { columns: true, bom: true }) as Array<Record<string, string>>;
}

/** Exceptions raised: every order of the campaign in exception, ACME's with ACCOUNT_NUMBER_MISMATCH. */
async function campaignInException(): Promise<{ s: TrackedSetup; statusDir: string; summary: TrackingSummary; code: number; stdout: string }> {
  const s = (setup = await submittedCampaign({ exceptionShare: 1 }, { acmeAccount: accountRaising('ACCOUNT_NUMBER_MISMATCH') }));
  s.advanceHours(6);
  const statusDir = path.join(s.campaign.dir, 'status1');
  const run = await s.run('status', '--campaign', CAMPAIGN, '-o', statusDir);
  expect(run.stderr).toBe('');
  return { s, statusDir, summary: await readJson<TrackingSummary>(path.join(statusDir, 'summary.json')), code: run.code, stdout: run.stdout };
}

describe('exceptions', () => {
  it('status lists orders in exception with plain-words guidance and the current end-user values, and exits 1', async () => {
    const { s, statusDir, summary, code } = await campaignInException();
    expect(code).toBe(1);
    expect(summary.changes?.lines).toContain('2 new exceptions');
    expect(summary.orders.needingAttention).toHaveLength(2);
    const exceptions = await readCsv(path.join(statusDir, 'exceptions.csv'));
    expect(exceptions).toHaveLength(2);
    const acme = exceptions.find((r) => r.entity_name === 'Acme Widgets LLC');
    expect(acme).toMatchObject({
      exception_type: 'ACCOUNT_NUMBER_MISMATCH',
      meaning: EXCEPTION_GUIDE.ACCOUNT_NUMBER_MISMATCH.meaning,
      what_to_change: EXCEPTION_GUIDE.ACCOUNT_NUMBER_MISMATCH.action,
      fields_to_edit: 'account_number',
      account_number: accountRaising('ACCOUNT_NUMBER_MISMATCH'),
      postal_code: '78701',
      billing_phone_number: '+13035550199',
    });
    expect(acme?.last_comment).toContain('Exception ACCOUNT_NUMBER_MISMATCH');
    // The same rows in results.xlsx (Exceptions sheet) and exceptions.xlsx.
    for (const file of ['results.xlsx', 'exceptions.xlsx']) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(statusDir, file));
      expect(workbook.getWorksheet('Exceptions')?.rowCount, file).toBe(3);
    }
    const rows = await readResults(statusDir);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['exception']));
    expect(rows.every((r) => r.issue_code === 'ORDER_EXCEPTION')).toBe(true);
    expect(rows.find((r) => r.porting_order_id === acme?.porting_order_id)?.issue).toContain(EXCEPTION_GUIDE.ACCOUNT_NUMBER_MISMATCH.action);
    expect(rows[0]?.issue).toMatch(/campaign\.csv \[campaign\] row 2: porting order \S+ is in exception: /);
    assertContract(s.t.recorder.exchanges);
  });

  it('never shows the PIN: the Exceptions sheets mask it, and no output file, stdout or the journal holds it', async () => {
    const { s, statusDir, stdout } = await campaignInException();
    const exceptions = await readCsv(path.join(statusDir, 'exceptions.csv'));
    expect(exceptions.map((r) => r.pin_passcode)).toEqual(['•••• (4 digits)', '•••• (4 digits)']);
    const pins = [ACME.pin_passcode ?? '', GLOBEX.pin_passcode ?? ''];
    const words = (text: string): string[] => text.split(/[^0-9A-Za-z_]+/);
    const texts: Record<string, string> = { stdout, journal: await readFile(path.join(s.campaign.stateDir, CAMPAIGN, 'journal.jsonl'), 'utf8') };
    for (const dir of [statusDir, path.join(s.campaign.dir, 'submit')]) {
      for (const name of await readdir(dir)) {
        const file = path.join(dir, name);
        texts[file] = name.endsWith('.xlsx') ? await xlsxText(file) : await readFile(file, 'utf8');
      }
    }
    for (const [where, text] of Object.entries(texts)) {
      for (const pin of pins) expect(words(text), `${where} holds the PIN ${pin}`).not.toContain(pin);
    }
    // status rebuilds full results from the journal: every input column comes back, the PIN masked.
    const results = await readResults(statusDir);
    expect(results.find((r) => r.entity_name === ACME.entity_name)).toMatchObject({ pin_passcode: '•••• (4 digits)', account_number: accountRaising('ACCOUNT_NUMBER_MISMATCH'), 'input:carrier': '' });
    // The Exceptions sheets show the masked PIN in a text-formatted column.
    for (const file of ['exceptions.xlsx', 'results.xlsx']) {
      const formats = await columnNumberFormats(path.join(statusDir, file), 'Exceptions');
      expect(formats.get(EXCEPTION_SHEET_COLUMNS.indexOf('pin_passcode') + 1), file).toBe(49);
      expect(formats.get(EXCEPTION_SHEET_COLUMNS.indexOf('postal_code') + 1), file).toBe(49);
      expect(formats.get(EXCEPTION_SHEET_COLUMNS.indexOf('meaning') + 1) ?? 0, file).toBe(0);
    }
  });

  it('fix refuses a PIN Excel stored as a number (NUMERIC_IDENTIFIER, nothing sent for the row, exit 1); a PIN typed as text goes through as typed', async () => {
    const { s, statusDir } = await campaignInException();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(statusDir, 'exceptions.xlsx'));
    const sheet = workbook.getWorksheet('Exceptions')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const column = (name: string): number => header.indexOf(name) + 1;
    let acmeRow = 0;
    let globexRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(column('entity_name')).text === 'Acme Widgets LLC') acmeRow = n;
      if (row.getCell(column('entity_name')).text === 'Globex Corporation') globexRow = n;
    });
    // What Excel stores when 0729 is typed into a General cell: the number 729. The same row's account correction must not go either.
    sheet.getRow(acmeRow).getCell(column('pin_passcode')).value = 729;
    sheet.getRow(acmeRow).getCell(column('account_number')).value = 'ACCT-CORRECTED-1';
    sheet.getRow(globexRow).getCell(column('pin_passcode')).value = '0729';
    const edited = path.join(s.campaign.dir, 'edited.xlsx');
    await workbook.xlsx.writeFile(edited);

    const patchesBefore = s.callsTo('PATCH /porting_orders/:id');
    const fix = await s.run('fix', edited, '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'fix-numeric'));
    expect(fix.stderr).toBe('');
    expect(fix.code).toBe(1);
    expect(s.callsTo('PATCH /porting_orders/:id')).toBe(patchesBefore + 1);
    const orders = campaignOrders(s.t.sim, CAMPAIGN);
    const acmeOrder = orders.find((o) => o.end_user.admin.entity_name === 'Acme Widgets LLC');
    expect(acmeOrder?.end_user.admin.account_number).toBe(accountRaising('ACCOUNT_NUMBER_MISMATCH'));
    expect(acmeOrder?.end_user.admin.pin_passcode).toBe(ACME.pin_passcode);
    expect(orders.find((o) => o.end_user.admin.entity_name === 'Globex Corporation')?.end_user.admin.pin_passcode).toBe('0729');
    const patch = s.t.recorder.exchanges.filter((e) => e.method === 'PATCH').at(-1);
    expect(patch?.requestBody).toEqual({ end_user: { admin: { pin_passcode: '0729' } } });

    const outcomes = await readCsv(path.join(s.campaign.dir, 'fix-numeric', 'fix-outcomes.csv'));
    const acme = outcomes.find((o) => o.row === String(acmeRow));
    expect(acme?.outcome).toBe(
      `failed: NUMERIC_IDENTIFIER: ${edited} [Exceptions] row ${acmeRow}, column "pin_passcode": pin_passcode was stored as the number 729; leading zeros may be lost — type it as text (format the cell as Text, or start it with ')`,
    );
    expect(outcomes.find((o) => o.row === String(globexRow))?.outcome).toBe('patched');
    expect(fix.stdout).toContain(`row ${acmeRow} (${acmeOrder?.id}): failed: NUMERIC_IDENTIFIER`);
    // The fix's own journal records and outputs keep the PIN masked too.
    const journal = await readFile(path.join(s.campaign.stateDir, CAMPAIGN, 'journal.jsonl'), 'utf8');
    expect(journal).not.toContain('0729');
  });

  it('fix with a corrected account number clears ACCOUNT_NUMBER_MISMATCH; a re-run sends nothing new', async () => {
    const { s, statusDir } = await campaignInException();
    // A person corrects the account number in Excel.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(statusDir, 'exceptions.xlsx'));
    const sheet = workbook.getWorksheet('Exceptions')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const accountColumn = header.indexOf('account_number') + 1;
    const entityColumn = header.indexOf('entity_name') + 1;
    let acmeRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(entityColumn).text === 'Acme Widgets LLC') acmeRow = n;
    });
    sheet.getRow(acmeRow).getCell(accountColumn).value = 'ACCT-CORRECTED-1';
    const edited = path.join(s.campaign.dir, 'edited.xlsx');
    await workbook.xlsx.writeFile(edited);

    const patchesBefore = s.callsTo('PATCH /porting_orders/:id');
    const fix = await s.run('fix', edited, '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'fix1'));
    expect(fix.stderr).toBe('');
    expect(fix.code).toBe(0);
    expect(s.callsTo('PATCH /porting_orders/:id')).toBe(patchesBefore + 1);
    const outcomes = await readCsv(path.join(s.campaign.dir, 'fix1', 'fix-outcomes.csv'));
    expect(outcomes.map((o) => [o.outcome, o.fields_changed, o.status_after])).toEqual(
      outcomes.map((o) => (o.row === String(acmeRow) ? ['patched', 'account_number', 'in-process'] : ['unchanged', '', ''])),
    );
    const acmeOrder = campaignOrders(s.t.sim, CAMPAIGN).find((o) => o.end_user.admin.entity_name === 'Acme Widgets LLC');
    expect(acmeOrder?.status.value).toBe('in-process');
    expect(acmeOrder?.end_user.admin.account_number).toBe('ACCT-CORRECTED-1');
    // Only the account number was sent.
    const patch = s.t.recorder.exchanges.filter((e) => e.method === 'PATCH').at(-1);
    expect(patch?.requestBody).toEqual({ end_user: { admin: { account_number: 'ACCT-CORRECTED-1' } } });

    const again = await s.run('fix', edited, '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'fix2'));
    expect(again.code).toBe(0);
    expect(s.callsTo('PATCH /porting_orders/:id')).toBe(patchesBefore + 1);
    const outcomes2 = await readCsv(path.join(s.campaign.dir, 'fix2', 'fix-outcomes.csv'));
    expect(outcomes2.map((o) => o.outcome).sort()).toEqual(['skipped: order is now in-process', 'unchanged']);

    const status = await s.run('status', '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'status2'));
    const summary = await readJson<TrackingSummary>(path.join(s.campaign.dir, 'status2', 'summary.json'));
    expect(status.code).toBe(1);
    expect(summary.changes?.lines).toContain('1 exception cleared');
    expect((await readCsv(path.join(s.campaign.dir, 'status2', 'exceptions.csv'))).map((r) => r.entity_name)).toEqual(['Globex Corporation']);
    assertContract(s.t.recorder.exchanges);
  });

  it('fix fits a date-only foc_date into the order\'s FOC windows, as submit does, and the row\'s other corrections land with it', async () => {
    const { s, statusDir } = await campaignInException();
    // The simulator's clock is 2026-11-24T16:00Z: windows open on business days 12:00–22:00 UTC from the 27th.
    const rows = await readCsv(path.join(statusDir, 'exceptions.csv'));
    const edited: Array<Record<string, string>> = rows.map((r) =>
      r.entity_name === 'Acme Widgets LLC' ? { ...r, account_number: 'ACCT-CORRECTED-2', foc_date: '2026-12-01' } : { ...r, foc_date: '2026-11-24' },
    );
    const file = path.join(s.campaign.dir, 'dates.csv');
    await writeFile(file, stringify(edited, { header: true }));
    // The tool's clock agrees with the simulator's: "today" is the 24th for both.
    const fix = await runInProcess(['fix', file, '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'fix-dates'), '--state-dir', s.campaign.stateDir, '--quiet'], s.t.sim, {
      cwd: s.campaign.dir,
      now: new Date('2026-11-24T16:00:00Z'),
    });
    expect(fix.stderr).toBe('');
    expect(fix.code, fix.stdout).toBe(0);
    const outcomes = await readCsv(path.join(s.campaign.dir, 'fix-dates', 'fix-outcomes.csv'));
    const acmeOutcome = outcomes.find((o) => o.porting_order_id === edited.find((r) => r.entity_name === 'Acme Widgets LLC')?.porting_order_id);
    expect(acmeOutcome).toMatchObject({ outcome: 'patched', fields_changed: 'account_number, foc_date', status_after: 'in-process' });
    // Today's date is accepted (as plan accepts it) and moved to the first allowed moment, saying so.
    const today = outcomes.find((o) => o !== acmeOutcome);
    expect(today?.outcome).toBe(
      'patched (requested FOC 2026-11-24T00:00:00.000Z is outside the order\'s allowed FOC windows; moved later by 4 day(s) to the nearest allowed time, 2026-11-27T12:00:00.000Z)',
    );
    const orders = campaignOrders(s.t.sim, CAMPAIGN);
    const acme = orders.find((o) => o.end_user.admin.entity_name === 'Acme Widgets LLC');
    expect(acme?.end_user.admin.account_number).toBe('ACCT-CORRECTED-2');
    expect(acme?.activation_settings.foc_datetime_requested).toBe('2026-12-01T12:00:00.000Z');
    expect(orders.find((o) => o !== acme)?.activation_settings.foc_datetime_requested).toBe('2026-11-27T12:00:00.000Z');
    // The windows were read through the scheduler, once per order with a new FOC.
    expect(s.callsTo('GET /porting_orders/:id/allowed_foc_windows')).toBeGreaterThanOrEqual(2);
    assertContract(s.t.recorder.exchanges);
  });

  it('fix reports every bad cell with file, row and column, and sends nothing for those rows', async () => {
    const { s, statusDir } = await campaignInException();
    const rows = await readCsv(path.join(statusDir, 'exceptions.csv'));
    const edited = rows.map((r, i) => (i === 0 ? { ...r, postal_code: '', foc_date: '2020-01-01', port_type: 'half' } : { ...r, porting_order_id: 'not-an-order' }));
    const file = path.join(s.campaign.dir, 'bad.csv');
    await writeFile(file, stringify(edited, { header: true }));
    const patchesBefore = s.callsTo('PATCH /porting_orders/:id');
    const fix = await s.run('fix', file, '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'fix-bad'));
    expect(fix.code).toBe(1);
    expect(s.callsTo('PATCH /porting_orders/:id')).toBe(patchesBefore);
    const outcomes = await readCsv(path.join(s.campaign.dir, 'fix-bad', 'fix-outcomes.csv'));
    expect(outcomes[0]?.outcome).toContain('bad.csv [bad] row 2, column "postal_code": expected a value');
    expect(outcomes[0]?.outcome).toContain('column "foc_date": expected a FOC date from ');
    expect(outcomes[0]?.outcome).toContain('column "port_type": expected full or partial, got "half"');
    expect(outcomes[1]?.outcome).toMatch(/^failed: /);
    expect(outcomes[1]?.outcome).toContain('bad.csv [bad] row 3, column "porting_order_id": expected a porting order of this campaign, got "not-an-order"');
    expect(fix.stdout).toContain('row 3 (not-an-order): failed');
  });

  it('fix refuses a sheet without the Exceptions columns before sending anything (exit 2)', async () => {
    const { s } = await campaignInException();
    const file = path.join(s.campaign.dir, 'wrong.csv');
    await writeFile(file, 'phone_number,notes\n+13035550100,x\n');
    const fix = await s.run('fix', file, '--campaign', CAMPAIGN);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain('wrong.csv [wrong]: expected an Exceptions sheet with a header in row 1; missing porting_order_id and one of entity_name');
  });
});
