import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { assertContract } from '../contract/contract.js';
import { auCampaign, AU_CAMPAIGN, codesFromSim, readCsv, type AuSetup } from './verify-fixture.js';
import { killAtHold, spawnKillableCli } from '../helpers/crash-point.js';

/**
 * Crash tests for the AU ownership writes (needs `npm run build`): a real `bulkport verify` child is SIGKILLed
 * while the simulator holds its send, verify or initiate (before it is handled and dropped, or handled with
 * the answer lost); the re-run looks before sending and nothing is sent twice: each number got one code,
 * each code was verified by one call, the ID verification was started once.
 */

const SEND = 'POST /porting_orders/:id/verification_codes/send';
const VERIFY = 'POST /porting_orders/:id/verification_codes/verify';
const INITIATE = 'POST /porting_orders/:porting_order_id/action_requirements/:id/initiate';

interface CrashCase {
  readonly name: string;
  readonly command: 'send' | 'apply';
  readonly endpoint: string;
  readonly point: 'before' | 'after';
  readonly then: 'drop' | 'release';
}

const CASES: readonly CrashCase[] = [
  { name: 'verify send, the codes send handled but its answer lost', command: 'send', endpoint: SEND, point: 'after', then: 'release' },
  { name: 'verify send, the codes send never handled', command: 'send', endpoint: SEND, point: 'before', then: 'drop' },
  { name: 'verify send, the ID verification started but its answer lost', command: 'send', endpoint: INITIATE, point: 'after', then: 'release' },
  { name: 'verify apply, the verify handled but its answer lost', command: 'apply', endpoint: VERIFY, point: 'after', then: 'release' },
  { name: 'verify apply, the verify never handled', command: 'apply', endpoint: VERIFY, point: 'before', then: 'drop' },
];

const running = new Set<AuSetup>();
afterAll(async () => {
  for (const s of running) await s.t.sim.close();
});

function spawnVerify(s: AuSetup, args: readonly string[]): ReturnType<typeof spawnKillableCli> {
  return spawnKillableCli(['verify', ...args, '--campaign', AU_CAMPAIGN, '--state-dir', path.join(s.dir, 'state'), '-o', path.join(s.dir, 'crashed')], { cwd: s.dir, baseURL: s.t.sim.baseURL });
}

async function sendCounts(s: AuSetup): Promise<Record<string, number>> {
  const body = (await (await fetch(`${s.t.sim.origin}/_sim/verification_codes`)).json()) as { data: Array<{ phone_number: string; send_count: number }> };
  return Object.fromEntries(body.data.map((c) => [c.phone_number, c.send_count]));
}

describe.concurrent('AU ownership crash tests: SIGKILL around each write, then a re-run sends nothing twice', () => {
  for (const testCase of CASES) {
    it(`killed during ${testCase.name}`, async ({ expect }) => {
      const s = await auCampaign(2);
      running.add(s);
      expect((await s.run('submit', s.sheet, '--campaign', AU_CAMPAIGN, '-o', path.join(s.dir, 'submit'))).code).toBe(0);
      let codesFile = '';
      if (testCase.command === 'apply') {
        expect((await s.run('verify', 'send', '--campaign', AU_CAMPAIGN, '-o', path.join(s.dir, 'sent'))).code).toBe(0);
        const codes = await codesFromSim(s.t.sim);
        codesFile = path.join(s.dir, 'codes.csv');
        await writeFile(codesFile, `phone_number,code\n${s.numbers.map((n) => `${n},${codes.get(n) ?? ''}`).join('\n')}\n`);
      }
      const callsBefore = { send: s.callsTo(SEND), verify: s.callsTo(VERIFY), initiate: s.callsTo(INITIATE) };
      const hold = s.t.sim.hold(testCase.endpoint, 1, testCase.point);
      const child = spawnVerify(s, testCase.command === 'send' ? ['send'] : ['apply', codesFile]);
      expect(await killAtHold(child, hold, testCase.then, s.t.sim)).toBe('held');

      const rerun = await s.run('verify', ...(testCase.command === 'send' ? ['send'] : ['apply', codesFile]), '--campaign', AU_CAMPAIGN, '-o', path.join(s.dir, 'rerun'));
      expect(rerun.code, rerun.stderr + rerun.stdout).toBe(0);
      expect(rerun.stderr).toContain('no longer running; taking the lock over');
      // Each write reached the server exactly once over the killed run and the re-run.
      const handled = (endpoint: string, before: number) => s.callsTo(endpoint) - before - (testCase.endpoint === endpoint && testCase.then === 'drop' ? 1 : 0);
      if (testCase.command === 'send') {
        expect(handled(SEND, callsBefore.send)).toBe(1);
        expect(handled(INITIATE, callsBefore.initiate)).toBe(1);
        expect(await sendCounts(s)).toEqual(Object.fromEntries(s.numbers.map((n) => [n, 1])));
        if (testCase.endpoint === SEND && testCase.then === 'release') expect(rerun.stdout).toContain('2 code(s) sent by sms in 0 call(s)');
      } else {
        expect(handled(VERIFY, callsBefore.verify)).toBe(1);
        const outcomes = await readCsv(path.join(s.dir, 'rerun', 'verification-outcomes.csv'));
        expect(outcomes.map((o) => o.outcome)).toEqual(['verified', 'verified']);
        if (testCase.then === 'release') expect(outcomes[0]?.detail).toContain('by the interrupted run; not sent again');
      }
      const journal = await readFile(path.join(s.dir, 'state', AU_CAMPAIGN, 'journal.jsonl'), 'utf8');
      expect(journal).not.toMatch(/"code":"\d{6}"/);
      // The whole exchange, killed run included, as the spec says.
      assertContract(s.t.recorder.exchanges);
    });
  }
});
