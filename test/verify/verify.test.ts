import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { auCampaign, AU_CAMPAIGN, codesFromSim, fillCodes, readCsv, readSheetRows, type AuSetup } from './verify-fixture.js';

const SEND = 'POST /porting_orders/:id/verification_codes/send';
const VERIFY = 'POST /porting_orders/:id/verification_codes/verify';
const CONFIRM = 'POST /porting_orders/:id/actions/confirm';
const INITIATE = 'POST /porting_orders/:porting_order_id/action_requirements/:id/initiate';

let setup: AuSetup | undefined;
afterEach(async () => {
  await setup?.t.sim.close();
  setup = undefined;
});

function orderOf(s: AuSetup) {
  const orders = s.t.sim.state.listPortingOrders().filter((o) => o.customer_group_reference === AU_CAMPAIGN);
  expect(orders).toHaveLength(1);
  return orders[0]!;
}

describe('AU ownership: submit, verify send, verify apply, submit --confirm', () => {
  it('keeps the order a draft until every number is verified, sends codes only to unverified numbers, and reports wrong codes', async () => {
    const s = (setup = await auCampaign(3));
    const out = (name: string) => path.join(s.dir, name);

    // submit: the draft is created and reported (exit 0: nothing is wrong yet).
    const submit = await s.run('submit', s.sheet, '--campaign', AU_CAMPAIGN, '-o', out('submit'));
    expect(submit.code, submit.stderr + submit.stdout).toBe(0);
    expect(orderOf(s).additional_steps).toEqual(['phone_number_verification_codes']);
    const drafted = await readCsv(path.join(out('submit'), 'results.csv'));
    expect(drafted.map((r) => [r.status, r.issue_code])).toEqual(s.numbers.map(() => ['draft', 'VERIFICATION_NEEDED']));

    // submit --confirm: left a draft with the reason, exit 1, no confirm sent.
    const early = await s.run('submit', s.sheet, '--campaign', AU_CAMPAIGN, '--confirm', '-o', out('confirm1'));
    expect(early.code, early.stderr + early.stdout).toBe(1);
    expect(s.callsTo(CONFIRM)).toBe(0);
    expect(orderOf(s).status.value).toBe('draft');
    const pending = await readCsv(path.join(out('confirm1'), 'results.csv'));
    expect(pending.map((r) => r.issue_code)).toEqual(s.numbers.map(() => 'VERIFICATION_PENDING'));
    expect(pending[0]?.issue).toContain('3 of 3 number(s) not verified');

    // verify send: one call for the three numbers; the ID verification started with the split name.
    const send = await s.run('verify', 'send', '--campaign', AU_CAMPAIGN, '-o', out('v1'));
    expect(send.code, send.stderr + send.stdout).toBe(0);
    expect(s.callsTo(SEND)).toBe(1);
    expect(s.callsTo(INITIATE)).toBe(1);
    expect(send.stdout).toContain('split from auth_person_name "Mary Ann Smith": first name "Mary", last name "Ann Smith"');
    const file = path.join(out('v1'), 'verification.xlsx');
    const codesSheet = await readSheetRows(file, 'Codes');
    expect(codesSheet.map((r) => [r.phone_number, r.status, r.code])).toEqual(s.numbers.map((n) => [n, 'code sent: enter it', '']));
    const idSheet = await readSheetRows(file, 'ID verification');
    expect(idSheet).toHaveLength(1);
    expect(idSheet[0]).toMatchObject({ first_name: 'Mary', last_name: 'Ann Smith', status: 'pending' });
    expect(idSheet[0]?.action_url).toMatch(/^https:\/\/id-verification\.sim\.bulkport\.invalid\/au\//);

    // verify apply: one right code, one wrong, one left for later.
    const codes = await codesFromSim(s.t.sim);
    const [right, wrong, later] = s.numbers as [string, string, string];
    await fillCodes(file, (n) => (n === right ? codes.get(n) : n === wrong ? '000000' === codes.get(n) ? '111111' : '000000' : undefined));
    const apply = await s.run('verify', 'apply', '--campaign', AU_CAMPAIGN, file, '-o', out('a1'));
    expect(apply.code, apply.stderr + apply.stdout).toBe(1);
    expect(s.callsTo(VERIFY)).toBe(1);
    const outcomes = await readCsv(path.join(out('a1'), 'verification-outcomes.csv'));
    expect(outcomes.map((r) => [r.phone_number, r.outcome])).toEqual([
      [right, 'verified'],
      [wrong, 'wrong_code'],
      [later, 'no_code'],
    ]);
    expect(apply.stdout).toContain('2 number(s) still unverified');

    // verify send again: only the two unverified numbers get a new code.
    const resend = await s.run('verify', 'send', '--campaign', AU_CAMPAIGN, '-o', out('v2'));
    expect(resend.code, resend.stderr + resend.stdout).toBe(0);
    expect(s.callsTo(SEND)).toBe(2);
    expect(s.callsTo(INITIATE)).toBe(1);
    const sendCounts = await (await fetch(`${s.t.sim.origin}/_sim/verification_codes`)).json() as { data: Array<{ phone_number: string; send_count: number }> };
    expect(Object.fromEntries(sendCounts.data.map((c) => [c.phone_number, c.send_count]))).toEqual({ [right]: 1, [wrong]: 2, [later]: 2 });
    const file2 = path.join(out('v2'), 'verification.xlsx');
    expect((await readSheetRows(file2, 'Codes')).map((r) => r.status)).toEqual(['verified', 'code sent: enter it', 'code sent: enter it']);

    // the new codes verify; then --confirm confirms.
    const newCodes = await codesFromSim(s.t.sim);
    await fillCodes(file2, (n) => (n === right ? undefined : newCodes.get(n)));
    const apply2 = await s.run('verify', 'apply', '--campaign', AU_CAMPAIGN, file2, '-o', out('a2'));
    expect(apply2.code, apply2.stderr + apply2.stdout).toBe(0);
    expect(apply2.stdout).toContain('every number is verified');
    const confirm = await s.run('submit', s.sheet, '--campaign', AU_CAMPAIGN, '--confirm', '-o', out('confirm2'));
    expect(confirm.code, confirm.stderr + confirm.stdout).toBe(0);
    expect(s.callsTo(CONFIRM)).toBe(1);
    expect(orderOf(s).status.value).toBe('in-process');
    // Every request the tool sent, and every answer it read, as the spec says.
    assertContract(s.t.recorder.exchanges, { requests: 'all' });
  }, 60_000);

  it('checks every row before sending anything: all problems listed, exit 2, no verify call', async () => {
    const s = (setup = await auCampaign(3, { auth_person_first_name: 'Mary Ann', auth_person_last_name: 'Smith' }));
    expect((await s.run('submit', s.sheet, '--campaign', AU_CAMPAIGN, '-o', path.join(s.dir, 'submit'))).code).toBe(0);
    const send = await s.run('verify', 'send', '--campaign', AU_CAMPAIGN, '-o', path.join(s.dir, 'v1'));
    expect(send.code, send.stderr + send.stdout).toBe(0);
    const file = path.join(s.dir, 'v1', 'verification.xlsx');
    expect((await readSheetRows(file, 'ID verification'))[0]).toMatchObject({ first_name: 'Mary Ann', last_name: 'Smith', names_from: 'from auth_person_first_name and auth_person_last_name' });
    const codes = await codesFromSim(s.t.sim);
    const [first, second, third] = s.numbers as [string, string, string];
    // A code Excel stored as a number, letters in a code, and a good one: nothing may be sent.
    await fillCodes(file, (n) => (n === first ? Number(codes.get(n)) : n === second ? '12ab' : n === third ? codes.get(n) : undefined));
    const apply = await s.run('verify', 'apply', '--campaign', AU_CAMPAIGN, file, '-o', path.join(s.dir, 'a1'));
    expect(apply.code).toBe(2);
    expect(s.callsTo(VERIFY)).toBe(0);
    expect(apply.stderr).toMatch(/row 2, column "code".*stored as the number.*\[NUMERIC_IDENTIFIER\]/);
    expect(apply.stderr).toMatch(/row 3, column "code": expected the 4 to 8 digits the holder received, got "12ab" \[VERIFICATION_ROW_INVALID\]/);
    expect(apply.stderr).toContain('2 problem(s) in the verification sheet (listed above); nothing was sent');
    expect(existsSync(path.join(s.dir, 'a1'))).toBe(false);
  }, 60_000);
});
