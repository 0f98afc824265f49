import { useMemo } from 'react'
import type { FlowItemType } from '@openvmo/core'
import type { FlowMetricsReportResponse } from '../api/types'
import { EChart } from './EChart'
import { BASE_OPTION, label, shownTypes } from './chart-common'
import { seriesByType, velocityRows } from './metrics-series'
import { PARTIAL_NOTE, partialBar, periodTooltip } from './partial-period'
import { TYPE_COLORS } from './palette'
import type { ChangeMarker } from './change-markers'
import { periodChangeLines } from './change-markers'

/** Flow Velocity per period, stacked by Flow Item type. */
export function VelocityChart(props: {
  report: FlowMetricsReportResponse
  types: readonly FlowItemType[]
  /** Process changes of the scope, marked on the period that holds each. */
  markers?: readonly ChangeMarker[]
}) {
  const rows = useMemo(() => velocityRows(props.report), [props.report])
  const markers = props.markers
  const types = shownTypes(props.types)
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      tooltip: {
        ...BASE_OPTION.tooltip,
        axisPointer: { type: 'shadow' },
        formatter: periodTooltip(rows.map((r) => r.partial)),
      },
      xAxis: { type: 'category', data: rows.map((r) => r.period) },
      yAxis: { type: 'value', name: 'items', minInterval: 1 },
      series: types.map((type, index) => ({
        name: label(type),
        type: 'bar',
        stack: 'velocity',
        color: TYPE_COLORS[type],
        emphasis: { focus: 'series' },
        data: seriesByType(rows, type).map((v, i) =>
          partialBar(v, TYPE_COLORS[type], rows[i]?.partial ?? false),
        ),
        markLine:
          index === 0 && markers?.length
            ? { symbol: 'none', silent: true, data: periodChangeLines(markers, rows) }
            : undefined,
      })),
    }),
    [rows, types, markers],
  )
  return (
    <EChart
      covers={props.report}
      title="Flow Velocity by type"
      description={`Items completed per ${props.report.period}, stacked by Flow Item type.${rows.some((r) => r.partial) ? ` Faded bars with a dashed outline (to date) are ${PARTIAL_NOTE}.` : ''}`}
      option={option}
      csv={{ rows, columns: ['period', 'start', 'end', ...types, 'total', 'partial'] }}
    />
  )
}
