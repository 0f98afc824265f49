import { useMemo } from 'react'
import type { FlowItemType } from '@openvmo/core'
import type { DailyFlowResponse } from '../api/types'
import { EChart } from './EChart'
import { BASE_OPTION, label, shownTypes } from './chart-common'
import { loadRows } from './flow-series'
import { TYPE_COLORS } from './palette'
import type { ChangeMarker } from './change-markers'
import { dayChangeLines } from './change-markers'

/** Flow Load at the end of each day, stacked by Flow Item type, over the sampled days. */
export function LoadChart(props: {
  data: DailyFlowResponse
  types: readonly FlowItemType[]
  /** Process changes to mark on the days they happened. */
  markers?: readonly ChangeMarker[]
}) {
  const markers = props.markers
  const types = shownTypes(props.types)
  const rows = useMemo(() => loadRows(props.data, types), [props.data, types])
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      xAxis: { type: 'category', data: rows.map((r) => r.day), boundaryGap: false },
      yAxis: { type: 'value', name: 'items', minInterval: 1 },
      series: types.map((type, index) => ({
        name: label(type),
        type: 'line',
        stack: 'load',
        areaStyle: { opacity: 0.6 },
        showSymbol: false,
        color: TYPE_COLORS[type],
        data: rows.map((r) => r[type]),
        ...(index === 0 && markers?.length
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                data: dayChangeLines(
                  markers,
                  rows.map((r) => String(r.day)),
                ),
              },
            }
          : {}),
      })),
    }),
    [rows, types, markers],
  )
  return (
    <EChart
      covers={props.data}
      title="Flow Load over time"
      description="Items started and not ended, sampled at the end of each day, stacked by Flow Item type."
      option={option}
      csv={{ rows, columns: ['day', ...types, 'total', 'arrivals', 'throughput'] }}
    />
  )
}
