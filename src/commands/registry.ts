import type { CommandDefinition } from './command.js';
import { validateCommand } from './validate.js';

/** Every subcommand, in the order `--help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: ReadonlyArray<CommandDefinition<any>> = [validateCommand];
