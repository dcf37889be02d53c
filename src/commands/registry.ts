// START-UP RULE (issue 18): `bulkport --version`, `--help` and `<command> --help` load only yargs, this
// registry and the specs in ./specs/ (usage, description, flags). A spec file imports only light
// modules (yargs types, core/errors, small constant modules) — never exceljs, csv-parse/stringify,
// libphonenumber-js, telnyx, ajv, src/api, src/sim, nor anything that imports them. The heavy part of a
// command (`<name>.ts`: its `run` and every module it pulls in) loads only when the command runs.
// Inside a command, a dependency that only some paths use (exceljs for XLSX, ajv for responses) is
// imported where it is used. test/cli/startup-imports.test.ts spawns the CLI with a loader hook and
// fails when a forbidden module loads for help or version.
import type { CommandDefinition, CommandSpec } from './command.js';
import { activateSpec } from './specs/activate.js';
import { cancelSpec } from './specs/cancel.js';
import { checkSpec } from './specs/check.js';
import { commentSpec } from './specs/comment.js';
import { demoSpec } from './specs/demo.js';
import { exportSpec } from './specs/export.js';
import { findSpec } from './specs/find.js';
import { fixSpec } from './specs/fix.js';
import { listenSpec } from './specs/listen.js';
import { loaSpec } from './specs/loa.js';
import { planSpec } from './specs/plan.js';
import { portoutsSpec } from './specs/portouts.js';
import { shareSpec } from './specs/share.js';
import { reportSpec } from './specs/report.js';
import { simSpec } from './specs/sim.js';
import { statusSpec } from './specs/status.js';
import { submitSpec } from './specs/submit.js';
import { templateSpec } from './specs/template.js';
import { validateSpec } from './specs/validate.js';
import { verifySpec } from './specs/verify.js';

/** A subcommand's name, what help shows of it, and how to load the rest when it runs. */
export interface CommandEntry {
  readonly name: string;
  readonly spec: CommandSpec;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly load: () => Promise<CommandDefinition<any>>;
}

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'template', spec: templateSpec, load: async () => (await import('./template.js')).templateCommand },
  { name: 'validate', spec: validateSpec, load: async () => (await import('./validate.js')).validateCommand },
  { name: 'check', spec: checkSpec, load: async () => (await import('./check.js')).checkCommand },
  { name: 'plan', spec: planSpec, load: async () => (await import('./plan.js')).planCommand },
  { name: 'submit', spec: submitSpec, load: async () => (await import('./submit.js')).submitCommand },
  { name: 'verify', spec: verifySpec, load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'status', spec: statusSpec, load: async () => (await import('./status.js')).statusCommand },
  { name: 'fix', spec: fixSpec, load: async () => (await import('./fix.js')).fixCommand },
  { name: 'comment', spec: commentSpec, load: async () => (await import('./comment.js')).commentCommand },
  { name: 'cancel', spec: cancelSpec, load: async () => (await import('./cancel.js')).cancelCommand },
  { name: 'activate', spec: activateSpec, load: async () => (await import('./activate.js')).activateCommand },
  { name: 'loa', spec: loaSpec, load: async () => (await import('./loa.js')).loaCommand },
  { name: 'share', spec: shareSpec, load: async () => (await import('./share.js')).shareCommand },
  { name: 'report', spec: reportSpec, load: async () => (await import('./report.js')).reportCommand },
  { name: 'find', spec: findSpec, load: async () => (await import('./find.js')).findCommand },
  { name: 'export', spec: exportSpec, load: async () => (await import('./export.js')).exportCommand },
  { name: 'listen', spec: listenSpec, load: async () => (await import('./listen.js')).listenCommand },
  { name: 'portouts', spec: portoutsSpec, load: async () => (await import('./portouts.js')).portoutsCommand },
  { name: 'sim', spec: simSpec, load: async () => (await import('./sim.js')).simCommand },
  { name: 'demo', spec: demoSpec, load: async () => (await import('./demo.js')).demoCommand },
];
