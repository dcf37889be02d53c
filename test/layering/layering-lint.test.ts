// The layering rules of docs/architecture.md §2 are ESLint rules (eslint.config.js). `npm run lint` proves the
// tree obeys them; this test proves they fire: it lints small in-memory sources placed at paths of each layer,
// with the repository's own config, and expects exactly the layering errors.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LAYERING_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals', 'no-console']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    // The sources exist only in memory, so no type information: run only the layering rules, which need none.
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => LAYERING_RULES.has(ruleId),
  });
});

/** The layering errors ESLint reports for `code` placed at `file` (relative to the repository). */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('pure modules do no I/O and read no clock or randomness', () => {
  const pureFiles = ['src/normalize/new-rule.ts', 'src/core/new-type.ts', 'src/plan/group-numbers.ts', 'src/output/build-result-row.ts'];

  it.each([
    ["import { readFileSync } from 'node:fs';", 'does no I/O'],
    ["import { readFile } from 'fs/promises';", 'does no I/O'],
    ["import http from 'node:http';", 'does no I/O'],
    ["import { connect } from 'net';", 'does no I/O'],
    ["import Telnyx from 'telnyx';", 'Telnyx SDK'],
    ["import { PortingOrders } from 'telnyx/resources/porting-orders/porting-orders';", 'Telnyx SDK'],
    ["import { createApiSession } from '../api/api-session.js';", 'src/api'],
    ["import { randomUUID } from 'node:crypto';", 'random'],
    ["import { startSimulator } from '../sim/simulator.js';", 'sim and demo commands'],
    ['export const at = Date.now();', 'reads no clock'],
    ['export const at = new Date();', 'reads no clock'],
    ['export const now = Date.now;', 'reads no clock'],
    ['export const stamp = Date();', 'reads no clock'],
    ['export const pick = Math.random() < 0.5;', 'no random numbers'],
    ['export const id = crypto.randomUUID();', '`crypto`'],
    ['export const t = performance.now();', '`performance`'],
    ['export const key = process.env.TELNYX_API_KEY;', '`process`'],
    ["export const load = () => import('node:fs');", 'loads no code'],
    ["console.log('hello');", 'Unexpected console'],
  ])('%s is refused in every pure module', async (code, expected) => {
    for (const file of pureFiles) {
      const errors = await layeringErrors(file, code);
      expect(errors, file).toHaveLength(1);
      expect(errors[0], file).toContain(expected);
    }
  });

  it.each([
    "import { createHash } from 'node:crypto';",
    "import type { PortingOrderCreateParams } from 'telnyx/resources/porting-orders/porting-orders';",
    "import type { ApiSession } from '../api/api-session.js';",
    "import { parsePhoneNumberWithError } from 'libphonenumber-js/max';",
    "import path from 'node:path';",
    'export const at = (now: () => Date) => new Date(now().getTime() + 1000);',
    "export const parsed = new Date('2026-01-02T00:00:00Z');",
  ])('%s is allowed in a pure module', async (code) => {
    expect(await layeringErrors('src/plan/group-numbers.ts', code)).toEqual([]);
  });

  it('an adapter in the same folder may do I/O', async () => {
    expect(await layeringErrors('src/plan/inspect-documents.ts', "import { readFile } from 'node:fs/promises';\nexport const t = Date.now();")).toEqual([]);
  });
});

describe('the simulator shares no code with the tool', () => {
  it.each([
    ['src/sim/new-route.ts', "import { UsageError } from '../core/errors.js';"],
    ['src/sim/routes/new-route.ts', "import type { IssueCode } from '../../core/issue-codes.js';"],
    ['src/sim/orders/new-part.ts', "import { scheduler } from '../../api/scheduler.js';"],
    ['src/sim/new-route.ts', "import Telnyx from 'telnyx';"],
    ['src/sim/new-route.ts', "export const load = () => import('../normalize/normalize-number.js');"],
    ['src/sim/orders/new-part.ts', "export const load = () => import('../../core/records.js');"],
  ])('%s: %s is refused', async (file, code) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/simulator|wire format/);
  });

  it('imports inside src/sim are allowed', async () => {
    expect(await layeringErrors('src/sim/routes/new-route.ts', "import { ok } from '../http.js';\nimport { HOUR_MS } from '../clock.js';")).toEqual([]);
    expect(await layeringErrors('src/sim/orders/new-part.ts', "import type { SimOrder } from './sim-order.js';")).toEqual([]);
  });
});

describe('the tool reaches src/sim only through the sim and demo commands', () => {
  it.each([
    ['src/commands/status.ts', "import { startSimulator } from '../sim/simulator.js';"],
    ['src/track/refresh-campaign.ts', "import type { SimClock } from '../sim/clock.js';"],
    ['src/cli.ts', "import { startSimulator } from './sim/simulator.js';"],
    ['src/commands/status.ts', "export const load = () => import('../sim/simulator.js');"],
  ])('%s: %s is refused', async (file, code) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('sim and demo commands');
  });

  it.each(['src/commands/sim.ts', 'src/commands/demo.ts'])('%s may import the simulator', async (file) => {
    const code = "import { startSimulator } from '../sim/simulator.js';\nexport const load = () => import('../sim/simulator.js');";
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});

describe('folder boundaries: src/track reaches no command, src/campaign no tracking code', () => {
  it.each([
    // An adapter and a pure module (whose pure-module options must repeat the boundary) in each folder.
    ['src/track/refresh-campaign.ts', "import { statusCommand } from '../commands/status.js';", 'src/track imports nothing from src/commands'],
    ['src/track/plan-cancel.ts', "import type { CommandContext } from '../commands/command.js';", 'src/track imports nothing from src/commands'],
    ['src/track/new-part/new-file.ts', "import { run } from '../../commands/submit.js';", 'src/track imports nothing from src/commands'],
    ['src/campaign/campaign-run.ts', "import { addComment } from '../track/add-comment.js';", 'src/campaign imports nothing from src/track'],
    ['src/campaign/campaign-state.ts', "import type { CancelStep } from '../track/plan-cancel.js';", 'src/campaign imports nothing from src/track'],
  ])('%s: %s is refused', async (file, code, expected) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['src/track/plan-cancel.ts', "import { readFileSync } from 'node:fs';", 'does no I/O'],
    ['src/track/plan-cancel.ts', "import { startSimulator } from '../sim/simulator.js';", 'sim and demo commands'],
    ['src/campaign/campaign-state.ts', "import Telnyx from 'telnyx';", 'Telnyx SDK'],
    ['src/campaign/campaign-journal.ts', "import { startSimulator } from '../sim/simulator.js';", 'sim and demo commands'],
  ])('the earlier rules still hold in a boundary folder: %s: %s', async (file, code, expected) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['src/track/refresh-campaign.ts', "import { readCampaign } from '../campaign/campaign-state.js';"],
    ['src/commands/status.ts', "import { refreshCampaign } from '../track/refresh-campaign.js';"],
    ['src/campaign/campaign-run.ts', "import { createApiSession } from '../api/api-session.js';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
