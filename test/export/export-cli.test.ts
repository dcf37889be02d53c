import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { KEY_BULKPORT_DEMO, type SimExchange, type SimulatorHandle } from '../../src/sim/simulator.js';
import { CLI_PATH, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { createOrders, startReportSim, withTempDir } from './export-harness.js';

// Spawns the BUILT CLI: run `npm run build` first (npm test does).

const DOWNLOAD = 'GET /documents/:id/download';
let sim: SimulatorHandle;
let downloadAnswered: (() => void) | undefined;

beforeEach(async () => {
  sim = await startReportSim({}, (exchange: SimExchange) => {
    // Called as the answer's headers go out; with the slow-download fault the body follows over seconds.
    if (exchange.endpoint === DOWNLOAD && exchange.status === 200) downloadAnswered?.();
  });
});

afterEach(async () => {
  await sim.close();
});

it('a process killed mid-download leaves the previous export as it was and no file that looks complete', async () => {
  await createOrders(sim, ['ref-a', 'ref-b', 'ref-c', 'ref-d'], 2);
  await withTempDir(async (dir) => {
    const env = { TELNYX_API_KEY: KEY_BULKPORT_DEMO, TELNYX_BASE_URL: sim.baseURL };
    const args = ['export', 'porting-orders', '-o', dir, '--rate', '1000', '--poll-interval', '10ms'];
    expect((await runCli(args, { env })).code).toBe(0);
    const before = await completeLookingFiles(dir);
    expect(Object.keys(before)).toHaveLength(2);

    await createOrders(sim, ['ref-e'], 1);
    // 20 chunks over 20 s: the body is still arriving long after the answer started.
    sim.faults.add({ kind: 'slow-download', rate: 1, ms: 20_000, endpoints: [DOWNLOAD] });
    const streaming = new Promise<void>((resolve) => {
      downloadAnswered = resolve;
    });
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    await streaming;
    child.kill('SIGKILL');
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(code).toBeNull();
    expect(signal).toBe('SIGKILL');
    expect(sim.stats().calls[DOWNLOAD]).toBe(2);

    expect(await completeLookingFiles(dir)).toEqual(before);
    expect((await readdir(dir)).every((name) => name in before || name.endsWith('.tmp'))).toBe(true);

    // The next run finishes the job and clears anything the killed run left.
    sim.faults.clear();
    const again = await runInProcess([...args], sim);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`export porting-orders: ${sim.state.listPortingOrders().length} rows → `);
    expect((await readdir(dir)).sort()).toEqual(Object.keys(before));
  });
});

/**
 * A full disk, for real: a 4 KiB tmpfs mounted over an empty folder in a private mount namespace
 * (`unshare -rm`, no root needed), the built CLI exporting into it. Machines that forbid user
 * namespaces cannot run it; the probe says so instead of failing.
 */
const canMountTmpfs = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=4k tmpfs "$1"', 'sh', tmpdir()], { stdio: 'ignore' }).status === 0;

it.skipIf(!canMountTmpfs)('a full disk exits 3 saying so, and leaves no export behind', async () => {
  await createOrders(sim, ['big-a', 'big-b'], 200);
  const mountPoint = await mkdtemp(path.join(tmpdir(), 'bulkport-full-'));
  try {
    const script = ['mount -t tmpfs -o size=4k tmpfs "$1" || exit 90', 'shift', '"$@"', 'echo "exit=$?"', 'ls -A "$MOUNT"'].join('\n');
    const result = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        'unshare',
        ['-rm', 'sh', '-c', script, 'sh', mountPoint, process.execPath, CLI_PATH, 'export', 'porting-orders', '-o', mountPoint, '--rate', '1000', '--poll-interval', '10ms'],
        {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: '/tmp', MOUNT: mountPoint, TELNYX_API_KEY: KEY_BULKPORT_DEMO, TELNYX_BASE_URL: sim.baseURL },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', () => resolve({ stdout, stderr }));
    });
    expect(result.stderr).toContain('bulkport: export porting-orders failed (cannot write the file): cannot write ');
    expect(result.stderr).toContain('the disk is full');
    const [exitLine, ...listing] = result.stdout.trim().split('\n');
    expect(exitLine).toBe('exit=3');
    expect(listing.filter((name) => name !== '')).toEqual([]);
  } finally {
    await rm(mountPoint, { recursive: true, force: true });
  }
});

/** The files a consumer would pick up (everything but temporaries), with their bytes. */
async function completeLookingFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith('.tmp')) files[name] = (await readFile(path.join(dir, name))).toString('base64');
  }
  return files;
}
