import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Telnyx from 'telnyx';
import { describe, expect, it } from 'vitest';
import { loadOrCreateWebhookKey } from '../../src/sim/webhooks/webhook-key.js';
import { CLI_PATH, REPO_ROOT, runCli } from '../helpers/run-cli.js';

/** Starts the built `bulkport sim`, waits for its base URL, and returns a way to stop it with SIGINT. */
function startSimCommand(args: readonly string[]): Promise<{ baseURL: string; stop: () => Promise<{ code: number | null; stdout: string }> }> {
  const child = spawn(process.execPath, [CLI_PATH, 'sim', ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /listening on (http:\/\/\S+\/v2)/.exec(stdout)?.[1];
      if (url) {
        resolve({
          baseURL: url,
          stop: async () => {
            child.kill('SIGINT');
            return { code: await exited, stdout };
          },
        });
      }
    });
    exited.then((code) => reject(new Error(`bulkport sim exited (${String(code)}) before printing its URL: ${stdout}`)), reject);
  });
}

describe('bulkport sim', () => {
  it('prints its base URL and the demo key, serves the SDK with its own keys and limit, and stops cleanly on Ctrl-C', async () => {
    const sim = await startSimCommand(['--port', '0', '--api-key', 'KEY_ONE', '--api-key', 'KEY_TWO', '--rate', '1', '--burst', '2', '--seed', 'cli']);
    const client = new Telnyx({ apiKey: 'KEY_TWO', baseURL: sim.baseURL, maxRetries: 0 });
    const check = await client.portabilityChecks.run({ phone_numbers: ['+13035550100'] });
    expect(check.data?.[0]?.phone_number).toBe('+13035550100');
    await client.portingOrders.list();
    await expect(client.portingOrders.list()).rejects.toBeInstanceOf(Telnyx.RateLimitError);
    const demo = new Telnyx({ apiKey: 'KEY_BULKPORT_DEMO', baseURL: sim.baseURL, maxRetries: 0 });
    await expect(demo.portingOrders.list()).rejects.toBeInstanceOf(Telnyx.AuthenticationError);
    const { code, stdout } = await sim.stop();
    expect(code).toBe(0);
    expect(stdout).toContain('accepting 2 API keys');
    expect(stdout).not.toContain('KEY_ONE');
    expect(stdout).toContain('bulkport sim: stopped');
  });

  it('names the demo key when no key is given', async () => {
    const sim = await startSimCommand(['--port', '0']);
    const { stdout } = await sim.stop();
    expect(stdout).toContain('export TELNYX_API_KEY=KEY_BULKPORT_DEMO');
    expect(stdout).toContain(`export TELNYX_BASE_URL=${sim.baseURL}`);
  });

  it('refuses a bad --faults spec with exit code 2', async () => {
    const result = await runCli(['sim', '--faults', 'boom=1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fault kind: expected one of 5xx, drop, slow, lost-create, slow-download, webhook-drop, webhook-delay, webhook-duplicate, webhook-reorder, got "boom"');
  });

  it('prints the webhook public key of --webhook-key-file (created when missing), and refuses a file that is not a key (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulkport-sim-key-'));
    const file = path.join(dir, 'webhook.pem');
    const sim = await startSimCommand(['--port', '0', '--webhook-key-file', file]);
    const { stdout } = await sim.stop();
    const printed = /webhook signing public key \(base64\): (\S+)/.exec(stdout)?.[1];
    expect(printed).toBe(loadOrCreateWebhookKey(file).key.publicKeyBase64);
    expect(stdout).toContain(`new key written to ${file}`);
    writeFileSync(path.join(dir, 'junk.pem'), 'hello');
    const refused = await runCli(['sim', '--webhook-key-file', path.join(dir, 'junk.pem')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('junk.pem: expected a PEM private key');
  });
});
