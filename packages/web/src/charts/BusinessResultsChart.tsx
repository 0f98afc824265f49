import { useMemo, useState } from 'react'
import { Badge, Group, Select } from '@mantine/core'
import type { BusinessResultsResponse, FlowMetricsReportResponse } from '../api/types'
import { formatResultValue } from '../format/numbers'
import { EChart } from './EChart'
import type { ChangeMarker } from './change-markers'
import { timeAxisChangeLines } from './change-markers'
import { BASE_OPTION } from './chart-common'
import { TREND_METRICS } from './metrics-series'
import {
  businessRows,
  flowMetricPoints,
  pointsInRange,
  statusLabel,
  targetLine,
} from './business-series'
import type { BusinessSeries } from './business-series'
import { SERIES_COLORS } from './palette'
import { PARTIAL_NOTE, partialBarStyle } from './partial-period'

const STATUS_COLORS: Record<BusinessSeries['status'], string> = {
  on_target: 'teal',
  off_target: 'orange',
  no_target: 'gray',
}

/** The tag of a series: whether its latest point meets the target. */
export function ResultStatusBadge(props: { series: BusinessSeries }) {
  const { status, definition, latest } = props.series
  const title =
    definition?.target == null || latest === null
      ? 'No target or no point yet'
      : `Latest ${formatResultValue(latest.value)} ${definition.unit} on ${latest.date}; target ${formatResultValue(definition.target)}${definition.targetDate ? ` by ${definition.targetDate}` : ''} (${definition.direction.replaceAll('_', ' ')})`
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" title={title} data-status={status}>
      {statusLabel(status)}
    </Badge>
  )
}

/** The left axis' name: the result and its unit. */
const axisName = (series: BusinessSeries) =>
  series.definition ? `${series.metric} (${series.definition.unit})` : series.metric

/**
 * A business result (value, cost, quality, happiness) beside one Flow Metric on the same time
 * axis: the result as a line on the left axis with its unit and its target as a dashed line up
 * to the target date, the metric per period as bars on the right; a tag says whether the latest
 * point meets the target.
 */
export function BusinessResultsChart(props: {
  results: BusinessResultsResponse
  report: FlowMetricsReportResponse
  /** Process changes to mark on the date axis. */
  markers?: readonly ChangeMarker[]
}) {
  const markers = props.markers
  const [picked, setPicked] = useState<string | null>(null)
  const [metricKey, setMetricKey] = useState<string>('velocity')
  const full = props.results.series.find((s) => s.metric === picked) ?? props.results.series[0]
  const { from, to } = props.report
  const series = useMemo(
    () => full && { ...full, points: pointsInRange(full, { from, to }) },
    [full, from, to],
  )
  const metric = TREND_METRICS.find((m) => m.key === metricKey) ?? TREND_METRICS[0]
  const partial = useMemo(() => props.report.periods.map((p) => p.partial), [props.report])
  const target = useMemo(() => (full ? targetLine(full, { from, to }) : []), [full, from, to])
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
            ? { type: 'value', name: axisName(series), scale: true }
            : { type: 'value', name: axisName(series), min: 0 },
          { type: 'value', name: metric.label, splitLine: { show: false } },
        ],
        series: [
          {
            name: series.metric,
            type: 'line',
            color: SERIES_COLORS[1],
            data: series.points.map((p) => [p.date, p.value]),
            ...(markers?.length
              ? {
                  markLine: {
                    symbol: 'none',
                    silent: true,
                    data: timeAxisChangeLines(markers, { from, to }),
                  },
                }
              : {}),
          },
          ...(target.length === 0
            ? []
            : [
                {
                  name: 'target',
                  type: 'line',
                  color: SERIES_COLORS[1],
                  symbol: 'none',
                  lineStyle: { type: 'dashed', width: 1.5 },
                  data: target,
                },
              ]),
          {
            name: metric.label,
            type: 'bar',
            yAxisIndex: 1,
            color: SERIES_COLORS[0],
            itemStyle: { opacity: 0.45 },
            // a period not over at the as-of date: faded with a dashed outline, not read as a fall
            data: flow.map((point, i) =>
              partial[i]
                ? { value: point, itemStyle: partialBarStyle(SERIES_COLORS[0] ?? '#1c7ed6') }
                : point,
            ),
          },
        ],
      },
    [flow, metric, partial, series, target, markers, from, to],
  )
  if (!series || !metric || !option) return null
  return (
    <EChart
      covers={props.report}
      title="Business results beside flow"
      description={`${series.metric} of ${props.results.stream}${series.definition ? ` in ${series.definition.unit}` : ''} over the range${series.points.length === 0 ? ' (none recorded in this range)' : ''}${target.length > 0 ? `, its target ${formatResultValue(series.definition?.target)} as a dashed line${series.definition?.targetDate ? ` up to ${series.definition.targetDate}` : ''}` : ''}, with ${metric.label} per ${props.report.period} on the same date axis.${partial.some(Boolean) ? ` A faded bar with a dashed outline is ${PARTIAL_NOTE}.` : ''}`}
      option={option}
      csv={{ rows: businessRows(series, flow, metric.label) }}
      actions={
        <Group gap={4} wrap="wrap">
          <ResultStatusBadge series={series} />
          <Select
            size="xs"
            w={150}
            aria-label="Business result"
            data={props.results.series.map((s) => ({
              value: s.metric,
              label: s.status === 'no_target' ? s.metric : `${s.metric} · ${statusLabel(s.status)}`,
            }))}
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
