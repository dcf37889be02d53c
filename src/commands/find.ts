import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputFileError, UsageError } from '../core/errors.js';
import { findNumbers } from '../find/find-index.js';
import { findExitCode, findJson, findTable, type AskedNumber } from '../find/find-report.js';
import { normalizeNumber } from '../normalize/normalize-number.js';
import type { ApiSettings } from '../api/api-session.js';
import type { FindHit } from '../find/campaign-hits.js';
import type { LiveOrder } from '../find/refresh-hits.js';
import { defineCommand, type CommandContext } from './command.js';
import { findSpec } from './specs/find.js';

interface FindArgs {
  numbers?: (string | number)[];
  from?: string;
  refresh?: boolean;
}

/** At most this many numbers per run: a lookup list, not a campaign (plan/submit take sheets). */
const MAX_NUMBERS = 100_000;

/**
 * `bulkport find NUMBER… [--from FILE] [--json]` (issue 14): answers from every campaign journal of
 * --state-dir through the index in `<state-dir>/.find-index/` (src/find/find-index.ts). Reads only;
 * takes no lock and writes no journal; `--refresh` adds one read per order the numbers are in.
 */
export const findCommand = defineCommand<FindArgs>({
  ...findSpec,
  async run(args, options, context) {
    // --refresh needs the key: a missing one is exit 2 before anything is read.
    const { resolveApiSettings } = args.refresh === true ? await import('../api/api-session.js') : { resolveApiSettings: undefined };
    const api = resolveApiSettings?.(options);
    const texts = (args.numbers ?? []).map(String);
    if (args.from !== undefined) texts.push(...readNumberFile(path.resolve(context.cwd, String(args.from))));
    if (texts.length > MAX_NUMBERS) throw new UsageError(`find: expected at most ${MAX_NUMBERS} numbers, got ${texts.length}`);
    const asked: AskedNumber[] = texts.map((input) => {
      const outcome = normalizeNumber({ text: input }, undefined, options.defaultCountry);
      return outcome.ok ? { input, ok: true, e164: outcome.e164 } : { input, ok: false, code: outcome.code, message: outcome.detail };
    });
    const usable = asked.flatMap((n) => (n.ok ? [n.e164] : []));
    if (usable.length === 0) {
      const why = asked.map((n) => (n.ok ? '' : `\n  "${n.input}": ${n.message}`)).join('');
      throw new UsageError(
        texts.length === 0 ? 'find: expected at least one phone number (as arguments or --from FILE), got none' : `find: none of the ${texts.length} numbers given is a usable phone number:${why}`,
        'Give numbers with their country code (+44 20 7946 0018) or set --default-country for national ones.',
      );
    }
    const lookup = await findNumbers(options.stateDir, usable);
    if (lookup.indexWarning !== undefined && !options.quiet) context.stderr.write(`warning: ${lookup.indexWarning}\n`);
    const live = api === undefined ? undefined : await readLive(api, [...lookup.hits.values()].flat(), context);
    const answer = { asked, hits: lookup.hits, live };
    const exitCode = findExitCode(answer);
    if (options.json) context.stdout.write(`${JSON.stringify(findJson(answer, exitCode), null, 2)}\n`);
    else {
      context.stdout.write(findTable(answer));
      if (lookup.campaignCount === 0 && !options.quiet) context.stderr.write(`note: ${options.stateDir} holds no campaign journal\n`);
    }
    return exitCode;
  },
});

/** `--refresh`: the API modules load only here, so a plain `find` never pays for them. */
async function readLive(api: ApiSettings, hits: readonly FindHit[], context: CommandContext): Promise<Map<string, LiveOrder>> {
  const [{ createApiSession }, { readLiveOrders }] = await Promise.all([import('../api/api-session.js'), import('../find/refresh-hits.js')]);
  const session = createApiSession(api, { signal: context.signal, now: context.now });
  try {
    return await readLiveOrders(session, hits);
  } finally {
    await session.close();
  }
}

/** One number per line; blank lines and lines starting with # are skipped. */
function readNumberFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError(`--from ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Give a text file with one phone number per line.');
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
