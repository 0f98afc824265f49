import { useMemo } from 'react'
import { FLOW_ITEM_TYPES } from '@openvmo/core'
import type { ByTypeTarget } from './distribution-target'
import type { FlowMetricsReportResponse } from '../api/types'
import { EChart } from './EChart'
import { BASE_OPTION, label } from './chart-common'
import { distributionChartRows } from './distribution-target'
import { TYPE_COLORS } from './palette'
import { PARTIAL_NOTE, partialBar, periodTooltip } from './partial-period'

/**
 * Flow Distribution of completed items per period as 100% stacked bars, with the stream's target
 * as the last bar (outlined) so each period can be read against it. Empty periods stay empty.
 */
export function DistributionChart(props: {
  report: FlowMetricsReportResponse
  target?: ByTypeTarget | null
}) {
  const rows = useMemo(
    () => distributionChartRows(props.report, props.target ?? null),
    [props.report, props.target],
  )
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      tooltip: {
        ...BASE_OPTION.tooltip,
        axisPointer: { type: 'shadow' },
        formatter: periodTooltip(
          rows.map((r) => r.partial),
          (v) => `${Math.round(v * 100)}%`,
        ),
      },
      xAxis: { type: 'category', data: rows.map((r) => r.period) },
      yAxis: {
        type: 'value',
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      series: FLOW_ITEM_TYPES.map((type) => ({
        name: label(type),
        type: 'bar',
        stack: 'share',
        color: TYPE_COLORS[type],
        data: rows.map((row) =>
          row.isTarget
            ? {
                value: row[type],
                itemStyle: {
                  opacity: 0.45,
                  borderColor: TYPE_COLORS[type],
                  borderWidth: 2,
                  borderType: 'dashed',
                },
              }
            : partialBar(row[type], TYPE_COLORS[type], row.partial),
        ),
      })),
    }),
    [rows],
  )
  return (
    <EChart
      covers={props.report}
      title="Flow Distribution vs target"
      description={`Share of each Flow Item type among completed items per ${props.report.period}${props.target ? ', with the target as the last bar' : '; no target is configured for this stream'}.${rows.some((r) => r.partial) ? ` Faded bars (to date) are ${PARTIAL_NOTE}.` : ''}`}
      option={option}
      csv={{ rows, columns: ['period', 'start', 'completed', ...FLOW_ITEM_TYPES, 'partial'] }}
    />
  )
}
