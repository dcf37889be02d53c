import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import type { InProcessResult } from '../helpers/run-in-process.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, GLOBEX, makeCampaignDir, runBulkport, writeSheet, type CampaignDir, type SheetRow } from '../submit/campaign-fixture.js';
import { ON_CARRIER } from '../track/track-fixture.js';

export const CAMPAIGN = 'loa16';
const INITECH: SheetRow = { ...ACME, entity_name: 'Initech / Ünited Sales', account_number: 'INI-9', pin_passcode: '5555', billing_phone_number: '303-555-0197' };

export interface DraftCampaign {
  readonly t: TestSimulator;
  readonly campaign: CampaignDir;
  run(...args: string[]): Promise<InProcessResult>;
  callsTo(endpoint: string): number;
}

/**
 * Three end users submitted WITHOUT an LOA (invoice only): three draft orders, each `LOA_MISSING`,
 * whose requirements an attached LOA completes.
 */
export async function draftCampaign(): Promise<DraftCampaign> {
  const t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
  const campaign = await makeCampaignDir();
  const [a1, a2, g1, i1] = findNumbers(t.sim, 4, ON_CARRIER('9104'));
  const noLoa = (row: SheetRow, n: string | undefined): SheetRow => ({ ...row, phone_number: n as string, loa_file: '' });
  await writeSheet(campaign, [noLoa(ACME, a1), noLoa(ACME, a2), noLoa(GLOBEX, g1), noLoa(INITECH, i1)]);
  const run = (...args: string[]) => runBulkport([...args, '--state-dir', campaign.stateDir], t.sim, campaign.dir);
  const submit = await run('submit', campaign.sheet, '--campaign', CAMPAIGN, '-o', path.join(campaign.dir, 'submit'));
  if (submit.code !== 0 && submit.code !== 1) throw new Error(`submit: expected drafts (LOA missing), got ${submit.code}: ${submit.stderr}${submit.stdout}`);
  return { t, campaign, run, callsTo: (endpoint) => t.sim.stats().calls[endpoint] ?? 0 };
}

/** Parses a PDF with pdf-lib (throws when it is not one) and returns its page count. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const document = await PDFDocument.load(bytes);
  return document.getPageCount();
}

/** Fills `signed_loa_file` of the index: order id → the cell text; rows not named stay empty. */
export async function fillIndex(indexFile: string, signed: (row: { orderId: string; endUser: string }) => string | undefined): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(indexFile);
  const sheet = workbook.getWorksheet('LOAs');
  if (sheet === undefined) throw new Error('no LOAs sheet');
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const orderColumn = header.indexOf('porting_order_id');
  const userColumn = header.indexOf('end_user');
  const signedColumn = header.indexOf('signed_loa_file');
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const value = signed({ orderId: String(row.getCell(orderColumn).value), endUser: String(row.getCell(userColumn).value) });
    if (value !== undefined) row.getCell(signedColumn).value = value;
  });
  await workbook.xlsx.writeFile(indexFile);
}

/** Writes a small "signed" PDF (content distinct per label). */
export async function writeSignedPdf(file: string, label: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `%PDF-1.4\n% signed LOA: ${label}\n%%EOF\n`);
}
