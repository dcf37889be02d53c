import type { PortoutDetails, PortoutListParams } from 'telnyx/resources/portouts/portouts';
import { UsageError } from '../core/errors.js';

const PORTOUT_STATUS_VALUES = ['pending', 'authorized', 'ported', 'rejected', 'rejected-pending', 'canceled'] as const;

/** `portouts list` flags as yargs parses them. */
export interface RawPortoutFilterArgs {
  status?: string[] | undefined;
  carrier?: string | undefined;
  country?: string | undefined;
  'phone-number'?: string | undefined;
  pon?: string | undefined;
  spid?: string | undefined;
  'foc-from'?: string | undefined;
  'foc-to'?: string | undefined;
}

/** Inclusive range of FOC calendar dates (`YYYY-MM-DD`, UTC). */
export interface FocDateRange {
  readonly from: string | undefined;
  readonly to: string | undefined;
}

/**
 * What the list asks Telnyx to filter, and what it filters itself: the API's `filter[foc_date]` matches
 * one exact date only (and does not say whether time of day counts), so a FOC range is applied to the
 * answers and `filter[foc_date]` is never sent.
 */
export interface PortoutListFilters {
  readonly api: PortoutListParams.Filter;
  readonly focRange: FocDateRange;
}

export function resolvePortoutFilters(args: RawPortoutFilterArgs): PortoutListFilters {
  const statuses = (args.status ?? []).flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const parsedStatuses = statuses.map((s) => {
    const status = PORTOUT_STATUS_VALUES.find((value) => value === s);
    if (status === undefined) throw new UsageError(`--status: expected one of ${PORTOUT_STATUS_VALUES.join(', ')}, got "${s}"`);
    return status;
  });
  const country = args.country?.trim().toUpperCase();
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
    throw new UsageError(`--country: expected an ISO 3166 alpha-2 code such as US or GB, got "${args.country ?? ''}"`);
  }
  const phoneNumber = args['phone-number']?.trim();
  if (phoneNumber !== undefined && !/^\+[1-9]\d{6,14}$/.test(phoneNumber)) {
    throw new UsageError(`--phone-number: expected an E.164 number such as +13035551212, got "${phoneNumber}"`);
  }
  const focRange = { from: parseDate('--foc-from', args['foc-from']), to: parseDate('--foc-to', args['foc-to']) };
  if (focRange.from !== undefined && focRange.to !== undefined && focRange.from > focRange.to) {
    throw new UsageError(`--foc-from ${focRange.from} is after --foc-to ${focRange.to}; expected a range from an earlier to a later date`);
  }
  const api: PortoutListParams.Filter = {};
  if (parsedStatuses.length === 1) api.status = parsedStatuses[0];
  if (parsedStatuses.length > 1) api.status_in = parsedStatuses;
  if (args.carrier !== undefined && args.carrier.trim() !== '') api.carrier_name = args.carrier.trim();
  if (country !== undefined) api.country_code = country;
  if (phoneNumber !== undefined) api.phone_number = phoneNumber;
  if (args.pon !== undefined && args.pon.trim() !== '') api.pon = args.pon.trim();
  if (args.spid !== undefined && args.spid.trim() !== '') api.spid = args.spid.trim();
  return { api, focRange };
}

/** Whether the request's FOC date (its calendar day in UTC) lies in the range; no FOC date never matches a range. */
export function isInFocRange(portout: PortoutDetails, range: FocDateRange): boolean {
  if (range.from === undefined && range.to === undefined) return true;
  if (portout.foc_date === undefined || Number.isNaN(Date.parse(portout.foc_date))) return false;
  const day = new Date(portout.foc_date).toISOString().slice(0, 10);
  return (range.from === undefined || day >= range.from) && (range.to === undefined || day <= range.to);
}

function parseDate(flag: string, value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new UsageError(`${flag}: expected a date as YYYY-MM-DD, got "${value}"`);
  }
  return text;
}
