import type { FlowMetricsReportResponse, PeriodMetricsResponse } from '../../api/types'
import type { Better } from '../../components/trend'
import { TREND_METRICS, fullPeriodValues } from '../../charts/metrics-series'
import { periodLabel } from '../../charts/chart-common'
import { METRIC_DEFINITIONS } from '../../format/metric-definitions'
import type { MetricKey } from '../../format/metric-definitions'
import { formatCount, formatDays, formatNumber, formatPercent } from '../../format/numbers'

/** What one metric card shows. */
export interface CardSpec {
  key: string
  label: string
  value: number | null
  previous: number | null
  format: (value: number) => string
  unit?: string
  better: Better
  definition: string
  spark: (number | null)[]
}

interface CardDef {
  key: (typeof TREND_METRICS)[number]['key']
  label: string
  pick: (p: PeriodMetricsResponse) => number | null
  format: (value: number) => string
  unit?: string
  better: Better
  definition: MetricKey
}

const CARDS: readonly CardDef[] = [
  {
    key: 'velocity',
    label: 'Flow Velocity',
    pick: (p) => p.velocity.total,
    format: formatCount,
    unit: 'items',
    better: 'higher',
    definition: 'velocity',
  },
  {
    key: 'flowTime',
    label: 'Flow Time p50',
    pick: (p) => p.flowTime?.p50 ?? null,
    format: formatDays,
    unit: 'days',
    better: 'lower',
    definition: 'flowTime',
  },
  {
    key: 'efficiency',
    label: 'Flow Efficiency',
    pick: (p) => p.flowEfficiency.pooled,
    format: (v) => formatPercent(v),
    better: 'higher',
    definition: 'efficiency',
  },
  {
    key: 'load',
    label: 'Flow Load',
    pick: (p) => p.flowLoad.average,
    format: (v) => formatNumber(v),
    unit: 'items (avg)',
    better: 'neutral',
    definition: 'load',
  },
  {
    key: 'featureShare',
    label: 'Distribution: features',
    pick: (p) => p.distribution.completed?.feature ?? null,
    format: (v) => formatPercent(v),
    better: 'neutral',
    definition: 'distribution',
  },
]

/**
 * The index of the last period that ended by the report's as-of time (the current, partial period
 * would understate velocity); the last period when none has ended.
 */
export function lastCompleteIndex(report: FlowMetricsReportResponse): number {
  for (let i = report.periods.length - 1; i >= 0; i--) {
    if (report.periods[i]?.partial === false) return i
  }
  return report.periods.length - 1
}

/** What the cards cover: `Oct 2026 (last full month)`, or `Dec 2026 (to date)` when none is full. */
export function coveredPeriodLabel(report: FlowMetricsReportResponse): string | undefined {
  const period = report.periods[lastCompleteIndex(report)]
  if (!period) return undefined
  const label = periodLabel(period.start, report.period)
  return period.partial ? `${label} (to date, partial)` : `${label} (last full ${report.period})`
}

/**
 * The five metric cards of a report: each figure of the last complete period of the range, the same
 * figure of the period before it (for the trend arrow), and its values over all periods.
 */
export function streamCards(report: FlowMetricsReportResponse): CardSpec[] {
  const index = lastCompleteIndex(report)
  const last = report.periods[index]
  const before = report.periods[index - 1]
  return CARDS.map((card) => {
    const metric = TREND_METRICS.find((m) => m.key === card.key)
    return {
      key: card.key,
      label: card.label,
      value: last ? card.pick(last) : null,
      previous: before ? card.pick(before) : null,
      format: card.format,
      unit: card.unit,
      better: card.better,
      definition: METRIC_DEFINITIONS[card.definition],
      spark: metric ? fullPeriodValues(report.periods, metric) : [],
    }
  })
}
