import { FLOW_ITEM_TYPES, html, htmlFragment, SafeHtml } from '@openvmo/core'
import type { Report } from './report-data'

/** Draws an ECharts option as an SVG string (server-side, no browser). */
export type SvgRenderer = (option: Record<string, unknown>, height?: number) => string

const axis = (name: string) => ({ type: 'value', name, nameTextStyle: { align: 'left' } })
const category = (data: readonly string[]) => ({ type: 'category', data })
const legend = { top: 0 }
const grid = { left: 56, right: 24, top: 40, bottom: 40 }

const percentileLines = (summary: { p50: number; p85: number; p95: number } | null) =>
  summary
    ? {
        silent: true,
        symbol: 'none',
        label: { formatter: '{b}', position: 'insideEndTop' },
        data: (['p50', 'p85', 'p95'] as const).map((p) => ({ name: p, yAxis: summary[p] })),
      }
    : undefined

const shortDate = (iso: string) => iso.slice(0, 10)

/** The charts of the report, by title, each an SVG string. */
function charts(report: Report, svg: SvgRenderer): [string, string][] {
  const { metrics, cfd, timeInState, aging, flowTimes, throughput } = report
  const periods = metrics.periods.map((p) => shortDate(p.start))
  const perPeriod = (name: string, data: (number | null | undefined)[]) => ({
    type: 'line',
    name,
    data: data.map((v) => v ?? null),
    connectNulls: false,
  })
  const states = [...timeInState.states].sort((a, b) => b.totalDays - a.totalDays).slice(0, 15)
  const statusNames = [...new Set(aging.items.map((a) => a.status))]
  return [
    [
      'Flow Velocity and Flow Distribution (items completed per period, by Flow Item)',
      svg({
        legend,
        grid,
        xAxis: category(periods),
        yAxis: axis('items'),
        series: FLOW_ITEM_TYPES.map((type) => ({
          type: 'bar',
          stack: 'velocity',
          name: type,
          data: metrics.periods.map((p) => p.velocity[type]),
        })),
      }),
    ],
    [
      'Flow Time per period (days, p50 and p85)',
      svg({
        legend,
        grid,
        xAxis: category(periods),
        yAxis: axis('days'),
        series: [
          perPeriod(
            'p50',
            metrics.periods.map((p) => p.flowTime?.p50),
          ),
          perPeriod(
            'p85',
            metrics.periods.map((p) => p.flowTime?.p85),
          ),
        ],
      }),
    ],
    [
      'Flow Load (average items in progress) and Flow Efficiency (%) per period',
      svg({
        legend,
        grid: { ...grid, right: 56 },
        xAxis: category(periods),
        yAxis: [axis('items'), { ...axis('%'), max: 100 }],
        series: [
          perPeriod(
            'Flow Load',
            metrics.periods.map((p) => p.flowLoad.average),
          ),
          {
            ...perPeriod(
              'Flow Efficiency',
              metrics.periods.map((p) =>
                p.flowEfficiency.pooled === null ? null : p.flowEfficiency.pooled * 100,
              ),
            ),
            yAxisIndex: 1,
          },
        ],
      }),
    ],
    [
      'Cumulative flow (items per flow state at the end of each day)',
      svg({
        legend,
        grid,
        xAxis: { ...category(cfd.days), boundaryGap: false },
        yAxis: axis('items'),
        series: (['done', 'active', 'waiting', 'new'] as const).map((state) => ({
          type: 'line',
          name: state,
          stack: 'cfd',
          areaStyle: {},
          symbol: 'none',
          data: cfd.byFlowState[state],
        })),
      }),
    ],
    [
      'Time in state (total days of the items completed in the range, largest 15)',
      svg(
        {
          grid: { ...grid, left: 200 },
          xAxis: axis('days'),
          yAxis: { ...category(states.map((s) => `${s.status} (${s.flowState})`)), inverse: true },
          series: [{ type: 'bar', data: states.map((s) => s.totalDays) }],
        },
        Math.max(200, 60 + states.length * 22),
      ),
    ],
    [
      'Aging work in progress (age in days by status, against the flow-time percentiles)',
      svg({
        grid,
        xAxis: category(statusNames),
        yAxis: axis('days'),
        series: [
          {
            type: 'scatter',
            large: true,
            largeThreshold: 500,
            symbolSize: 5,
            data: aging.items.map((a) => [statusNames.indexOf(a.status), a.ageDays]),
            markLine: percentileLines(aging.flowTime),
          },
        ],
      }),
    ],
    [
      'Flow time of each completed item (days, by completion), with its percentiles',
      svg({
        grid,
        xAxis: { type: 'time' },
        yAxis: axis('days'),
        series: [
          {
            type: 'scatter',
            large: true,
            largeThreshold: 500,
            symbolSize: 4,
            data: flowTimes.points.map((p) => [p.end, p.flowTimeDays]),
            markLine: percentileLines(flowTimes.flowTime),
          },
        ],
      }),
    ],
    [
      'Throughput and arrivals per day',
      svg({
        legend,
        grid,
        xAxis: category(throughput.days),
        yAxis: axis('items'),
        series: [
          { type: 'bar', name: 'throughput', data: throughput.throughput },
          { type: 'line', name: 'arrivals', symbol: 'none', data: throughput.arrivals },
        ],
      }),
    ],
  ]
}

