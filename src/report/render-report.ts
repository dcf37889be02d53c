import path from 'node:path';
import type { ChartName, ReportCharts } from './report-charts.js';
import { GROUP_COLOURS } from './report-charts.js';
import type { ExceptionLine, ReportModel, ReportRow } from './report-model.js';
import { SHOWN_GROUPS, STATUS_GROUP_LABELS, STATUS_GROUPS, statusesByGroup, type StatusGroup } from './status-groups.js';

/**
 * The report page (pure): the model and the charts' SVG in, one self-contained HTML document out.
 * No external resource of any kind (a Content-Security-Policy forbids them), every figure written as
 * text so the page reads with JavaScript off and prints; the small inline script only sorts and
 * filters the exceptions table.
 */
export function renderReport(model: ReportModel, charts: ReportCharts): string {
  const time = timeFormatter(model.timeZone);
  const total = model.rowCount;
  const focDays = model.focCalendar.filter((day) => day.orders > 0);
  const busiest = [...focDays].sort((a, b) => b.confirmedNumbers + b.requestedNumbers - (a.confirmedNumbers + a.requestedNumbers)).slice(0, 3);
  const lastDay = model.progress.at(-1);
  const carried = model.progress.filter((day) => day.isCarriedForward).length;

  const sections = [
    section('headline', 'Where the campaign stands', [
      `<dl class="figures">
${figure('Rows', model.rowCount, 'figure-rows')}
${figure('Phone numbers', model.numberCount, 'figure-numbers')}
${figure('Orders', model.orderCount, 'figure-orders')}
<div><dt>Next FOC date</dt><dd id="figure-next-foc">${model.nextFoc === undefined ? 'none in the next 60 days' : `${esc(model.nextFoc.day)} <small>(${count(model.nextFoc.orders)} order${plural(model.nextFoc.orders)}, ${count(model.nextFoc.numbers)} numbers)</small>`}</dd></div>
<div><dt>Last refresh</dt><dd id="figure-last-refresh">${model.lastRefresh === undefined ? 'never (run <code>bulkport status</code>)' : esc(time(model.lastRefresh))}</dd></div>
</dl>`,
      chartFigure(
        charts,
        'headline',
        'Rows by outcome',
        total === 0 ? 'The campaign has no rows.' : SHOWN_GROUPS.filter((group) => model.groups[group] > 0).map((group) => `${STATUS_GROUP_LABELS[group]}: ${count(model.groups[group])} (${share(model.groups[group], total)})`).join('; ') + '.',
      ),
      table(
        'headline-table',
        ['Outcome', 'Row statuses', 'Rows', 'Share'],
        SHOWN_GROUPS.map((group) => [
          `${swatch(group)}${esc(STATUS_GROUP_LABELS[group])}`,
          esc(statusList(model, group)),
          countCell(model.groups[group], `group-${group}`),
          esc(share(model.groups[group], total)),
        ]),
        { numeric: [2, 3], footer: ['Total', '', countCell(total, 'group-total'), '100%'] },
      ),
      chartFigure(charts, 'orders', 'Orders by Telnyx status', model.ordersByStatus.length === 0 ? 'No order exists yet.' : model.ordersByStatus.map(([status, n]) => `${status}: ${count(n)}`).join('; ') + '.'),
      model.ordersByStatus.length === 0 ? '' : table('orders-table', ['Telnyx status', 'Orders'], model.ordersByStatus.map(([status, n]) => [esc(status), countCell(n, `orders-${status}`)]), { numeric: [1] }),
    ]),
    section('progress', 'Progress over time', [
      chartFigure(
        charts,
        'progress',
        'Rows per outcome by day',
        lastDay === undefined
          ? 'No order has been created yet.'
          : `${model.progress.length} day${plural(model.progress.length)} since the first order was created (${esc(model.progress[0]!.day)}); ${carried} day${plural(carried)} without data carried forward (marked * and faded). Today: ${SHOWN_GROUPS.filter((g) => lastDay.counts[g] > 0).map((g) => `${STATUS_GROUP_LABELS[g].toLowerCase()} ${count(lastDay.counts[g])}`).join(', ')}.`,
      ),
      model.progress.length === 0
        ? ''
        : table(
            'progress-table',
            ['Day', ...SHOWN_GROUPS.map((g) => STATUS_GROUP_LABELS[g]), 'What moved', 'Data'],
            model.progress.map((day) => [esc(day.day), ...SHOWN_GROUPS.map((g) => countCell(day.counts[g])), esc(day.changes || '—'), day.isCarriedForward ? 'carried forward' : 'recorded']),
            { numeric: SHOWN_GROUPS.map((_, i) => i + 1) },
          ),
    ]),
    section('foc', 'FOC calendar: the next 60 days', [
      chartFigure(
        charts,
        'foc',
        'Numbers per FOC day',
        focDays.length === 0
          ? 'No open order has a FOC date in the next 60 days.'
          : `${focDays.length} day${plural(focDays.length)} with ports. Busiest: ${busiest.map((d) => `${d.day} (${count(d.confirmedNumbers + d.requestedNumbers)} numbers in ${count(d.orders)} order${plural(d.orders)})`).join(', ')}.`,
      ),
      focDays.length === 0
        ? ''
        : table(
            'foc-table',
            ['FOC day', 'Numbers, confirmed', 'Numbers, requested', 'Orders'],
            focDays.map((d) => [esc(d.day), countCell(d.confirmedNumbers), countCell(d.requestedNumbers), countCell(d.orders)]),
            { numeric: [1, 2, 3] },
          ),
    ]),
    section('end-users', 'By end user', [
      table(
        'end-user-table',
        ['End user', 'Progress', ...SHOWN_GROUPS.map((g) => STATUS_GROUP_LABELS[g]), 'Oldest open exception', 'Rows'],
        model.endUsers.map((user) => [
          esc(user.name),
          progressBar(user.counts, user.rowCount),
          ...SHOWN_GROUPS.map((g) => countCell(user.counts[g])),
          user.oldestException === undefined ? '—' : `${esc(user.oldestException.order)} <small>(${user.oldestException.ageDays} day${plural(user.oldestException.ageDays)})</small>`,
          `<a href="#${user.anchor}">${count(user.rowCount)} rows</a>`,
        ]),
        { numeric: SHOWN_GROUPS.map((_, i) => i + 2) },
      ),
    ]),
    section('exceptions', `Exceptions (${count(model.exceptionCount)} open)`, [
      model.exceptionCount === 0
        ? '<p>No order is in exception.</p>'
        : `<p>What each exception means and what to change, as <code>bulkport status</code> writes it in the Exceptions sheet; correct the sheet and run <code>bulkport fix</code>.${model.exceptions.length < model.exceptionCount ? ` The oldest ${count(model.exceptions.length)} are listed; all are in exceptions.xlsx.` : ''}</p>
<p class="js-only" hidden><label>Filter: <input type="search" id="exceptions-filter" placeholder="order, end user, type…"></label> <span id="exceptions-shown" aria-live="polite"></span></p>
${exceptionsTable(model.exceptions, time)}`,
    ]),
    section('reasons', 'Not portable and blocked', [
      chartFigure(
        charts,
        'reasons',
        'Rows by reason',
        model.reasons.length === 0 ? 'No row is not portable or blocked.' : model.reasons.map((line) => `${line.reason}: ${count(line.count)}`).join('; ') + '.',
      ),
      model.reasons
        .map(
          (line, index) => `<details id="reason-${index}"><summary>${esc(line.reason)}: <strong data-count="${line.count}">${count(line.count)}</strong> row${plural(line.count)}</summary>
${rowsTable(line.rows)}${line.rows.length < line.count ? `<p>${count(line.count - line.rows.length)} more in results.xlsx.</p>` : ''}</details>`,
        )
        .join('\n'),
    ]),
    section('api', 'API health', [
      chartFigure(
        charts,
        'api',
        'API calls of the last runs',
        model.apiRuns.length === 0
          ? 'No run has recorded its API figures yet.'
          : `${model.apiRuns.length} run${plural(model.apiRuns.length)}: ${count(sum(model.apiRuns.map((r) => r.api.calls)))} calls, ${count(sum(model.apiRuns.map((r) => r.api.retries)))} retries, ${count(sum(model.apiRuns.map((r) => r.api.rateLimited)))} answered 429, ${count(sum(model.apiRuns.map((r) => r.api.failures)))} failed.`,
      ),
      model.apiRuns.length === 0
        ? ''
        : table(
            'api-table',
            ['Run', 'Command', 'Exit', 'Calls', 'Retries', '429s', 'Failures', 'Calls/s', 'p95 ms'],
            model.apiRuns.map((run) => [
              esc(time(run.startedAt)),
              esc(run.command),
              run.exitCode === undefined ? '—' : String(run.exitCode),
              countCell(run.api.calls),
              countCell(run.api.retries),
              countCell(run.api.rateLimited),
              countCell(run.api.failures),
              esc(String(run.api.callsPerSecond)),
              esc(String(run.api.latency.p95Ms)),
            ]),
            { numeric: [3, 4, 5, 6, 7, 8] },
          ),
    ]),
    section('rows', 'Rows by end user', [
      `<p>Numbers in E.164 and as their country writes them.${model.rowsNotShown > 0 ? ` ${count(model.rowsNotShown)} rows are not listed here (rows that need a person first); every row is in results.xlsx.` : ''}</p>`,
      model.rowGroups
        .map(
          (group) => `<h3 id="${group.anchor}">${esc(group.endUser)} <small>(${count(group.rowCount)} rows${group.rows.length < group.rowCount ? `, ${count(group.rows.length)} shown` : ''})</small></h3>
${rowsTable(group.rows)}`,
        )
        .join('\n'),
    ]),
    section('legend', 'How rows are grouped', [
      `<p>Each row status of results.csv belongs to one outcome (docs/report.md).</p>`,
      table(
        'legend-table',
        ['Outcome', 'Row statuses'],
        SHOWN_GROUPS.map((group) => [`${swatch(group)}${esc(STATUS_GROUP_LABELS[group])}`, esc(statusList(model, group) || '—')]),
      ),
    ]),
  ];

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="bulkport ${esc(model.version)}">
<title>${esc(model.campaign)} — porting campaign report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Porting campaign <q>${esc(model.campaign)}</q></h1>
<p class="meta">Report of ${esc(time(model.generatedAt))} (${esc(model.timeZone)}; days and FOC dates are counted in this zone) · made by bulkport ${esc(model.version)} from the campaign journal${
    model.inputs.length === 0
      ? ''
      : ` · input: ${model.inputs.map((input) => `${esc(path.basename(input.file))} <small>(${count(input.rowCount)} rows, sha256 ${esc(input.sha256.slice(0, 12))}…, read ${esc(time(input.at))})</small>`).join('; ')}`
  } · PINs never appear in this report.</p>
<nav aria-label="Sections"><a href="#headline">Headline</a> <a href="#progress">Progress</a> <a href="#foc">FOC calendar</a> <a href="#end-users">End users</a> <a href="#exceptions">Exceptions</a> <a href="#reasons">Not portable and blocked</a> <a href="#api">API health</a> <a href="#rows">Rows</a> <a href="#legend">Grouping</a></nav>
</header>
<main>
${sections.join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function section(id: string, title: string, parts: readonly string[]): string {
  return `<section id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${esc(title)}</h2>
${parts.filter((part) => part !== '').join('\n')}
</section>`;
}

function chartFigure(charts: ReportCharts, name: ChartName, title: string, summary: string): string {
  const svg = charts[name];
  return `<figure class="chart" id="chart-${name}">
<figcaption><strong id="${name}-title">${esc(title)}</strong> <span id="${name}-summary">${esc(summary)}</span></figcaption>
${svg ?? ''}
</figure>`;
}

function figure(label: string, value: number, id: string): string {
  return `<div><dt>${esc(label)}</dt><dd id="${id}" data-count="${value}">${count(value)}</dd></div>`;
}

interface TableOptions {
  readonly numeric?: readonly number[];
  readonly footer?: readonly string[];
  readonly sortable?: boolean;
}

function table(id: string, headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const numeric = new Set(options.numeric ?? []);
  const cls = (index: number): string => (numeric.has(index) ? ' class="num"' : '');
  return `<div class="table-wrap"><table id="${id}">
<thead><tr>${headers.map((header, index) => `<th scope="col"${cls(index)}>${esc(header)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((cells) => `<tr>${cells.map((cell, index) => `<td${cls(index)}>${cell}</td>`).join('')}</tr>`).join('\n')}
</tbody>${options.footer === undefined ? '' : `\n<tfoot><tr>${options.footer.map((cell, index) => `<td${cls(index)}>${cell}</td>`).join('')}</tr></tfoot>`}
</table></div>`;
}

function exceptionsTable(lines: readonly ExceptionLine[], time: (iso: string) => string): string {
  const headers: ReadonlyArray<readonly [string, 'text' | 'number']> = [
    ['Order', 'text'],
    ['End user', 'text'],
    ['Type', 'text'],
    ['What it means', 'text'],
    ['What to change', 'text'],
    ['Age (days)', 'number'],
    ['Numbers', 'number'],
    ['Last comment', 'text'],
  ];
  return `<div class="table-wrap"><table id="exceptions-table" class="sortable">
<thead><tr>${headers.map(([header, kind]) => `<th scope="col" data-kind="${kind}"${kind === 'number' ? ' class="num"' : ''}>${esc(header)}</th>`).join('')}</tr></thead>
<tbody>
${lines
  .map(
    (line) =>
      `<tr><td>${esc(line.order)}</td><td>${esc(line.endUser)}</td><td>${esc(line.types)}</td><td>${esc(line.meaning)}</td><td>${esc(line.action)}</td><td class="num" data-value="${line.ageDays}" title="${esc(line.since === '' ? 'since unknown' : `since ${time(line.since)}`)}">${line.ageDays}</td><td class="num" data-value="${line.numberCount}">${count(line.numberCount)}</td><td>${esc(line.lastComment || '—')}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table></div>`;
}

function rowsTable(rows: readonly ReportRow[]): string {
  if (rows.length === 0) return '';
  return `<div class="table-wrap"><table class="rows">
<thead><tr><th scope="col" class="num">Row</th><th scope="col">E.164</th><th scope="col">National</th><th scope="col">Country</th><th scope="col">Status</th><th scope="col">Order</th><th scope="col">Issue</th></tr></thead>
<tbody>
${rows.map((row) => `<tr><td class="num">${esc(row.row)}</td><td>${esc(row.e164)}</td><td>${esc(row.national)}</td><td>${esc(row.country)}</td><td>${swatch(row.group)}${esc(row.status)}</td><td>${esc(row.order)}</td><td>${esc(row.issue)}</td></tr>`).join('\n')}
</tbody>
</table></div>`;
}

function progressBar(counts: Readonly<Record<StatusGroup, number>>, total: number): string {
  if (total === 0) return '';
  const parts = SHOWN_GROUPS.filter((group) => counts[group] > 0).map(
    (group) => `<span class="seg g-${group}" style="width:${((counts[group] / total) * 100).toFixed(2)}%" title="${esc(STATUS_GROUP_LABELS[group])}: ${counts[group]}"></span>`,
  );
  return `<span class="bar" role="img" aria-label="${esc(`${share(counts.done, total)} done`)}">${parts.join('')}</span> <small>${share(counts.done, total)} done</small>`;
}

function swatch(group: StatusGroup): string {
  return `<span class="swatch g-${group}" aria-hidden="true"></span>`;
}

function statusList(model: ReportModel, group: StatusGroup): string {
  return (statusesByGroup().get(group) ?? []).map((status) => `${status} ${model.byStatus[status] ?? 0}`).join(', ');
}

function countCell(value: number, id?: string): string {
  return `<span${id === undefined ? '' : ` id="${id}"`} data-count="${value}">${count(value)}</span>`;
}

const NUMBER_FORMAT = new Intl.NumberFormat('en-US');

function count(value: number): string {
  return NUMBER_FORMAT.format(value);
}

function share(part: number, total: number): string {
  if (total === 0) return '0%';
  const percent = (part / total) * 100;
  return `${percent > 0 && percent < 0.1 ? '<0.1' : percent.toFixed(1).replace(/\.0$/, '')}%`;
}

function plural(value: number): string {
  return value === 1 ? '' : 's';
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function timeFormatter(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date).replace(',', '');
  };
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.codePointAt(0)};`);
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:1100px;padding:1rem 1.5rem 3rem;line-height:1.4}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;border-bottom:2px solid #1b1b1b;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
.meta{color:#444;font-size:.9rem}nav a{margin-right:.8rem}
.figures{display:flex;flex-wrap:wrap;gap:1.5rem;margin:1rem 0}.figures div{min-width:9rem}.figures dt{font-size:.8rem;color:#444;text-transform:uppercase;letter-spacing:.03em}.figures dd{margin:0;font-size:1.5rem;font-weight:600}
figure.chart{margin:1rem 0}figure.chart svg{max-width:100%;height:auto;display:block}figcaption{margin-bottom:.3rem}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}th,td{border:1px solid #bbb;padding:.2rem .45rem;text-align:left;vertical-align:top}thead th{background:#eee}tfoot td{font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.35em;border:1px solid #333;vertical-align:-.05em}
.bar{display:inline-flex;width:8rem;height:.8rem;border:1px solid #333;vertical-align:middle;background:#fff}.seg{display:block;height:100%}
${STATUS_GROUPS.map((group) => `.g-${group}{background:${GROUP_COLOURS[group]}}`).join('')}
.g-on_track{background-image:repeating-linear-gradient(45deg,transparent 0 3px,rgba(0,0,0,.35) 3px 4px)}.g-needs_person{background-image:repeating-linear-gradient(-45deg,transparent 0 2px,rgba(0,0,0,.45) 2px 3px)}
th button{all:unset;cursor:pointer}th button::after{content:" ⇅";color:#777}th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
table.rows td:not(:last-child){white-space:nowrap}details{margin:.3rem 0}summary{cursor:pointer}
@media print{body{max-width:none;padding:0;font-size:10pt}table{width:100%;font-size:7.5pt}th,td{padding:.1rem .25rem}td{overflow-wrap:anywhere}table.rows td:not(:last-child){white-space:normal}th button::after{content:none!important}nav,.js-only{display:none!important}section{break-inside:auto}h2{break-after:avoid}figure.chart,tr{break-inside:avoid}.table-wrap{overflow:visible}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}details>*{display:block}a{color:inherit;text-decoration:none}}
`;

/** Sorting and filtering of the exceptions table; the page reads the same without it. */
const SCRIPT = `
(function(){
  var table=document.getElementById('exceptions-table');
  if(!table)return;
  var body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var filter=document.getElementById('exceptions-filter');
  var shown=document.getElementById('exceptions-shown');
  Array.prototype.forEach.call(document.querySelectorAll('.js-only'),function(el){el.hidden=false;});
  function value(row,index,kind){var cell=row.cells[index];return kind==='number'?Number(cell.getAttribute('data-value')):cell.textContent.toLowerCase();}
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,index){
    var button=document.createElement('button');button.type='button';button.textContent=th.textContent;th.textContent='';th.appendChild(button);
    button.addEventListener('click',function(){
      var ascending=th.getAttribute('aria-sort')!=='ascending';var kind=th.getAttribute('data-kind');
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(other){other.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',ascending?'ascending':'descending');
      rows.sort(function(a,b){var x=value(a,index,kind),y=value(b,index,kind);return (x<y?-1:x>y?1:0)*(ascending?1:-1);});
      rows.forEach(function(row){body.appendChild(row);});
    });
  });
  function apply(){
    var words=filter.value.toLowerCase().trim();var count=0;
    rows.forEach(function(row){var match=words===''||row.textContent.toLowerCase().indexOf(words)>=0;row.hidden=!match;if(match)count+=1;});
    shown.textContent=count+' of '+rows.length+' shown';
  }
  filter.addEventListener('input',apply);apply();
})();
`;
