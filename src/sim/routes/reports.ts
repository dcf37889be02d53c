import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { ok, paginate, SimApiError, type SimRequest } from '../http.js';
import { PORTING_ORDER_STATUSES, type PortingOrderJson } from '../orders/porting-order-json.js';
import { PORTOUT_STATUSES } from '../portouts-seed.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';

/**
 * Porting and port-out reports (api-facts §6): `POST` creates a `pending` report, `GET …/{id}`
 * turns it `completed` once it has been asked about `pendingPolls` times and `pendingMs` of
 * simulated time has passed; completing renders the CSV from the data at that moment and stores
 * it as a document, so `GET /documents/{id}/download` serves it (and the core's slow-download
 * fault applies to it).
 *
 * Telnyx does not document the report's columns; these are chosen from the order / port-out
 * fields (PORTING_ORDER_REPORT_COLUMNS, PORTOUT_REPORT_COLUMNS).
 */

const REPORTS_MODULE = 'reports';

/** Bad documents a test can queue: each completed report takes the next one. */
export type ReportDocumentFault = 'empty' | 'corrupt' | 'header-only';

export interface ReportSimSettings {
  /** Status reads (`GET …/reports/{id}`) a report answers `pending` before it can complete. */
  pendingPolls: number;
  /** Simulated time a report needs before it can complete. */
  pendingMs: number;
  /** Consumed one per completed report, oldest first. */
  documentFaults: ReportDocumentFault[];
}

const DEFAULT_REPORT_SETTINGS: Readonly<ReportSimSettings> = { pendingPolls: 1, pendingMs: 3_000, documentFaults: [] };

type ReportFamily = 'porting' | 'portouts';

interface StoredReport {
  id: string;
  family: ReportFamily;
  filters: Record<string, unknown>;
  createdAtMs: number;
  updatedAtMs: number;
  polls: number;
  documentId: string | null;
}

/** The module's JSON-serializable state (saved with the simulator's state file). */
export interface ReportModuleState {
  settings: ReportSimSettings;
  reports: StoredReport[];
}

/** Tests reach the settings through the simulator's module state: `ctx.moduleState(REPORTS_MODULE, …)`. */
export function reportModuleState(ctx: Pick<SimContext, 'moduleState'>): ReportModuleState {
  return ctx.moduleState<ReportModuleState>(REPORTS_MODULE, () => ({
    settings: { ...DEFAULT_REPORT_SETTINGS, documentFaults: [] },
    reports: [],
  }));
}

/**
 * The port-out fields a report row needs: a `PortoutDetails` object as `GET /portouts/{id}`
 * renders it fits (missing fields become empty cells).
 */
export interface PortoutReportRow {
  readonly id: string;
  readonly status: string;
  readonly phone_numbers: readonly string[];
  readonly support_key?: string | null;
  readonly carrier_name?: string | null;
  readonly spid?: string | null;
  readonly pon?: string | null;
  readonly end_user_name?: string | null;
  readonly authorized_name?: string | null;
  readonly city?: string | null;
  readonly state?: string | null;
  readonly zip?: string | null;
  readonly requested_foc_date?: string | null;
  readonly foc_date?: string | null;
  readonly rejection_code?: number | null;
  readonly reason?: string | null;
  readonly created_at: string;
  readonly updated_at?: string | null;
}

/** Every port-out, brought up to the clock. */
export type PortoutSource = () => readonly PortoutReportRow[];

const portoutSources = new WeakMap<SimContext, PortoutSource>();

/**
 * The port-out module owns port-out data; it hands the report module an accessor here (one call
 * in `registerPortoutRoutes`). Until it does, port-out reports are header-only.
 */
export function providePortoutsForReports(ctx: SimContext, source: PortoutSource): void {
  portoutSources.set(ctx, source);
}