const figure = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '–' : value.toFixed(digits)

function metricsTable(report: Report): SafeHtml {
  const rows = [...report.metrics.periods, report.metrics.total].map(
    (p, i, all) => htmlFragment`<tr>
      <td>${i === all.length - 1 ? 'total' : shortDate(p.start)}</td>
      <td>${p.velocity.total}</td>
      <td>${figure(p.flowTime?.p50)}</td><td>${figure(p.flowTime?.p85)}</td>
      <td>${figure(p.flowLoad.average)}</td>
      <td>${p.flowEfficiency.pooled === null ? '–' : `${(p.flowEfficiency.pooled * 100).toFixed(0)}%`}</td>
      <td>${FLOW_ITEM_TYPES.map((t) => `${t} ${p.velocity[t]}`).join(', ')}</td>
    </tr>`,
  )
  return htmlFragment`<table>
    <tr><th>period</th><th>Flow Velocity</th><th>Flow Time p50</th><th>p85</th><th>Flow Load</th><th>Flow Efficiency</th><th>Flow Distribution (completed)</th></tr>
    ${rows}
  </table>`
}

function littlesLaw(report: Report): SafeHtml {
  const check = report.metrics.littlesLaw
  if (check.kind !== 'check') return htmlFragment`<p>Not enough data: ${check.reason}</p>`
  return htmlFragment`<p>Average Flow Load ${figure(check.averageLoad)} ÷ throughput
    ${figure(check.throughputPerDay, 2)} items/day = ${figure(check.predictedFlowTimeDays)} days
    predicted; mean flow time ${figure(check.meanFlowTimeDays)} days; divergence
    ${(check.divergence * 100).toFixed(0)}%${check.flagged ? ' (flagged)' : ''}.</p>
    ${check.reasons.length ? htmlFragment`<ul>${check.reasons.map((r) => htmlFragment`<li>${r}</li>`)}</ul>` : ''}`
}

function forecasts(report: Report): SafeHtml {
  const { forecastWhen: when, forecastHowMany: howMany } = report
  const hitRate = (b: { evaluated: number; hits: number; hitRate: number | null }) =>
    b.hitRate === null
      ? 'no backtest (too little history)'
      : `backtest: ${b.hits} of ${b.evaluated} checkpoints hit (${(b.hitRate * 100).toFixed(0)}%)`
  const whenText =
    when.forecast.kind === 'forecast'
      ? when.forecast.confidence.map((c) => htmlFragment`<li>${c.level}%: ${c.date}</li>`)
      : htmlFragment`<li>${when.forecast.reason}</li>`
  const howManyText =
    howMany.forecast.kind === 'forecast'
      ? howMany.forecast.confidence.map((c) => htmlFragment`<li>${c.level}%: ${c.items} items</li>`)
      : htmlFragment`<li>${howMany.forecast.reason}</li>`
  return htmlFragment`<h3>When will ${when.items} items be done?</h3><ul>${whenText}</ul>
    <p>${hitRate(when.backtest)}</p>
    <h3>How many items by ${howMany.date}?</h3><ul>${howManyText}</ul>
    <p>${hitRate(howMany.backtest)}</p>`
}

