import { describe, expect, it } from 'vitest';
import { checkLoaConfiguration } from '../../src/loa/loa-configuration-rules.js';
import { loaFileNames } from '../../src/loa/loa-file-name.js';
import { parseShareExpiry } from '../../src/share/share-expiry.js';

const GOOD = {
  name: 'Acme letterhead',
  company_name: 'Acme Migration Partners',
  address: { street_address: '600 Congress Avenue', extended_address: '14th Floor', city: 'Austin', state: 'TX', zip_code: '78701', country_code: 'US' },
  contact: { email: 'porting@acme.example', phone_number: '+12003270001' },
};

describe('LOA configuration rules', () => {
  it('accepts a complete configuration with the logo given as a file', () => {
    const checked = checkLoaConfiguration(GOOD, { isFileGiven: true, mayKeepCurrent: false });
    expect(checked).toEqual({ isValid: true, body: GOOD });
  });

  it('lists every problem at once, each with its pointer and what was found', () => {
    const checked = checkLoaConfiguration(
      { name: '', company_name: 'Acme', adress: {}, address: { street_address: 'x', city: 'Austin', state: 'Texas', zip_code: '7870', country_code: 'usa' }, contact: { email: 'nobody', phone_number: '2003270001' } },
      { isFileGiven: false, mayKeepCurrent: false },
    );
    expect(checked.isValid).toBe(false);
    if (checked.isValid) return;
    expect(checked.problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual([
      '/adress: is not a field of an LOA configuration here (expected name, company_name, address, contact, logo)',
      '/name: is required',
      '/address/state: expected a two-letter state or province code such as TX, got "Texas"',
      '/address/zip_code: expected a ZIP code such as 78701 or 78701-1234, got "7870"',
      '/address/country_code: expected a two-letter country code such as US, got "usa"',
      '/contact/email: expected an email address such as porting@example.com, got "nobody"',
      '/contact/phone_number: expected a phone number in +E.164 with 11 to 15 digits such as +12003270001, got "2003270001"',
      '/logo: is required: give --logo FILE.png (uploaded as a document) or "logo": {"document_id": "…"} in the file',
    ]);
  });

  it.each([
    ['not an object', [], '/'],
    ['a logo twice', { ...GOOD, logo: { document_id: '0a4b78a0-d416-4761-94f7-46c72ec56547' } }, '/logo'],
    ['a logo id that is not a uuid', { ...GOOD, logo: { document_id: 'logo.png' } }, '/logo/document_id'],
    ['a number for text', { ...GOOD, address: { ...GOOD.address, zip_code: 78701 } }, '/address/zip_code'],
  ])('refuses %s', (_what, raw, pointer) => {
    const checked = checkLoaConfiguration(raw, { isFileGiven: pointer === '/logo', mayKeepCurrent: false });
    expect(checked.isValid).toBe(false);
    if (!checked.isValid) expect(checked.problems.map((p) => p.pointer)).toContain(pointer);
  });

  it('update may keep the current logo', () => {
    expect(checkLoaConfiguration(GOOD, { isFileGiven: false, mayKeepCurrent: true }).isValid).toBe(true);
  });
});

describe('LOA file names', () => {
  it.each([
    ['Acme Widgets LLC', 'p-1a2b3c', 'Acme-Widgets-LLC-p-1a2b3c.pdf'],
    ['Société Générale / Paris', 'k1', 'Societe-Generale-Paris-k1.pdf'],
    ['../../etc/passwd', 'k2', 'etc-passwd-k2.pdf'],
    ['CON', 'k3', '_CON-k3.pdf'],
    ['', 'k4', 'end-user-k4.pdf'],
    ['株式会社', 'k5', 'end-user-k5.pdf'],
    ['.hidden', 'k6', 'hidden-k6.pdf'],
  ])('%s + %s → %s', (endUser, orderKey, expected) => {
    expect(loaFileNames([{ orderId: 'o1', endUser, orderKey }]).get('o1')).toBe(expected);
  });

  it('orders that would share a name (a split part, or names differing only in case) get their order id', () => {
    const names = loaFileNames([
      { orderId: 'aaaa-1', endUser: 'Acme', orderKey: 'k' },
      { orderId: 'bbbb-2', endUser: 'ACME', orderKey: 'K' },
      { orderId: 'cccc-3', endUser: 'Globex', orderKey: 'k' },
    ]);
    expect([...names.values()]).toEqual(['Acme-k-aaaa-1.pdf', 'ACME-K-bbbb-2.pdf', 'Globex-k.pdf']);
  });
});

describe('share --expires', () => {
  it.each([
    ['48h', 172_800],
    ['2d', 172_800],
    ['90m', 5_400],
    ['3600', 3_600],
  ])('%s → %d seconds', (text, seconds) => {
    expect(parseShareExpiry(text)).toBe(seconds);
  });

  it.each([
    [undefined, 'share: --expires is required'],
    ['49h', '--expires: at most 48h (172,800 seconds, the longest a sharing token may last), got "49h" (176,400 seconds)'],
    ['3d', 'got "3d" (259,200 seconds)'],
    ['soon', '--expires: expected a duration such as 90m, 24h or 2d, got "soon"'],
    ['500ms', '--expires: expected at least 1 second, got "500ms"'],
  ])('%s is refused', (text, message) => {
    expect(() => parseShareExpiry(text)).toThrow(message);
  });
});
