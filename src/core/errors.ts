import { ExitCode } from './exit-codes.js';

/**
 * Run problems are exceptions (docs/architecture.md §8.4): each carries the exit code it means and a hint.
 * The CLI prints `message` and `hint` on one or two lines, never a stack. Anything that is not a
 * BulkportError is a bug and is printed with its stack.
 */
export abstract class BulkportError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** A bad flag or argument. */
export class UsageError extends BulkportError {
  readonly exitCode = ExitCode.USAGE;
}

/** Missing or invalid configuration (API key, state directory…). */
export class ConfigError extends BulkportError {
  readonly exitCode = ExitCode.USAGE;
}

/** The input file cannot be read as a porting sheet (unreadable, no header, missing column). */
export class InputFileError extends BulkportError {
  readonly exitCode = ExitCode.USAGE;
}

/** Telnyx refused the API key. */
export class ApiAuthError extends BulkportError {
  readonly exitCode = ExitCode.STOPPED;
}

/** The API could not be reached or kept failing after retries. */
export class ApiUnavailableError extends BulkportError {
  readonly exitCode = ExitCode.STOPPED;
}

/** The run could not deliver what it promised (report timeout, unusable download, disk full…). */
export class DeliveryError extends BulkportError {
  readonly exitCode = ExitCode.STOPPED;
}

/** Ctrl-C or SIGTERM: stopped cleanly, partial results written. */
export class InterruptedError extends BulkportError {
  readonly exitCode = ExitCode.STOPPED;
  constructor(message = 'interrupted', hint = 'Run the same command again to resume.') {
    super(message, hint);
  }
}

/** Another command holds the campaign's lock. */
export class LockHeldError extends BulkportError {
  readonly exitCode = ExitCode.USAGE;
}
