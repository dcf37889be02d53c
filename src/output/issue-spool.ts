import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ISSUE_CODES, type Issue, type IssueCode } from '../core/issue-codes.js';
import { outputFileError, tempPathFor } from './atomic-file.js';

/** One line of the Issues sheet, in column order. */
export type IssueLine = readonly [file: string, sheet: string, row: number, column: string, code: IssueCode, severity: string, message: string];

export const ISSUE_SHEET_COLUMNS = ['file', 'sheet', 'row', 'column', 'code', 'severity', 'message'] as const;

/**
 * Issues can number in the hundreds of thousands, and the Issues sheet can only be written after
 * the Results sheet (an XLSX holds one sheet stream at a time). Rather than keep every Issue object
 * until then, each is appended as one JSON line to a temporary file in the output directory and
 * read back when the sheet is written: memory stays flat whatever the count. The file carries the
 * `.tmp` suffix and is removed on close and on abort.
 */
export class IssueSpool {
  readonly #path: string;
  readonly #stream: WriteStream;
  readonly #failed: Promise<never>;
  #count = 0;

  constructor(outDir: string) {
    this.#path = tempPathFor(path.join(outDir, 'issues.jsonl'));
    this.#stream = createWriteStream(this.#path, { flags: 'wx' });
    this.#failed = new Promise<never>((_resolve, reject) => {
      this.#stream.on('error', (error) => reject(outputFileError(this.#path, error)));
    });
    this.#failed.catch(() => undefined);
  }

  /** Resolves once the spool file is open (or rejects as a DeliveryError). */
  async opened(): Promise<void> {
    await Promise.race([once(this.#stream, 'open'), this.#failed]);
  }

  get count(): number {
    return this.#count;
  }

  /** Rejects (as a DeliveryError) when the spool cannot be written; pending otherwise. */
  get failed(): Promise<never> {
    return this.#failed;
  }

  add(issue: Issue): void {
    const line: IssueLine = [issue.ref.file, issue.ref.sheet, issue.ref.row, issue.column ?? '', issue.code, ISSUE_CODES[issue.code].severity, issue.message];
    this.#count += 1;
    this.#stream.write(`${JSON.stringify(line)}\n`);
  }

  get needsDrain(): boolean {
    return this.#stream.writableNeedDrain;
  }

  async drained(): Promise<void> {
    if (this.#stream.writableNeedDrain) await Promise.race([once(this.#stream, 'drain'), this.#failed]);
  }

  /** Ends the spool and yields its lines in the order they were added. */
  async *replay(): AsyncGenerator<IssueLine> {
    this.#stream.end();
    if (!this.#stream.closed) await Promise.race([once(this.#stream, 'close'), this.#failed]);
    const lines = createInterface({ input: createReadStream(this.#path), crlfDelay: Infinity });
    for await (const text of lines) {
      if (text !== '') yield JSON.parse(text) as IssueLine;
    }
  }

  async remove(): Promise<void> {
    if (!this.#stream.closed) {
      const closed = new Promise<void>((resolve) => this.#stream.once('close', () => resolve()));
      this.#stream.destroy();
      await closed;
    }
    await rm(this.#path, { force: true });
  }
}
