import { filterValues, ok, paginate, SimApiError, type SimRequest } from '../http.js';
import type { DocumentStore } from '../documents-store.js';
import { ACCOUNT_USER_ID, PORTOUT_STATUSES, type PortoutStatus, type SeedComment, type SeedSupportingDocument } from '../portouts-seed.js';
import {
  DEFAULT_PORTOUT_COUNT,
  PORTOUTS_MODULE,
  PortoutStore,
  seedPortoutState,
  type PortoutFilter,
  type PortoutModuleState,
  type PortoutRecord,
} from '../portouts-store.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';
import { providePortoutsForReports, type PortoutReportRow } from './reports.js';

const UPDATABLE_STATUSES = ['authorized', 'rejected-pending'] as const;
type UpdatableStatus = (typeof UPDATABLE_STATUSES)[number];

/** Most port-outs `POST /_sim/portouts/reset` seeds (keeps a typo from building a huge state file). */
const MAX_SEEDED_PORTOUTS = 10_000;

/**
 * The simulator's port-out store; seeded with `DEFAULT_PORTOUT_COUNT` requests on first use (at
 * startup), or restored from the state file. In-process tests call `portoutStore(handle.state)`.
 */
export function portoutStore(ctx: Pick<SimContext, 'clock' | 'seed' | 'moduleState' | 'portoutObserver'>): PortoutStore {
  const state = ctx.moduleState<PortoutModuleState>(PORTOUTS_MODULE, () => seedPortoutState(ctx.seed, DEFAULT_PORTOUT_COUNT, ctx.clock.nowMs()));
  return new PortoutStore(ctx.clock, state, ctx.portoutObserver);
}

/** Every port-out, brought up to the clock, for the port-out report CSV (`registerReportRoutes`' source). */
export function portoutReportRows(ctx: Pick<SimContext, 'clock' | 'seed' | 'moduleState'>): PortoutReportRow[] {
  return portoutStore(ctx)
    .list({})
    .map((record) => {
      const json = renderPortout(record);
      return {
        id: record.id,
        support_key: record.supportKey,
        status: record.status,
        phone_numbers: [...record.phoneNumbers],
        carrier_name: record.carrierName,
        spid: record.spid,
        pon: record.pon,
        end_user_name: record.endUserName,
        authorized_name: record.authorizedName,
        city: record.city,
        state: record.state,
        zip: record.zip,
        requested_foc_date: String(json.requested_foc_date),
        foc_date: String(json.foc_date),
        rejection_code: record.rejectionCode ?? null,
        reason: record.reason,
        created_at: String(json.created_at),
        updated_at: String(json.updated_at),
      };
    });
}

/**
 * Port-out endpoints. List, retrieve, rejection codes and status update are in the spec; comments and
 * supporting documents exist only in the SDK (`client.portouts.comments`, `.supportingDocuments`), so
 * their shapes follow the SDK's types. Test controls (no auth, not counted):
 * - `POST /_sim/portouts/:id/reopen`: the Porting Ops move of a `rejected-pending` request back to `pending`;
 * - `POST /_sim/portouts/reset` `{count}`: replace every request with `count` freshly seeded ones.
 */
