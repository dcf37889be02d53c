import type { ApiSession } from '../api/api-session.js';
import { DeliveryError } from '../core/errors.js';
import type { ExportKindSpec } from './export-kind.js';
import type { ReportFilters } from './report-filters.js';
import type { ReportState } from './wait-for-report.js';
import { SHAPES } from '../api/response-shapes.js';

/** A porting or port-out report as the export needs it. */
export interface ReportRecord extends ReportState {
  readonly reportType: string;
  readonly createdAt: string | undefined;
  readonly filters: ReportFilters;
}

/** The four report calls of one kind, each through the session's scheduler (docs/design.md §7). */
export interface ReportApi {
  /** POST …/reports: a create, so the scheduler never retries it blindly. */
  create(filters: ReportFilters): Promise<ReportRecord>;
  retrieve(id: string): Promise<ReportRecord>;
  /** Every report of this kind, to find one whose create answer was lost. */
  listAll(): Promise<ReportRecord[]>;
  /** GET /documents/{id}/download: the raw response, its body not yet read. */
  download(documentId: string): Promise<Response>;
}

interface RawReport {
  id?: string | undefined;
  status?: string | undefined;
  document_id?: string | undefined;
  report_type?: string | undefined;
  created_at?: string | undefined;
  params?: { filters?: ReportFilters | undefined } | undefined;
}

export function createReportApi(session: ApiSession, spec: ExportKindSpec): ReportApi {
  const { client, scheduler } = session;
  const noun = `${spec.kind} report`;
  const isPortouts = spec.kind === 'port-outs';
  return {
    async create(filters) {
      const body = { params: { filters }, report_type: spec.reportType };
      const response = await scheduler.call('create', `create ${noun}`, async (): Promise<{ data?: RawReport | undefined }> =>
        isPortouts
          ? await client.portouts.reports.create(body as Parameters<typeof client.portouts.reports.create>[0])
          : await client.porting.reports.create(body as Parameters<typeof client.porting.reports.create>[0]),
        isPortouts ? SHAPES.portoutReport : SHAPES.portingReport,
      );
      return toRecord(response.data, `create ${noun}`);
    },
    async retrieve(id) {
      const response = await scheduler.call('read', `${noun} ${id}`, async (): Promise<{ data?: RawReport | undefined }> =>
        isPortouts ? await client.portouts.reports.retrieve(id) : await client.porting.reports.retrieve(id),
        isPortouts ? SHAPES.portoutReport : SHAPES.portingReport,
      );
      return toRecord(response.data, `${noun} ${id}`);
    },
    async listAll() {
      const reports = await scheduler.listAll<RawReport>(`${noun}s`, (pageNumber, pageSize) =>
        isPortouts
          ? client.portouts.reports.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { report_type: 'export_portouts_csv' } })
          : client.porting.reports.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { report_type: 'export_porting_orders_csv' } }),
        isPortouts ? SHAPES.portoutReports : SHAPES.portingReports,
      );
      return reports.map((report) => toRecord(report, `${noun}s`));
    },
    download(documentId) {
      return scheduler.call('read', `download of document ${documentId}`, () => client.documents.download(documentId), SHAPES.download);
    },
  };
}

function toRecord(raw: RawReport | undefined, what: string): ReportRecord {
  if (raw?.id === undefined || raw.status === undefined) {
    throw new DeliveryError(`${what}: expected a report with id and status in Telnyx's answer, got ${JSON.stringify(raw ?? null).slice(0, 200)}`);
  }
  return {
    id: raw.id,
    status: raw.status,
    documentId: raw.document_id ?? undefined,
    reportType: raw.report_type ?? '',
    createdAt: raw.created_at ?? undefined,
    filters: raw.params?.filters ?? {},
  };
}
