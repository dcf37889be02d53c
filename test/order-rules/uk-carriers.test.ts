import { describe, expect, it } from 'vitest';
import { matchUkCarrier, type UkCarrier } from '../../src/order-rules/uk-carriers.js';

const CARRIERS: readonly UkCarrier[] = [
  { name: 'BT', cupid: '001', alternativeCupids: ['002', '005'] },
  { name: 'Virgin Media', cupid: '017', alternativeCupids: ['061'] },
  { name: 'Gamma Telecom', cupid: '105', alternativeCupids: ['175', '209'] },
  { name: 'Telefonica UK (O2)', cupid: '004', alternativeCupids: [] },
];

describe('matchUkCarrier', () => {
  it.each([
    ['Virgin Media', 'Virgin Media'],
    ['virgin-media', 'Virgin Media'],
    ['  VIRGIN MEDIA. ', 'Virgin Media'],
    ['017', 'Virgin Media'],
    ['061', 'Virgin Media'],
    ['CUPID 061', 'Virgin Media'],
    ['cupid-209', 'Gamma Telecom'],
    ['b.t.', 'BT'],
    ['Telefónica UK O2', 'Telefonica UK (O2)'],
  ])('%s is %s', (cell, name) => {
    const match = matchUkCarrier(cell, CARRIERS);
    expect('carrier' in match ? match.carrier.name : match.problem).toBe(name);
  });

  it('an unknown carrier lists the closest names', () => {
    const match = matchUkCarrier('Gamma Telecomm', CARRIERS);
    expect('problem' in match ? match.problem : '').toBe(
      'expected a UK carrier name or CUPID from Telnyx\'s list (GET /porting/uk_carriers), got "Gamma Telecomm"; closest: "Gamma Telecom", "BT", "Virgin Media"',
    );
    expect('problem' in matchUkCarrier('999', CARRIERS)).toBe(true);
    expect('problem' in matchUkCarrier('Gamma', CARRIERS) ? (matchUkCarrier('Gamma', CARRIERS) as { problem: string }).problem : '').toContain('closest: "Gamma Telecom"');
  });
});
