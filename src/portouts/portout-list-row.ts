import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import type { PortoutComment } from 'telnyx/resources/portouts/comments';
import type { PortOutSupportingDocument } from 'telnyx/resources/portouts/supporting-documents';

/**
 * Telnyx authorizes a port-out nobody answered "within 24 or 48 hours" of its arrival (port-out
 * quickstart); which of the two applies is not exposed by the API, so the sheet shows both bounds and
 * a person should act before the earlier one.
 */
const AUTO_AUTHORIZE_EARLIEST_HOURS = 24;
const AUTO_AUTHORIZE_LATEST_HOURS = 48;

/**
 * What a port-out request asks for (numbers, gaining carrier, end user, dates), in the order both the
 * list and the review sheet show it.
 */
export const PORTOUT_REQUEST_COLUMNS = [
  'phone_numbers',
  'number_count',
  'carrier_name',
  'spid',
  'pon',
  'end_user_name',
  'authorized_name',
  'service_address',
  'city',
  'state',
  'zip',
  'requested_foc_date',
  'foc_date',
] as const;

/** Columns of portouts.csv / the Portouts sheet, in order. */
export const PORTOUT_LIST_COLUMNS = [
  'portout_id',
  'support_key',
  'status',
  ...PORTOUT_REQUEST_COLUMNS,
  'rejection_code',
  'reason',
  'host_messaging',
  'auto_authorize_earliest_in_hours',
  'auto_authorize_latest_in_hours',
  'created_at',
  'updated_at',
  'comments_count',
  'last_comment',
  'last_comment_at',
  'supporting_documents',
] as const;

export type PortoutListColumn = (typeof PORTOUT_LIST_COLUMNS)[number];

/** Numbers stay numbers in XLSX (hours, counts); everything else is text, '' when Telnyx gave nothing. */
export type PortoutListRow = Readonly<Record<PortoutListColumn, string | number>>;

/** What the list adds to a port-out: its comments and supporting documents (one call each). */
export interface PortoutExtras {
  readonly comments: readonly PortoutComment[];
  readonly documents: readonly PortOutSupportingDocument[];
}

export function buildPortoutListRow(portout: PortoutDetails, extras: PortoutExtras, now: Date): PortoutListRow {
  const window = autoAuthorizeWindow(portout, now);
  const lastComment = [...extras.comments].sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1);
  const numbers = portout.phone_numbers ?? [];
  return {
    portout_id: portout.id ?? '',
    support_key: portout.support_key ?? '',
    status: portout.status ?? '',
    phone_numbers: numbers.join(' '),
    number_count: numbers.length,
    carrier_name: portout.carrier_name ?? '',
    spid: portout.spid ?? '',
    pon: portout.pon ?? '',
    end_user_name: portout.end_user_name ?? '',
    authorized_name: portout.authorized_name ?? '',
    service_address: portout.service_address ?? '',
    city: portout.city ?? '',
    state: portout.state ?? '',
    zip: portout.zip ?? '',
    requested_foc_date: portout.requested_foc_date ?? '',
    foc_date: portout.foc_date ?? '',
    rejection_code: portout.rejection_code ?? '',
    reason: portout.reason ?? '',
    host_messaging: portout.host_messaging === undefined ? '' : String(portout.host_messaging),
    auto_authorize_earliest_in_hours: window?.earliestHours ?? '',
    auto_authorize_latest_in_hours: window?.latestHours ?? '',
    created_at: portout.created_at ?? '',
    updated_at: portout.updated_at ?? '',
    comments_count: extras.comments.length,
    last_comment: lastComment?.body ?? '',
    last_comment_at: lastComment?.created_at ?? '',
    supporting_documents: extras.documents.map((d) => `${d.type}:${d.document_id}`).join(' '),
  };
}

/**
 * Hours left (one decimal, never below 0) before Telnyx may and must auto-authorize a pending request,
 * counted from its creation; undefined for a request that is not pending or has no creation time.
 */
export function autoAuthorizeWindow(portout: PortoutDetails, now: Date): { earliestHours: number; latestHours: number } | undefined {
  if (portout.status !== 'pending' || portout.created_at === undefined) return undefined;
  const createdMs = Date.parse(portout.created_at);
  if (Number.isNaN(createdMs)) return undefined;
  const ageHours = (now.getTime() - createdMs) / 3_600_000;
  const left = (limit: number): number => Math.max(0, Math.round((limit - ageHours) * 10) / 10);
  return { earliestHours: left(AUTO_AUTHORIZE_EARLIEST_HOURS), latestHours: left(AUTO_AUTHORIZE_LATEST_HOURS) };
}
