import { useMemo } from 'react'
import type { TimeInStateResponse } from '../api/types'
import { html } from '../format/html'
import type { StateTime } from './flow-series'
import { EChart } from './EChart'
import { BASE_OPTION } from './chart-common'
import { timeInStateRows } from './flow-series'
import { largestShare, shareAxisMax, timeInStateGroups } from './time-in-state-groups'
import { STATE_COLORS } from './palette'

const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`

/** Text safe inside an ECharts rich-text label (braces would start a style run). */
const plain = (text: string, max: number) => {
  const safe = text.replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe
}

/**
 * Time in state grouped by flow state: a heading per flow state (new, waiting, active) with its
 * share of the completed items' flow time, then its tool states, each labelled with its source
 * (Jira "In Progress" and GitHub "in progress" are two rows of the same group). Bars are each
 * state's share of flow time (coloured by flow state) and its wait share, on an axis scaled to the
 * largest bar. Click a state's bar to drill down.
 */
export function TimeInStateChart(props: {
  data: TimeInStateResponse
  onPick?: (state: StateTime) => void
}) {
  const groups = useMemo(() => timeInStateGroups(props.data), [props.data])
  const rows = useMemo(() => timeInStateRows(props.data), [props.data])
  const option = useMemo(() => {
    const labels = new Map(
      groups.map((row) => [
        row.id,
        row.kind === 'group'
          ? `{group|${row.flowState.toUpperCase()}}  {share|${percent(row.share)} of flow time}`
          : `{status|${plain(row.state.status, 26)}}\n{source|${plain(row.state.source, 30)}}`,
      ]),
    )
    return {
      ...BASE_OPTION,
      grid: { left: 196, right: 32, top: 40, bottom: 32 },
      tooltip: {
        ...BASE_OPTION.tooltip,
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const row = groups[params[0]?.dataIndex ?? -1]
          if (!row) return ''
          if (row.kind === 'group')
            return html`${row.flowState}: ${percent(row.share)} of the flow time of the completed
            items`
          const s = row.state
          return html`${s.status} (${s.source}, ${s.flowState})<br />Share of flow time:
            ${percent(s.shareOfFlowTime)}<br />Wait share: ${percent(s.waitShare)}`
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: shareAxisMax(largestShare(groups)),
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: groups.map((row) => row.id),
        axisTick: { show: false },
        axisLabel: {
          formatter: (id: string) => labels.get(id) ?? '',
          align: 'left',
          margin: 188,
          rich: {
            group: { fontWeight: 'bold', fontSize: 11 },
            share: { fontSize: 11, color: '#868e96' },
            status: { fontSize: 12, lineHeight: 15, padding: [0, 0, 0, 12] },
            source: { fontSize: 10, lineHeight: 13, color: '#868e96', padding: [0, 0, 0, 12] },
          },
        },
      },
      series: [
        {
          name: 'Share of flow time',
          type: 'bar',
          cursor: 'pointer',
          data: groups.map((row) =>
            row.kind === 'group'
              ? null
              : {
                  value: row.state.shareOfFlowTime,
                  itemStyle: { color: STATE_COLORS[row.state.flowState] },
                },
          ),
        },
        {
          name: 'Wait share',
          type: 'bar',
          cursor: 'pointer',
          color: '#868e96',
          itemStyle: {
            decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -0.8 },
          },
          data: groups.map((row) => (row.kind === 'group' ? null : row.state.waitShare)),
        },
      ],
    }
  }, [groups])
  const onPick = props.onPick
  return (
    <EChart
      covers={props.data}
      title="Time in state and wait share"
      description={`Where the ${props.data.completedItems} completed items spent their flow time, grouped by flow state with each tool state and its source inside: blue bars are active (flow efficiency by state), orange waiting; the hatched bar is each state's share of all waiting time. The axis runs to just above the largest bar.`}
      option={option}
      height={Math.max(220, 72 + groups.length * 40)}
      csv={{ rows }}
      onItemClick={
        onPick
          ? (click) => {
              const row = groups[click.dataIndex]
              if (row?.kind === 'state') onPick(row.state)
            }
          : undefined
      }
    />
  )
}
