import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/simulator.js';
import { assertContract, recordExchanges } from '../contract/contract.js';
import { runCli } from '../helpers/run-cli.js';
import { usNumber } from './number-records.js';

describe('bulkport check against the wire contract', () => {
  it('sends only requests the spec allows, and reads answers the spec declares (size refusal, 429 and lookups included)', async () => {
    const recorder = recordExchanges();
    // maxCheckBatch below --check-batch makes the server refuse the size once; a rate of 20 with a burst of 3 may bring 429s.
    const sim = await startSimulator({ apiKeys: ['KEY_CONTRACT'], rate: 20, burst: 3, maxCheckBatch: 8, onExchange: recorder.onExchange });
    try {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bulkport-check-contract-'));
      const input = path.join(dir, 'numbers.csv');
      writeFileSync(input, `phone_number\n${Array.from({ length: 60 }, (_, i) => usNumber(500 + i)).join('\n')}\n`);
      const result = await runCli(
        ['check', input, '--base-url', sim.baseURL, '--check-batch', '12', '--lookup-carriers', '--rate', '40', '-o', path.join(dir, 'out'), '--quiet'],
        { env: { TELNYX_API_KEY: 'KEY_CONTRACT' } },
      );
      expect(result.stderr).toBe('');
      const endpoints = new Set(recorder.exchanges.map((e) => `${e.endpoint} ${e.status}`));
      expect(endpoints).toContain('POST /portability_checks 201');
      expect(endpoints).toContain('POST /portability_checks 422');
      expect(endpoints).toContain('GET /number_lookup/:phone_number 200');
      assertContract(recorder.exchanges);
    } finally {
      await sim.close();
    }
  });
});
