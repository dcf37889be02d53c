import type { FindHit } from './campaign-hits.js';
import type { LiveOrder } from './refresh-hits.js';

/** A number as the person wrote it, and what became of it. */
export type AskedNumber =
  | { readonly input: string; readonly ok: true; readonly e164: string }
  | { readonly input: string; readonly ok: false; readonly code: string; readonly message: string };

export interface FindAnswer {
  readonly asked: readonly AskedNumber[];
  readonly hits: ReadonlyMap<string, readonly FindHit[]>;
  /** `--refresh`: each hit's order as Telnyx has it now, by order id. */
  readonly live?: ReadonlyMap<string, LiveOrder> | undefined;
}

/** Exit 0 when every usable number was found, 1 when some were not (the caller refuses "none usable"). */
export function findExitCode(answer: FindAnswer): 0 | 1 {
  return answer.asked.every((n) => !n.ok || (answer.hits.get(n.e164)?.length ?? 0) > 0) ? 0 : 1;
}

/** The `--json` document. Pure. */
export function findJson(answer: FindAnswer, exitCode: number): unknown {
  return {
    command: 'find',
    numbers: answer.asked.map((n) =>
      n.ok ? { input: n.input, e164: n.e164, found: (answer.hits.get(n.e164)?.length ?? 0) > 0, hits: (answer.hits.get(n.e164) ?? []).map((hit) => withLive(hit, answer.live)) } : { input: n.input, unusable: { code: n.code, message: n.message } },
    ),
    exitCode,
  };
}

const COLUMNS = ['number', 'campaign', 'file:row', 'status', 'order', 'support_key', 'foc_requested', 'foc_confirmed', 'last_exception', 'last_comment', 'moved'] as const;

/**
 * The readable table: one line per campaign a number is in, one line for a number found nowhere or
 * not usable. Columns are padded to their widest cell; long texts are shortened. Pure.
 */
export function findTable(answer: FindAnswer): string {
  const lines: string[][] = [];
  for (const asked of answer.asked) {
    if (!asked.ok) {
      lines.push([asked.input, `NOT A USABLE NUMBER (${asked.code}): ${asked.message}`]);
      continue;
    }
    const hits = answer.hits.get(asked.e164) ?? [];
    if (hits.length === 0) {
      lines.push([asked.e164, 'not found in any campaign']);
      continue;
    }
    for (const hit of hits) {
      lines.push([
        hit.within === undefined ? hit.e164 : `${hit.e164} (${hit.within})`,
        hit.campaign,
        hit.row === 0 ? `${hit.file || '-'} (order only)` : `${hit.file}:${hit.row}`,
        (hit.orderStatus === '' || hit.orderStatus === hit.status ? hit.status : `${hit.status} (${hit.orderStatus})`) + describeLive(hit, answer.live),
        hit.order || '-',
        hit.supportKey || '-',
        hit.focRequested || '-',
        hit.focConfirmed || '-',
        hit.exception === undefined ? '-' : shorten(`${hit.exception.code}: ${hit.exception.message}`, 80),
        hit.comment === undefined ? '-' : shorten(`${hit.comment.at} ${hit.comment.userType}: ${hit.comment.body}`, 60),
        hit.history.length === 0 ? '-' : hit.history.map((h) => `${h.status}@${h.at}`).join(' > '),
      ]);
    }
  }
  const widths = COLUMNS.map((name, i) => Math.max(name.length, ...lines.filter((l) => l.length === COLUMNS.length).map((l) => l[i]!.length)));
  const render = (cells: readonly string[]) => (cells.length === COLUMNS.length ? cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') : cells.join('  '));
  return [render(COLUMNS), ...lines.map(render)].map((l) => l.trimEnd()).join('\n') + '\n';
}

function withLive(hit: FindHit, live: FindAnswer['live']): FindHit | (FindHit & { live: LiveOrder | undefined }) {
  return live === undefined ? hit : { ...hit, live: live.get(hit.order) };
}

/** What --refresh saw, after the journal's status: ` now: ported`, ` now: gone from Telnyx`. */
function describeLive(hit: FindHit, live: FindAnswer['live']): string {
  const now = live?.get(hit.order);
  if (now === undefined) return '';
  if (now.gone) return ' now: gone from Telnyx';
  return now.status === hit.orderStatus ? ' now: unchanged' : ` now: ${now.status}${now.detailCodes.length > 0 ? ` (${now.detailCodes.join(',')})` : ''}`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
