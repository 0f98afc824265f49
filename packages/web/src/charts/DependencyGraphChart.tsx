import { useMemo } from 'react'
import type { DependencyGraphResponse } from '../api/types'
import { formatDays, formatPercent } from '../format/numbers'
import type { ChartClick } from './EChart'
import { EChart } from './EChart'
import { SERIES_COLORS } from './palette'

type Edge = DependencyGraphResponse['edges'][number]

/** The name a group is shown with; null is a group the reader may not see. */
export const groupName = (name: string | null) => name ?? 'restricted'

/** The chart's CSV: one row per edge, heaviest first, with the wait per period. */
function csvRows(data: DependencyGraphResponse) {
  return data.edges.map((edge) => ({
    upstream: groupName(edge.upstream),
    downstream: groupName(edge.downstream),
    waitDays: edge.waitDays,
    items: edge.itemCount,
    shareOfDownstreamTime: edge.shareOfDownstreamTime,
    ...Object.fromEntries(
      data.periods.map((p, i) => [
        `${p.start.slice(0, 10)}${p.partial ? ' (not over)' : ''}`,
        edge.periodWaitDays[i] ?? 0,
      ]),
    ),
  }))
}

function graphOption(edges: readonly Edge[], selected: number | undefined) {
  const names = [...new Set(edges.flatMap((e) => [groupName(e.upstream), groupName(e.downstream)]))]
  const heaviest = edges[0]?.waitDays ?? 1
  const weight = (name: string) =>
    edges.reduce((sum, e) => sum + (groupName(e.downstream) === name ? e.waitDays : 0), 0)
  return {
    tooltip: { trigger: 'item', confine: true },
    series: [
      {
        type: 'graph',
        layout: 'circular',
        // room on the right for the labels, which stand right of their node
        left: 40,
        right: 130,
        top: 24,
        bottom: 24,
        circular: { rotateLabel: false },
        roam: false,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 10,
        label: { show: true, position: 'right', fontSize: 11 },
        lineStyle: { curveness: 0.2, opacity: 0.8 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 6 } },
        data: names.map((name, i) => ({
          name,
          symbolSize: 14 + Math.min(26, Math.sqrt(weight(name))),
          itemStyle: { color: SERIES_COLORS[i % SERIES_COLORS.length] },
          tooltip: { formatter: `${name}: held up ${formatDays(weight(name))} days by others` },
        })),
        links: edges.map((e, index) => ({
          source: groupName(e.upstream),
          target: groupName(e.downstream),
          edgeIndex: index,
          lineStyle: {
            width: 1 + 9 * (e.waitDays / heaviest),
            color: index === selected ? '#e03131' : '#868e96',
          },
          tooltip: {
            formatter: `${groupName(e.upstream)} → ${groupName(e.downstream)}: ${formatDays(e.waitDays)} days of waiting, ${e.itemCount} items, ${formatPercent(e.shareOfDownstreamTime, 1)} of ${groupName(e.downstream)}'s time in progress`,
          },
        })),
      },
    ],
  }
}

/**
 * The dependency graph: an arrow from the group whose open items held up another group's
 * waiting items, as wide as the wait it caused; a click on an arrow picks that edge.
 */
export function DependencyGraphChart(props: {
  data: DependencyGraphResponse
  selected: number | undefined
  onPick: (edgeIndex: number) => void
}) {
  const { data, selected, onPick } = props
  const option = useMemo(() => graphOption(data.edges, selected), [data.edges, selected])
  const onClick = (click: ChartClick) => {
    const index = (click.data as { edgeIndex?: number } | undefined)?.edgeIndex
    if (typeof index === 'number') onPick(index)
  }
  return (
    <EChart
      title="Dependencies"
      description={`Arrows from the ${data.by === 'team' ? 'team' : 'value stream'} that held items up to the one whose items waited, as wide as the waiting time it caused; click an arrow for its items.`}
      option={option}
      csv={{ rows: csvRows(data) }}
      height={380}
      onItemClick={onClick}
      covers={data}
    />
  )
}
