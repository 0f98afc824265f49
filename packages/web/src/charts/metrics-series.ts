import type { FlowItemType } from '@openvmo/core'
import type { FlowMetricsReportResponse, PeriodMetricsResponse } from '../api/types'
import { isoDate } from '../format/numbers'
import type { CsvRow } from './to-csv'
import { periodLabel, round } from './chart-common'

/** One period of a report as a CSV/chart row: velocity per type and completed shares per type. */
export interface PeriodRow extends CsvRow {
  period: string
  start: string
  end: string
  total: number
  feature: number
  defect: number
  risk: number
  debt: number
  /** True when the period is not over at the as-of date. */
  partial: boolean
}

/** A period's axis label, marked `(to date)` when it has not ended by the as-of time. */
export function reportPeriodLabel(
  report: FlowMetricsReportResponse,
  p: PeriodMetricsResponse,
): string {
  const label = periodLabel(p.start, report.period)
  return p.partial ? `${label} (to date)` : label
}

/** Velocity per type for each period of a report, oldest first. */
export function velocityRows(report: FlowMetricsReportResponse): PeriodRow[] {
  return report.periods.map((p) => ({
    period: reportPeriodLabel(report, p),
    start: isoDate(p.start),
    end: isoDate(p.end),
    total: p.velocity.total,
    feature: p.velocity.feature,
    defect: p.velocity.defect,
    risk: p.velocity.risk,
    debt: p.velocity.debt,
    partial: p.partial,
  }))
}

/** Completed-item distribution row of a period: shares per type, null for an empty period. */
export interface DistributionRow extends CsvRow {
  period: string
  start: string
  completed: number | null
  feature: number | null
  defect: number | null
  risk: number | null
  debt: number | null
  partial: boolean
}

/** Flow Distribution (completed) per period; empty periods keep null shares (not zeros). */
export function distributionRows(report: FlowMetricsReportResponse): DistributionRow[] {
  return report.periods.map((p) => {
    const shares = p.distribution.completed
    return {
      period: reportPeriodLabel(report, p),
      start: isoDate(p.start),
      completed: p.velocity.total,
      feature: round(shares?.feature, 4),
      defect: round(shares?.defect, 4),
      risk: round(shares?.risk, 4),
      debt: round(shares?.debt, 4),
      partial: p.partial,
    }
  })
}

/** The headline figure of each of the five metrics for one period. */
export interface HeadlineFigures {
  velocity: number
  flowTimeP50: number | null
  flowTimeMean: number | null
  efficiency: number | null
  loadAverage: number | null
  featureShare: number | null
}

/** The five headline figures of a period (null where the metric cannot be computed). */
export function headlineFigures(p: PeriodMetricsResponse): HeadlineFigures {
  return {
    velocity: p.velocity.total,
    flowTimeP50: p.flowTime?.p50 ?? null,
    flowTimeMean: p.flowTime?.mean ?? null,
    efficiency: p.flowEfficiency.pooled,
    loadAverage: p.flowLoad.average,
    featureShare: p.distribution.completed?.feature ?? null,
  }
}

/** A named metric extractor for trend charts and sparklines. */
export interface TrendMetric {
  key: 'velocity' | 'flowTime' | 'efficiency' | 'load' | 'featureShare'
  label: string
  unit: string
  value: (p: PeriodMetricsResponse) => number | null
}

/** The five metrics as trend series (flow time as p50, efficiency pooled, load average). */
export const TREND_METRICS: readonly TrendMetric[] = [
  { key: 'velocity', label: 'Flow Velocity', unit: 'items', value: (p) => p.velocity.total },
  { key: 'flowTime', label: 'Flow Time p50', unit: 'days', value: (p) => p.flowTime?.p50 ?? null },
  {
    key: 'efficiency',
    label: 'Flow Efficiency',
    unit: '%',
    value: (p) => (p.flowEfficiency.pooled === null ? null : p.flowEfficiency.pooled * 100),
  },
  { key: 'load', label: 'Flow Load (avg)', unit: 'items', value: (p) => p.flowLoad.average },
  {
    key: 'featureShare',
    label: 'Feature share',
    unit: '%',
    value: (p) => {
      const share = p.distribution.completed?.feature
      return share === undefined ? null : share * 100
    },
  },
]

/** Values of one trend metric over the periods (null gaps kept). */
export function trendValues(
  periods: readonly PeriodMetricsResponse[],
  metric: TrendMetric,
): (number | null)[] {
  return periods.map((p) => round(metric.value(p)))
}

/**
 * Values of one trend metric over the full periods only (a partial period's figures cover part of
 * it, so a sparkline without axes would show it as a fall).
 */
export function fullPeriodValues(
  periods: readonly PeriodMetricsResponse[],
  metric: TrendMetric,
): (number | null)[] {
  return trendValues(
    periods.filter((p) => !p.partial),
    metric,
  )
}

/** Velocity per type for the types shown (used for stacked bars). */
export function seriesByType(rows: readonly PeriodRow[], type: FlowItemType): number[] {
  return rows.map((row) => row[type])
}
