import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { campaignOrders, makeCampaignDir, readResults, runBulkport, type CampaignDir } from '../submit/campaign-fixture.js';
import { AUSTIN, BERLIN, portableGermanHundred, portableGermanSingle, portableUsRun, writeRangeSheet } from './ranges-fixture.js';

let t: TestSimulator;
let campaign: CampaignDir;

beforeEach(async () => {
  t = await startTestSimulator();
  campaign = await makeCampaignDir();
});
afterEach(async () => {
  await t.sim.close();
});

function args(command: 'plan' | 'submit', out: string, ...extra: string[]): string[] {
  return [command, campaign.sheet, '--campaign', 'r1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), ...extra];
}

function callsTo(endpoint: string): number {
  return t.sim.stats().calls[endpoint] ?? 0;
}

async function orderNumberCount(file: string, orderId: string): Promise<number | undefined> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const orders = workbook.getWorksheet('Orders')!;
  const header = (orders.getRow(1).values as string[]).slice(1);
  let count: number | undefined;
  orders.eachRow((row, n) => {
    if (n > 1 && row.getCell(header.indexOf('porting_order_id') + 1).text === orderId) count = Number(row.getCell(header.indexOf('number_count') + 1).text);
  });
  return count;
}

function spaced(e164: string): string {
  return `${e164.slice(0, 3)} ${e164.slice(3, 5)} ${e164.slice(5, -2)} ${e164.slice(-2)}`;
}

