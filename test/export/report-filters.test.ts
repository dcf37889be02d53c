import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { EXPORT_KIND_SPECS } from '../../src/export/export-kind.js';
import { buildReportFilters, type RawExportFilters } from '../../src/export/report-filters.js';

const NOW = new Date('2026-11-24T02:00:00.000Z');
const EMPTY: RawExportFilters = { status: [], customerReference: [], phoneNumber: [] };
const orders = EXPORT_KIND_SPECS['porting-orders'];
const portouts = EXPORT_KIND_SPECS['port-outs'];

describe('buildReportFilters', () => {
  it('sends an empty filters object when no flag is given (Telnyx requires params.filters)', () => {
    expect(buildReportFilters(orders, EMPTY, NOW)).toEqual({});
  });

  it.each([
    ['2026-11-01', '2026-11-30', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-11-01T06:30:00Z', '2026-11-02T06:30:00+01:00', '2026-11-01T06:30:00.000Z', '2026-11-02T05:30:00.000Z'],
    ['36h', undefined, '2026-11-22T14:00:00.000Z', undefined],
    ['1d', '2026-11-24', '2026-11-23T02:00:00.000Z', '2026-11-25T00:00:00.000Z'],
  ])('--since %s --until %s → created_at__gt %s, created_at__lt %s', (since, until, gt, lt) => {
    const filters = buildReportFilters(orders, { ...EMPTY, since, until }, NOW);
    expect(filters.created_at__gt).toBe(gt);
    expect(filters.created_at__lt).toBe(lt);
  });

  it('splits repeated and comma-separated lists and drops duplicates', () => {
    const filters = buildReportFilters(orders, { ...EMPTY, status: ['ported,exception', 'ported'], customerReference: ['a, b', 'c'] }, NOW);
    expect(filters).toEqual({ status__in: ['ported', 'exception'], customer_reference__in: ['a', 'b', 'c'] });
  });

  it('passes the port-out only filters for port-outs', () => {
    const filters = buildReportFilters(portouts, { ...EMPTY, endUserName: ' Acme ', phoneNumber: ['+13125550100,+13125550101'], status: ['canceled'] }, NOW);
    expect(filters).toEqual({ end_user_name: 'Acme', phone_numbers__overlaps: ['+13125550100', '+13125550101'], status__in: ['canceled'] });
  });

  it.each([
    [orders, { status: ['canceled'] }, '--status: expected one of draft, in-process, submitted, exception, foc-date-confirmed, cancel-pending, ported, cancelled for porting-orders, got "canceled"'],
    [portouts, { status: ['cancelled'] }, '--status: expected one of pending, authorized, ported, rejected, rejected-pending, canceled for port-outs, got "cancelled"'],
    [orders, { endUserName: 'Acme' }, '--end-user-name: only port-out reports filter by it, got it for porting-orders'],
    [orders, { phoneNumber: ['+13125550100'] }, '--phone-number: only port-out reports filter by it, got it for porting-orders'],
    [portouts, { phoneNumber: ['3125550100'] }, '--phone-number: expected a number in +E.164 form such as +13125550123, got "3125550100"'],
    [orders, { since: '2026-02-30' }, '--since: expected a real calendar date, got "2026-02-30"'],
    [orders, { since: '90' }, '--since: expected a date (2026-11-01), a date-time (2026-11-01T06:00:00Z) or a time back from now (36h, 7d), got "90"'],
    [orders, { since: '2026-11-05', until: '2026-11-04' }, '--since/--until: expected --since before --until, got --since 2026-11-05 (2026-11-05T00:00:00.000Z) and --until 2026-11-04 (before 2026-11-05T00:00:00.000Z)'],
  ] as const)('refuses bad flags with a usage error (%#)', (spec, raw, message) => {
    const call = (): unknown => buildReportFilters(spec, { ...EMPTY, ...raw }, NOW);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
  });
});
