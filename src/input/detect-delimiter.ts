/** Delimiters bulkport recognizes: what Excel writes for "CSV", "CSV (semicolon locales)" and "Unicode Text". */
export type Delimiter = ',' | ';' | '\t';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/**
 * Picks the delimiter from the first lines of a file. Counts each candidate outside quotes per line;
 * the delimiter is the one whose count repeats on the most lines (a real delimiter gives every row
 * the same field count), larger counts breaking ties. Title rows and commas inside text of a `;` file
 * disagree from line to line and lose.
 */
export function detectDelimiter(sample: string, maxLines = 30): Delimiter {
  const counts = new Map<Delimiter, number[]>(CANDIDATES.map((d) => [d, []]));
  const lineCounts = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let isQuoted = false;
  let lines = 0;
  let hasContent = false;

  const endLine = (): void => {
    if (hasContent) {
      for (const d of CANDIDATES) counts.get(d)?.push(lineCounts.get(d) ?? 0);
      lines += 1;
    }
    for (const d of CANDIDATES) lineCounts.set(d, 0);
    hasContent = false;
  };

  for (let i = 0; i < sample.length && lines < maxLines; i += 1) {
    const char = sample[i] as string;
    if (char === '"') {
      isQuoted = !isQuoted;
      hasContent = true;
    } else if (isQuoted) {
      continue;
    } else if (char === '\n' || char === '\r') {
      endLine();
    } else if (char === ',' || char === ';' || char === '\t') {
      lineCounts.set(char, (lineCounts.get(char) ?? 0) + 1);
    } else if (char !== ' ') {
      hasContent = true;
    }
  }
  endLine();

  let best: { delimiter: Delimiter; agreeing: number; fields: number } = { delimiter: ',', agreeing: 0, fields: 0 };
  for (const delimiter of CANDIDATES) {
    const perLine = (counts.get(delimiter) ?? []).filter((n) => n > 0);
    const frequency = new Map<number, number>();
    for (const n of perLine) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    for (const [fields, agreeing] of frequency) {
      if (agreeing > best.agreeing || (agreeing === best.agreeing && fields > best.fields)) {
        best = { delimiter, agreeing, fields };
      }
    }
  }
  return best.delimiter;
}
