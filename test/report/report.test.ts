import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import type { EndRecord, JournalRecord } from '../../src/campaign/journal-records.js';
import { ROW_STATUSES } from '../../src/core/row-status.js';
import { buildReport } from '../../src/report/build-report.js';
import { ReportHistory } from '../../src/report/report-history.js';
import { buildReportModel } from '../../src/report/report-model.js';
import { SHOWN_GROUPS, STATUS_GROUP_OF, STATUS_GROUPS } from '../../src/report/status-groups.js';
import type { TrackingSummary } from '../../src/track/write-tracking-results.js';
import { HOUR_MS } from '../../src/sim/clock.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, GLOBEX, makeCampaignDir, writeSheet, type CampaignDir } from '../submit/campaign-fixture.js';
import { ON_CARRIER } from '../track/track-fixture.js';

const CAMPAIGN = 'r17';
const DAY0 = new Date('2026-11-24T10:00:00Z');
const at = (days: number, hours = 0): Date => new Date(DAY0.getTime() + days * 24 * HOUR_MS + hours * HOUR_MS);

let t: TestSimulator;
let campaign: CampaignDir;
let summary: TrackingSummary;
let statusOut: string;
let statusStdout: string;

/** bulkport in this process on a fixed clock (the journal's times), against the simulator. */
function run(now: Date, ...args: string[]) {
  return runInProcess([...args, '--state-dir', campaign.stateDir, '--rate', '500', '--quiet'], t.sim, { cwd: campaign.dir, now });
}

async function history(): Promise<{ state: NonNullable<Awaited<ReturnType<typeof readCampaign>>>; history: ReportHistory; records: JournalRecord[] }> {
  const records: JournalRecord[] = [];
  const folded = new ReportHistory();
  const state = await readCampaign(campaign.stateDir, CAMPAIGN, (record) => {
    records.push(record);
    folded.apply(record);
  });
  return { state: state!, history: folded, records };
}

// One campaign for the whole file: submitted on day 0, refreshed on day 1 and day 3 (day 2 has no data),
// every confirmed order sent to exception by the simulated carrier.
beforeAll(async () => {
  t = await startTestSimulator({ startAt: DAY0, exceptionShare: 1 });
  campaign = await makeCampaignDir();
  const acme = findNumbers(t.sim, 4, ON_CARRIER('9104'));
  const globex = findNumbers(t.sim, 2, ON_CARRIER('9104'), '+1720555');
  await writeSheet(campaign, [
    ...acme.map((n) => ({ ...ACME, phone_number: n })),
    ...globex.map((n) => ({ ...GLOBEX, phone_number: n })),
    { ...ACME, phone_number: '555-01' },
  ]);
  const submit = await run(at(0), 'submit', campaign.sheet, '--campaign', CAMPAIGN, '--confirm', '-o', path.join(campaign.dir, 'submit'));
  expect(submit.stderr).toBe('');
  t.sim.advance(26 * HOUR_MS);
  expect((await run(at(1), 'status', '--campaign', CAMPAIGN, '--tz', 'UTC', '-o', path.join(campaign.dir, 's1'))).stderr).toBe('');
  t.sim.advance(48 * HOUR_MS);
  statusOut = path.join(campaign.dir, 's3');
  const last = await run(at(3), 'status', '--campaign', CAMPAIGN, '--tz', 'UTC', '-o', statusOut);
  expect(last.stderr).toBe('');
  statusStdout = last.stdout;
  summary = JSON.parse(await readFile(path.join(statusOut, 'summary.json'), 'utf8')) as TrackingSummary;
}, 60_000);

afterAll(async () => {
  await t.sim.close();
});

describe('status → group table (issue 17)', () => {
  it('gives every row status a group, and shows only the groups that hold one', () => {
    expect(Object.keys(STATUS_GROUP_OF).sort()).toEqual([...ROW_STATUSES].sort());
    for (const group of SHOWN_GROUPS) expect(Object.values(STATUS_GROUP_OF)).toContain(group);
    expect(STATUS_GROUPS.filter((group) => !SHOWN_GROUPS.includes(group)).every((group) => !Object.values(STATUS_GROUP_OF).includes(group))).toBe(true);
  });

  it('docs/report.md documents exactly that table', async () => {
    const docs = await readFile(path.join(import.meta.dirname, '../../docs/report.md'), 'utf8');
    const documented = new Map<string, string>();
    for (const match of docs.matchAll(/^\| `([a-z_]+)` \| ([a-z_]+) \|/gm)) documented.set(match[1]!, match[2]!);
    expect(Object.fromEntries(documented)).toEqual(STATUS_GROUP_OF);
  });
});

