import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { assertContract } from '../contract/contract.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, convergence, GLOBEX, makeCampaignDir, readResults, runBulkport, writeSheet, campaignOrders, type CampaignDir } from './campaign-fixture.js';

let t: TestSimulator;
let campaign: CampaignDir;

beforeEach(async () => {
  t = await startTestSimulator();
  campaign = await makeCampaignDir();
});
afterEach(async () => {
  await t.sim.close();
});

const SAME_CARRIER = (spid: string) => (p: { portable: boolean; phoneNumberType: string; carrier: { spid: string } }) =>
  p.portable && p.phoneNumberType === 'local' && p.carrier.spid === spid;

function args(command: 'plan' | 'submit', out: string, ...extra: string[]): string[] {
  return [command, campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), ...extra];
}

function callsTo(endpoint: string): number {
  return t.sim.stats().calls[endpoint] ?? 0;
}

describe('plan', () => {
  it('writes plan.json, planned/blocked results and the Orders sheet, and changes nothing on the server', async () => {
    const numbers = findNumbers(t.sim, 4, (p) => p.portable && p.phoneNumberType === 'local');
    await writeSheet(campaign, [
      { ...ACME, phone_number: numbers[0] },
      { ...ACME, phone_number: numbers[1] },
      { ...GLOBEX, phone_number: numbers[2] },
      { ...GLOBEX, phone_number: numbers[3], pin_passcode: '0000' },
    ]);
    const run = await runBulkport(args('plan', 'plan'), t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const rows = await readResults(path.join(campaign.dir, 'plan'));
    expect(rows.map((r) => r.status)).toEqual(['planned', 'planned', 'blocked', 'blocked']);
    expect(rows[2]?.issue_code).toBe('END_USER_CONFLICT');
    expect(rows[0]?.order_key).toMatch(/^bp-/);
    const plan = JSON.parse(await readFile(path.join(campaign.dir, 'plan', 'plan.json'), 'utf8')) as { parts: Array<{ numbers: string[]; endUser: { admin: { pin_passcode: string } } }> };
    expect(plan.parts.map((p) => p.numbers)).toEqual([[numbers[0], numbers[1]].sort()]);
    expect(plan.parts[0]?.endUser.admin.pin_passcode).toBe('•••• (4 digits)');
    for (const endpoint of ['POST /porting_orders', 'PATCH /porting_orders/:id', 'POST /documents']) expect(callsTo(endpoint)).toBe(0);
    expect(await readCampaign(campaign.stateDir, 'c1')).toBeUndefined();
    assertContract(t.recorder.exchanges);
  });
});

describe('submit', () => {
  it('creates, fills in and confirms one order per part, uploads each distinct document once, and a re-run sends nothing', async () => {
    const acme = findNumbers(t.sim, 3, SAME_CARRIER('9104'));
    const globex = findNumbers(t.sim, 2, SAME_CARRIER('9104'), '+1720555');
    await writeSheet(campaign, [...acme.map((n) => ({ ...ACME, phone_number: n, customer_reference: 'PO-1' })), ...globex.map((n) => ({ ...GLOBEX, phone_number: n }))]);

    const first = await runBulkport(args('submit', 'out1', '--confirm'), t.sim, campaign.dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const rows = await readResults(path.join(campaign.dir, 'out1'));
    const partKeys = new Set(rows.map((r) => r.order_key));
    const orderIds = new Set(rows.map((r) => r.porting_order_id));
    expect(partKeys.size).toBeGreaterThanOrEqual(2);
    expect(callsTo('POST /porting_orders')).toBe(partKeys.size);
    expect(callsTo('PATCH /porting_orders/:id')).toBe(orderIds.size);
    expect(callsTo('POST /porting_orders/:id/actions/confirm')).toBe(orderIds.size);
    // acme-loa, globex-loa and ONE invoice: both invoice files have the same bytes.
    expect(callsTo('POST /documents')).toBe(3);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['submitted']));
    expect(rows.every((r) => r.porting_order_id !== '' && r.order_status === 'in-process')).toBe(true);
    expect(rows[0]?.customer_reference).toBe('PO-1');
    const orders = campaignOrders(t.sim, 'c1');
    expect(orders.map((o) => o.customer_reference).sort()).toEqual([...new Set(rows.map((r) => r.order_key))].sort());
    expect(orders.every((o) => o.end_user.admin.pin_passcode !== null && o.documents.loa !== null)).toBe(true);
    expect(convergence(t.sim, 'c1', [...acme, ...globex]).problems).toEqual([]);

    t.sim.resetStats();
    const again = await runBulkport(args('submit', 'out2', '--confirm'), t.sim, campaign.dir);
    expect(again.code).toBe(0);
    const writes = Object.entries(t.sim.stats().calls).filter(([endpoint]) => !endpoint.startsWith('GET ') && endpoint !== 'POST /portability_checks');
    expect(writes).toEqual([]);
    const journal = await readCampaign(campaign.stateDir, 'c1');
    expect(journal?.runs).toHaveLength(2);
    assertContract(t.recorder.exchanges);
  });

  it('confirms later: drafts from a first run are confirmed by a run with --confirm, without a second PATCH', async () => {
    const numbers = findNumbers(t.sim, 3, SAME_CARRIER('9104'));
    await writeSheet(campaign, numbers.map((n) => ({ ...ACME, phone_number: n })));
    expect((await runBulkport(args('submit', 'drafts'), t.sim, campaign.dir)).code).toBe(0);
    const drafts = campaignOrders(t.sim, 'c1');
    expect(drafts.every((o) => o.status.value === 'draft')).toBe(true);
    t.sim.resetStats();
    expect((await runBulkport(args('submit', 'confirmed', '--confirm'), t.sim, campaign.dir)).code).toBe(0);
    expect(callsTo('PATCH /porting_orders/:id')).toBe(0);
    expect(callsTo('POST /porting_orders/:id/actions/confirm')).toBe(drafts.length);
    expect(campaignOrders(t.sim, 'c1').every((o) => o.status.value === 'in-process')).toBe(true);
  });

  it('records every order Telnyx returns when it splits a part by carrier, and maps each number to its own order', async () => {
    const att = findNumbers(t.sim, 2, SAME_CARRIER('9104'));
    const verizon = findNumbers(t.sim, 2, SAME_CARRIER('9206'));
    await writeSheet(campaign, [...att, ...verizon].map((n) => ({ ...ACME, phone_number: n })));
    const run = await runBulkport(args('submit', 'out'), t.sim, campaign.dir);
    expect(run.code).toBe(0);
    expect(callsTo('POST /porting_orders')).toBe(1);
    const orders = campaignOrders(t.sim, 'c1');
    expect(orders).toHaveLength(2);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    for (const row of rows) {
      const holder = orders.find((o) => o.phone_numbers?.some((n) => n.phone_number === row.e164));
      expect(row.porting_order_id).toBe(holder?.id);
      expect(row.status).toBe('draft');
    }
    expect(callsTo('PATCH /porting_orders/:id')).toBe(2);
    const journal = await readCampaign(campaign.stateDir, 'c1');
    expect(journal?.orders.size).toBe(2);
  });

  it('finds the order of numbers beyond the 50 an order embeds when a large part is split', async () => {
    const slow = (spid: string) => (p: Parameters<ReturnType<typeof SAME_CARRIER>>[0] & { fastPortable: boolean }) => SAME_CARRIER(spid)(p) && !p.fastPortable;
    const att = findNumbers(t.sim, 55, slow('9104'));
    const verizon = findNumbers(t.sim, 3, slow('9206'));
    await writeSheet(campaign, [...att, ...verizon].map((n) => ({ ...ACME, phone_number: n })));
    const run = await runBulkport(args('submit', 'out', '--max-per-order', '100'), t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const orders = campaignOrders(t.sim, 'c1');
    const rows = await readResults(path.join(campaign.dir, 'out'));
    for (const row of rows) {
      expect(row.porting_order_id).toBe(orders.find((o) => o.phone_numbers?.some((n) => n.phone_number === row.e164))?.id);
    }
    expect(orders.map((o) => o.porting_phone_numbers_count).sort()).toEqual([3, 55]);
    expect(callsTo('GET /porting_phone_numbers')).toBe(1);
  });

  it('maps a 422 on a document to its column and reports the unmet requirement instead of confirming', async () => {
    const numbers = findNumbers(t.sim, 2, SAME_CARRIER('9104'));
    await writeFileText(path.join(campaign.dir, 'docs', 'acme-loa.pdf'), '%PDF-1.4 X5O!P%@AP EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    await writeSheet(campaign, numbers.map((n) => ({ ...ACME, phone_number: n })));
    const run = await runBulkport(args('submit', 'out', '--confirm'), t.sim, campaign.dir);
    expect(run.code).toBe(1);
    expect(callsTo('POST /porting_orders/:id/actions/confirm')).toBe(0);
    const order = campaignOrders(t.sim, 'c1')[0];
    expect(order?.status.value).toBe('draft');
    expect(order?.end_user.admin.entity_name).toBe('Acme Widgets LLC');
    expect(order?.documents.invoice).not.toBeNull();
    const issues = await readIssues(path.join(campaign.dir, 'out'));
    expect(issues.find((i) => i.code === 'ORDER_REJECTED')).toMatchObject({ column: 'loa_file' });
    expect(issues.find((i) => i.code === 'REQUIREMENTS_MISSING')?.message).toContain('Letter of Authorization');
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
  });
});

describe('re-submitting an edited sheet', () => {
  it('leaves ordered numbers alone, orders new and corrected rows as new parts, and reports rows that disappeared', async () => {
    const numbers = findNumbers(t.sim, 6, SAME_CARRIER('9104'));
    const [a, b, c, d, e, f] = numbers as [string, string, string, string, string, string];
    await writeSheet(campaign, [
      { ...ACME, phone_number: a },
      { ...ACME, phone_number: b },
      { ...GLOBEX, phone_number: c },
      { ...GLOBEX, phone_number: d, pin_passcode: '0000' },
    ]);
    const first = await runBulkport(args('submit', 'out1'), t.sim, campaign.dir);
    expect(first.code).toBe(1);
    const before = campaignOrders(t.sim, 'c1');
    expect(before.flatMap((o) => o.phone_numbers?.map((n) => n.phone_number) ?? []).sort()).toEqual([a, b].sort());

    // Edited: row b removed, Globex's PIN corrected, two new Acme numbers.
    await writeSheet(campaign, [
      { ...ACME, phone_number: a },
      { ...GLOBEX, phone_number: c },
      { ...GLOBEX, phone_number: d },
      { ...ACME, phone_number: e },
      { ...ACME, phone_number: f },
    ]);
    t.sim.resetStats();
    const second = await runBulkport(args('submit', 'out2'), t.sim, campaign.dir);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const after = campaignOrders(t.sim, 'c1');
    // The first order is untouched (no PATCH to it), the new numbers are in new orders.
    for (const order of before) expect(after.find((o) => o.id === order.id)?.updated_at).toBe(order.updated_at);
    expect(convergence(t.sim, 'c1', [a, b, c, d, e, f]).problems).toEqual([]);
    const rows = await readResults(path.join(campaign.dir, 'out2'));
    expect(rows.map((r) => r.status)).toEqual(['draft', 'draft', 'draft', 'draft', 'draft']);
    expect(rows[0]?.order_key).toBe(before[0]?.customer_reference);
    expect(new Set([rows[3]?.order_key, rows[1]?.order_key]).has(before[0]?.customer_reference ?? '')).toBe(false);
    const removed = (await readIssues(path.join(campaign.dir, 'out2'))).find((i) => i.code === 'ROW_REMOVED');
    expect(removed?.message).toContain(`${b} was ordered by this campaign`);
  });
});

describe('422 details mapped to the input column', () => {
  it('points a PATCH the API refused at the cell that caused it', async () => {
    const numbers = findNumbers(t.sim, 2, SAME_CARRIER('9104'));
    await writeSheet(campaign, [{ ...ACME, phone_number: numbers[0], postal_code: '7870' }, { ...GLOBEX, phone_number: numbers[1] }]);
    const run = await runBulkport(args('submit', 'out'), t.sim, campaign.dir);
    expect(run.code).toBe(1);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => r.status)).toEqual(['failed', 'draft']);
    expect(rows[0]?.issue_code).toBe('ORDER_REJECTED');
    expect(rows[0]?.issue).toContain('/end_user/location/postal_code');
    const issue = (await readIssues(path.join(campaign.dir, 'out'))).find((i) => i.code === 'ORDER_REJECTED');
    expect(issue?.column).toBe('postal_code');
    // Says where, as validate's messages do (docs/architecture.md §8.5); the other row of the order is not involved.
    expect(issue?.message).toMatch(/campaign\.csv \[campaign\] row 2, column "postal_code": Telnyx /);
  });
});