export function registerPortoutRoutes(router: Router, ctx: SimContext): void {
  // Seed now, so creation times are relative to the simulator's start, not to the first request.
  portoutStore(ctx);
  providePortoutsForReports(ctx, () => portoutReportRows(ctx));
  const store = (): PortoutStore => portoutStore(ctx);
  router
    .add('GET', '/portouts', (request) => ok(paginate(store().list(parsePortoutFilter(request.query)).map(renderPortout), request.query)))
    .add('GET', '/portouts/rejections/:portout_id', (request) => {
      const codes = store().rejectionCodes(request.params.portout_id ?? '', parseCodeFilter(request.query));
      return ok({ data: codes.map((c) => ({ code: c.code, description: c.description, reason_required: c.reasonRequired })) });
    })
    .add('GET', '/portouts/:id', (request) => ok({ data: renderPortout(store().get(request.params.id ?? '')) }))
    .add('PATCH', '/portouts/:id/:status', (request) => {
      const status = parseUpdatableStatus(request.params.status ?? '');
      const updated = store().updateStatus(request.params.id ?? '', status, parseStatusBody(request.body));
      return ok({ data: renderPortout(updated) });
    })
    .add('GET', '/portouts/:id/comments', (request) => {
      const id = request.params.id ?? '';
      const comments = store().comments(id).map((c) => renderComment(id, c));
      return ok({ data: comments, meta: { page_number: 1, page_size: comments.length, total_pages: 1, total_results: comments.length } });
    })
    .add('POST', '/portouts/:id/comments', (request) => {
      const id = request.params.id ?? '';
      const body = bodyObject(request.body).body;
      if (typeof body !== 'string' || body.trim() === '') throw SimApiError.invalid('/body', 'body: expected the comment text, got none');
      return ok({ data: renderComment(id, store().addComment(id, body, ACCOUNT_USER_ID)) }, 201);
    })
    .add('GET', '/portouts/:id/supporting_documents', (request) => {
      const id = request.params.id ?? '';
      return ok({ data: store().supportingDocuments(id).map((d) => renderSupportingDocument(id, d)) });
    })
    .add('POST', '/portouts/:id/supporting_documents', (request) => {
      const id = request.params.id ?? '';
      store().get(id);
      const documents = parseSupportingDocuments(request, ctx.documents);
      for (const document of documents) ctx.documents.link(document.documentId);
      return ok({ data: store().addSupportingDocuments(id, documents).map((d) => renderSupportingDocument(id, d)) }, 201);
    })
    .add('POST', '/_sim/portouts/:id/reopen', (request) => {
      const reopened = store().reopen(request.params.id ?? '');
      ctx.markChanged();
      return ok({ data: renderPortout(reopened) });
    })
    .add('POST', '/_sim/portouts/reset', (request) => {
      const count = request.body === undefined ? DEFAULT_PORTOUT_COUNT : bodyObject(request.body).count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_SEEDED_PORTOUTS) {
        throw SimApiError.invalid('/count', `count: expected a whole number from 0 to ${MAX_SEEDED_PORTOUTS}, got ${JSON.stringify(count)}`);
      }
      store().reset(ctx.seed, count);
      ctx.markChanged();
      return ok({ data: { count } });
    });
}

function renderPortout(record: PortoutRecord): Record<string, unknown> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    id: record.id,
    record_type: 'portout',
    phone_numbers: [...record.phoneNumbers],
    authorized_name: record.authorizedName,
    carrier_name: record.carrierName,
    current_carrier: 'telnyx',
    end_user_name: record.endUserName,
    city: record.city,
    state: record.state,
    zip: record.zip,
    lsr: [`https://example.com/files/lsr-${record.supportKey}.pdf`],
    pon: record.pon,
    reason: record.reason,
    // The spec types rejection_code as a plain integer (no null), so it is left out until there is one.
    ...(record.rejectionCode === undefined || record.rejectionCode === null ? {} : { rejection_code: record.rejectionCode }),
    service_address: record.serviceAddress,
    foc_date: iso(record.focMs),
    requested_foc_date: iso(record.requestedFocMs),
    spid: record.spid,
    support_key: record.supportKey,
    status: record.status,
    already_ported: record.status === 'ported',
    user_id: record.userId,
    vendor: record.vendor,
    created_at: iso(record.createdAtMs),
    inserted_at: iso(record.createdAtMs),
    updated_at: iso(record.updatedAtMs),
    host_messaging: record.hostMessaging,
  };
}

function renderComment(portoutId: string, comment: SeedComment): Record<string, unknown> {
  return {
    id: comment.id,
    body: comment.body,
    created_at: new Date(comment.createdAtMs).toISOString(),
    user_id: comment.userId,
    portout_id: portoutId,
    record_type: 'portout_comment',
  };
}

function renderSupportingDocument(portoutId: string, document: SeedSupportingDocument): Record<string, unknown> {
  const at = new Date(document.createdAtMs).toISOString();
  return {
    id: document.id,
    created_at: at,
    document_id: document.documentId,
    portout_id: portoutId,
    record_type: 'portout_supporting_document',
    type: document.type,
    updated_at: at,
  };
}

/** The filters the spec declares for `GET /portouts`; any other `filter[...]` is ignored, as production would. */
function parsePortoutFilter(query: URLSearchParams): PortoutFilter {
  const one = (name: string): string | undefined => filterValues(query, name)?.[0];
  const status = one('status');
  const statusIn = filterValues(query, 'status_in');
  const countryCodeIn = filterValues(query, 'country_code_in');
  const focDate = one('foc_date');
  return {
    ...(status === undefined ? {} : { status: parseStatus('status', status) }),
    ...(statusIn === undefined ? {} : { statusIn: statusIn.map((s) => parseStatus('status_in', s)) }),
    ...optional('carrierName', one('carrier_name')),
    ...optional('countryCode', one('country_code')),
    ...(countryCodeIn === undefined ? {} : { countryCodeIn }),
    ...(focDate === undefined ? {} : { focDate: new Date(parseTime('foc_date', focDate)).toISOString().slice(0, 10) }),
    ...optionalTime('insertedAtGteMs', 'inserted_at][gte', one('inserted_at][gte')),
    ...optionalTime('insertedAtLteMs', 'inserted_at][lte', one('inserted_at][lte')),
    ...optionalTime('portedOutAtGteMs', 'ported_out_at][gte', one('ported_out_at][gte')),
    ...optionalTime('portedOutAtLteMs', 'ported_out_at][lte', one('ported_out_at][lte')),
    ...optional('phoneNumber', one('phone_number')),
    ...optional('pon', one('pon')),
    ...optional('spid', one('spid')),
    ...optional('supportKey', one('support_key')),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function optionalTime<K extends string>(key: K, filter: string, value: string | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: parseTime(filter, value) } as Record<K, number>);
}

