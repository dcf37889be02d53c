import { describe, expect, it } from 'vitest';
import { describeDiffCounts, diffExports } from '../../src/export/diff-exports.js';

describe('diffExports', () => {
  it('lists new and changed rows in the new order, then removed rows in the old order', () => {
    const previous = new Map([
      ['a', 'submitted'],
      ['b', 'in-process'],
      ['c', 'draft'],
      ['d', 'ported'],
    ]);
    const current = new Map([
      ['e', 'draft'],
      ['b', 'foc-date-confirmed'],
      ['a', 'submitted'],
    ]);
    const diff = diffExports(previous, current);
    expect(diff.changes).toEqual([
      { change: 'new', id: 'e', oldStatus: '', newStatus: 'draft' },
      { change: 'status_changed', id: 'b', oldStatus: 'in-process', newStatus: 'foc-date-confirmed' },
      { change: 'removed', id: 'c', oldStatus: 'draft', newStatus: '' },
      { change: 'removed', id: 'd', oldStatus: 'ported', newStatus: '' },
    ]);
    expect(describeDiffCounts(diff.counts)).toBe('1 new, 1 status changed, 2 removed');
  });

  it('reports nothing for identical exports', () => {
    const index = new Map([['a', 'ported']]);
    expect(diffExports(index, new Map(index))).toEqual({ changes: [], counts: { new: 0, status_changed: 0, removed: 0 } });
  });
});