describe('the journal carries what the report needs', () => {
  it("every run's end record holds its API figures", async () => {
    const { records } = await history();
    const ends = records.filter((record): record is EndRecord => record.t === 'end');
    expect(ends.map((end) => end.at)).toEqual([at(0), at(1), at(3)].map((date) => date.toISOString()));
    for (const end of ends) expect(end.api?.calls).toBeGreaterThan(0);
  });
});

describe('status writes report.html', () => {
  it('beside its results, and says where', async () => {
    // --quiet: the path is not printed (the page is there all the same).
    expect(statusStdout).not.toContain('report:');
    const html = await readFile(path.join(statusOut, 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // The headline counts are the summary's.
    expect(html).toContain(`id="figure-rows" data-count="${summary.rowCount}"`);
    expect(html).toContain(`id="figure-orders" data-count="${summary.orders.count}"`);
    for (const group of SHOWN_GROUPS) {
      const expected = Object.entries(summary.byStatus).filter(([status]) => STATUS_GROUP_OF[status as keyof typeof STATUS_GROUP_OF] === group).reduce((sum, [, n]) => sum + n, 0);
      expect(html).toContain(`id="group-${group}" data-count="${expected}"`);
    }
  });

  it('without --quiet, status prints the report path', async () => {
    t.sim.advance(HOUR_MS);
    const out = path.join(campaign.dir, 's-loud');
    const loud = await runInProcess(['status', '--campaign', CAMPAIGN, '--state-dir', campaign.stateDir, '--rate', '500', '-o', out], t.sim, { cwd: campaign.dir, now: at(3, 1) });
    expect(loud.code).toBe(1);
    expect(loud.stdout).toContain(`report: s-loud${path.sep}report.html`);
  });
});

describe('the report model', () => {
  it('counts rows, numbers and orders as the results do', async () => {
    const { state, history: past } = await history();
    const model = buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3), timeZone: 'UTC', version: '9.9.9' });
    expect(model.rowCount).toBe(7);
    expect(model.byStatus).toMatchObject({ invalid: 1, exception: 6 });
    expect(model.groups).toMatchObject({ needs_person: 7, on_track: 0 });
    expect(model.numberCount).toBe(6);
    expect(model.orderCount).toBe(2);
    expect(model.ordersByStatus).toEqual([['exception', 2]]);
  });

  it('draws a day per day since the first order, carrying forward the day without data', async () => {
    const { state, history: past } = await history();
    const model = buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3), timeZone: 'UTC', version: '9.9.9' });
    expect(model.progress.map((day) => [day.day, day.isCarriedForward])).toEqual([
      ['2026-11-24', false],
      ['2026-11-25', false],
      ['2026-11-26', true],
      ['2026-11-27', false],
    ]);
    // Day 0: both orders created, submitted and, five hours later by the events feed's times (read on day 1),
    // sent to exception by the carrier.
    expect(model.progress[0]!.counts).toMatchObject({ on_track: 0, needs_person: 7 });
    expect(model.progress[0]!.changes).toMatch(/^2 orders created, 2 orders in process, 2 orders submitted, 2 new exceptions$/);
    expect(model.progress.at(-1)!.counts).toMatchObject({ on_track: 0, needs_person: 7 });
    expect(model.progress[2]!.counts).toEqual(model.progress[1]!.counts);
    expect(model.progress.flatMap((day) => day.changes.match(/(\d+) new exceptions?/)?.[1] ?? [])).toEqual(['2']);
  });

  it('counts days in the zone it is given', async () => {
    const { state, history: past } = await history();
    // 10:00 UTC is 23:00 in Auckland (UTC+13 in November): the next calendar day there.
    const model = buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3), timeZone: 'Pacific/Auckland', version: '9.9.9' });
    expect(model.progress[0]!.day).toBe('2026-11-24');
    const west = buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3), timeZone: 'Pacific/Honolulu', version: '9.9.9' });
    expect(west.progress[0]!.day).toBe('2026-11-24');
    expect(buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3, 14), timeZone: 'Pacific/Auckland', version: '9.9.9' }).progress.at(-1)!.day).toBe('2026-11-28');
  });

  it('lists every open exception with its guidance, age and last comment, oldest first', async () => {
    const { state, history: past } = await history();
    const model = buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3), timeZone: 'UTC', version: '9.9.9' });
    expect(model.exceptionCount).toBe(2);
    for (const line of model.exceptions) {
      expect(line.meaning).not.toBe('');
      expect(line.action).not.toBe('');
      expect(line.since.slice(0, 10)).toBe('2026-11-24');
      expect(line.ageDays).toBe(2);
      expect(line.lastComment).toMatch(/Exception [A-Z_]+/);
    }
    expect(new Set(model.exceptions.map((line) => line.endUser))).toEqual(new Set(['Acme Widgets LLC', 'Globex Corporation']));
    const acme = model.endUsers.find((user) => user.name === 'Acme Widgets LLC')!;
    expect(acme.rowCount).toBe(4);
    expect(acme.oldestException?.ageDays).toBe(2);
  });

  it('keeps tables short for large campaigns: rows beyond the limit are counted, not listed', async () => {
    const { state, history: past } = await history();
    const model = buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3), timeZone: 'UTC', version: '9.9.9', maxTableRows: 2 });
    expect(model.rowGroups.reduce((sum, group) => sum + group.rows.length, 0)).toBeLessThanOrEqual(Math.max(10, 2) * model.rowGroups.length);
    const full = buildReportModel(state, past, { campaign: CAMPAIGN, now: at(3), timeZone: 'UTC', version: '9.9.9' });
    expect(full.rowsNotShown).toBe(0);
    // Numbers in E.164 and as their country writes them.
    const acmeRow = full.rowGroups.flatMap((group) => group.rows).find((row) => row.e164.startsWith('+1303'))!;
    expect(acmeRow.national).toBe(`(303) ${acmeRow.e164.slice(5, 8)}-${acmeRow.e164.slice(8)}`);
  });
});