describe('status after a create Telnyx refused', () => {
  it('keeps the rows failed with the reason and exits 1, until a submit creates the order', async () => {
    const numbers = findNumbers(t.sim, 1, SAME_CARRIER('9104'));
    await writeSheet(campaign, [{ ...ACME, phone_number: numbers[0] }]);
    expect((await runBulkport(args('submit', 'first'), t.sim, campaign.dir)).code).toBe(0);
    // A second campaign orders the same number: Telnyx refuses it (already in a porting order).
    const other = ['--campaign', 'c2', '--state-dir', campaign.stateDir];
    const submit = await runBulkport(['submit', campaign.sheet, ...other, '-o', path.join(campaign.dir, 'second')], t.sim, campaign.dir);
    expect(submit.code).toBe(1);
    expect((await readResults(path.join(campaign.dir, 'second'))).map((r) => r.issue_code)).toEqual(['ORDER_REJECTED']);

    const status = await runBulkport(['status', ...other, '-o', path.join(campaign.dir, 'status')], t.sim, campaign.dir);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('1 planned order(s) could not be created');
    const rows = await readResults(path.join(campaign.dir, 'status'));
    expect(rows.map((r) => [r.status, r.issue_code])).toEqual([['failed', 'ORDER_REJECTED']]);
    expect(rows[0]?.issue).toContain(`${numbers[0]} is already in porting order`);
  });
});

