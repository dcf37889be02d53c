// The built CLI (`npm run build` first): exit codes, the messages a person reads, SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventsInbox } from '../../src/events/inbox.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';

async function stateDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'bulkport-listen-cli-'));
}

describe('bulkport listen (built CLI)', () => {
  it('refuses to start without a public key, with a bad key file, or a --max-age past the SDK bound (exit 2)', async () => {
    const dir = await stateDir();
    const [noKey, junkKey, longAge, badHost] = await Promise.all([
      runCli(['listen', '--port', '0', '--state-dir', dir]),
      writeFile(path.join(dir, 'key.txt'), 'hello').then(() => runCli(['listen', '--port', '0', '--state-dir', dir, '--public-key-file', path.join(dir, 'key.txt')])),
      runCli(['listen', '--port', '0', '--state-dir', dir, '--insecure-no-verify', '--max-age', '10m']),
      // An address of no interface here (TEST-NET-3): cannot listen.
      runCli(['listen', '--port', '0', '--state-dir', path.join(dir, 'other'), '--insecure-no-verify', '--host', '203.0.113.7']),
    ]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('listen: expected --public-key-file');
    expect(noKey.stderr).toContain('--insecure-no-verify');
    expect(noKey.stdout).toBe('');
    expect(junkKey.code).toBe(2);
    expect(junkKey.stderr).toContain(`--public-key-file ${path.join(dir, 'key.txt')}: expected the webhook public key`);
    expect(longAge.code).toBe(2);
    expect(longAge.stderr).toContain('--max-age: expected a duration from 1s to 5m');
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toContain('listen: cannot listen on 203.0.113.7:0 (EADDRNOTAVAIL)');
    for (const run of [noKey, junkKey, longAge, badHost]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--insecure-no-verify says so at start; one listener per state dir; SIGTERM finishes cleanly (exit 0)', async () => {
    const dir = await stateDir();
    const child = spawn(process.execPath, [CLI_PATH, 'listen', '--port', '0', '--state-dir', dir, '--insecure-no-verify'], { env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const until = Date.now() + 20_000;
    while (!/receiving Telnyx webhooks on (\S+)/.test(stdout) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /receiving Telnyx webhooks on (\S+)/.exec(stdout)?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stderr).toContain('WARNING --insecure-no-verify: signatures are NOT checked');

    const body = JSON.stringify({ data: { id: 'ev-1', event_type: 'porting_order.status_changed', occurred_at: '2026-12-03T08:00:00Z', payload: { id: 'o1' }, record_type: 'event' }, meta: { attempt: 1 } });
    expect((await fetch(url, { method: 'POST', body })).status).toBe(200);
    expect((await readEventsInbox(dir)).entries.map((e) => e.event.id)).toEqual(['ev-1']);

    const second = await runCli(['listen', '--port', '0', '--state-dir', dir, '--insecure-no-verify']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`the events inbox of ${dir} is locked by pid ${child.pid ?? ''}`);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('bulkport listen: stopped; 1 events written, 0 already there, 0 ignored, 0 requests refused');
    expect(stdout).toMatch(/200 written porting_order\.status_changed ev-1 \(order o1\)/);
  });
});
