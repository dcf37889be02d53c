import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Telnyx from 'telnyx';
import { reportModuleState, type ReportSimSettings } from '../../src/sim/routes/reports.js';
import { KEY_BULKPORT_DEMO, startSimulator, type SimExchange, type SimulatorHandle } from '../../src/sim/simulator.js';

/** A simulator whose reports complete on the first status check unless a test says otherwise. */
export async function startReportSim(settings: Partial<ReportSimSettings> = {}, onExchange?: (exchange: SimExchange) => void): Promise<SimulatorHandle> {
  const sim = await startSimulator({ seed: 'export-tests', rate: 1000, onExchange });
  configureReports(sim, { pendingPolls: 0, pendingMs: 0, ...settings });
  return sim;
}

export function configureReports(sim: SimulatorHandle, settings: Partial<ReportSimSettings>): void {
  Object.assign(reportModuleState(sim.state).settings, settings);
}

export function sdkClient(sim: SimulatorHandle): Telnyx {
  return new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0 });
}

const nextCandidate = new WeakMap<SimulatorHandle, number>();

/**
 * Portable US local numbers found through the simulator's own number directory, never the same
 * one twice for one simulator (a number can sit in one porting order only).
 */
export function portableNumbers(sim: SimulatorHandle, count: number): string[] {
  const numbers: string[] = [];
  let n = nextCandidate.get(sim) ?? 1000;
  for (; numbers.length < count && n < 10_000; n += 1) {
    const e164 = `+1312555${n}`;
    const profile = sim.state.numbers.profile(e164);
    if (profile?.portable && profile.phoneNumberType === 'local') numbers.push(e164);
  }
  nextCandidate.set(sim, n);
  return numbers;
}

/** Creates porting orders over HTTP with the real SDK; returns their ids. */
export async function createOrders(sim: SimulatorHandle, references: readonly string[], numbersEach = 2): Promise<string[]> {
  const client = sdkClient(sim);
  const pool = portableNumbers(sim, references.length * numbersEach);
  const ids: string[] = [];
  for (const [i, reference] of references.entries()) {
    const created = await client.portingOrders.create({
      phone_numbers: pool.slice(i * numbersEach, (i + 1) * numbersEach),
      customer_reference: reference,
      customer_group_reference: 'export-tests',
    });
    for (const order of created.data ?? []) if (order.id) ids.push(order.id);
  }
  return ids;
}

/** Fills in what confirmation needs and confirms the order over HTTP: its status leaves `draft`. */
export async function confirmOrder(sim: SimulatorHandle, id: string): Promise<string> {
  const client = sdkClient(sim);
  const loa = sim.state.documents.create({ bytes: Buffer.from('%PDF-1.4 signed LOA'), filename: 'loa.pdf', isLinked: true });
  const invoice = sim.state.documents.create({ bytes: Buffer.from('%PDF-1.4 invoice'), filename: 'invoice.pdf', isLinked: true });
  await client.portingOrders.update(id, {
    end_user: {
      admin: { entity_name: 'Acme Corp', auth_person_name: 'Ada Admin', billing_phone_number: '+13125550000', account_number: 'ACC-1' },
      location: { street_address: '1 Main St', locality: 'Chicago', administrative_area: 'IL', postal_code: '60601', country_code: 'US' },
    },
    documents: { loa: loa.id, invoice: invoice.id },
  });
  const confirmed = await client.portingOrders.actions.confirm(id);
  return confirmed.data?.status?.value ?? '';
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-export-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