const FAMILIES = {
  porting: {
    base: '/porting/reports',
    reportType: 'export_porting_orders_csv',
    recordType: 'porting_report',
    statuses: PORTING_ORDER_STATUSES as readonly string[],
    filterKeys: ['status__in', 'customer_reference__in', 'created_at__gt', 'created_at__lt'],
    fileStem: 'porting-orders-report',
  },
  portouts: {
    base: '/portouts/reports',
    reportType: 'export_portouts_csv',
    recordType: 'portout_report',
    statuses: PORTOUT_STATUSES as readonly string[],
    filterKeys: ['status__in', 'customer_reference__in', 'created_at__gt', 'created_at__lt', 'end_user_name', 'phone_numbers__overlaps'],
    fileStem: 'portouts-report',
  },
} as const;

export const PORTING_ORDER_REPORT_COLUMNS = [
  'id',
  'support_key',
  'parent_support_key',
  'status',
  'status_details',
  'customer_reference',
  'customer_group_reference',
  'phone_number_type',
  'phone_numbers_count',
  'phone_numbers',
  'entity_name',
  'old_service_provider_ocn',
  'fast_port_eligible',
  'foc_datetime_requested',
  'foc_datetime_actual',
  'requirements_met',
  'created_at',
  'updated_at',
] as const;

export const PORTOUT_REPORT_COLUMNS = [
  'id',
  'support_key',
  'status',
  'phone_numbers_count',
  'phone_numbers',
  'carrier_name',
  'spid',
  'pon',
  'end_user_name',
  'authorized_name',
  'city',
  'state',
  'zip',
  'requested_foc_date',
  'foc_date',
  'rejection_code',
  'reason',
  'created_at',
  'updated_at',
] as const;

/** Registers both report families: `/porting/reports…` and `/portouts/reports…`. */
export function registerReportRoutes(router: Router, ctx: SimContext): void {
  // Looked up per request: the port-out module registers after this one.
  const portouts: PortoutSource = () => portoutSources.get(ctx)?.() ?? [];
  for (const family of ['porting', 'portouts'] as const) {
    const { base } = FAMILIES[family];
    router.add('POST', base, (request) => createReport(ctx, family, request));
    router.add('GET', base, (request) => listReports(ctx, family, request));
    router.add('GET', `${base}/:id`, (request) => retrieveReport(ctx, family, request, portouts));
  }
}

function createReport(ctx: SimContext, family: ReportFamily, request: SimRequest) {
  const spec = FAMILIES[family];
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw SimApiError.invalid('', 'expected a JSON object with report_type and params');
  }
  const { report_type: reportType, params } = body as { report_type?: unknown; params?: unknown };
  if (reportType === undefined) throw SimApiError.invalid('/report_type', 'report_type is required');
  if (reportType !== spec.reportType) throw SimApiError.invalid('/report_type', `report_type must be ${spec.reportType}`);
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw SimApiError.invalid('/params', 'params is required and must be an object');
  const filters = (params as { filters?: unknown }).filters;
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    throw SimApiError.invalid('/params/filters', 'params.filters is required and must be an object (it may be empty)');
  }
  const nowMs = ctx.clock.nowMs();
  const report: StoredReport = {
    id: randomUUID(),
    family,
    filters: validateFilters(family, filters as Record<string, unknown>),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    polls: 0,
    documentId: null,
  };
  reportModuleState(ctx).reports.push(report);
  ctx.markChanged();
  return ok({ data: renderReport(report) }, 201);
}

function listReports(ctx: SimContext, family: ReportFamily, request: SimRequest) {
  const status = request.query.get('filter[status]');
  const reportType = request.query.get('filter[report_type]');
  const isOtherType = reportType !== null && reportType !== FAMILIES[family].reportType;
  const reports = reportModuleState(ctx)
    .reports.filter((r) => r.family === family && !isOtherType)
    .filter((r) => status === null || statusOf(r) === status)
    .sort((a, b) => b.createdAtMs - a.createdAtMs || a.id.localeCompare(b.id));
  const page = paginate(reports, request.query);
  return ok({ data: page.data.map(renderReport), meta: page.meta });
}

