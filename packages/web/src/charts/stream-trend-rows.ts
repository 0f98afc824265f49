import type { PortfolioStreamResponse } from '../api/types'
import type { CsvRow } from './to-csv'
import { periodLabel } from './chart-common'
import type { TrendMetric } from './metrics-series'
import { trendValues } from './metrics-series'

/** One row per period, one column per stream, for the trend-by-stream export. */
export function streamTrendRows(
  streams: readonly PortfolioStreamResponse[],
  metric: TrendMetric,
  period: string,
): CsvRow[] {
  const first = streams[0]
  if (!first) return []
  const values = streams.map((s) => trendValues(s.trend, metric))
  return first.trend.map((p, index) => {
    const row: Record<string, string | number | boolean | null> = {
      period: periodLabel(p.start, period),
      metric: metric.label,
      partial: p.partial,
    }
    streams.forEach((s, i) => {
      row[s.name] = values[i]?.[index] ?? null
    })
    return row
  })
}
