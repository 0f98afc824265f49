import Table from 'cli-table3'
import type { FlowMetricsReport, PeriodMetrics } from '@openvmo/core'
import { formatFigure } from './format-number'

const HEAD = [
  'period',
  'velocity',
  'feat/def/risk/debt',
  'flow time p50',
  'p85',
  'lead p85',
  'efficiency',
  'load avg',
  'load end',
  'canceled',
  'reopened',
]

function row(label: string, p: PeriodMetrics): string[] {
  const v = p.velocity
  return [
    label,
    String(v.total),
    `${v.feature}/${v.defect}/${v.risk}/${v.debt}`,
    formatFigure(p.flowTime?.p50, 'days'),
    formatFigure(p.flowTime?.p85, 'days'),
    formatFigure(p.leadTime?.p85, 'days'),
    formatFigure(p.flowEfficiency.pooled, 'ratio'),
    formatFigure(p.flowLoad.average, 'load'),
    formatFigure(p.flowLoad.end),
    String(p.canceled),
    String(p.reopened),
  ]
}

function scopeLabel(report: FlowMetricsReport): string {
  const parts = [
    report.scope.valueStream && `stream ${report.scope.valueStream}`,
    report.scope.teams?.length && `teams ${report.scope.teams.join(', ')}`,
  ]
  return parts.filter(Boolean).join(', ') || 'all items'
}

/** The readable `vmo metrics` report: a header line, one row per period, the total, and warnings. */
export function renderMetricsTable(report: FlowMetricsReport): string {
  const table = new Table({ head: HEAD, style: { head: [], border: [] } })
  for (const p of report.periods)
    table.push(row(`${p.start.slice(0, 10)}${p.partial ? ' (partial)' : ''}`, p))
  table.push(row('total', report.total))
  const lines = [
    `Flow metrics for ${scopeLabel(report)}: ${report.period}s from ${report.from} to ${report.to} (${report.timezone}), as of ${report.asOf}`,
    'flow time and lead time in days; efficiency pooled (active ÷ flow time); load = items started and not ended',
    table.toString(),
  ]
  if (report.periods.some((p) => p.partial))
    lines.push('(partial): the period is not over at the as-of date; its figures cover part of it')
  const d = report.total.distribution.completed
  if (d)
    lines.push(
      `distribution of completed: feature ${formatFigure(d.feature, 'ratio')}, defect ${formatFigure(d.defect, 'ratio')}, risk ${formatFigure(d.risk, 'ratio')}, debt ${formatFigure(d.debt, 'ratio')}`,
    )
  for (const w of report.warnings) lines.push(`warning ${w.code}: ${w.message}`)
  return `${lines.join('\n')}\n`
}
