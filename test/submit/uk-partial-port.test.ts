import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, campaignOrders, makeCampaignDir, readResults, runBulkport, writeSheet, type CampaignDir, type SheetRow } from './campaign-fixture.js';

/**
 * UK partial ports (issue 15): keep/disconnect rows become associated phone numbers on exactly one GB
 * order of their account, never ported; they skip the portability check and the order-field rules.
 */
let t: TestSimulator;
let campaign: CampaignDir;

beforeEach(async () => {
  t = await startTestSimulator();
  campaign = await makeCampaignDir();
});
afterEach(async () => {
  await t.sim.close();
});

const UK_LTD: SheetRow = {
  ...ACME,
  entity_name: 'Albion Widgets Ltd',
  auth_person_name: 'Jane Doe',
  billing_phone_number: '020 7946 0999',
  account_number: 'UK-1',
  street_address: '1 Fleet Street',
  locality: 'London',
  administrative_area: '',
  postal_code: 'EC4Y 1AA',
  port_type: 'partial',
};
const ASSOCIATE = 'POST /porting_orders/:porting_order_id/associated_phone_numbers';
const isGbLocal = (p: { portable: boolean; phoneNumberType: string; countryCode: string }): boolean => p.portable && p.phoneNumberType === 'landline' && p.countryCode === 'GB';