describe('ranges through submit', () => {
  it('creates a German block with its activation range in the create body, expands a US range into one results line per number, and a re-run sends nothing', async () => {
    const block = portableGermanHundred(t.sim);
    const us = portableUsRun(t.sim, 5);
    const usEnd = `${us.slice(0, -4)}${String(Number(us.slice(-4)) + 4).padStart(4, '0')}`;
    await writeRangeSheet(campaign, [
      { ...BERLIN, phone_number: `${spaced(block)} - 99`, activation_range: '00-49', country: 'DE' },
      { ...AUSTIN, phone_number: `${us} to ${usEnd.slice(-4)}` },
      { ...AUSTIN, phone_number: '415-555-0199 - 0100' },
      { ...BERLIN, phone_number: portableGermanSingle(t.sim, block), country: 'DE', extension_range: '1-99' },
    ]);
    const run = await runBulkport(args('submit', 'out1', '--check-batch', '50'), t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    const rows = await readResults(path.join(campaign.dir, 'out1'));
    // 1 block line + 5 expanded lines + 1 malformed range line, each naming its input row.
    expect(rows.map((r) => [r.row, r.status])).toEqual([
      ['2', 'draft'],
      ['3', 'draft'], ['3', 'draft'], ['3', 'draft'], ['3', 'draft'], ['3', 'draft'],
      ['4', 'invalid'],
      ['5', 'draft'],
    ]);
    expect(rows[6]?.issue_code).toBe('RANGE_REVERSED');
    expect(rows.slice(1, 6).map((r) => r.e164)).toEqual(Array.from({ length: 5 }, (_, i) => `${us.slice(0, -4)}${String(Number(us.slice(-4)) + i).padStart(4, '0')}`));
    expect(run.code).toBe(1);

    const orders = campaignOrders(t.sim, 'r1');
    const german = orders.find((o) => o.id === rows[0]?.porting_order_id);
    expect(german).toBeDefined();
    const blocks = await t.client.portingOrders.phoneNumberBlocks.list(german?.id ?? '');
    expect(blocks.data.map((b) => [b.phone_number_range, b.activation_ranges])).toEqual([
      [{ start_at: block, end_at: `${block.slice(0, -2)}99` }, [{ start_at: block, end_at: `${block.slice(0, -2)}49` }]],
    ]);
    expect(german?.phone_numbers ?? []).toEqual([]);
    // One create per part: the German block's, and the US numbers' (FastPort eligibility may split them).
    const parts = new Set(rows.filter((r) => r.order_key !== '').map((r) => r.order_key));
    expect(callsTo('POST /porting_orders')).toBe(parts.size);
    expect(callsTo('POST /porting_orders/:porting_order_id/phone_number_blocks')).toBe(0);
    // One extensions call for the one extension range, after one listing of the porting phone numbers' ids.
    expect(callsTo('POST /porting_orders/:porting_order_id/phone_number_extensions')).toBe(1);
    expect(callsTo('GET /porting_phone_numbers')).toBe(1);
    const extensions = await t.client.portingOrders.phoneNumberExtensions.list(rows[7]?.porting_order_id ?? '');
    expect(extensions.data.map((e) => [e.extension_range, e.activation_ranges])).toEqual([[{ start_at: 1, end_at: 99 }, [{ start_at: 1, end_at: 99 }]]]);
    // The block was checked number by number, in the usual batches: 100 + 5 + 1 numbers, 50 a batch.
    expect(callsTo('POST /portability_checks')).toBe(3);

    const again = await runBulkport(args('submit', 'out2'), t.sim, campaign.dir);
    expect(again.stderr).toBe('');
    expect(callsTo('POST /porting_orders')).toBe(parts.size);
    expect(callsTo('POST /porting_orders/:porting_order_id/phone_number_extensions')).toBe(1);
    const rerun = await readResults(path.join(campaign.dir, 'out2'));
    expect(rerun.map((r) => r.porting_order_id)).toEqual(rows.map((r) => r.porting_order_id));

    // status keeps the block's row with its order; find finds a number inside the block and an extension behind a number.
    const status = await runBulkport(['status', '--campaign', 'r1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, 'status')], t.sim, campaign.dir);
    expect(status.stderr).toBe('');
    const tracked = await readResults(path.join(campaign.dir, 'status'));
    expect(tracked.map((r) => [r.row, r.status, r.porting_order_id])).toEqual(rows.map((r) => [r.row, r.status, r.porting_order_id]));
    // The Orders sheet counts a block's numbers on its order (Telnyx's count is of single numbers), in submit's and status's results.
    for (const out of ['out1', 'status']) expect(await orderNumberCount(path.join(campaign.dir, out, 'results.xlsx'), rows[0]?.porting_order_id ?? '')).toBe(100);
    const single = rows[7]?.e164 ?? '';
    const find = await runBulkport(['find', `${block.slice(0, -2)}50`, `${single}50`, rows[3]?.e164 ?? '', '--state-dir', campaign.stateDir, '--json'], t.sim, campaign.dir);
    expect(find.code).toBe(0);
    const found = (JSON.parse(find.stdout) as { numbers: Array<{ hits: Array<{ row: number; order: string; within?: string; inputNumber: string }> }> }).numbers.map((n) => n.hits.map((h) => [h.row, h.order, h.within ?? '']));
    expect(found).toEqual([
      [[2, rows[0]?.porting_order_id, `block ${block} to ${block.slice(0, -2)}99`]],
      [[5, rows[7]?.porting_order_id, `extension 50 of ${single} (extensions 1-99)`]],
      [[3, rows[3]?.porting_order_id, '']],
    ]);
    assertContract(t.recorder.exchanges);
  });

  it('a block Telnyx refuses (a number of it is in another live order) fails its own row, named by the block pointer', async () => {
    const block = portableGermanHundred(t.sim);
    const single = portableGermanSingle(t.sim, block);
    // Another campaign already ports the block's 50th number.
    await writeRangeSheet(campaign, [{ ...BERLIN, phone_number: `${block.slice(0, -2)}50`, country: 'DE' }]);
    const other = await runBulkport(['submit', campaign.sheet, '--campaign', 'other', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, 'other')], t.sim, campaign.dir);
    expect(other.code).toBe(0);
    await writeRangeSheet(campaign, [
      { ...BERLIN, phone_number: single, country: 'DE' },
      { ...BERLIN, phone_number: `${block} - 99`, country: 'DE' },
    ]);
    const run = await runBulkport(args('submit', 'out', '--max-per-order', '200'), t.sim, campaign.dir);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => [r.status, r.issue_code])).toEqual([
      ['failed', 'ORDER_REJECTED'],
      ['failed', 'ORDER_REJECTED'],
    ]);
    // The block's row gets the column; the single number learns why its order failed.
    expect(rows[1]?.issue).toContain(`column "phone_number": Telnyx rejected the porting order: ${block.slice(0, -2)}50 of the block is already in porting order`);
    expect(rows[0]?.issue).toContain('(about');
    expect(run.code).toBe(1);
  });
});
