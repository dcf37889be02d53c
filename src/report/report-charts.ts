import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportModel } from './report-model.js';
import { SHOWN_GROUPS, STATUS_GROUP_LABELS, type StatusGroup } from './status-groups.js';

// Apache ECharts, server-side SVG rendering (docs/report.md §charts): only the pieces the report draws.
use([BarChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer, LegacyGridContainLabel]);

/**
 * Colours from the Okabe–Ito palette (safe for the common colour-blindnesses), with a decal pattern
 * per series (ECharts `aria.decal`) so the groups stay apart in grayscale print too.
 */
export const GROUP_COLOURS: Readonly<Record<StatusGroup, string>> = {
  done: '#009E73',
  on_track: '#56B4E9',
  needs_person: '#D55E00',
  not_sent: '#BBBBBB',
  associated: '#CC79A7',
  cancelled: '#444444',
};
const ACCENT = ['#0072B2', '#E69F00', '#D55E00', '#CC79A7'];

/** One chart's SVG (static, no script), keyed by the section that shows it. */
export type ReportCharts = Readonly<Record<ChartName, string | undefined>>;
export type ChartName = 'headline' | 'orders' | 'progress' | 'foc' | 'reasons' | 'api';

const WIDTH = 900;

/**
 * Every chart of the report as static SVG, drawn by ECharts at write time (no canvas, no script in
 * the page). A chart without data is left out (`undefined`): its section says so in words.
 */
export function renderReportCharts(model: ReportModel): ReportCharts {
  const groupSeries = (values: (group: StatusGroup) => unknown[]): unknown[] =>
    SHOWN_GROUPS.map((group) => ({ type: 'bar', stack: 'rows', name: STATUS_GROUP_LABELS[group], color: GROUP_COLOURS[group], barMaxWidth: 48, data: values(group) }));
  const hasFoc = model.focCalendar.some((day) => day.orders > 0);
  return {
    headline:
      model.rowCount === 0
        ? undefined
        : render('headline', 130, {
            legend: { bottom: 0, itemGap: 28 },
            grid: { left: 10, right: 10, top: 10, bottom: 40, containLabel: true },
            xAxis: { type: 'value', max: model.rowCount },
            yAxis: { type: 'category', data: ['rows'] },
            series: groupSeries((group) => [model.groups[group]]),
          }),
    orders:
      model.ordersByStatus.length === 0
        ? undefined
        : render('orders', 60 + 28 * model.ordersByStatus.length, {
            grid: { left: labelWidth(model.ordersByStatus.map(([status]) => status)), right: 30, top: 10, bottom: 30 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: model.ordersByStatus.map(([status]) => status) },
            series: [{ type: 'bar', name: 'orders', color: ACCENT[0], label: { show: true, position: 'right' }, data: model.ordersByStatus.map(([, count]) => count) }],
          }),
    progress:
      model.progress.length === 0
        ? undefined
        : render('progress', 320, {
            legend: { bottom: 0, itemGap: 28 },
            grid: { left: 10, right: 10, top: 10, bottom: 50, containLabel: true },
            xAxis: { type: 'category', data: model.progress.map((day) => (day.isCarriedForward ? `${day.day.slice(5)}*` : day.day.slice(5))) },
            yAxis: { type: 'value', name: 'rows' },
            series: groupSeries((group) => model.progress.map((day) => ({ value: day.counts[group], itemStyle: day.isCarriedForward ? { opacity: 0.35 } : {} }))),
          }),
    foc: !hasFoc
      ? undefined
      : render('foc', 300, {
          legend: { bottom: 0, itemGap: 28 },
          grid: { left: 10, right: 10, top: 10, bottom: 50, containLabel: true },
          xAxis: { type: 'category', data: model.focCalendar.map((day) => day.day.slice(5)), axisLabel: { interval: 6 } },
          yAxis: { type: 'value', name: 'numbers', minInterval: 1 },
          series: [
            { type: 'bar', stack: 'foc', name: 'numbers, FOC confirmed', color: ACCENT[0], data: model.focCalendar.map((day) => day.confirmedNumbers) },
            { type: 'bar', stack: 'foc', name: 'numbers, FOC requested', color: ACCENT[1], data: model.focCalendar.map((day) => day.requestedNumbers) },
          ],
        }),
    reasons:
      model.reasons.length === 0
        ? undefined
        : render('reasons', 60 + 28 * Math.min(model.reasons.length, 20), {
            grid: { left: labelWidth(model.reasons.slice(0, 20).map((line) => shorten(line.reason, 60))), right: 40, top: 10, bottom: 30 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: model.reasons.slice(0, 20).map((line) => shorten(line.reason, 60)) },
            series: [{ type: 'bar', name: 'rows', color: GROUP_COLOURS.needs_person, label: { show: true, position: 'right' }, data: model.reasons.slice(0, 20).map((line) => line.count) }],
          }),
    api:
      model.apiRuns.length === 0
        ? undefined
        : render('api', 300, {
            legend: { bottom: 0, itemGap: 28 },
            grid: { left: 10, right: 10, top: 10, bottom: 50, containLabel: true },
            xAxis: { type: 'category', data: model.apiRuns.map((run) => `${run.command} ${run.startedAt.slice(5, 16).replace('T', ' ')}`), axisLabel: { rotate: 30, fontSize: 10 } },
            yAxis: { type: 'value', name: 'calls', minInterval: 1 },
            series: [
              { type: 'bar', name: 'calls', color: ACCENT[0], data: model.apiRuns.map((run) => run.api.calls) },
              { type: 'bar', name: 'retries', color: ACCENT[1], data: model.apiRuns.map((run) => run.api.retries) },
              { type: 'bar', name: '429 answers', color: ACCENT[2], data: model.apiRuns.map((run) => run.api.rateLimited) },
              { type: 'bar', name: 'failures', color: ACCENT[3], data: model.apiRuns.map((run) => run.api.failures) },
            ],
          }),
  };
}

/**
 * zrender names classes and patterns from process-wide counters (`zr3-cls-17`, `zr3-p2`): each is
 * renumbered from 0 in order of first use, after the chart's name.
 */
function renumberIds(svg: string, name: ChartName): string {
  const seen = new Map<string, string>();
  const perKind = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (whole: string, kind: string) => {
    let renamed = seen.get(whole);
    if (renamed === undefined) {
      const index = perKind.get(kind) ?? 0;
      perKind.set(kind, index + 1);
      renamed = `${name}-${kind}${index}`;
      seen.set(whole, renamed);
    }
    return renamed;
  });
}

/** Room for a category axis's labels: ECharts' server-side text measure has no font to measure with. */
function labelWidth(labels: readonly string[]): number {
  return 20 + 7 * Math.max(4, ...labels.map((label) => label.length));
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/**
 * One chart to an SVG string. zrender numbers its ids per process (`zr3-…`): they are renamed after
 * the chart, so the page is the same whatever was drawn before and two charts never share an id;
 * ECharts' interaction attributes are dropped (the page has no chart script).
 */
function render(name: ChartName, height: number, option: EChartsCoreOption): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({
      animation: false,
      aria: { enabled: true, decal: { show: true } },
      ...option,
    });
    return renumberIds(chart.renderToSVGString(), name)
      .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
      .replace(/ pointer-events="visible"/g, '')
      .replace('<svg ', `<svg role="img" aria-labelledby="${name}-title ${name}-summary" `);
  } finally {
    chart.dispose();
  }
}
