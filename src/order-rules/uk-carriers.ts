/**
 * The losing carrier of a GB number (issue 15): the sheet's `carrier` cell is matched against Telnyx's
 * list of UK carriers (`GET /porting/uk_carriers`) by name or CUPID, ignoring case and punctuation,
 * alternative CUPIDs included. A match gives the carrier's name as Telnyx writes it (numbers of one
 * carrier group together however the sheet spells it); no request carries the CUPID. Pure.
 */

export interface UkCarrier {
  readonly name: string;
  readonly cupid: string;
  readonly alternativeCupids: readonly string[];
}

export type UkCarrierMatch = { readonly carrier: UkCarrier } | { readonly problem: string };

/** Case, spaces and punctuation do not matter: "Virgin-Media" = "virgin media", "cupid 017" = "CUPID017". */
function comparisonForm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** A cell naming a CUPID alone or as "CUPID 017". */
function cupidOf(form: string): string {
  return form.startsWith('cupid') ? form.slice('cupid'.length) : form;
}

export function matchUkCarrier(cell: string, carriers: readonly UkCarrier[]): UkCarrierMatch {
  const form = comparisonForm(cell);
  const cupid = cupidOf(form);
  const found =
    carriers.find((c) => comparisonForm(c.name) === form) ??
    carriers.find((c) => c.cupid !== '' && (comparisonForm(c.cupid) === cupid || c.alternativeCupids.some((alt) => comparisonForm(alt) === cupid)));
  if (found !== undefined) return { carrier: found };
  const closest = closestNames(form, carriers, 3);
  const suggestion = closest.length === 0 ? 'Telnyx lists no UK carriers' : `closest: ${closest.map((name) => `"${name}"`).join(', ')}`;
  return { problem: `expected a UK carrier name or CUPID from Telnyx's list (GET /porting/uk_carriers), got "${cell.trim()}"; ${suggestion}` };
}

/** The names nearest to `form` (edit distance of the comparison forms; a name that contains it, or is contained, first). */
function closestNames(form: string, carriers: readonly UkCarrier[], count: number): string[] {
  return carriers
    .map((c) => {
      const name = comparisonForm(c.name);
      const contains = form !== '' && name !== '' && (name.includes(form) || form.includes(name));
      return { name: c.name, score: contains ? -1 : editDistance(form, name) };
    })
    .sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, count)
    .map((c) => c.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
