import type { ExperimentReport, WindowSummary } from '../experiments/analyze-experiment'
import {
  experimentDistributionOption,
  experimentTimelineOption,
} from '../experiments/experiment-charts'
import type { RatioEstimate } from '../experiments/experiment-stats'
import { SafeHtml, html, htmlFragment } from './html'

/** Draws an ECharts option as an SVG string (ECharts' server-side renderer, in Node or a browser). */
export type ExperimentSvgRenderer = (option: Record<string, unknown>, height?: number) => string

const VERDICT_TEXT = {
  supported: 'Supported',
  not_supported: 'Not supported',
  inconclusive: 'Inconclusive',
} as const

/** A ratio as a signed percent change (`0.67` → `−33%`), or `–`. */
export function changeText(ratio: number | null): string {
  if (ratio === null) return '–'
  const percent = Math.round((ratio - 1) * 100)
  return `${percent > 0 ? '+' : percent < 0 ? '−' : '±'}${Math.abs(percent)}%`
}

/** The interval of a change as `−45% to −14%`, or `no interval`. */
export function intervalText(estimate: RatioEstimate): string {
  return estimate.low === null || estimate.high === null
    ? 'no interval'
    : `${changeText(estimate.low)} to ${changeText(estimate.high)}`
}

const figure = (value: number | null, digits = 1) => (value === null ? '–' : value.toFixed(digits))

function metricsTable(report: ExperimentReport): SafeHtml {
  const control = report.control !== null
  return htmlFragment`<table>
    <tr><th>metric</th><th>before</th><th>after</th><th>change</th><th>95% interval</th>${control ? htmlFragment`<th>control change</th><th>net effect</th><th>interval</th>` : ''}</tr>
    ${report.metrics.map(
      (
        m,
      ) => htmlFragment`<tr><td>${m.metric}</td><td>${figure(m.before, 2)}</td><td>${figure(m.after, 2)}</td>
        <td>${changeText(m.change.estimate)}</td><td>${intervalText(m.change)}</td>
        ${control ? htmlFragment`<td>${changeText(m.controlChange?.estimate ?? null)}</td><td>${changeText(m.effect.estimate)}</td><td>${intervalText(m.effect)}</td>` : ''}</tr>`,
    )}
  </table>`
}

function windowsTable(report: ExperimentReport): SafeHtml {
  const rows: [string, WindowSummary][] = [
    ['before', report.windows.before],
    ['after', report.windows.after],
  ]
  if (report.control) {
    rows.push(['control before', report.control.before], ['control after', report.control.after])
  }
  return htmlFragment`<table>
    <tr><th>window</th><th>from</th><th>to (excl.)</th><th>days</th><th>completed</th><th>flow time p50</th><th>p85</th><th>average load</th></tr>
    ${rows.map(
      ([
        name,
        w,
      ]) => htmlFragment`<tr><td>${name}</td><td>${w.from}</td><td>${w.to}</td><td>${w.days}</td><td>${w.completed}</td>
        <td>${figure(w.flowTimeP50)}</td><td>${figure(w.flowTimeP85)}</td><td>${figure(w.averageLoad)}</td></tr>`,
    )}
  </table>`
}

/**
 * An experiment's report as one self-contained HTML page (charts as inline SVG, no script, no
 * link), for a steering meeting: hypothesis, verdict with reasons, windows, every metric with its
 * interval, the before/after distribution and the weekly flow time with the change marked.
 * Every value from the data is escaped by the `html` tag.
 */
export function experimentHtml(
  report: ExperimentReport & { asOf: string },
  svg: ExperimentSvgRenderer,
): string {
  const d = report.definition
  const scope = [d.scope.stream, ...d.scope.teams, ...d.scope.types].join(', ')
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Experiment: ${d.name}</title>
        <style>
          body {
            font:
              14px/1.45 system-ui,
              sans-serif;
            margin: 2em auto;
            max-width: 1000px;
            color: #222;
            padding: 0 1em;
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
          .verdict {
            font-size: 1.3em;
            font-weight: 600;
          }
          .supported {
            color: #1b7a3d;
          }
          .not_supported {
            color: #a8321f;
          }
          .inconclusive {
            color: #8a6d00;
          }
          svg {
            max-width: 100%;
            height: auto;
          }
        </style>
      </head>
      <body>
        <h1>${d.name}</h1>
        <p><strong>Hypothesis:</strong> ${d.hypothesis}</p>
        <p>
          <strong>Change:</strong> ${d.change}
          (${d.changeDate}${d.rolloutEndDate ? ` to ${d.rolloutEndDate}` : ''}); scope
          ${scope}${d.control ? `; control ${d.control.stream}` : ''}.
        </p>
        <p class="verdict ${report.verdict}">${VERDICT_TEXT[report.verdict]}</p>
        <ul>
          ${report.reasons.map((r) => htmlFragment`<li>${r.message}</li>`)}
        </ul>
        <h2>Windows</h2>
        ${windowsTable(report)}
        <h2>Before and after (intervals at ${Math.round(report.level * 100)}%)</h2>
        ${metricsTable(report)}
        <h2>Flow time before and after</h2>
        ${new SafeHtml(svg(experimentDistributionOption(report), 300))}
        <h2>Weekly flow time, the change marked</h2>
        ${new SafeHtml(svg(experimentTimelineOption(report), 320))}
        <p>
          As of ${report.asOf}. Fewest items per window for a verdict: ${report.minItems}; fewest
          days: ${report.minWindowDays}. Method: docs/experiments.md of openvmo.
        </p>
      </body>
    </html> `
}
