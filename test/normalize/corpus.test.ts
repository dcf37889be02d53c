import { describe, expect, it } from 'vitest';
import { normalizeNumber } from '../../src/normalize/normalize-number.js';
import { CORPUS, type CorpusCase } from './corpus.js';

function outcomeOf(c: CorpusCase): unknown {
  const outcome = normalizeNumber(c.cell, c.country, c.defaultCountry);
  if (!outcome.ok) return { code: outcome.code };
  if (!('e164' in c.expected)) return { e164: outcome.e164 };
  return {
    e164: outcome.e164,
    country: outcome.country,
    ...(c.expected.type === undefined ? {} : { type: outcome.numberType }),
    notes: outcome.notes.map((n) => n.code),
  };
}

function expectedOf(c: CorpusCase): unknown {
  if ('code' in c.expected) return { code: c.expected.code };
  const { e164, country, type, notes = [] } = c.expected;
  return { e164, country, ...(type === undefined ? {} : { type }), notes };
}

describe('normalizer corpus', () => {
  it('has at least 300 inputs', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
  });

  it.each(CORPUS.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    expect(outcomeOf(c)).toEqual(expectedOf(c));
  });

  it('gives zero wrong E.164 over the whole corpus (a number is right or flagged, never different)', () => {
    const wrong = CORPUS.flatMap((c) => {
      const outcome = normalizeNumber(c.cell, c.country, c.defaultCountry);
      if (!outcome.ok) return [];
      const expected = 'e164' in c.expected ? c.expected.e164 : undefined;
      return outcome.e164 === expected ? [] : [`${c.label}: got ${outcome.e164}, expected ${expected ?? 'an issue'}`];
    });
    expect(wrong).toEqual([]);
  });
});
