import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode } from '../core/exit-codes.js';
import { defineCommand, type CommandContext } from './command.js';
import { cutoverSteps, type DemoStep } from './demo-cutover.js';
import { loaSteps } from './demo-loa.js';
import { INTERNATIONAL_SHEET, internationalSteps } from './demo-international.js';
import { demoSpec } from './specs/demo.js';
import type { ExitCode as ExitCodeValue } from '../core/exit-codes.js';

/** The sample campaign shipped with the package (samples/README.md). */
const SAMPLE_SHEET = fileURLToPath(new URL('../../samples/campaign.xlsx', import.meta.url));
/** This CLI's own entry point: each step runs as the user would run it. */
const CLI_ENTRY = fileURLToPath(new URL('../cli.js', import.meta.url));
const CAMPAIGN = 'demo';

/**
 * `bulkport demo [-o DIR]`: the whole campaign flow on samples/, against a simulator started in
 * this process, so it needs no key and no network: check → plan → submit (drafts) → loa download →
 * submit --confirm, then status two
 * simulated days later. Each step is
 * the real CLI in a child process (exactly what a user types), pointed at the simulator through its
 * environment.
 */
export const demoCommand = defineCommand<Record<string, never>>({
  ...demoSpec,
  async run(_args, options, context) {
    const outDir = path.resolve(context.cwd, options.out ?? 'out');
    // The demo's journal lives in its own output folder and starts empty: every demo has a fresh simulator.
    const stateDir = path.join(outDir, 'demo-state');
    await rm(stateDir, { recursive: true, force: true });
    const { startSimulator, KEY_BULKPORT_DEMO } = await import('../sim/simulator.js');
    const sim = await startSimulator({ seed: 'bulkport-demo' });
    const env = { ...context.env, TELNYX_API_KEY: KEY_BULKPORT_DEMO, TELNYX_BASE_URL: sim.baseURL };
    const shared = ['--state-dir', stateDir, '--format', [...options.formats].join(','), ...(options.quiet ? ['--quiet'] : [])];
    const steps: DemoStep[] = [
      { name: 'check', argv: ['check', SAMPLE_SHEET] },
      { name: 'plan', argv: ['plan', SAMPLE_SHEET, '--campaign', CAMPAIGN] },
      ...loaSteps(SAMPLE_SHEET, CAMPAIGN),
      { name: 'submit', argv: ['submit', SAMPLE_SHEET, '--campaign', CAMPAIGN, '--confirm'] },
      {
        name: 'status',
        argv: ['status', '--campaign', CAMPAIGN],
        // Two simulated days let the orders move on (submitted, FOC confirmed, some exceptions).
        before: () => {
          sim.advance(2 * 24 * 60 * 60 * 1000);
          return 'simulator clock moved 2 days ahead';
        },
      },
      ...internationalSteps(sim, (step) => path.join(outDir, step)),
      ...cutoverSteps(sim, CAMPAIGN),
      // The campaign's report after every step (status writes one too, before the cutover).
      { name: 'report', argv: ['report', '--campaign', CAMPAIGN] },
    ];
    try {
      context.stdout.write(`demo: simulator at ${sim.baseURL}; sample campaign ${path.relative(context.cwd, SAMPLE_SHEET)}\n`);
      for (const step of steps) {
        if (step.before) context.stdout.write(`\ndemo: ${await step.before()}\n`);
        context.stdout.write(`\n$ bulkport ${step.argv.map((a) => (a === SAMPLE_SHEET ? 'samples/campaign.xlsx' : a === INTERNATIONAL_SHEET ? 'samples/international.xlsx' : a)).join(' ')}\n`);
        const run = (): Promise<ExitCodeValue> => runStep([...step.argv, '-o', path.join(outDir, step.name), ...shared], env, context);
        const code = step.around ? await step.around(run) : await run();
        // Exit 1 is the sample working as designed (it holds invalid and blocked rows on purpose).
        if (code !== ExitCode.OK && code !== ExitCode.NEEDS_ATTENTION) return code;
      }
    } finally {
      await sim.close();
    }
    const where = (step: string): string => path.relative(context.cwd, path.join(outDir, step)) || '.';
    context.stdout.write(
      `\ndemo: done. Results: ${where('check')}/, ${where('plan')}/ (plan.json), ${where('loa-download')}/ (one LOA per draft order, loa-index.xlsx), ${where('submit')}/, ${where('status')}/ (Exceptions sheet), ${where('intl-confirm')}/ (the international sample; ${where('intl-verify')}/verification.xlsx) and ${where('activate')}/ (activation-outcomes, activation-numbers) — ` +
        `results.xlsx has the Results, Orders, Summary and Issues sheets; the campaign journal is ${where('demo-state')}/${CAMPAIGN}/journal.jsonl\n`,
    );
    // Last line on purpose (issue 17): the page to open.
    context.stdout.write(`demo: the campaign report is ${where('report')}/report.html\n`);
    return ExitCode.OK;
  },
});

/** Runs one step of the demo as a child `bulkport` process; its output goes to ours. */
function runStep(argv: readonly string[], env: NodeJS.ProcessEnv, context: CommandContext): Promise<ExitCodeValue> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...argv], { cwd: context.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(context.stdout, { end: false });
    child.stderr.pipe(context.stderr, { end: false });
    child.on('error', reject);
    child.on('close', (code) => resolve((code ?? ExitCode.STOPPED) as ExitCodeValue));
  });
}