function retrieveReport(ctx: SimContext, family: ReportFamily, request: SimRequest, portouts: PortoutSource) {
  const state = reportModuleState(ctx);
  const report = state.reports.find((r) => r.id === request.params.id && r.family === family);
  if (!report) throw SimApiError.notFound(`report ${request.params.id ?? ''}`);
  if (report.documentId === null) {
    report.polls += 1;
    const nowMs = ctx.clock.nowMs();
    if (report.polls > state.settings.pendingPolls && nowMs - report.createdAtMs >= state.settings.pendingMs) {
      const csv = applyDocumentFault(renderCsv(ctx, report, portouts), state.settings.documentFaults.shift());
      const document = ctx.documents.create({
        bytes: csv,
        filename: `${FAMILIES[family].fileStem}-${report.id}.csv`,
        contentType: 'text/csv',
        isLinked: true,
      });
      report.documentId = document.id;
      report.updatedAtMs = nowMs;
    }
    ctx.markChanged();
  }
  return ok({ data: renderReport(report) });
}

function statusOf(report: StoredReport): 'pending' | 'completed' {
  return report.documentId === null ? 'pending' : 'completed';
}

function renderReport(report: StoredReport): Record<string, unknown> {
  const spec = FAMILIES[report.family];
  const json: Record<string, unknown> = {
    id: report.id,
    record_type: spec.recordType,
    report_type: spec.reportType,
    status: statusOf(report),
    params: { filters: report.filters },
    created_at: new Date(report.createdAtMs).toISOString(),
    updated_at: new Date(report.updatedAtMs).toISOString(),
  };
  // "only populated when the report is under completed status" [SPEC PortingReport.document_id]
  if (report.documentId !== null) json.document_id = report.documentId;
  return json;
}

/** 422 with a pointer for each malformed filter; filters the spec does not declare are dropped, as production ignores them. */
function validateFilters(family: ReportFamily, raw: Record<string, unknown>): Record<string, unknown> {
  const spec = FAMILIES[family];
  const filters: Record<string, unknown> = {};
  for (const key of spec.filterKeys) {
    const value = raw[key];
    if (value === undefined) continue;
    const pointer = `/params/filters/${key}`;
    if (key === 'created_at__gt' || key === 'created_at__lt') {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw SimApiError.invalid(pointer, `${key} must be an ISO 8601 date-time`);
    } else if (key === 'end_user_name') {
      if (typeof value !== 'string') throw SimApiError.invalid(pointer, `${key} must be a string`);
    } else {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw SimApiError.invalid(pointer, `${key} must be an array of strings`);
      if (key === 'status__in') {
        const bad = (value as string[]).findIndex((v) => !spec.statuses.includes(v));
        if (bad >= 0) throw SimApiError.invalid(`${pointer}/${bad}`, `status must be one of ${spec.statuses.join(', ')}`);
      }
    }
    filters[key] = value;
  }
  return filters;
}

function renderCsv(ctx: SimContext, report: StoredReport, portouts: PortoutSource): Buffer {
  const f = report.filters as {
    status__in?: string[];
    customer_reference__in?: string[];
    created_at__gt?: string;
    created_at__lt?: string;
    end_user_name?: string;
    phone_numbers__overlaps?: string[];
  };
  const createdWithin = (createdAt: string): boolean => {
    const at = Date.parse(createdAt);
    return (f.created_at__gt === undefined || at > Date.parse(f.created_at__gt)) && (f.created_at__lt === undefined || at < Date.parse(f.created_at__lt));
  };
  if (report.family === 'porting') {
    const rows = ctx
      .listPortingOrders()
      .filter(
        (o) =>
          (f.status__in === undefined || f.status__in.includes(o.status.value)) &&
          (f.customer_reference__in === undefined || (o.customer_reference !== null && f.customer_reference__in.includes(o.customer_reference))) &&
          createdWithin(o.created_at),
      )
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
      .map(portingOrderRow);
    return toCsv(PORTING_ORDER_REPORT_COLUMNS, rows);
  }
  const endUser = f.end_user_name?.toLowerCase();
  const rows = portouts()
    .filter(
      (p) =>
        (f.status__in === undefined || f.status__in.includes(p.status)) &&
        // Port-outs carry no customer reference, so a reference filter matches none.
        (f.customer_reference__in === undefined || f.customer_reference__in.length === 0) &&
        (endUser === undefined || (p.end_user_name ?? '').toLowerCase().includes(endUser)) &&
        (f.phone_numbers__overlaps === undefined || p.phone_numbers.some((n) => f.phone_numbers__overlaps?.includes(n))) &&
        createdWithin(p.created_at),
    )
    .slice()
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
    .map(portoutRow);
  return toCsv(PORTOUT_REPORT_COLUMNS, rows);
}

