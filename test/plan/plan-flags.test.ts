import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { resolvePlanFlags, type RawPlanArgs } from '../../src/plan/plan-flags.js';

const ARGS: RawPlanArgs = { input: 'in.csv', campaign: 'acme-2026', 'max-per-order': 50, 'check-batch': 100, 'lookup-carriers': false };

describe('resolvePlanFlags', () => {
  it('names what was wrong with a count flag, including text yargs turned into NaN', () => {
    expect(() => resolvePlanFlags({ ...ARGS, 'max-per-order': 0 })).toThrow(new UsageError('--max-per-order: expected a whole number from 1 to 10000, got 0'));
    expect(() => resolvePlanFlags({ ...ARGS, 'max-per-order': Number.NaN })).toThrow('--max-per-order: expected a whole number from 1 to 10000, got something that is not a number');
    expect(() => resolvePlanFlags({ ...ARGS, 'check-batch': Number.NaN })).toThrow('--check-batch: expected a whole number from 1 to 10000, got something that is not a number');
  });

  it('refuses a campaign name that is not a safe folder name', () => {
    for (const name of ['../a b/c', 'a/b', '', ' x']) expect(() => resolvePlanFlags({ ...ARGS, campaign: name }), name).toThrow(UsageError);
    expect(resolvePlanFlags(ARGS).campaign).toBe('acme-2026');
  });
});