function args(command: 'plan' | 'submit', out: string, ...extra: string[]): string[] {
  return [command, campaign.sheet, '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, out), ...extra];
}

async function associatedOf(orderId: string): Promise<string[]> {
  const found: string[] = [];
  for await (const a of t.client.portingOrders.associatedPhoneNumbers.list(orderId)) found.push(`${a.action ?? ''} ${a.phone_number_range?.start_at ?? ''}-${a.phone_number_range?.end_at ?? ''}`);
  return found.sort();
}

describe('UK partial port: numbers that stay behind', () => {
  it('lists keep/disconnect rows as associated numbers of the one GB order, confirms it, and a re-run sends nothing', async () => {
    const [port1, port2, keep, gone, us] = [...findNumbers(t.sim, 4, isGbLocal, '+44207946'), ...findNumbers(t.sim, 1, (p) => p.portable && p.phoneNumberType === 'local')];
    await writeSheet(
      campaign,
      [
        { ...UK_LTD, phone_number: port1 },
        { ...UK_LTD, phone_number: port2 },
        { phone_number: keep, account_number: 'uk 1', action: 'Keep' },
        { phone_number: gone, account_number: 'UK-1', action: 'disconnect' },
        { ...ACME, phone_number: us, action: 'keep' },
      ],
      ['action'],
    );
    const plan = await runBulkport(args('plan', 'plan'), t.sim, campaign.dir);
    expect(plan.code).toBe(1);
    const planned = await readResults(path.join(campaign.dir, 'plan'));
    expect(planned.map((r) => r.status)).toEqual(['planned', 'planned', 'associated', 'associated', 'blocked']);
    expect(planned[2]?.order_key).toBe(planned[0]?.order_key);
    expect(planned[4]?.issue_code).toBe('ACTION_OUTSIDE_GB');
    // Not checked: the portability check only saw the two numbers to port.
    expect(planned[2]?.portable).toBe('');

    const run = await runBulkport(args('submit', 'out', '--confirm'), t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => r.status)).toEqual(['submitted', 'submitted', 'associated', 'associated', 'blocked']);
    const [order] = campaignOrders(t.sim, 'c1');
    expect(campaignOrders(t.sim, 'c1')).toHaveLength(1);
    expect(rows[2]?.porting_order_id).toBe(order?.id);
    expect(order?.phone_numbers?.map((n) => n.phone_number).sort()).toEqual([port1, port2].sort());
    expect(await associatedOf(order?.id ?? '')).toEqual([`disconnect ${gone}-${gone}`, `keep ${keep}-${keep}`].sort());
    expect(t.sim.stats().calls[ASSOCIATE]).toBe(2);

    const again = await runBulkport(args('submit', 'again', '--confirm'), t.sim, campaign.dir);
    expect(again.code).toBe(1);
    expect(t.sim.stats().calls[ASSOCIATE]).toBe(2);
    expect((await readResults(path.join(campaign.dir, 'again'))).map((r) => r.status)).toEqual(['submitted', 'submitted', 'associated', 'associated', 'blocked']);
    // status (from the journal, without the sheet) shows the order each number staying behind is listed on.
    await runBulkport(['status', '--campaign', 'c1', '--state-dir', campaign.stateDir, '-o', path.join(campaign.dir, 'status')], t.sim, campaign.dir);
    const tracked = await readResults(path.join(campaign.dir, 'status'));
    expect(tracked.slice(2, 4).map((r) => [r.status, r.porting_order_id])).toEqual([
      ['associated', order?.id],
      ['associated', order?.id],
    ]);
    assertContract(t.recorder.exchanges);
  });

  it('blocks a GB partial port that lists no numbers staying behind, and a keep row whose account has no GB order', async () => {
    const [port, keep, bad] = findNumbers(t.sim, 3, isGbLocal, '+44207946');
    await writeSheet(
      campaign,
      [
        { ...UK_LTD, phone_number: port },
        { phone_number: keep, account_number: 'UK-9', action: 'keep' },
        { ...UK_LTD, account_number: 'UK-9', port_type: 'full', phone_number: bad, action: 'transfer' },
      ],
      ['action'],
    );
    const plan = await runBulkport(args('plan', 'plan'), t.sim, campaign.dir);
    expect(plan.code).toBe(1);
    const rows = await readResults(path.join(campaign.dir, 'plan'));
    expect(rows.map((r) => [r.status, r.issue_code])).toEqual([
      ['blocked', 'REMAINING_NUMBERS_MISSING'],
      ['blocked', 'NO_ORDER_FOR_ASSOCIATED'],
      ['blocked', 'INVALID_FIELD'],
    ]);
    expect(rows[0]?.issue).toContain('account "UK-1" has none in the sheet');
    expect(rows[2]?.issue).toContain('expected port, keep or disconnect, got "transfer"');
  });

  it('a US partial port keeps the remaining_numbers_action rule', async () => {
    const [n] = findNumbers(t.sim, 1, (p) => p.portable && p.phoneNumberType === 'local');
    await writeSheet(campaign, [{ ...ACME, phone_number: n, port_type: 'partial' }]);
    await runBulkport(args('plan', 'plan'), t.sim, campaign.dir);
    expect((await readResults(path.join(campaign.dir, 'plan')))[0]?.issue_code).toBe('PARTIAL_PORT_INCOMPLETE');
  });

  it('matches GB carriers against Telnyx\'s UK carriers (name, CUPID, alternative CUPID), one list call per run; an unknown one is blocked', async () => {
    const numbers = findNumbers(t.sim, 4, isGbLocal, '+44207946');
    const full = { ...UK_LTD, port_type: 'full' };
    await writeSheet(campaign, [
      { ...full, phone_number: numbers[0], carrier: 'virgin-media' },
      { ...full, phone_number: numbers[1], carrier: '061' },
      { ...full, phone_number: numbers[2], carrier: 'Virgin Media Business Ltd' },
      { ...full, phone_number: numbers[3] },
    ]);
    const run = await runBulkport(args('submit', 'out'), t.sim, campaign.dir);
    expect(run.code).toBe(1);
    expect(t.sim.stats().calls['GET /porting/uk_carriers']).toBe(1);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => r.status)).toEqual(['draft', 'draft', 'blocked', 'draft']);
    // Two spellings of one carrier: one part.
    expect(rows[0]?.order_key).toBe(rows[1]?.order_key);
    expect(rows[2]?.issue_code).toBe('UNKNOWN_UK_CARRIER');
    expect(rows[2]?.issue).toContain('got "Virgin Media Business Ltd"; closest: "Virgin Media"');
    // No request carries a CUPID: the carrier is validation and grouping only.
    const sent = t.recorder.exchanges.map((e) => `${e.query.toString()} ${JSON.stringify(e.requestBody ?? '')}`);
    expect(sent.filter((text) => /\b(017|061)\b/.test(text))).toEqual([]);
    assertContract(t.recorder.exchanges);
  });

  it('a keep range in one row is one associated entry (its numbers each get a results line)', async () => {
    const [port] = findNumbers(t.sim, 1, isGbLocal, '+44207946');
    await writeSheet(
      campaign,
      [
        { ...UK_LTD, phone_number: port },
        { phone_number: '+44 20 7946 0500 - 0509', account_number: 'UK-1', action: 'keep' },
      ],
      ['action'],
    );
    const run = await runBulkport(args('submit', 'out'), t.sim, campaign.dir);
    expect(run.stderr).toBe('');
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => r.status)).toEqual(['draft', ...Array<string>(10).fill('associated')]);
    expect(new Set(rows.slice(1).map((r) => r.row))).toEqual(new Set(['3']));
    const [order] = campaignOrders(t.sim, 'c1');
    expect(await associatedOf(order?.id ?? '')).toEqual(['keep +442079460500-+442079460509']);
    expect(t.sim.stats().calls[ASSOCIATE]).toBe(1);
  });

  it('a number staying behind whose account order could not be created says so', async () => {
    const [port, keep] = findNumbers(t.sim, 2, isGbLocal, '+44207946');
    await writeSheet(campaign, [{ ...UK_LTD, phone_number: port }, { phone_number: keep, account_number: 'UK-1', action: 'keep' }], ['action']);
    t.sim.faults.set([{ kind: '5xx', rate: 1, endpoints: ['POST /porting_orders'] }]);
    const run = await runBulkport(args('submit', 'out'), t.sim, campaign.dir);
    expect(run.code).toBe(3);
    const rows = await readResults(path.join(campaign.dir, 'out'));
    expect(rows.map((r) => [r.status, r.issue_code])).toEqual([
      ['failed', 'SUBMIT_FAILED'],
      ['failed', 'SUBMIT_FAILED'],
    ]);
    expect(t.sim.stats().calls[ASSOCIATE] ?? 0).toBe(0);
  });
});

