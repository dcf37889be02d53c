import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PortingOrderJson } from '../../src/sim/orders/porting-order-json.js';
import type { SimulatorHandle } from '../../src/sim/simulator.js';
import { runInProcess, type InProcessResult } from '../helpers/run-in-process.js';

/** The sheet columns a campaign test writes (canonical headers). */
export const SHEET_COLUMNS = [
  'phone_number',
  'entity_name',
  'auth_person_name',
  'billing_phone_number',
  'account_number',
  'pin_passcode',
  'street_address',
  'locality',
  'administrative_area',
  'postal_code',
  'carrier',
  'foc_date',
  'port_type',
  'remaining_numbers_action',
  'loa_file',
  'invoice_file',
  'customer_reference',
] as const;

export type SheetRow = Partial<Record<(typeof SHEET_COLUMNS)[number], string>>;

/** A complete end user: rows built from it plan cleanly. */
export const ACME: SheetRow = {
  entity_name: 'Acme Widgets LLC',
  auth_person_name: 'Pat Porter',
  billing_phone_number: '(303) 555-0199',
  account_number: 'ACCT-1001',
  pin_passcode: '1234',
  street_address: '600 Congress Avenue',
  locality: 'Austin',
  administrative_area: 'TX',
  postal_code: '78701',
  loa_file: 'docs/acme-loa.pdf',
  invoice_file: 'docs/acme-invoice.pdf',
};

export const GLOBEX: SheetRow = {
  ...ACME,
  entity_name: 'Globex Corporation',
  account_number: 'GLX-77',
  pin_passcode: '9876',
  billing_phone_number: '303-555-0198',
  loa_file: 'docs/globex-loa.pdf',
  invoice_file: 'docs/globex-invoice.pdf',
};

export interface CampaignDir {
  readonly dir: string;
  readonly sheet: string;
  readonly stateDir: string;
}

/** A temp folder with the documents every fixture row names (acme and globex invoices have the same bytes on purpose). */
export async function makeCampaignDir(): Promise<CampaignDir> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-campaign-'));
  await mkdir(path.join(dir, 'docs'));
  await writeFile(path.join(dir, 'docs', 'acme-loa.pdf'), '%PDF-1.4 Acme signed LOA');
  await writeFile(path.join(dir, 'docs', 'acme-invoice.pdf'), '%PDF-1.4 shared invoice');
  await writeFile(path.join(dir, 'docs', 'globex-loa.pdf'), '%PDF-1.4 Globex signed LOA');
  await writeFile(path.join(dir, 'docs', 'globex-invoice.pdf'), '%PDF-1.4 shared invoice');
  return { dir, sheet: path.join(dir, 'campaign.csv'), stateDir: path.join(dir, 'state') };
}

/** Writes the sheet; `extraColumns` (e.g. `action`, `user_bundle_id`) follow the usual ones. */
export async function writeSheet(campaign: CampaignDir, rows: readonly (SheetRow & Record<string, string | undefined>)[], extraColumns: readonly string[] = []): Promise<void> {
  const quote = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const columns: readonly string[] = [...SHEET_COLUMNS, ...extraColumns];
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => quote(row[column] ?? '')).join(','))];
  await writeFile(campaign.sheet, `${lines.join('\n')}\n`);
}

/** Runs the CLI in this process (the same `runCli` the binary runs) against the simulator. */
export async function runBulkport(args: readonly string[], sim: SimulatorHandle, cwd: string): Promise<InProcessResult> {
  return runInProcess([...args, '--rate', '500', '--quiet'], sim, { cwd });
}

/** The campaign's orders in the simulator's own store (all numbers, not the embedded 50). */
export function campaignOrders(sim: SimulatorHandle, campaign: string): PortingOrderJson[] {
  return sim.state.listPortingOrders().filter((order) => order.customer_group_reference === campaign);
}

const DEAD_STATUSES = new Set(['cancelled', 'cancel-pending']);

/**
 * The convergence rule of the crash matrix, read from the simulator's store: every planned number
 * in exactly one live order; each part key created by exactly one create request (orders of one
 * request share a parent support key), so orders == parts + the server's splits.
 */
export function convergence(sim: SimulatorHandle, campaign: string, numbers: readonly string[]): { problems: string[]; partCount: number; orderCount: number } {
  const orders = campaignOrders(sim, campaign).filter((order) => !DEAD_STATUSES.has(order.status.value));
  const problems: string[] = [];
  const holders = new Map<string, string[]>();
  for (const order of orders) for (const n of order.phone_numbers ?? []) holders.set(n.phone_number, [...(holders.get(n.phone_number) ?? []), order.id]);
  for (const number of numbers) {
    const held = holders.get(number) ?? [];
    if (held.length !== 1) problems.push(`${number} is in ${held.length} live orders`);
  }
  const creationsByPart = new Map<string, Set<string>>();
  for (const order of orders) {
    const key = order.customer_reference ?? '(none)';
    const set = creationsByPart.get(key) ?? new Set<string>();
    set.add(order.parent_support_key ?? order.id);
    creationsByPart.set(key, set);
  }
  for (const [key, creations] of creationsByPart) if (creations.size !== 1) problems.push(`part ${key} was created ${creations.size} times`);
  return { problems, partCount: creationsByPart.size, orderCount: orders.length };
}

/** results.csv as objects, one per input row. */
export async function readResults(outDir: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(path.join(outDir, 'results.csv')), { columns: true, bom: true }) as Array<Record<string, string>>;
}
