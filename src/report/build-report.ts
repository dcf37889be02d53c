import type { CampaignState } from '../campaign/campaign-state.js';
import { renderReportCharts } from './report-charts.js';
import type { ReportHistory } from './report-history.js';
import { buildReportModel, type ReportOptions } from './report-model.js';
import { renderReport } from './render-report.js';

/**
 * The campaign's report.html (issue 17), data in and HTML out: the folded journal and its history,
 * the clock, the zone and the version. Pure: `status` and `report` only call it and write the string.
 */
export function buildReport(state: CampaignState, history: ReportHistory, options: ReportOptions): string {
  const model = buildReportModel(state, history, options);
  return renderReport(model, renderReportCharts(model));
}
