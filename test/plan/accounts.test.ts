import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir } from '../submit/campaign-fixture.js';

/** `--accounts SHEET|FILE [--join COLUMN]`: account details once per account, filled into number rows. */
let t: TestSimulator;
let campaign: CampaignDir;

beforeEach(async () => {
  t = await startTestSimulator();
  campaign = await makeCampaignDir();
});
afterEach(async () => {
  await t.sim.close();
});

const ACCOUNT_COLUMNS = ['account_number', 'entity_name', 'auth_person_name', 'billing_phone_number', 'pin_passcode', 'street_address', 'locality', 'administrative_area', 'postal_code', 'loa_file', 'invoice_file'] as const;
const localNumbers = (count: number): string[] => findNumbers(t.sim, count, (p) => p.portable && p.phoneNumberType === 'local' && p.carrier.spid === '9104');

function args(command: 'plan' | 'submit', out: string, ...extra: string[]): string[] {
  return [command, campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), ...extra];
}

describe('--accounts', () => {
  it('fills blank order-level cells from a separate accounts file; unknown account and a differing cell are row issues; the journal keeps its hash', async () => {
    const numbers = localNumbers(4);
    await writeFile(
      path.join(campaign.dir, 'accounts.csv'),
      [ACCOUNT_COLUMNS.join(','), ACCOUNT_COLUMNS.map((c) => (c === 'account_number' ? 'ACCT-1001' : (ACME[c] ?? ''))).join(',')].join('\n') + '\n',
    );
    await writeSheet(campaign, [
      { phone_number: numbers[0], account_number: 'ACCT-1001' },
      { phone_number: numbers[1], account_number: 'acct 1001', entity_name: 'ACME WIDGETS, LLC' },
      { phone_number: numbers[2], account_number: 'ACCT-1001', entity_name: 'Globex Corporation' },
      { phone_number: numbers[3], account_number: 'ACCT-9' },
    ]);
    const run = await runBulkport(args('submit', 'out', '--accounts', 'accounts.csv'), t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => r.status)).toEqual(['draft', 'draft', 'blocked', 'blocked']);
    expect(rows[0]?.account_source).toBe('accounts.csv [accounts] row 2');
    expect(rows[2]?.issue_code).toBe('END_USER_CONFLICT');
    expect(rows[2]?.issue).toBe(
      `${campaign.sheet} [campaign] row 4, column "entity_name": expected the account's details, found entity_name is "Globex Corporation" here and "Acme Widgets LLC" in accounts.csv [accounts] row 2; not merged, correct one of them`,
    );
    expect(rows[3]?.issue_code).toBe('ACCOUNT_NOT_FOUND');
    const [order] = t.sim.state.listPortingOrders();
    expect(order?.end_user.admin.entity_name).toBe('Acme Widgets LLC');
    expect(order?.end_user.location.postal_code).toBe('78701');
    const state = await readCampaign(campaign.stateDir, 'c1');
    expect(state?.accounts?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(state?.accounts?.rows[0]?.values.pin_passcode).toBe('•••• (4 digits)');
    expect(await readFile(path.join(campaign.stateDir, 'c1', 'journal.jsonl'), 'utf8')).not.toContain('"1234"');
  });

  it('reads an Accounts sheet of the input workbook, joined on another column with --join', async () => {
    const numbers = localNumbers(2);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Numbers');
    sheet.addRow(['Phone', 'BTN']);
    for (const n of numbers) sheet.addRow([n, '303-555-0199']);
    const accounts = workbook.addWorksheet('Accounts');
    accounts.addRow(['Account details, one row per account']);
    accounts.addRow(['BTN', ...ACCOUNT_COLUMNS.filter((c) => c !== 'billing_phone_number')]);
    accounts.addRow(['(303) 555-0199', ...ACCOUNT_COLUMNS.filter((c) => c !== 'billing_phone_number').map((c) => ACME[c] ?? '')]);
    const file = path.join(campaign.dir, 'inventory.xlsx');
    await workbook.xlsx.writeFile(file);
    const run = await runBulkport(['plan', file, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, 'plan'), '--accounts', 'Accounts', '--join', 'BTN'], t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    const rows = await readResults(path.join(campaign.dir, 'plan'));
    expect(rows.map((r) => [r.status, r.account_source])).toEqual([
      ['planned', `${file} [Accounts] row 3`],
      ['planned', `${file} [Accounts] row 3`],
    ]);
  });

  it('refuses an accounts sheet with a PIN typed as a number, or two rows for one account (exit 2, nothing sent)', async () => {
    const [n] = localNumbers(1);
    await writeSheet(campaign, [{ phone_number: n, account_number: 'A-1' }]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Accounts');
    sheet.addRow(['account_number', 'pin_passcode']);
    sheet.addRow(['A-1', 729]);
    await workbook.xlsx.writeFile(path.join(campaign.dir, 'accounts.xlsx'));
    const run = await runBulkport(args('submit', 'out', '--accounts', 'accounts.xlsx'), t.sim, campaign.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('accounts.xlsx [Accounts] row 2, column "pin_passcode": pin_passcode was stored as the number (hidden); leading zeros may be lost');
    await writeFile(path.join(campaign.dir, 'twice.csv'), 'account_number,entity_name\nA-1,Acme\na1,Globex\n');
    const twice = await runBulkport(args('submit', 'out', '--accounts', 'twice.csv'), t.sim, campaign.dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('twice.csv [twice] rows 2 and 3: expected one row per account, found two for account_number "a1"');
    const missing = await runBulkport(args('plan', 'out', '--accounts', 'nope.csv'), t.sim, campaign.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--accounts "nope.csv": expected a CSV or XLSX file, or a sheet of the input workbook');
    expect(t.sim.stats().calls['POST /porting_orders'] ?? 0).toBe(0);
  });
});