function parseTime(filter: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidParameter(`filter[${filter}]`, `expected an ISO 8601 date-time, got "${value}"`);
  return ms;
}

function parseStatus(filter: string, value: string): PortoutStatus {
  const status = PORTOUT_STATUSES.find((s) => s === value);
  if (status === undefined) throw invalidParameter(`filter[${filter}]`, `expected one of ${PORTOUT_STATUSES.join(', ')}, got "${value}"`);
  return status;
}

/** `filter[code]` (one integer, or the SDK's comma list) and `filter[code][in]`. */
function parseCodeFilter(query: URLSearchParams): number[] | undefined {
  const values = [...(filterValues(query, 'code') ?? []), ...(filterValues(query, 'code][in') ?? [])];
  if (values.length === 0) return undefined;
  return values.map((value) => {
    const code = Number(value);
    if (!Number.isInteger(code)) throw invalidParameter('filter[code]', `expected an integer rejection code, got "${value}"`);
    return code;
  });
}

function parseUpdatableStatus(value: string): UpdatableStatus {
  const status = UPDATABLE_STATUSES.find((s) => s === value);
  if (status === undefined) {
    throw new SimApiError(422, [
      { code: '10015', title: 'Invalid value', detail: `status: expected authorized or rejected-pending, got "${value}"`, source: { parameter: 'status' } },
    ]);
  }
  return status;
}

/**
 * The body schema requires `reason` (even to authorize) and allows `host_messaging`; `rejection_code`
 * is not in the schema but the port-out guide sends it to reject, so it is accepted.
 */
function parseStatusBody(raw: unknown): { reason: string; hostMessaging: boolean | undefined; rejectionCode: number | undefined } {
  const body = raw === undefined ? {} : bodyObject(raw);
  const { reason, host_messaging: hostMessaging, rejection_code: rejectionCode } = body;
  if (typeof reason !== 'string') {
    throw SimApiError.invalid('/reason', reason === undefined ? 'reason is required' : `reason: expected a string, got ${typeof reason}`);
  }
  if (hostMessaging !== undefined && typeof hostMessaging !== 'boolean') {
    throw SimApiError.invalid('/host_messaging', `host_messaging: expected true or false, got ${JSON.stringify(hostMessaging)}`);
  }
  if (rejectionCode !== undefined && rejectionCode !== null && (typeof rejectionCode !== 'number' || !Number.isInteger(rejectionCode))) {
    throw SimApiError.invalid('/rejection_code', `rejection_code: expected an integer, got ${JSON.stringify(rejectionCode)}`);
  }
  return { reason, hostMessaging, rejectionCode: typeof rejectionCode === 'number' ? rejectionCode : undefined };
}

function parseSupportingDocuments(request: SimRequest, documents: DocumentStore): Array<{ documentId: string; type: 'loa' | 'invoice' }> {
  const list = bodyObject(request.body).documents;
  if (!Array.isArray(list) || list.length === 0) {
    throw SimApiError.invalid('/documents', 'documents: expected a non-empty list of {document_id, type}');
  }
  return list.map((item: unknown, index) => {
    const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const documentId = entry.document_id;
    const type = entry.type;
    if (typeof documentId !== 'string' || !documents.has(documentId)) {
      throw SimApiError.invalid(`/documents/${index}/document_id`, `document_id: expected the id of an uploaded document, got ${JSON.stringify(documentId)}`);
    }
    if (type !== 'loa' && type !== 'invoice') {
      throw SimApiError.invalid(`/documents/${index}/type`, `type: expected loa or invoice, got ${JSON.stringify(type)}`);
    }
    return { documentId, type };
  });
}

function bodyObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw SimApiError.invalid('', 'expected a JSON object as the request body');
  }
  return raw as Record<string, unknown>;
}

function invalidParameter(parameter: string, detail: string): SimApiError {
  return new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: `${parameter}: ${detail}`, source: { parameter } }]);
}