function portingOrderRow(order: PortingOrderJson): Record<(typeof PORTING_ORDER_REPORT_COLUMNS)[number], string> {
  const numbers = (order.phone_numbers ?? []).map((n) => n.phone_number);
  return {
    id: order.id,
    support_key: order.support_key ?? '',
    parent_support_key: order.parent_support_key ?? '',
    status: order.status.value,
    status_details: order.status.details.map((d) => d.code).join(';'),
    customer_reference: order.customer_reference ?? '',
    customer_group_reference: order.customer_group_reference ?? '',
    phone_number_type: order.phone_number_type,
    phone_numbers_count: String(order.porting_phone_numbers_count),
    phone_numbers: numbers.join(';'),
    entity_name: order.end_user.admin.entity_name ?? '',
    old_service_provider_ocn: order.old_service_provider_ocn,
    fast_port_eligible: String(order.activation_settings.fast_port_eligible),
    foc_datetime_requested: order.activation_settings.foc_datetime_requested ?? '',
    foc_datetime_actual: order.activation_settings.foc_datetime_actual ?? '',
    requirements_met: String(order.requirements_met),
    created_at: order.created_at,
    updated_at: order.updated_at,
  };
}

function portoutRow(portout: PortoutReportRow): Record<(typeof PORTOUT_REPORT_COLUMNS)[number], string> {
  return {
    id: portout.id,
    support_key: portout.support_key ?? '',
    status: portout.status,
    phone_numbers_count: String(portout.phone_numbers.length),
    phone_numbers: portout.phone_numbers.join(';'),
    carrier_name: portout.carrier_name ?? '',
    spid: portout.spid ?? '',
    pon: portout.pon ?? '',
    end_user_name: portout.end_user_name ?? '',
    authorized_name: portout.authorized_name ?? '',
    city: portout.city ?? '',
    state: portout.state ?? '',
    zip: portout.zip ?? '',
    requested_foc_date: portout.requested_foc_date ?? '',
    foc_date: portout.foc_date ?? '',
    rejection_code: portout.rejection_code === null || portout.rejection_code === undefined ? '' : String(portout.rejection_code),
    reason: portout.reason ?? '',
    created_at: portout.created_at,
    updated_at: portout.updated_at ?? '',
  };
}

function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, string>>): Buffer {
  return Buffer.from(stringify([...rows], { header: true, columns: [...columns], record_delimiter: 'unix' }) || `${columns.join(',')}\n`, 'utf8');
}

/**
 * The documents a broken report pipeline serves: nothing at all, a CSV cut inside a quoted field
 * followed by bytes that are not UTF-8, or a header without rows.
 */
function applyDocumentFault(csv: Buffer, fault: ReportDocumentFault | undefined): Buffer {
  switch (fault) {
    case undefined:
      return csv;
    case 'empty':
      return Buffer.alloc(0);
    case 'header-only':
      return csv.subarray(0, csv.indexOf('\n') + 1);
    case 'corrupt': {
      const cut = csv.subarray(0, Math.max(1, Math.floor(csv.length / 2)));
      return Buffer.concat([cut, Buffer.from(',"unterminated'), Buffer.from([0xff, 0xfe, 0x00, 0x9c])]);
    }
  }
}
