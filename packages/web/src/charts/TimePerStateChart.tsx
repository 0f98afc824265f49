import { useMemo } from 'react'
import type { ItemJourneyResponse } from '../api/types'
import { EChart } from './EChart'
import { BASE_OPTION, round } from './chart-common'
import { stateColor } from './palette'

/** Days one item spent in each tool state, coloured by flow state. */
export function TimePerStateChart(props: {
  item: string
  states: ItemJourneyResponse['timePerState']
}) {
  const rows = useMemo(
    () =>
      props.states.map((s) => ({
        status: s.status,
        flow_state: s.flowState,
        days: round(s.days, 3),
      })),
    [props.states],
  )
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      legend: undefined,
      grid: { left: 140, right: 32, top: 16, bottom: 32 },
      tooltip: {
        ...BASE_OPTION.tooltip,
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => `${v.toFixed(1)} days`,
      },
      xAxis: { type: 'value', name: 'days' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: props.states.map((s) => s.status),
        axisLabel: { width: 128, overflow: 'truncate' },
      },
      series: [
        {
          name: 'Days',
          type: 'bar',
          data: props.states.map((s) => ({
            value: s.days,
            itemStyle: { color: stateColor(s.flowState) },
          })),
        },
      ],
    }),
    [props.states],
  )
  return (
    <EChart
      title={`Time per state — ${props.item}`}
      description="Days the item spent in each tool state (all visits added up), coloured by flow state: blue active, orange waiting, grey new."
      option={option}
      height={Math.max(160, 40 + props.states.length * 36)}
      csv={{ rows }}
    />
  )
}
