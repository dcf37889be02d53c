import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { HOUR_MS } from '../../src/sim/clock.js';
import { assertContract } from '../contract/contract.js';
import { campaignOrders } from '../submit/campaign-fixture.js';
import { CAMPAIGN, draftCampaign, type DraftCampaign } from '../loa/loa-fixture.js';

let setup: DraftCampaign | undefined;
afterEach(async () => {
  await setup?.t.sim.close();
  setup = undefined;
});

async function readTokens(file: string): Promise<Array<Record<string, string>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Sharing tokens')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, string>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])));
  });
  return rows;
}

describe('share', () => {
  it('issues one upload token per live order into a 0600 sheet; only token ids journaled; no token on stdout; expiry is an event', async () => {
    setup = await draftCampaign();
    const { t, campaign, run, callsTo } = setup;
    const outDir = path.join(campaign.dir, 'share');
    const shared = await run('share', '--campaign', CAMPAIGN, '--expires', '48h', '-o', outDir);
    expect(shared.stderr).toBe('');
    expect(shared.code).toBe(0);
    expect(shared.stdout).toContain('3 upload sharing token(s) issued, valid until 2026-11-26T10:');
    expect(callsTo('POST /porting_orders/:id/actions/share')).toBe(3);
    const file = path.join(outDir, 'sharing-tokens.xlsx');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const rows = await readTokens(file);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(row.permission).toBe('porting_order.document.update');
      expect(row.expires_at).toMatch(/^2026-11-26T10:/);
      // The token never reaches stdout or the journal; its id does reach the journal.
      expect(shared.stdout).not.toContain(row.token);
    }
    const journal = await readFile(path.join(campaign.stateDir, CAMPAIGN, 'journal.jsonl'), 'utf8');
    for (const row of rows) {
      expect(journal).not.toContain(row.token);
      expect(journal).toContain(row.token_id);
    }
    const state = await readCampaign(campaign.stateDir, CAMPAIGN);
    expect([...state!.sharingTokens.values()].flat().map((r) => r.tokenId).sort()).toEqual(rows.map((r) => r.token_id).sort());

    // 48 h of simulated time later, every token has expired: one sharing_token_expired event per order.
    t.sim.advance(48 * HOUR_MS + 1000);
    const expired = t.sim.events.all('porting').filter((e) => e.eventType === 'porting_order.sharing_token_expired');
    expect(expired.map((e) => e.subjectId).sort()).toEqual(campaignOrders(t.sim, CAMPAIGN).map((o) => o.id).sort());
    expect(expired.every((e) => e.json.payload === null && !e.isWebhook)).toBe(true);
    assertContract(t.recorder.exchanges);
  });

  it('--read-only --order: one read token; more than 48h or a foreign order is exit 2 with nothing sent', async () => {
    setup = await draftCampaign();
    const { t, campaign, run, callsTo } = setup;
    const [order] = campaignOrders(t.sim, CAMPAIGN);
    const tooLong = await run('share', '--campaign', CAMPAIGN, '--expires', '72h');
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('--expires: at most 48h (172,800 seconds, the longest a sharing token may last), got "72h" (259,200 seconds); nothing was sent');
    const foreign = await run('share', '--campaign', CAMPAIGN, '--order', 'nope', '--expires', '1h');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('--order: "nope" is not an order of campaign "loa16"; nothing was sent');
    expect(callsTo('POST /porting_orders/:id/actions/share')).toBe(0);

    const outDir = path.join(campaign.dir, 'read');
    const one = await run('share', '--campaign', CAMPAIGN, '--order', order!.id, '--read-only', '--expires', '90m', '-o', outDir);
    expect(one.code).toBe(0);
    const rows = await readTokens(path.join(outDir, 'sharing-tokens.xlsx'));
    expect(rows.map((r) => [r.porting_order_id, r.permission])).toEqual([[order!.id, 'porting_order.document.read']]);
    // 90 minutes after the simulated 10:00 start (plus the seconds the test took).
    expect(rows[0]?.expires_at).toMatch(/^2026-11-24T11:3\d:/);
  });

  it('after an answer that never came, a new token is issued (the API cannot list tokens): the sheet holds the one we received', async () => {
    setup = await draftCampaign();
    const { t, campaign, run, callsTo } = setup;
    const [order] = campaignOrders(t.sim, CAMPAIGN);
    t.sim.faults.set([{ kind: 'lost-create', rate: 1, endpoints: ['POST /porting_orders/:id/actions/share'], count: 1 }]);
    const outDir = path.join(campaign.dir, 'share');
    const shared = await run('share', '--campaign', CAMPAIGN, '--order', order!.id, '--expires', '1h', '-o', outDir);
    expect(shared.stderr).toBe('');
    expect(shared.code).toBe(0);
    expect(callsTo('POST /porting_orders/:id/actions/share')).toBe(2);
    const rows = await readTokens(path.join(outDir, 'sharing-tokens.xlsx'));
    expect(rows).toHaveLength(1);
    const journal = (await readFile(path.join(campaign.stateDir, CAMPAIGN, 'journal.jsonl'), 'utf8')).split('\n').filter((l) => l.includes('"share-'));
    expect(journal.map((l) => (JSON.parse(l) as { t: string }).t)).toEqual(['share-intent', 'share-intent', 'share-result']);
  });
});
