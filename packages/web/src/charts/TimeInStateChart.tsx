import { useMemo } from 'react'
import type { TimeInStateResponse } from '../api/types'
import type { StateTime } from './flow-series'
import { EChart } from './EChart'
import { BASE_OPTION } from './chart-common'
import { statesByWorkflow, timeInStateRows } from './flow-series'
import { STATE_COLORS } from './palette'

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`)

/**
 * Per tool state: its share of the completed items' flow time (coloured by flow state, so the
 * active bars are flow efficiency by state) and its wait share. Click a bar to drill down.
 */
export function TimeInStateChart(props: {
  data: TimeInStateResponse
  onPick?: (state: StateTime) => void
}) {
  const states = useMemo(
    () =>
      statesByWorkflow(props.data).filter(
        (s) => s.flowState !== 'done' && s.flowState !== 'canceled',
      ),
    [props.data],
  )
  const rows = useMemo(() => timeInStateRows(props.data), [props.data])
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      grid: { left: 140, right: 32, top: 40, bottom: 32 },
      tooltip: { ...BASE_OPTION.tooltip, axisPointer: { type: 'shadow' }, valueFormatter: percent },
      xAxis: {
        type: 'value',
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: states.map((s) => s.status),
        axisLabel: { width: 128, overflow: 'truncate' },
      },
      series: [
        {
          name: 'Share of flow time',
          type: 'bar',
          cursor: 'pointer',
          data: states.map((s) => ({
            value: s.shareOfFlowTime,
            itemStyle: { color: STATE_COLORS[s.flowState] },
          })),
        },
        {
          name: 'Wait share',
          type: 'bar',
          cursor: 'pointer',
          color: '#868e96',
          itemStyle: {
            decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -0.8 },
          },
          data: states.map((s) => s.waitShare),
        },
      ],
    }),
    [states],
  )
  const onPick = props.onPick
  return (
    <EChart
      covers={props.data}
      title="Time in state and wait share"
      description={`Where the ${props.data.completedItems} completed items spent their flow time, per state: blue bars are active (flow efficiency by state), orange and grey waiting; the hatched bar is each state's share of all waiting time.`}
      option={option}
      height={Math.max(220, 48 + states.length * 44)}
      csv={{ rows }}
      onItemClick={
        onPick
          ? (click) => {
              const state = states[click.dataIndex]
              if (state) onPick(state)
            }
          : undefined
      }
    />
  )
}
