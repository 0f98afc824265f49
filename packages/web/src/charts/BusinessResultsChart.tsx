import { useMemo, useState } from 'react'
import { Group, Select } from '@mantine/core'
import type { BusinessResultsResponse, FlowMetricsReportResponse } from '../api/types'
import { EChart } from './EChart'
import { BASE_OPTION } from './chart-common'
import { TREND_METRICS } from './metrics-series'
import { businessRows, flowMetricPoints, pointsInRange } from './business-series'
import { SERIES_COLORS } from './palette'

/**
 * A business result (value, cost, quality, happiness) beside one Flow Metric on the same time
 * axis: the result as a line on the left axis, the metric per period as bars on the right.
 */
export function BusinessResultsChart(props: {
  results: BusinessResultsResponse
  report: FlowMetricsReportResponse
}) {
  const names = props.results.series.map((s) => s.metric)
  const [picked, setPicked] = useState<string | null>(null)
  const [metricKey, setMetricKey] = useState<string>('velocity')
  const full = props.results.series.find((s) => s.metric === picked) ?? props.results.series[0]
  const { from, to } = props.report
  const series = useMemo(
    () => full && { ...full, points: pointsInRange(full, { from, to }) },
    [full, from, to],
  )
  const metric = TREND_METRICS.find((m) => m.key === metricKey) ?? TREND_METRICS[0]
  const flow = useMemo(
    () => (metric ? flowMetricPoints(props.report, metric) : []),
    [metric, props.report],
  )
  const option = useMemo(
    () =>
      series &&
      metric && {
        ...BASE_OPTION,
        grid: { ...BASE_OPTION.grid, right: 56 },
        xAxis: { type: 'time', axisLabel: { hideOverlap: true, formatter: '{d} {MMM}' } },
        yAxis: [
          // from zero, so a change looks as large as it is; a series with negative values
          // (a net score, say) is scaled to its data instead
          series.points.some((p) => p.value < 0)
            ? { type: 'value', name: series.metric, scale: true }
            : { type: 'value', name: series.metric, min: 0 },
          { type: 'value', name: metric.label, splitLine: { show: false } },
        ],
        series: [
          {
            name: series.metric,
            type: 'line',
            color: SERIES_COLORS[1],
            data: series.points.map((p) => [p.date, p.value]),
          },
          {
            name: metric.label,
            type: 'bar',
            yAxisIndex: 1,
            color: SERIES_COLORS[0],
            itemStyle: { opacity: 0.45 },
            data: flow,
          },
        ],
      },
    [flow, metric, series],
  )
  if (!series || !metric || !option) return null
  return (
    <EChart
      covers={props.report}
      title="Business results beside flow"
      description={`${series.metric} of ${props.results.stream} over the range${series.points.length === 0 ? ' (none recorded in this range)' : ''}, with ${metric.label} per ${props.report.period} on the same date axis.`}
      option={option}
      csv={{ rows: businessRows(series, flow, metric.label) }}
      actions={
        <Group gap={4} wrap="nowrap">
          <Select
            size="xs"
            w={150}
            aria-label="Business result"
            data={names}
            value={series.metric}
            onChange={setPicked}
            allowDeselect={false}
          />
          <Select
            size="xs"
            w={150}
            aria-label="Flow metric"
            data={TREND_METRICS.map((m) => ({ value: m.key, label: m.label }))}
            value={metric.key}
            onChange={(value) => setMetricKey(value ?? 'velocity')}
            allowDeselect={false}
          />
        </Group>
      }
    />
  )
}
