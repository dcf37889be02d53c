import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { HOUR_MS } from '../../src/sim/clock.js';
import { assertContract } from '../contract/contract.js';
import { runInProcess, type InProcessResult } from '../helpers/run-in-process.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, campaignOrders, GLOBEX, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir, type SheetRow } from '../submit/campaign-fixture.js';
import { CAMPAIGN, ON_CARRIER, submittedCampaign, type TrackedSetup } from './track-fixture.js';

let t: TestSimulator | undefined;
let setup: TrackedSetup | undefined;
afterEach(async () => {
  await t?.sim.close();
  await setup?.t.sim.close();
  t = undefined;
  setup = undefined;
});

const INITECH: SheetRow = { ...ACME, entity_name: 'Initech', account_number: 'INI-9', pin_passcode: '5555', billing_phone_number: '303-555-0197' };

async function readCsv(file: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(file), { columns: true, bom: true }) as Array<Record<string, string>>;
}

/** One campaign with an order in each state: ACME ported, GLOBEX submitted, INITECH a draft. */
async function mixedCampaign(): Promise<{ campaign: CampaignDir; run: (...args: string[]) => ReturnType<typeof runBulkport>; ids: Record<'acme' | 'globex' | 'initech', string> }> {
  t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
  const sim = t.sim;
  const campaign = await makeCampaignDir();
  const run = (...args: string[]) => runBulkport([...args, '--state-dir', campaign.stateDir], sim, campaign.dir);
  const [a1, a2, g1, i1] = findNumbers(sim, 4, ON_CARRIER('9104'));
  const acme = [a1, a2].map((n) => ({ ...ACME, phone_number: n }));
  const globex = { ...GLOBEX, phone_number: g1 };
  const initech = { ...INITECH, phone_number: i1 };
  await writeSheet(campaign, acme);
  expect((await run('submit', campaign.sheet, '--campaign', CAMPAIGN, '--confirm', '-o', path.join(campaign.dir, 'sub1'))).code).toBe(0);
  sim.advance(14 * 24 * HOUR_MS);
  await writeSheet(campaign, [...acme, globex]);
  expect((await run('submit', campaign.sheet, '--campaign', CAMPAIGN, '--confirm', '-o', path.join(campaign.dir, 'sub2'))).code).toBe(0);
  await writeSheet(campaign, [...acme, globex, initech]);
  expect((await run('submit', campaign.sheet, '--campaign', CAMPAIGN, '-o', path.join(campaign.dir, 'sub3'))).code).toBe(0);
  const byName = (name: string) => campaignOrders(sim, CAMPAIGN).find((o) => o.end_user.admin.entity_name === name)?.id ?? '';
  return { campaign, run, ids: { acme: byName('Acme Widgets LLC'), globex: byName('Globex Corporation'), initech: byName('Initech') } };
}

