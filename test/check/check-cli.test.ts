import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/sim/simulator.js';
import { runCli } from '../helpers/run-cli.js';
import { runCliInterrupted } from './interrupt-cli.js';
import { usNumber } from './number-records.js';

const KEY = 'KEY_CHECK_CLI_TEST';
let dir: string;
let sim: SimulatorHandle | undefined;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bulkport-check-cli-'));
});

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function simulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  sim = await startSimulator({ apiKeys: [KEY], rate: 500, ...options });
  return sim;
}

/** A sheet of `count` numbers, plus one invalid row and one duplicate of the first number. */
function sheet(name: string, count: number): string {
  const lines = ['Phone Number,Carrier,Notes'];
  for (let i = 0; i < count; i += 1) lines.push(`${usNumber(i)},${i === 0 ? 'Acme Telco' : ''},note ${i}`);
  lines.push('555-01,,bad', `${usNumber(0)},,again`);
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const results = (out: string) => parse(readFileSync(path.join(out, 'results.csv')), { columns: true }) as Record<string, string>[];
const summary = (out: string) => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { exitCode: number; api: Record<string, number>; byStatus: Record<string, number> };

describe('bulkport check (built CLI)', () => {
  it('checks every valid number in batches and writes portability per row, with the API figures', async () => {
    const sim = await simulator();
    const input = sheet('numbers.csv', 45);
    const out = path.join(dir, 'out-ok');
    const result = await runCli(['check', input, '--base-url', sim.baseURL, '--check-batch', '10', '-o', out], { env: { TELNYX_API_KEY: KEY } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(sim.stats().calls).toEqual({ 'POST /portability_checks': 5 });

    const rows = results(out);
    expect(rows).toHaveLength(47);
    for (const row of rows.slice(0, 45)) {
      const profile = sim.state.numbers.profile(row.e164!)!;
      expect([row.status, row.portable, row.fast_portable, row.not_portable_reason]).toEqual([
        profile.portable ? 'portable' : 'not_portable',
        String(profile.portable),
        String(profile.fastPortable),
        profile.notPortableReason,
      ]);
    }
    expect(rows[0]).toMatchObject({ carrier: 'Acme Telco', Notes: 'note 0' });
    expect(rows.slice(45).map((r) => [r.status, r.portable])).toEqual([['invalid', ''], ['duplicate', '']]);
    const written = summary(out);
    expect(written.api).toMatchObject({ calls: 5, retries: 0, rateLimited: 0, failures: 0 });
    expect(written.api.callsPerSecond).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/api: 5 calls, 0 retries, 0 rate-limited, 0 failed; [\d.]+ calls\/s over /);
  });

  it('stops at once with exit 3 and one clear line when Telnyx refuses the key', async () => {
    const sim = await simulator();
    const out = path.join(dir, 'out-401');
    const result = await runCli(['check', sheet('numbers-401.csv', 30), '--base-url', sim.baseURL, '--check-batch', '5', '-o', out, '--quiet'], {
      env: { TELNYX_API_KEY: 'KEY_SOMEONE_ELSE' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'bulkport: Telnyx refused the API key (HTTP 401) on portability check of 5 numbers from row 2\n' +
        'hint: Check the key in TELNYX_API_KEY or --api-key-file, and --base-url if you rehearse against a simulator.\n',
    );
    expect(sim.stats().totalCalls).toBeLessThanOrEqual(8);
    expect(summary(out).exitCode).toBe(3);
  });

  it('stops with exit 3 and one clear line when the API cannot be reached, keeping unsent rows valid', async () => {
    const out = path.join(dir, 'out-unreachable');
    const baseURL = `http://127.0.0.1:${await closedPort()}/v2`;
    const result = await runCli(['check', sheet('numbers-unreachable.csv', 4), '--base-url', baseURL, '--check-batch', '2', '-o', out, '--quiet'], {
      env: { TELNYX_API_KEY: KEY },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^bulkport: portability check of 2 numbers from row \d+: could not reach Telnyx in 5 attempts \(last: connection failed \(ECONNREFUSED\)\)\n/);
    expect(result.stderr).toContain('hint: Check --base-url (or TELNYX_BASE_URL)');
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(results(out).slice(0, 4).map((row) => row.status)).toEqual(['valid', 'valid', 'valid', 'valid']);
    expect(summary(out).exitCode).toBe(3);
  });

  it('exits 2, writing nothing, when --base-url is not a URL', async () => {
    const out = path.join(dir, 'out-bad-url');
    const result = await runCli(['check', sheet('numbers-bad-url.csv', 2), '--base-url', 'not-a-url', '-o', out], { env: { TELNYX_API_KEY: KEY } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'bulkport: --base-url: expected an http(s) URL such as https://api.telnyx.com/v2, got "not-a-url"\n' +
        'hint: Set --base-url or TELNYX_BASE_URL to the API root, or leave both unset for Telnyx production.\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 before reading anything when no key is set', async () => {
    const result = await runCli(['check', sheet('numbers-nokey.csv', 2), '--base-url', 'http://127.0.0.1:9/v2', '-o', path.join(dir, 'out-nokey')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('bulkport: no Telnyx API key\nhint: Set TELNYX_API_KEY, or pass --api-key-file FILE.\n');
  });

  it('refuses a --check-batch that is not a whole number from 1', async () => {
    const result = await runCli(['check', sheet('numbers-batch.csv', 2), '--check-batch', '0'], { env: { TELNYX_API_KEY: KEY } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('bulkport: --check-batch: expected a whole number from 1 to 10000, got 0\n');
  });

  it('on Ctrl-C writes the rows checked so far and exits 3', async () => {
    const sim = await simulator({ faults: 'slow=1:150' });
    const out = path.join(dir, 'out-int');
    const result = await runCliInterrupted(
      ['check', sheet('numbers-int.csv', 200), '--base-url', sim.baseURL, '--check-batch', '5', '--concurrency', '2', '-o', out, '--quiet'],
      { TELNYX_API_KEY: KEY },
      () => (sim.stats().calls['POST /portability_checks'] ?? 0) >= 3,
    );
    expect(result.wasInterrupted).toBe(true);
    expect(result.code).toBe(3);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toMatch(/bulkport: interrupted: \d+ of 200 numbers were checked; the results hold them\n/);
    expect(existsSync(path.join(out, 'results.csv'))).toBe(true);
    const rows = results(out);
    expect(rows).toHaveLength(202);
    const checked = rows.filter((r) => r.status === 'portable' || r.status === 'not_portable');
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThan(200);
    expect(rows.filter((r) => r.status === 'valid').length).toBe(200 - checked.length);
    expect(summary(out).exitCode).toBe(3);
  });
});

/** A loopback port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
