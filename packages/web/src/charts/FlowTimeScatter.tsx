import { useMemo } from 'react'
import type { ReactNode } from 'react'
import type { FlowItemType } from '@openvmo/core'
import type { FlowTimesResponse } from '../api/types'
import type { ChartClick } from './EChart'
import { EChart } from './EChart'
import { html, htmlFragment } from '../format/html'
import { BASE_OPTION, label, shownTypes } from './chart-common'
import { scatterRows } from './flow-series'
import { percentileMarkLines } from './percentile-lines'
import { TYPE_COLORS } from './palette'
import type { ChangeMarker } from './change-markers'
import { timeAxisChangeLines } from './change-markers'

/** A completed item the user picked on the chart. */
export interface PickedItem {
  source: string
  key: string
}

function pickedOf(click: ChartClick): PickedItem | undefined {
  const data = click.data as { source?: string; key?: string } | undefined
  return data?.source && data.key ? { source: data.source, key: data.key } : undefined
}

/** The percentile lines plus a vertical line at each process change. */
function withChanges(
  lines: ReturnType<typeof percentileMarkLines>,
  markers: readonly ChangeMarker[] | undefined,
) {
  const changes = timeAxisChangeLines(markers ?? [])
  if (changes.length === 0) return lines
  return { symbol: 'none', silent: true, data: [...(lines?.data ?? []), ...changes] }
}

/** Flow time of each completed item by its end date, with the p50/p85/p95 lines of the range. */
export function FlowTimeScatter(props: {
  data: FlowTimesResponse
  types: readonly FlowItemType[]
  onPick?: (item: PickedItem) => void
  /** What the percentile lines cover, and how that differs from a card on the same page. */
  note?: ReactNode
  /** Process changes of the scope, marked as vertical lines at their dates. */
  markers?: readonly ChangeMarker[]
}) {
  const markers = props.markers
  const types = shownTypes(props.types)
  const rows = useMemo(() => scatterRows(props.data, types), [props.data, types])
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      grid: { ...BASE_OPTION.grid, right: 96 },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { data: { key: string; title: string | null; value: [string, number] } }) =>
          html`${p.data.key}: ${p.data.value[1].toFixed(1)}
          days${p.data.title ? htmlFragment`<br/>${p.data.title}` : ''}`,
      },
      xAxis: {
        type: 'time',
        name: 'completed',
        axisLabel: { hideOverlap: true, formatter: '{d} {MMM}' },
      },
      yAxis: { type: 'value', name: 'days' },
      series: types.map((type, index) => ({
        name: label(type),
        type: 'scatter',
        symbolSize: 7,
        color: TYPE_COLORS[type],
        cursor: 'pointer',
        data: props.data.points
          .filter((p) => p.flowItem === type)
          .map((p) => ({
            value: [p.end, p.flowTimeDays],
            key: p.key,
            source: p.source,
            title: p.title,
          })),
        markLine:
          index === 0 ? withChanges(percentileMarkLines(props.data.flowTime), markers) : undefined,
      })),
    }),
    [props.data, types, markers],
  )
  const onPick = props.onPick
  return (
    <EChart
      covers={props.data}
      title="Flow time scatterplot"
      description="Flow time in days of each completed item by its end date, with the 50th, 85th and 95th percentile lines of the whole range. Click a dot to open the item."
      option={option}
      height={360}
      csv={{ rows }}
      footer={props.note}
      onItemClick={
        onPick
          ? (click) => {
              const item = pickedOf(click)
              if (item) onPick(item)
            }
          : undefined
      }
    />
  )
}
