import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../../src/core/records.js';
import { readPhoneCell, readRangeColumns, type CellReading } from '../../../src/normalize/normalize-range.js';

interface RangeCase {
  readonly line: number;
  readonly country: string;
  readonly cell: string;
  readonly expected: string;
}

/** The corpus file: `country ⇥ cell ⇥ expected`, `#` lines are comments (see the file's header). */
function loadCorpus(): RangeCase[] {
  const text = readFileSync(new URL('range-corpus.tsv', import.meta.url), 'utf8');
  return text.split('\n').flatMap((raw, at) => {
    if (raw.trim() === '' || raw.startsWith('#')) return [];
    const [country = '', cell = '', expected = ''] = raw.split('\t');
    return [{ line: at + 1, country, cell: JSON.parse(`"${cell.replace(/"/g, '\\"')}"`) as string, expected }];
  });
}

/** An XLSX cell holding a subtraction: the text and value are what Excel computed. */
function formulaCell(formula: string): RawCell {
  const match = /^=?\+?(\d+)-(\d+)$/.exec(formula);
  if (match?.[1] === undefined || match[2] === undefined) throw new Error(`not a subtraction: ${formula}`);
  const value = Number(match[1]) - Number(match[2]);
  return { text: String(value), numeric: { value, isScientific: false }, formula };
}

function read(c: RangeCase): CellReading {
  if (c.cell.startsWith('xlsx:')) return readPhoneCell(formulaCell(c.cell.slice(5)), c.country, 'US');
  if (c.cell.startsWith('cols:')) {
    const [start = '', end = ''] = c.cell.slice(5).split('|');
    return readRangeColumns(start, end, c.country, 'US');
  }
  return readPhoneCell({ text: c.cell }, c.country, 'US');
}

function describeReading(reading: CellReading): string {
  switch (reading.kind) {
    case 'number':
      return reading.outcome.ok ? `number ${reading.outcome.e164}` : `issue ${reading.outcome.code}`;
    case 'bad_range':
      return `issue ${reading.code}`;
    case 'range': {
      const notes = reading.notes.filter((n) => n.code === 'RANGE_FROM_FORMULA').map((n) => n.code);
      return `range ${reading.range.start} ${reading.range.end}${notes.length > 0 ? ` note ${notes.join(',')}` : ''}`;
    }
  }
}

const CORPUS = loadCorpus();

describe('range corpus', () => {
  it('has at least 100 cases, spreadsheet-mangled ones included', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(CORPUS.filter((c) => c.cell.startsWith('xlsx:')).length).toBeGreaterThanOrEqual(5);
    expect(CORPUS.some((c) => c.cell.includes('\u2013'))).toBe(true);
    expect(CORPUS.some((c) => / bis /i.test(c.cell)) && CORPUS.some((c) => / à /.test(c.cell)) && CORPUS.some((c) => / to /.test(c.cell))).toBe(true);
  });

  it.each(CORPUS.map((c) => [`line ${c.line}: ${c.country} ${JSON.stringify(c.cell)}`, c] as const))('%s', (_label, c) => {
    expect(describeReading(read(c))).toBe(c.expected);
  });
});

describe('range readings', () => {
  it('gives the size and type of a range and says where a bad one went wrong', () => {
    const reading = readPhoneCell({ text: '+49 30 2449999 00 - 99' }, undefined, 'US');
    expect(reading).toMatchObject({ kind: 'range', range: { country: 'DE', size: 100, numberType: 'local' } });
    const reversed = readPhoneCell({ text: '0207 946 0199 to 0100' }, 'GB', 'US');
    expect(reversed).toEqual({ kind: 'bad_range', code: 'RANGE_REVERSED', detail: 'expected the range\'s start before its end, got "0207 946 0199 to 0100" (+442079460199 is after +442079460100)' });
  });

  it('names the formula it read and what Excel showed', () => {
    const reading = readPhoneCell(formulaCell('+4930244999900-99'), 'DE', 'US');
    expect(reading.kind === 'range' ? reading.notes[0]?.detail : '').toBe(
      'read the formula "=+4930244999900-99" (Excel computed "4930244999801") as the range +4930244999900 to +4930244999999; type ranges into a text-formatted cell',
    );
  });

  it('leaves a computed subtraction alone in CSV: without the formula only the difference is there', () => {
    expect(describeReading(readPhoneCell({ text: '4930244999801' }, 'DE', 'US'))).toBe('number +4930244999801');
  });
});
