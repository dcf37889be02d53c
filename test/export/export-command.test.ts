import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportSidecar } from '../../src/export/export-sidecar.js';
import { formatDuration } from '../../src/export/parse-duration.js';
import { portoutReportRows } from '../../src/sim/routes/portouts.js';
import type { SimulatorHandle } from '../../src/sim/simulator.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { configureReports, confirmOrder, createOrders, sdkClient, startReportSim, withTempDir } from './export-harness.js';

const FAST = ['--rate', '1000', '--poll-interval', '10ms'];
const DAY = (day: number): Date => new Date(`2026-11-${String(day).padStart(2, '0')}T02:15:00.000Z`);

let sim: SimulatorHandle;

beforeEach(async () => {
  sim = await startReportSim();
});

afterEach(async () => {
  await sim.close();
});

async function readSidecar(file: string): Promise<ExportSidecar> {
  return JSON.parse(await readFile(file, 'utf8')) as ExportSidecar;
}

async function servedDocument(documentId: string): Promise<Buffer> {
  const response = await sdkClient(sim).documents.download(documentId);
  return Buffer.from(await response.arrayBuffer());
}

function exportArgs(kind: string, dir: string, ...more: string[]): string[] {
  return ['export', kind, '-o', dir, ...FAST, ...more];
}

