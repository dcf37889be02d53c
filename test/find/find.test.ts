import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBulkport } from '../submit/campaign-fixture.js';
import { CAMPAIGN, submittedCampaign, type TrackedSetup } from '../track/track-fixture.js';
import type { FindHit } from '../../src/find/campaign-hits.js';

let setup: TrackedSetup | undefined;
afterEach(async () => {
  await setup?.t.sim.close();
  setup = undefined;
});

interface FindJson {
  numbers: { input: string; e164?: string; found?: boolean; hits?: FindHit[]; unusable?: { code: string; message: string } }[];
  exitCode: number;
}

async function findJson(s: TrackedSetup, ...numbers: string[]) {
  const run = await s.run('find', ...numbers, '--json');
  return { ...run, json: JSON.parse(run.stdout) as FindJson };
}

/** +1NXXNXXXXXX written the ways people write it. */
function formats(e164: string): string[] {
  const d = e164.slice(2);
  return [e164, `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `1-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, `001 ${d}`];
}

describe('find', () => {
  it('answers from the campaign journals through an index that follows the journals', async () => {
    const s = (setup = await submittedCampaign({}, { acme: 2, globex: 1 }));
    const [number] = s.acme;

    // One number in several formats: every one is the same number, found in the campaign with its row and order.
    const first = await findJson(s, ...formats(number!));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.json.numbers.map((n) => n.e164)).toEqual([number, number, number, number]);
    const hit = first.json.numbers[0]!.hits![0]!;
    expect(first.json.numbers[0]!.hits).toHaveLength(1);
    expect(hit).toMatchObject({ campaign: CAMPAIGN, file: s.campaign.sheet, row: 2, status: 'submitted', orderStatus: 'in-process' });
    expect(hit.order).toMatch(/\S/);
    expect(hit.history.map((h) => h.status)).toContain('in-process');

    // The index is owner-only state beside the journals.
    const index = path.join(s.campaign.stateDir, '.find-index', `${CAMPAIGN}.idx`);
    expect((await stat(index)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(index))).mode & 0o777).toBe(0o700);
    const builtAt = (await stat(index)).mtimeMs;

    // A number in no campaign: exit 1, and the table says so; the found one is still there.
    const missing = await s.run('find', number!, '+14155550199');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`${s.campaign.sheet}:2  submitted (in-process)  ${hit.order}`);
    expect(missing.stdout).toMatch(new RegExp(`^\\${number} +${CAMPAIGN} `, 'm'));
    expect(missing.stdout).toMatch(/\+14155550199 +not found in any campaign/);
    expect((await stat(index)).mtimeMs).toBe(builtAt); // answered from the index: the journal did not change

    // A status run that moves the order changes the journal: the index is rebuilt and the answer follows.
    s.advanceHours(2);
    const refresh = await s.run('status', '--campaign', CAMPAIGN, '-o', path.join(s.campaign.dir, 's1'));
    expect(refresh.code).toBe(0);
    const after = await findJson(s, number!);
    const moved = after.json.numbers[0]!.hits![0]!;
    expect(moved.orderStatus).toBe('submitted');
    expect(moved.supportKey).toMatch(/\S/);
    expect(moved.history.map((h) => h.status)).toEqual(['draft', 'in-process', 'submitted']);
    expect((await stat(index)).mtimeMs).toBeGreaterThan(builtAt);

    // The same sheet submitted as a second campaign: the number is found in both, one line each.
    const second = await s.run('submit', s.campaign.sheet, '--campaign', 'c8', '-o', path.join(s.campaign.dir, 'submit8'));
    expect([0, 1]).toContain(second.code);
    const both = await findJson(s, number!);
    expect(both.code).toBe(0);
    expect(both.json.numbers[0]!.hits!.map((h) => h.campaign)).toEqual([CAMPAIGN, 'c8']);
    const table = await s.run('find', number!);
    expect(table.stdout.trim().split('\n').filter((l) => l.startsWith(number!))).toHaveLength(2);

    // Not a number at all, beside a usable one: reported, and the usable one answered.
    const mixed = await findJson(s, 'call me', number!);
    expect(mixed.code).toBe(0);
    expect(mixed.json.numbers[0]).toMatchObject({ input: 'call me', unusable: { code: expect.any(String) } });
  });

  it('--refresh reads each order of the numbers once and shows what Telnyx says now; without it, no call', async () => {
    const s = (setup = await submittedCampaign({}, { acme: 2, globex: 1 }));
    s.advanceHours(2); // the orders move on the server; no status run journals it
    const before = s.t.sim.stats().calls;
    const plain = await findJson(s, ...s.acme, ...s.globex);
    expect(plain.code).toBe(0);
    expect(s.t.sim.stats().calls).toEqual(before);
    const reads = s.callsTo('GET /porting_orders/:id');
    const live = await findJson(s, ...s.acme, ...s.globex, '--refresh');
    expect(live.code).toBe(0);
    expect(s.callsTo('GET /porting_orders/:id') - reads).toBe(2); // two orders, three numbers
    const hits = live.json.numbers.flatMap((n) => n.hits ?? []) as (FindHit & { live: { gone: boolean; status: string } })[];
    expect(hits.map((h) => [h.orderStatus, h.live.status])).toEqual([
      ['in-process', 'submitted'],
      ['in-process', 'submitted'],
      ['in-process', 'submitted'],
    ]);
    const table = await s.run('find', s.acme[0]!, '--refresh');
    expect(table.stdout).toContain('submitted (in-process) now: submitted');
  });

  it('exits 2 when no number given is usable, and 1 for an empty state dir', async () => {
    const s = (setup = await submittedCampaign({}, { acme: 1, globex: 1 }));
    const none = await s.run('find', 'call me', '12');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('none of the 2 numbers given is a usable phone number');
    expect(none.stdout).toBe('');
    const empty = await runBulkport(['find', s.acme[0]!, '--state-dir', path.join(s.campaign.dir, 'nowhere')], s.t.sim, s.campaign.dir);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('not found in any campaign');
  });
});
