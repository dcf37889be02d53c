import type { CommandDefinition } from './command.js';

/** A subcommand's name and how to load it: modules load lazily, so a run pays only for its own imports. */
export interface CommandEntry {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly load: () => Promise<CommandDefinition<any>>;
}

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'template', load: async () => (await import('./template.js')).templateCommand },
  { name: 'validate', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'check', load: async () => (await import('./check.js')).checkCommand },
  { name: 'plan', load: async () => (await import('./plan.js')).planCommand },
  { name: 'submit', load: async () => (await import('./submit.js')).submitCommand },
  { name: 'status', load: async () => (await import('./status.js')).statusCommand },
  { name: 'fix', load: async () => (await import('./fix.js')).fixCommand },
  { name: 'comment', load: async () => (await import('./comment.js')).commentCommand },
  { name: 'cancel', load: async () => (await import('./cancel.js')).cancelCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'portouts', load: async () => (await import('./portouts.js')).portoutsCommand },
  { name: 'sim', load: async () => (await import('./sim.js')).simCommand },
  { name: 'demo', load: async () => (await import('./demo.js')).demoCommand },
];