describe('the page', () => {
  it('is self-contained, names no PIN, escapes what it shows, and says which build and zone made it', async () => {
    const { state, history: past } = await history();
    const html = buildReport(state, past, { campaign: '<x>&"y"', now: at(3), timeZone: 'Europe/Berlin', version: '9.9.9' });
    // No resource outside the page: only the SVG namespaces and the in-page anchors are URLs.
    expect(html.match(/\b(?:src|href|action|poster)=(?!["']?#)/g) ?? []).toEqual([]);
    expect([...new Set(html.match(/https?:\/\/[^"'\s<>)]+/g) ?? [])].sort()).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
    expect(html).not.toMatch(/<link\b|@import|url\((?!#)/);
    expect(html).toContain("default-src 'none'");
    for (const pin of [ACME.pin_passcode!, GLOBEX.pin_passcode!]) expect(html).not.toMatch(new RegExp(`\\b${pin}\\b`));
    expect(html).toContain('&#60;x&#62;&#38;&#34;y&#34;');
    expect(html).not.toContain('<x>');
    expect(html).toContain('bulkport 9.9.9');
    expect(html).toContain('Europe/Berlin');
    expect(html).toContain('campaign.csv');
    // Each chart has a title and a summary it is labelled by, and is static SVG with no script of its own.
    for (const chart of ['headline', 'orders', 'progress', 'api']) {
      expect(html).toContain(`aria-labelledby="${chart}-title ${chart}-summary"`);
    }
    expect(html.match(/<script/g)).toHaveLength(1);
    // The same input gives the same page (zrender's per-process ids are renamed per chart).
    expect(buildReport(state, past, { campaign: '<x>&"y"', now: at(3), timeZone: 'Europe/Berlin', version: '9.9.9' })).toBe(html);
  });
});

describe('bulkport report', () => {
  it('writes the page to -o FILE without calling the API, and refuses an unknown zone', async () => {
    const before = t.sim.stats().calls;
    const file = path.join(campaign.dir, 'mail', 'acme.html');
    const done = await run(at(3, 2), 'report', '--campaign', CAMPAIGN, '--tz', 'America/New_York', '-o', file);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(t.sim.stats().calls).toEqual(before);
    expect(await readFile(file, 'utf8')).toContain('America/New_York');

    const bad = await run(at(3), 'report', '--campaign', CAMPAIGN, '--tz', 'Mars/Olympus', '-o', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tz: expected an IANA time zone such as Europe/Berlin, America/New_York or UTC, got "Mars/Olympus"');
    const missing = await run(at(3), 'report', '--campaign', 'nope', '-o', file);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('campaign "nope": no journal at');
  });
});
