import { useMemo, useState } from 'react'
import { SegmentedControl } from '@mantine/core'
import type { PortfolioStreamResponse } from '../api/types'
import { EChart } from './EChart'
import type { ChartCovers } from './export-meta'
import { BASE_OPTION, periodLabel } from './chart-common'
import { TREND_METRICS, trendValues } from './metrics-series'
import { SERIES_COLORS } from './palette'
import { streamTrendRows } from './stream-trend-rows'
import { PARTIAL_NOTE, partialLineSeries, periodTooltip } from './partial-period'

/** One of the five metrics over the periods, one line per value stream. */
export function StreamTrendChart(props: {
  streams: readonly PortfolioStreamResponse[]
  period: string
  covers?: ChartCovers
}) {
  const [key, setKey] = useState<(typeof TREND_METRICS)[number]['key']>('velocity')
  const metric = TREND_METRICS.find((m) => m.key === key) ?? TREND_METRICS[0]
  const periods = useMemo(() => props.streams[0]?.trend ?? [], [props.streams])
  const partial = useMemo(() => periods.map((p) => p.partial), [periods])
  const labels = useMemo(
    () =>
      periods.map((p) => `${periodLabel(p.start, props.period)}${p.partial ? ' (to date)' : ''}`),
    [periods, props.period],
  )
  const option = useMemo(
    () =>
      metric && {
        ...BASE_OPTION,
        tooltip: { ...BASE_OPTION.tooltip, formatter: periodTooltip(partial) },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: metric.unit },
        series: props.streams.flatMap((s, i) =>
          partialLineSeries(
            { name: s.name, color: SERIES_COLORS[i % SERIES_COLORS.length] ?? '#888' },
            trendValues(s.trend, metric),
            partial,
          ),
        ),
      },
    [labels, metric, partial, props.streams],
  )
  if (!metric || !option) return null
  return (
    <EChart
      covers={props.covers}
      title={`${metric.label} by value stream`}
      description={`${metric.label} (${metric.unit}) per ${props.period} for each value stream; gaps are periods where it cannot be computed.${partial.some(Boolean) ? ` The dashed end with hollow points (to date) is ${PARTIAL_NOTE}.` : ''}`}
      option={option}
      csv={{ rows: streamTrendRows(props.streams, metric, props.period) }}
      actions={
        <SegmentedControl
          size="xs"
          aria-label="Metric shown"
          value={key}
          onChange={(value) => setKey(value as typeof key)}
          data={TREND_METRICS.map((m) => ({ value: m.key, label: m.label.replace('Flow ', '') }))}
        />
      }
    />
  )
}
