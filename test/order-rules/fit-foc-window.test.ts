import { describe, expect, it } from 'vitest';
import { fitFocToWindows } from '../../src/order-rules/fit-foc-window.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const WINDOWS = [
  { started_at: '2026-11-23T12:00:00Z', ended_at: '2026-11-23T22:00:00Z' },
  { started_at: '2026-11-27T12:00:00Z', ended_at: '2026-11-27T22:00:00Z' },
  { started_at: '2026-11-30T12:00:00Z', ended_at: '2026-11-30T22:00:00Z' },
];

describe('fitting the requested FOC into the allowed windows', () => {
  const cases: Array<{ name: string; requested: string; expected: string; movedFrom?: string; windows?: typeof WINDOWS }> = [
    { name: 'inside a window: kept', requested: '2026-11-27T15:00:00.000Z', expected: '2026-11-27T15:00:00.000Z' },
    { name: 'a date alone, that day has a window: that day, not a move', requested: '2026-11-27T00:00:00.000Z', expected: '2026-11-27T12:00:00.000Z' },
    {
      name: 'a date alone whose midnight is nearer the previous evening: still that day',
      requested: '2026-11-30T00:00:00.000Z',
      expected: '2026-11-30T12:00:00.000Z',
      windows: [
        { started_at: '2026-11-29T12:00:00Z', ended_at: '2026-11-29T22:00:00Z' },
        { started_at: '2026-11-30T12:00:00Z', ended_at: '2026-11-30T22:00:00Z' },
      ],
    },
    { name: 'equally near two windows: the later one', requested: '2026-11-29T05:00:00.000Z', expected: '2026-11-30T12:00:00.000Z', movedFrom: '2026-11-29T05:00:00.000Z', windows: [
      { started_at: '2026-11-27T12:00:00Z', ended_at: '2026-11-27T22:00:00Z' },
      { started_at: '2026-11-30T12:00:00Z', ended_at: '2026-11-30T22:00:00Z' },
    ] },
    { name: 'between windows: the nearest moment', requested: '2026-11-29T20:00:00.000Z', expected: '2026-11-30T12:00:00.000Z', movedFrom: '2026-11-29T20:00:00.000Z' },
    { name: 'after the last window: its end, earlier than asked', requested: '2027-01-15T00:00:00.000Z', expected: '2026-11-30T22:00:00.000Z', movedFrom: '2027-01-15T00:00:00.000Z' },
    { name: 'a window already over is never used (no past date)', requested: '2026-11-23T15:00:00.000Z', expected: '2026-11-27T12:00:00.000Z', movedFrom: '2026-11-23T15:00:00.000Z' },
    { name: 'no windows given: kept as asked', requested: '2026-12-01T15:00:00.000Z', expected: '2026-12-01T15:00:00.000Z', windows: [] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const fitted = fitFocToWindows(testCase.requested, testCase.windows ?? WINDOWS, NOW);
      expect(fitted).toEqual({ focDatetimeRequested: testCase.expected, ...(testCase.movedFrom ? { movedFrom: testCase.movedFrom } : {}) });
    });
  }
});
