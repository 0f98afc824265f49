import type { BusinessResultsResponse, FlowMetricsReportResponse } from '../api/types'
import { isoDate } from '../format/numbers'
import type { CsvRow } from './to-csv'
import type { TrendMetric } from './metrics-series'
import { round } from './chart-common'

/** A business-result series. */
export type BusinessSeries = BusinessResultsResponse['series'][number]

/** `[date, value]` points of a flow metric, one per period at the period's start date. */
export function flowMetricPoints(
  report: FlowMetricsReportResponse,
  metric: TrendMetric,
): [string, number | null][] {
  return report.periods.map((p) => [isoDate(p.start), round(metric.value(p))])
}

/** The points of a business-result series inside the report's range `[from, to)`. */
export function pointsInRange(
  series: BusinessSeries,
  range: { from: string; to: string },
): BusinessSeries['points'] {
  return series.points.filter((p) => p.date >= range.from && p.date < range.to)
}

/**
 * The business result and the flow metric on one date axis, as CSV rows: one per date that
 * either has, sorted; the other column is empty on dates it does not have.
 */
export function businessRows(
  series: BusinessSeries,
  flow: readonly [string, number | null][],
  flowLabel: string,
): CsvRow[] {
  const target = series.definition?.target ?? null
  const byDate = new Map<string, Record<string, string | number | null>>()
  const row = (date: string) => {
    const existing = byDate.get(date)
    if (existing) return existing
    const created: Record<string, string | number | null> = {
      date,
      [series.metric]: null,
      [flowLabel]: null,
      ...(target === null ? {} : { target }),
    }
    byDate.set(date, created)
    return created
  }
  for (const point of series.points) row(point.date)[series.metric] = point.value
  for (const [date, value] of flow) row(date)[flowLabel] = value
  return [...byDate.values()].sort((a, b) => String(a.date).localeCompare(String(b.date)))
}

/**
 * The target of a series as a flat line from the range's start to its target date (or to the
 * range's end when it has no date); empty without a target or when the date is before the range.
 */
export function targetLine(
  series: BusinessSeries,
  range: { from: string; to: string },
): [string, number][] {
  const target = series.definition?.target
  if (target === undefined || target === null) return []
  const until = series.definition?.targetDate ?? range.to
  if (until < range.from) return []
  return [
    [range.from, target],
    [until, target],
  ]
}

/** How a series' status reads: "on target", "off target", "no target". */
export function statusLabel(status: BusinessSeries['status']): string {
  return status.replace('_', ' ')
}