describe('cancel', () => {
  it('deletes drafts, cancels submitted orders, reports ported ones; a re-run sends nothing new', async () => {
    const { campaign, run, ids } = await mixedCampaign();
    const sim = t!.sim;
    expect(campaignOrders(sim, CAMPAIGN).map((o) => o.status.value).sort()).toEqual(['draft', 'in-process', 'ported']);
    const calls = () => [sim.stats().calls['POST /porting_orders/:id/actions/cancel'] ?? 0, sim.stats().calls['DELETE /porting_orders/:id'] ?? 0];

    const first = await run('cancel', '--campaign', CAMPAIGN, '--yes', '-o', path.join(campaign.dir, 'cancel1'));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(calls()).toEqual([1, 1]);
    expect(first.stdout).toContain(`porting order ${ids.acme} (ported) NOT cancelled: cannot be cancelled: the numbers are already ported`);
    const outcomes = new Map((await readCsv(path.join(campaign.dir, 'cancel1', 'cancel-outcomes.csv'))).map((o) => [o.porting_order_id, o]));
    expect(outcomes.get(ids.globex)).toMatchObject({ action: 'cancel', outcome: 'cancelled', status_after: 'cancel-pending' });
    expect(outcomes.get(ids.initech)).toMatchObject({ action: 'delete', outcome: 'deleted', status_after: 'deleted' });
    expect(outcomes.get(ids.acme)).toMatchObject({ action: 'none', status_after: 'ported' });
    const rows = await readResults(path.join(campaign.dir, 'cancel1'));
    expect(rows.map((r) => r.status)).toEqual(['ported', 'ported', 'cancelled', 'cancelled']);
    expect(rows.map((r) => r.order_status)).toEqual(['ported', 'ported', 'cancel-pending', 'deleted']);
    expect(rows[3]?.porting_order_id).toBe(ids.initech);

    const again = await run('cancel', '--campaign', CAMPAIGN, '--yes', '-o', path.join(campaign.dir, 'cancel2'));
    expect(again.code).toBe(1);
    expect(calls()).toEqual([1, 1]);
    const outcomes2 = new Map((await readCsv(path.join(campaign.dir, 'cancel2', 'cancel-outcomes.csv'))).map((o) => [o.porting_order_id, o.outcome]));
    expect(outcomes2.get(ids.globex)).toBe('already cancel-pending');
    expect(outcomes2.get(ids.initech)).toBe('draft already deleted');
    const state = await readCampaign(campaign.stateDir, CAMPAIGN);
    expect(state?.runs.filter((r) => r.command === 'cancel')).toHaveLength(2);
    expect(state?.tracking.openIntents.size).toBe(0);
    assertContract(t!.recorder.exchanges);
  });

  it('reports the API refusal within 48 hours of the FOC date', async () => {
    const s = (setup = await submittedCampaign());
    s.advanceHours(26);
    const [order] = campaignOrders(s.t.sim, CAMPAIGN);
    const foc = Date.parse(order?.activation_settings.foc_datetime_actual ?? '');
    expect(Number.isFinite(foc)).toBe(true);
    s.t.sim.advance(foc - s.t.sim.clock.nowMs() - 24 * HOUR_MS);
    const run = await s.run('cancel', '--campaign', CAMPAIGN, '--order', order!.id, '--yes', '-o', path.join(s.campaign.dir, 'c'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`porting order ${order!.id} (foc-date-confirmed) NOT cancelled: refused: porting order ${order!.id} cannot be cancelled within 48 hours of its FOC date`);
    expect(campaignOrders(s.t.sim, CAMPAIGN).find((o) => o.id === order!.id)?.status.value).toBe('foc-date-confirmed');
  });

  it('re-reads the order after a cancel whose answer was lost, and does not send it twice', async () => {
    const s = (setup = await submittedCampaign());
    s.t.sim.faults.add({ kind: 'lost-create', rate: 1, count: 1, endpoints: ['POST /porting_orders/:id/actions/cancel'] });
    const run = await s.run('cancel', '--campaign', CAMPAIGN, '--yes', '-o', path.join(s.campaign.dir, 'c'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(s.callsTo('POST /porting_orders/:id/actions/cancel')).toBe(2);
    expect(campaignOrders(s.t.sim, CAMPAIGN).map((o) => o.status.value)).toEqual(['cancel-pending', 'cancel-pending']);
    const outcomes = await readCsv(path.join(s.campaign.dir, 'c', 'cancel-outcomes.csv'));
    expect(outcomes.map((o) => o.outcome)).toEqual(['cancelled', 'cancelled']);
  });

  it('asks on a terminal: "n" sends nothing, "y" cancels', async () => {
    const s = (setup = await submittedCampaign());
    const ask = (answer: string): Promise<InProcessResult> =>
      runInProcess(['cancel', '--campaign', CAMPAIGN, '--state-dir', s.campaign.stateDir, '--quiet', '-o', path.join(s.campaign.dir, `c-${answer}`)], s.t.sim, {
        cwd: s.campaign.dir,
        typed: `${answer}\n`,
      });
    const no = await ask('n');
    expect(no.code).toBe(0);
    expect(no.stderr).toContain('Cancel 2 submitted order(s) and delete 0 draft(s) of campaign "c7"? Cancelled orders cannot be reactivated. [y/N]');
    expect(no.stdout).toContain('cancel: not confirmed; nothing was sent');
    expect(s.callsTo('POST /porting_orders/:id/actions/cancel')).toBe(0);
    const yes = await ask('y');
    expect(yes.code).toBe(0);
    expect(s.callsTo('POST /porting_orders/:id/actions/cancel')).toBe(2);
  });

  it('without a terminal and without --yes is a usage error and sends nothing', async () => {
    const s = (setup = await submittedCampaign());
    const before = s.t.sim.stats().calls;
    const run = await s.run('cancel', '--campaign', CAMPAIGN);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not on a terminal');
    expect(s.t.sim.stats().calls).toEqual(before);
    const unknown = await s.run('cancel', '--campaign', CAMPAIGN, '--order', 'nope', '--yes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--order: nope is not an order of campaign "c7"; nothing was sent');
  });
});

describe('comment', () => {
  it('adds a comment once, journaled; status shows it as the last comment', async () => {
    const s = (setup = await submittedCampaign());
    const [order] = campaignOrders(s.t.sim, CAMPAIGN);
    const text = 'Customer confirmed the PIN by phone';
    const first = await s.run('comment', '--campaign', CAMPAIGN, '--order', order!.id, text);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`comment added to porting order ${order!.id}`);
    const again = await s.run('comment', '--campaign', CAMPAIGN, '--order', order!.id, text);
    expect(again.stdout).toContain('already has this comment');
    expect(s.callsTo('POST /porting_orders/:id/comments')).toBe(1);
    const state = await readCampaign(s.campaign.stateDir, CAMPAIGN);
    expect(state?.tracking.comments.get(order!.id)).toHaveLength(2);

    const status = await s.run('status', '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 'st'));
    expect(status.code).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(s.campaign.dir, 'st', 'results.xlsx'));
    const orders = workbook.getWorksheet('Orders')!;
    const header = (orders.getRow(1).values as string[]).slice(1);
    const texts: string[] = [];
    orders.eachRow((row, n) => {
      if (n > 1 && row.getCell(header.indexOf('porting_order_id') + 1).text === order!.id) texts.push(row.getCell(header.indexOf('last_comment') + 1).text);
    });
    expect(texts[0]).toContain(`user: ${text}`);
    assertContract(s.t.recorder.exchanges);
  });

  it('after a lost answer looks for the comment before sending it again: posted exactly once', async () => {
    const s = (setup = await submittedCampaign());
    const [order] = campaignOrders(s.t.sim, CAMPAIGN);
    s.t.sim.faults.add({ kind: 'lost-create', rate: 1, count: 1, endpoints: ['POST /porting_orders/:id/comments'] });
    const run = await s.run('comment', '--campaign', CAMPAIGN, '--order', order!.id, 'Please escalate');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(s.callsTo('POST /porting_orders/:id/comments')).toBe(1);
    expect(s.callsTo('GET /porting_orders/:id/comments')).toBe(1);
    const comments = await s.t.client.portingOrders.comments.list(order!.id);
    expect(comments.data.filter((c) => c.body === 'Please escalate')).toHaveLength(1);
  });

  it('refuses an order outside the campaign before sending', async () => {
    const s = (setup = await submittedCampaign());
    const run = await s.run('comment', '--campaign', CAMPAIGN, '--order', 'not-ours', 'hello');
    expect(run.code).toBe(2);
    expect(s.callsTo('POST /porting_orders/:id/comments')).toBe(0);
  });
});