async function writeFileText(file: string, text: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, text);
}

async function readIssues(outDir: string): Promise<Array<{ code: string; column: string; message: string }>> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(outDir, 'results.xlsx'));
  const sheet = workbook.getWorksheet('Issues');
  const header = (sheet?.getRow(1).values as string[]).slice(1);
  const issues: Array<{ code: string; column: string; message: string }> = [];
  sheet?.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as string[]).slice(1);
    const get = (name: string): string => String(values[header.indexOf(name)] ?? '');
    issues.push({ code: get('code'), column: get('column'), message: get('message') });
  });
  return issues;
}

describe('documents are a confirmation rule (docs/design.md §9)', () => {
  it('orders a row without loa_file as a draft (exit 0), leaves it a draft on --confirm (exit 1), and attaches and confirms it once the sheet names the LOA', async () => {
    const acme = findNumbers(t.sim, 2, SAME_CARRIER('9104'));
    const globex = findNumbers(t.sim, 2, SAME_CARRIER('9104'), '+1720555');
    const sheet = (acmeLoa: string) => writeSheet(campaign, [...acme.map((n) => ({ ...ACME, phone_number: n, loa_file: acmeLoa })), ...globex.map((n) => ({ ...GLOBEX, phone_number: n }))]);
    await sheet('');

    const drafts = await runBulkport(args('submit', 'out1'), t.sim, campaign.dir);
    expect(drafts.stderr).toBe('');
    expect(drafts.code).toBe(0);
    const draftRows = await readResults(path.join(campaign.dir, 'out1'));
    expect(draftRows.map((r) => [r.status, r.issue_code])).toEqual([
      ['draft', 'LOA_MISSING'],
      ['draft', 'LOA_MISSING'],
      ['draft', ''],
      ['draft', ''],
    ]);
    expect(draftRows[0]?.issue).toContain('no LOA yet: the order stays a draft; attach a signed LOA before --confirm');

    const confirmed = await runBulkport(args('submit', 'out2', '--confirm'), t.sim, campaign.dir);
    expect(confirmed.stderr).toBe('');
    expect(confirmed.code).toBe(1);
    const confirmRows = await readResults(path.join(campaign.dir, 'out2'));
    expect(confirmRows.map((r) => r.status)).toEqual(['draft', 'draft', 'submitted', 'submitted']);
    expect(confirmRows[0]?.issue).toContain('not confirmed: no LOA yet');
    const acmeOrderId = confirmRows[0]?.porting_order_id ?? '';
    const confirmsOf = (id: string) => t.recorder.exchanges.filter((e) => e.method === 'POST' && e.path.includes(`${id}/actions/confirm`)).length;
    expect(confirmsOf(acmeOrderId)).toBe(0);

    await sheet(ACME.loa_file ?? '');
    const attached = await runBulkport(args('submit', 'out3', '--confirm'), t.sim, campaign.dir);
    expect(attached.stderr).toBe('');
    expect(attached.code).toBe(0);
    const finalRows = await readResults(path.join(campaign.dir, 'out3'));
    expect(finalRows.map((r) => [r.status, r.porting_order_id === '' ? '' : 'same'])).toEqual(confirmRows.map(() => ['submitted', 'same']));
    expect(finalRows[0]?.porting_order_id).toBe(acmeOrderId);
    expect(campaignOrders(t.sim, 'c1').find((o) => o.id === acmeOrderId)?.documents.loa).not.toBeNull();
    expect(callsTo('POST /porting_orders')).toBe(new Set(confirmRows.map((r) => r.order_key)).size);
    assertContract(t.recorder.exchanges);
  });
});
