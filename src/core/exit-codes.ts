/** Exit codes shared by every command (docs/design.md §2). */
export const ExitCode = {
  /** Every row ended in a good state for the command. */
  OK: 0,
  /** The run completed, but some rows or orders need a person; all are in the results. */
  NEEDS_ATTENTION: 1,
  /** Usage, configuration or input-file error; nothing was sent. */
  USAGE: 2,
  /** Stopped early or could not deliver; what was done is written. */
  STOPPED: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_HELP = [
  '0  success: every row ended in a good state for the command',
  '1  completed, but some rows or orders need a person (see results)',
  '2  usage, configuration or input-file error (nothing sent)',
  '3  stopped early or could not deliver (auth refused, API unreachable, timeout, interrupted)',
].join('\n');