describe('bulkport export', () => {
  it('exports porting orders: the CSV is the served document byte for byte, with a sidecar and one summary line', async () => {
    const ids = await createOrders(sim, ['ref-a', 'ref-b', 'ref-c'], 1);
    await withTempDir(async (dir) => {
      const result = await runInProcess(exportArgs('porting-orders', dir, '--status', 'draft', '--customer-reference', 'ref-a,ref-c'), sim, { now: DAY(24) });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const csvPath = path.join(dir, 'porting-orders-2026-11-24.csv');
      const sidecar = await readSidecar(path.join(dir, 'porting-orders-2026-11-24.json'));
      expect(result.stdout).toBe(
        `export porting-orders: 2 rows → ${csvPath} (report ${sidecar.report.id}, ${sidecar.poll_count} status check${sidecar.poll_count === 1 ? '' : 's'}, ${formatDuration(sidecar.timings.total_ms)})\n`,
      );
      const written = await readFile(csvPath);
      expect(written.equals(await servedDocument(sidecar.report.document_id))).toBe(true);
      expect(sidecar).toMatchObject({
        format: 'bulkport-export/1',
        kind: 'porting-orders',
        file: 'porting-orders-2026-11-24.csv',
        run_date: '2026-11-24',
        row_count: 2,
        byte_count: written.length,
        sha256: createHash('sha256').update(written).digest('hex'),
        report: { report_type: 'export_porting_orders_csv', filters: { status__in: ['draft'], customer_reference__in: ['ref-a', 'ref-c'] }, is_resumed: false },
        changes: null,
      });
      expect((parse(written, { columns: true }) as Array<{ id: string }>).map((r) => r.id)).toEqual([ids[0], ids[2]]);
      expect(await readdir(dir)).toEqual(['porting-orders-2026-11-24.csv', 'porting-orders-2026-11-24.json']);
    });
  });

  it('exports port-outs with the port-out filters', async () => {
    const portouts = portoutReportRows(sim.state);
    const target = portouts[0];
    await withTempDir(async (dir) => {
      const all = await runInProcess(exportArgs('port-outs', dir), sim, { now: DAY(24) });
      expect(all.code).toBe(0);
      const sidecar = await readSidecar(path.join(dir, 'port-outs-2026-11-24.json'));
      expect(sidecar.row_count).toBe(portouts.length);
      const written = await readFile(path.join(dir, 'port-outs-2026-11-24.csv'));
      expect(written.equals(await servedDocument(sidecar.report.document_id))).toBe(true);

      const one = await runInProcess(
        exportArgs('port-outs', dir, '--name', 'one-{kind}', '--phone-number', target?.phone_numbers[0] ?? '', '--end-user-name', target?.end_user_name ?? ''),
        sim,
        { now: DAY(24) },
      );
      expect(one.code).toBe(0);
      expect(one.stdout).toContain('export port-outs: 1 row → ');
      const rows = parse(await readFile(path.join(dir, 'one-port-outs.csv')), { columns: true }) as Array<{ id: string }>;
      expect(rows.map((r) => r.id)).toEqual([target?.id]);
    });
  });

  it('keeps polling while the report stays pending, with one status read per check', async () => {
    configureReports(sim, { pendingPolls: 4 });
    await createOrders(sim, ['ref-a'], 1);
    await withTempDir(async (dir) => {
      const result = await runInProcess(exportArgs('porting-orders', dir), sim, { now: DAY(24) });
      expect(result.code).toBe(0);
      const sidecar = await readSidecar(path.join(dir, 'porting-orders-2026-11-24.json'));
      expect(sidecar.poll_count).toBe(5);
      expect(sim.stats().calls).toMatchObject({ 'POST /porting/reports': 1, 'GET /porting/reports/:id': 5, 'GET /documents/:id/download': 1 });
    });
  });

  it('stops at --timeout with exit 3 and the report id, and --report-id picks that report up without creating another', async () => {
    configureReports(sim, { pendingPolls: 1_000_000 });
    await createOrders(sim, ['ref-a', 'ref-b'], 1);
    await withTempDir(async (dir) => {
      const timedOut = await runInProcess(exportArgs('porting-orders', dir, '--timeout', '200ms', '--customer-reference', 'ref-b'), sim, { now: DAY(24) });
      expect(timedOut.code).toBe(3);
      const reportId = /report ([0-9a-f-]{36}) still pending/.exec(timedOut.stderr)?.[1] ?? '';
      expect(timedOut.stderr).toContain(`bulkport: export porting-orders failed (report timeout): report ${reportId} still pending after`);
      expect(timedOut.stderr).toContain(`--report-id ${reportId}`);
      expect(timedOut.stdout).toBe('');
      expect(await readdir(dir)).toEqual([]);

      const withFilters = await runInProcess(exportArgs('porting-orders', dir, '--report-id', reportId, '--status', 'draft'), sim);
      expect(withFilters.code).toBe(2);

      configureReports(sim, { pendingPolls: 0 });
      const resumed = await runInProcess(exportArgs('porting-orders', dir, '--report-id', reportId), sim, { now: DAY(24) });
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(`(report ${reportId}, resumed, `);
      const sidecar = await readSidecar(path.join(dir, 'porting-orders-2026-11-24.json'));
      expect(sidecar.report).toMatchObject({ id: reportId, is_resumed: true, filters: { customer_reference__in: ['ref-b'] } });
      expect(sidecar.row_count).toBe(1);
      expect(sim.stats().calls['POST /porting/reports']).toBe(1);

      const unknown = await runInProcess(exportArgs('port-outs', dir, '--report-id', reportId), sim);
      expect(unknown.code).toBe(3);
      expect(unknown.stderr).toContain(`--report-id ${reportId}: Telnyx has no port-outs report with that id (HTTP 404)`);
    });
  });

  it.each([
    ['empty', 'is empty (0 bytes)'],
    ['corrupt', 'is not UTF-8 text (damaged or binary data)'],
  ] as const)('a %s download leaves the previous file untouched and exits 3', async (fault, problem) => {
    await createOrders(sim, ['ref-a'], 1);
    await withTempDir(async (dir) => {
      expect((await runInProcess(exportArgs('porting-orders', dir), sim, { now: DAY(24) })).code).toBe(0);
      const before = await snapshot(dir);
      configureReports(sim, { documentFaults: [fault] });
      await createOrders(sim, ['ref-b'], 1);
      const result = await runInProcess(exportArgs('porting-orders', dir, '--json'), sim, { now: DAY(24) });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(new RegExp(`export porting-orders failed \\(unusable download\\): document [0-9a-f-]{36} of report [0-9a-f-]{36} ${escape(problem)}; porting-orders-2026-11-24.csv left as it was`));
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, exit_code: 3, kind: 'porting-orders', reason: 'unusable_document' });
      expect(await snapshot(dir)).toEqual(before);
    });
  });

  it('treats a header-only report as a quiet night: exit 0, 0 rows', async () => {
    await withTempDir(async (dir) => {
      const result = await runInProcess(exportArgs('porting-orders', dir, '--json'), sim, { now: DAY(24) });
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(summary).toMatchObject({ ok: true, row_count: 0, kind: 'porting-orders', path: path.join(dir, 'porting-orders-2026-11-24.csv') });
      expect((await readFile(path.join(dir, 'porting-orders-2026-11-24.csv'), 'utf8')).split('\n')[0]).toMatch(/^id,/);
    });
  });

  it('--diff writes new, status_changed and removed rows against the previous export, with a count line', async () => {
    const client = sdkClient(sim);
    const [kept, confirmed, deleted] = await createOrders(sim, ['keep', 'confirm', 'delete'], 1);
    await withTempDir(async (dir) => {
      const first = await runInProcess(exportArgs('porting-orders', dir, '--diff'), sim, { now: DAY(23) });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('; no earlier export of this kind to compare with\n');

      const confirmedStatus = await confirmOrder(sim, confirmed ?? '');
      await client.portingOrders.delete(deleted ?? '');
      const [added] = await createOrders(sim, ['new'], 1);

      const second = await runInProcess(exportArgs('porting-orders', dir, '--diff'), sim, { now: DAY(24) });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/; changes since porting-orders-2026-11-23\.csv: 1 new, 1 status changed, 1 removed → porting-orders-2026-11-24-changes\.csv\n$/);
      const changes = await readFile(path.join(dir, 'porting-orders-2026-11-24-changes.csv'), 'utf8');
      expect(changes).toBe(
        ['change,id,old_status,new_status', `status_changed,${confirmed},draft,${confirmedStatus}`, `new,${added},,draft`, `removed,${deleted},draft,`, ''].join('\n'),
      );
      const sidecar = await readSidecar(path.join(dir, 'porting-orders-2026-11-24.json'));
      expect(sidecar.changes).toEqual({
        file: 'porting-orders-2026-11-24-changes.csv',
        previous_file: 'porting-orders-2026-11-23.csv',
        counts: { new: 1, status_changed: 1, removed: 1 },
      });
      expect(kept).toBeDefined();
    });
  });

  it('--keep N removes older exports of the same kind with their sidecars and change files, and nothing else', async () => {
    await createOrders(sim, ['ref-a'], 1);
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'notes.json'), '{"mine": true}\n');
      for (const day of [20, 21, 22]) expect((await runInProcess(exportArgs('porting-orders', dir, '--diff'), sim, { now: DAY(day) })).code).toBe(0);
      expect((await runInProcess(exportArgs('port-outs', dir), sim, { now: DAY(20) })).code).toBe(0);
      const result = await runInProcess(exportArgs('porting-orders', dir, '--diff', '--keep', '2'), sim, { now: DAY(23) });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('; removed 5 old files\n');
      expect((await readdir(dir)).sort()).toEqual([
        'notes.json',
        'port-outs-2026-11-20.csv',
        'port-outs-2026-11-20.json',
        'porting-orders-2026-11-22-changes.csv',
        'porting-orders-2026-11-22.csv',
        'porting-orders-2026-11-22.json',
        'porting-orders-2026-11-23-changes.csv',
        'porting-orders-2026-11-23.csv',
        'porting-orders-2026-11-23.json',
      ]);
    });
  });

  it('replaces an existing export of the same date only with a complete one', async () => {
    const [first] = await createOrders(sim, ['ref-a'], 1);
    await withTempDir(async (dir) => {
      expect((await runInProcess(exportArgs('porting-orders', dir), sim, { now: DAY(24) })).code).toBe(0);
      const [second] = await createOrders(sim, ['ref-b'], 1);
      expect((await runInProcess(exportArgs('porting-orders', dir), sim, { now: DAY(24) })).code).toBe(0);
      const rows = parse(await readFile(path.join(dir, 'porting-orders-2026-11-24.csv')), { columns: true }) as Array<{ id: string }>;
      expect(rows.map((r) => r.id)).toEqual([first, second]);
      expect(await readdir(dir)).toHaveLength(2);
    });
  });

  it('finds its own report when the create answer is lost, instead of creating a second one', async () => {
    sim.faults.add({ kind: 'lost-create', rate: 1, count: 1, endpoints: ['POST /porting/reports'] });
    await withTempDir(async (dir) => {
      const result = await runInProcess(exportArgs('porting-orders', dir, '--status', 'ported'), sim, { now: DAY(24) });
      expect(result.code).toBe(0);
      expect(sim.stats().calls['POST /porting/reports']).toBe(1);
      expect((await sdkClient(sim).porting.reports.list()).data).toHaveLength(1);
    });
  });

  it('shows the wait on a TTY only, and keeps stdout to the one summary line', async () => {
    configureReports(sim, { pendingPolls: 2 });
    await withTempDir(async (dir) => {
      const result = await runInProcess(exportArgs('porting-orders', dir), sim, { isTTY: true });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/porting-orders report [0-9a-f-]{36}: pending \(check 1, \d+ s\)/);
      expect(result.stdout.split('\n')).toHaveLength(2);
      const quiet = await runInProcess(exportArgs('porting-orders', dir, '--quiet'), sim, { isTTY: true });
      expect(quiet.stderr).toBe('');
    });
  });

  it('stops on Ctrl-C while waiting, exit 3, naming the report to resume', async () => {
    configureReports(sim, { pendingPolls: 1_000_000 });
    await withTempDir(async (dir) => {
      const controller = new AbortController();
      const running = runInProcess(exportArgs('porting-orders', dir), sim, { signal: controller.signal });
      while ((sim.stats().calls['GET /porting/reports/:id'] ?? 0) < 2) await delay(5);
      controller.abort();
      const result = await running;
      expect(result.code).toBe(3);
      const reportId = (await sdkClient(sim).porting.reports.list()).data[0]?.id ?? '';
      expect(result.stderr).toBe(
        `bulkport: export porting-orders failed (interrupted): interrupted while waiting for the report\nhint: Resume without creating another report: --report-id ${reportId}.\n`,
      );
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it('exits 3 naming the cause when the API key is refused, and 2 without -o', async () => {
    await withTempDir(async (dir) => {
      const refused = await runInProcess([...exportArgs('porting-orders', dir), '--api-key', 'not-a-key'], sim);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('bulkport: export porting-orders failed (API key refused)');
      expect(refused.stderr).not.toContain('not-a-key');
      expect(await readdir(dir)).toEqual([]);
    });
    const noDir = await runInProcess(['export', 'porting-orders'], sim);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('export: -o DIR is required');
  });

  it('exits 2, sending nothing, when -o names a file or a path under one', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'exports.csv');
      await writeFile(file, 'not a folder\n');
      for (const out of [file, path.join(file, 'nightly')]) {
        const result = await runInProcess(exportArgs('port-outs', out), sim);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`bulkport: -o: expected ${out} to be a directory, but it (or a folder above it) is a file\nhint: Choose another -o path; missing directories are created.\n`);
      }
      expect(await readFile(file, 'utf8')).toBe('not a folder\n');
      expect(sim.stats().totalCalls).toBe(0);
    });
  });
});

/** Every file in DIR with its bytes: "untouched" means this is equal before and after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = (await readFile(path.join(dir, name))).toString('base64');
  return files;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
