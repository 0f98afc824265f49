import type { LaggedCorrelation, PeriodSeries } from '@openvmo/core'
import { computeLaggedCorrelations, startOfDate } from '@openvmo/core'
import type { BusinessResultPoint } from '../../store/store-types'
import type {
  FlowMetricsReportResponse,
  PeriodMetricsResponse as PeriodMetrics,
} from '../schemas/metrics-schemas'

/** The flow metrics correlated with results, each read from a period of the metrics report. */
export const CORRELATED_METRICS: readonly {
  name: string
  label: string
  of: (p: PeriodMetrics) => number | null
}[] = [
  { name: 'throughput', label: 'Flow Velocity', of: (p) => p.velocity.total },
  { name: 'flow_time_p50', label: 'Flow Time p50', of: (p) => p.flowTime?.p50 ?? null },
  { name: 'flow_efficiency', label: 'Flow Efficiency', of: (p) => p.flowEfficiency.pooled },
  { name: 'flow_load', label: 'Flow Load', of: (p) => p.flowLoad.average },
  ...(['feature', 'defect', 'risk', 'debt'] as const).map((type) => ({
    name: `${type}_share`,
    label: `${type[0]?.toUpperCase()}${type.slice(1)} share`,
    of: (p: PeriodMetrics) => p.distribution.completed?.[type] ?? null,
  })),
]

/** The flow metric series of a report; a period that is not over has no value. */
export function flowSeries(report: FlowMetricsReportResponse): PeriodSeries[] {
  return CORRELATED_METRICS.map(({ name, of }) => ({
    name,
    values: report.periods.map((p) => (p.partial ? null : of(p))),
  }))
}

/**
 * Per business result, the mean of its points whose date falls in each period of the report (a
 * point's date is the start of the day or week or month it covers, in the report's zone); a
 * period without points, or not over, has no value.
 */
export function resultSeries(
  report: FlowMetricsReportResponse,
  points: readonly BusinessResultPoint[],
): PeriodSeries[] {
  const starts = report.periods.map((p) => Date.parse(p.start))
  const ends = report.periods.map((p) => Date.parse(p.end))
  const sums = new Map<string, { sum: number[]; count: number[] }>()
  for (const point of points) {
    const at = startOfDate(point.date, report.timezone)
    const i = starts.findIndex((start, k) => at >= start && at < (ends[k] ?? start))
    if (i < 0) continue
    let acc = sums.get(point.metric)
    if (!acc) {
      acc = { sum: starts.map(() => 0), count: starts.map(() => 0) }
      sums.set(point.metric, acc)
    }
    acc.sum[i] = (acc.sum[i] ?? 0) + point.value
    acc.count[i] = (acc.count[i] ?? 0) + 1
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, { sum, count }]) => ({
      name,
      values: sum.map((s, i) =>
        report.periods[i]?.partial || !count[i] ? null : s / (count[i] ?? 1),
      ),
    }))
}

/** What `GET /business-results/correlations` answers. */
export interface ResultCorrelations {
  stream: string
  period: string
  from: string
  to: string
  /** Periods of the range that are over: the most pairs a correlation can rest on. */
  periods: number
  maxLag: number
  tried: number
  metrics: { name: string; label: string }[]
  results: string[]
  correlations: LaggedCorrelation[]
}

/** The lagged correlations of the stream's flow metrics with its business results. */
export function resultCorrelationsView(
  report: FlowMetricsReportResponse,
  at: { stream: string; points: readonly BusinessResultPoint[]; maxLag: number },
): ResultCorrelations {
  const results = resultSeries(report, at.points)
  const { tried, strongest } = computeLaggedCorrelations(flowSeries(report), results, {
    maxLag: at.maxLag,
  })
  return {
    stream: at.stream,
    period: report.period,
    from: report.from,
    to: report.to,
    periods: report.periods.filter((p) => !p.partial).length,
    maxLag: at.maxLag,
    tried,
    metrics: CORRELATED_METRICS.map(({ name, label }) => ({ name, label })),
    results: results.map((r) => r.name),
    correlations: strongest,
  }
}
