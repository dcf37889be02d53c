import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, restoreFormula } from '../../src/output/neutralize-formula.js';

describe('neutralizeFormula', () => {
  it.each([
    ['=SUM(1)', "'=SUM(1)"],
    ['+1 415 555 0132', "'+1 415 555 0132"],
    ['-5', "'-5"],
    ['@x', "'@x"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ["'=x", "''=x"],
    ['+14155550132', '+14155550132'],
    ['+442079460123', '+442079460123'],
    ['+123456', "'+123456"],
    ['+1234567890123456', "'+1234567890123456"],
    ['+04155550132', "'+04155550132"],
    ['+14155550132 x22', "'+14155550132 x22"],
    ['00123', '00123'],
    ['4155550132', '4155550132'],
    ["'abc", "'abc"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
    expect(restoreFormula(expected)).toBe(input);
  });

  it('leaves every valid E.164 value as written', () => {
    fc.assert(fc.property(fc.stringMatching(/^\+[1-9]\d{6,14}$/), (e164) => neutralizeFormula(e164) === e164));
  });

  it('never lets a cell start a formula unless it is a valid E.164 value', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const out = neutralizeFormula(value);
        return !/^[=+\-@\t\r]/.test(out) || /^\+[1-9]\d{6,14}$/.test(out);
      }),
    );
  });

  it('is undone exactly by restoreFormula', () => {
    const awkward = fc.stringMatching(/^'{0,3}[=+\-@\t\r'a1]?.{0,8}$/);
    fc.assert(fc.property(fc.oneof(fc.string(), awkward), (value) => restoreFormula(neutralizeFormula(value)) === value));
  });
});