function dataQuality(report: Report): SafeHtml {
  const dq = report.dataQuality
  return htmlFragment`<p>${dq.itemsWithFindings} of ${dq.itemsChecked} items have findings.</p>
    <table><tr><th>finding</th><th>items</th><th>rule applied</th></tr>
    ${dq.findings.map((f) => htmlFragment`<tr><td>${f.flag}</td><td>${f.items}</td><td>${f.rule}</td></tr>`)}
    </table>`
}

function oldestItems(report: Report): SafeHtml {
  const oldest = [...report.aging.items].sort((a, b) => b.ageDays - a.ageDays).slice(0, 20)
  return htmlFragment`<table><tr><th>item</th><th>title</th><th>status</th><th>age (days)</th><th>band</th></tr>
    ${oldest.map(
      (a) =>
        htmlFragment`<tr><td>${a.source}:${a.key}</td><td>${a.title ?? ''}</td><td>${a.status}</td><td>${figure(a.ageDays)}</td><td>${a.band}</td></tr>`,
    )}
  </table>`
}

/**
 * The report as one self-contained HTML page (charts as inline SVG, no script), to mail or put
 * on a wiki. Every value from the data is escaped by the `html` tag.
 */
export function reportHtml(report: Report, files: readonly string[], svg: SvgRenderer): string {
  const { metrics } = report
  const scope =
    [metrics.scope.valueStream, ...(metrics.scope.teams ?? [])].filter(Boolean).join(', ') ||
    'all items'
  const sections = charts(report, svg).map(
    ([title, chart]) => htmlFragment`<section><h2>${title}</h2>${new SafeHtml(chart)}</section>`,
  )
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>openvmo report: ${scope}, ${metrics.from} to ${metrics.to}</title>
        <style>
          body {
            font:
              14px/1.45 system-ui,
              sans-serif;
            margin: 2em auto;
            max-width: 1000px;
            color: #222;
          }
          table {
            border-collapse: collapse;
            margin: 1em 0;
          }
          td,
          th {
            border-bottom: 1px solid #ddd;
            padding: 3px 8px;
            text-align: left;
          }
          section {
            margin: 2em 0;
          }
          h2 {
            font-size: 1.15em;
          }
        </style>
      </head>
      <body>
        <h1>Flow report: ${scope}</h1>
        <p>
          ${metrics.from} to ${metrics.to} (half-open) by ${metrics.period}, as of ${metrics.asOf},
          time zone ${metrics.timezone}.
        </p>
        ${metrics.warnings.length ? htmlFragment`<ul>${metrics.warnings.map((w) => htmlFragment`<li>${w.message}</li>`)}</ul>` : ''}
        <h2>The five Flow Metrics</h2>
        ${metricsTable(report)} ${sections}
        <section>
          <h2>Oldest items in progress</h2>
          ${oldestItems(report)}
        </section>
        <section>
          <h2>Little's law check</h2>
          ${littlesLaw(report)}
        </section>
        <section>
          <h2>Forecasts</h2>
          ${forecasts(report)}
        </section>
        <section>
          <h2>Data quality</h2>
          ${dataQuality(report)}
        </section>
        <section>
          <h2>Data</h2>
          <ul>
            ${files.map((f) => htmlFragment`<li><a href="${f}">${f}</a></li>`)}
          </ul>
        </section>
      </body>
    </html> `
}
