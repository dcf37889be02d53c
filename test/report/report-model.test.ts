import { describe, expect, it } from 'vitest';
import { CampaignState } from '../../src/campaign/campaign-state.js';
import type { JournalRecord, JournalRow } from '../../src/campaign/journal-records.js';
import type { PlannedPart } from '../../src/plan/plan-types.js';
import { ReportHistory } from '../../src/report/report-history.js';
import { buildReport } from '../../src/report/build-report.js';
import { buildReportModel } from '../../src/report/report-model.js';

const AT = '2026-12-01T09:00:00.000Z';
const row = (n: number, e164: string, status: string, orderKey: string): JournalRow => [n, 'Sheet1', e164, e164, 'DE', 'local', status, '', '', 'true', 'false', '', '', '', orderKey, []];
const PART: PlannedPart = {
  key: 'bp-de',
  numbers: ['+493012340000', '+493055501234'],
  blocks: [{ start: '+493012340000', end: '+493012340099', size: 100, activationRanges: [{ start: '+493012340000', end: '+493012340099' }] }],
  country: 'DE',
  numberType: 'local',
  isFastPortable: false,
  carrier: undefined,
  endUser: {
    admin: { entity_name: 'Beispiel GmbH', auth_person_name: 'Erika Muster', billing_phone_number: '+493055501234', account_number: 'K-1', pin_passcode: '•••• (4 digits)' },
    location: { street_address: 'Unter den Linden 1', locality: 'Berlin', administrative_area: 'BE', postal_code: '10117', country_code: 'DE' },
  },
  settings: {},
  customerReferences: [],
};

function fold(records: readonly JournalRecord[]): { state: CampaignState; history: ReportHistory } {
  const state = new CampaignState();
  const history = new ReportHistory();
  for (const record of records) {
    state.apply(record);
    history.apply(record);
  }
  return { state, history };
}

describe('the headline number count', () => {
  it('counts a block as its size, and a duplicate row once', () => {
    const { state, history } = fold([
      { t: 'run', at: AT, run: 'r1', command: 'submit', pid: 1, host: 'h', options: {} },
      {
        t: 'input',
        at: AT,
        file: '/home/pm/kunden/berlin.xlsx',
        path: '/home/pm/kunden/berlin.xlsx',
        sha256: 'ab'.repeat(32),
        passthroughHeaders: [],
        rows: [row(2, '+493012340000', 'planned', 'bp-de'), row(3, '+493055501234', 'planned', 'bp-de'), row(4, '+493055501234', 'duplicate', ''), [5, 'Sheet1', '+493055509999', '+493055509999', 'DE', 'local', 'not_portable', 'NOT_PORTABLE', '/home/pm/kunden/berlin.xlsx [Sheet1] row 5: Telnyx cannot port this number', 'false', 'false', '', '', '', '', []]],
      },
      { t: 'part', at: AT, part: PART },
      { t: 'created', at: AT, part: 'bp-de', orders: [{ id: 'o-1', numbers: ['+493012340000', '+493055501234'], count: 2, status: 'draft' }], via: 'response' },
    ]);
    const model = buildReportModel(state, history, { campaign: 'de', now: new Date(AT), timeZone: 'Europe/Berlin', version: '1.0.0' });
    expect(model.rowCount).toBe(4);
    // 100 in the block + 1 single number in the order + 1 not portable; the duplicate row repeats an ordered number.
    expect(model.numberCount).toBe(102);
    expect(model.orderCount).toBe(1);
    expect(model.inputs.map((input) => input.rowCount)).toEqual([4]);
    expect(model.rowGroups.flatMap((group) => group.rows).find((r) => r.e164 === '+493055501234')?.national).toBe('030 55501234');
    // A mailed page names the input by its file name, not the sender's folders.
    const html = buildReport(state, history, { campaign: 'de', now: new Date(AT), timeZone: 'Europe/Berlin', version: '1.0.0' });
    expect(html).toContain('berlin.xlsx');
    expect(html).not.toContain('/home/pm');
    expect(html).toContain('berlin.xlsx [Sheet1] row 5: Telnyx cannot port this number');
    expect(html).toContain('id="figure-numbers" data-count="102"');
  });
});
