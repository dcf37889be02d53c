/**
 * The syntax of a range written in one cell (docs/design.md §3, issue 15), before any number is read.
 * So that `415-555-0100` stays one number, a range needs one of:
 * - an en dash, em dash, figure dash or horizontal bar (`+49 30 244999900 – 999`), spaced or not;
 * - a hyphen or minus sign with a space on both sides (`+49 30 2449999 00 - 99`);
 * - a tilde or two dots (`00 ~ 99`, `00..99`);
 * - a word: `to`, `bis`, `à`, `a`, `through`, `thru`, `until`, `till`, `tot`, `t/m` (`0207 946 0100 to 0199`,
 *   `030 2449999-00 bis -99`);
 * - a second full number: a second `+` (`+4930244999900-+4930244999999`), or two numbers each long
 *   enough to stand alone joined by a hyphen or slash without spaces (`02079460100-02079460199`).
 * The first three are `strong`: the cell is a range. The last, and a hyphen spaced on one side only, are
 * `weak`: when they do not give a valid range, the cell is read as one number (the caller decides; it
 * knows the country). More than one strong separator is `ambiguous`: a number written with
 * spaced dashes (`415 – 555 – 0100`) is still read as one number, anything else is a malformed range.
 */
export type RangeSplit =
  | { readonly kind: 'single' }
  | { readonly kind: 'range'; readonly start: string; readonly end: string; readonly isWeak: boolean }
  | { readonly kind: 'ambiguous'; readonly why: string };

const DASHES = '\u2012\u2013\u2014\u2015\ufe58';
const HYPHENS = '\\-\u2010\u2011\u2212\ufe63\uff0d';
const WORDS = ['to', 'bis', 'à', 'a', 'through', 'thru', 'until', 'till', 'tot', 't/m'];

/** Any dash character, or a hyphen with whitespace on both sides, or a separator word between spaces. */
const STRONG = new RegExp(`\\s*[${DASHES}~\u301c\u2192]\\s*|\\s*\\.{2,}\\s*|\\s*\u2026\\s*|\\s+[${HYPHENS}]\\s+|\\s+(?:${WORDS.join('|')})\\s+`, 'giu');
/** A hyphen with whitespace on one side only. */
const ONE_SIDED = new RegExp(`(?<=\\d)\\s+[${HYPHENS}](?=\\d)|(?<=\\d)[${HYPHENS}]\\s+(?=\\d)`, 'gu');
/** A second `+` after some digits: a second full international number. */
const SECOND_PLUS = /^(.*\d[^+]*?)\s*[-\u2010\u2011\u2212/]?\s*(\+.*)$/u;
/** Two long digit runs (8+ digits each, spacing-free) joined by one hyphen or slash. */
const TWO_FULL = new RegExp(`^(\\+?\\d{8,})\\s*[${HYPHENS}/]\\s*(\\+?\\d{8,})$`, 'u');

/** Every kind of space people paste (NBSP, thin and narrow spaces, ideographic) → a plain space. */
function plainSpaces(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu, ' ').trim();
}

/** The end written after a word separator may keep its own dash (`bis -99`): it is no sign. */
function cleanEnd(text: string): string {
  return text.replace(new RegExp(`^[\\s${HYPHENS}${DASHES}]+`, 'u'), '').trim();
}

function cleanStart(text: string): string {
  return text.replace(new RegExp(`[\\s${HYPHENS}${DASHES}]+$`, 'u'), '').trim();
}

/** Splits a cell's text into the start and end of a range, when it is written as one. Pure. */
export function splitRangeText(raw: string): RangeSplit {
  const text = plainSpaces(raw);
  if (!/\d/u.test(text)) return { kind: 'single' };

  const strong = [...text.matchAll(STRONG)].filter((m) => m.index > 0 && m.index + m[0].length < text.length);
  if (strong.length > 1) return { kind: 'ambiguous', why: `${strong.length} range separators (expected one: a dash, " - ", "to" or "bis" between start and end)` };
  const [only] = strong;
  if (only !== undefined) {
    const start = cleanStart(text.slice(0, only.index));
    const end = cleanEnd(text.slice(only.index + only[0].length));
    if (start === '' || end === '') return { kind: 'ambiguous', why: 'a range separator without a start or an end' };
    return { kind: 'range', start, end, isWeak: false };
  }

  const oneSided = [...text.matchAll(ONE_SIDED)];
  if (oneSided.length === 1 && oneSided[0] !== undefined) {
    const match = oneSided[0];
    return { kind: 'range', start: cleanStart(text.slice(0, match.index)), end: cleanEnd(text.slice(match.index + match[0].length)), isWeak: true };
  }

  const plusCount = (text.match(/\+/gu) ?? []).length;
  if (plusCount === 2) {
    const second = SECOND_PLUS.exec(text);
    if (second?.[1] !== undefined && second[2] !== undefined) return { kind: 'range', start: cleanStart(second[1]), end: second[2].trim(), isWeak: true };
  }
  const compact = text.replace(/ /gu, '');
  const two = TWO_FULL.exec(compact);
  if (two?.[1] !== undefined && two[2] !== undefined) return { kind: 'range', start: two[1], end: two[2], isWeak: true };
  return { kind: 'single' };
}

/** The digits of a range end as written (`-99` → `99`), when it is only digits and separators. */
export function digitsOfEnd(text: string): string | undefined {
  const cleaned = text.replace(/[\s.()'"=\u2010\u2011\u2212-]/gu, '');
  return /^\d+$/u.test(cleaned) ? cleaned : undefined;
}
