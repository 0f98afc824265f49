import { useMemo } from 'react'
import type { CumulativeFlowResponse } from '../api/types'
import { EChart } from './EChart'
import { BASE_OPTION } from './chart-common'
import { cfdBands, cfdPartialDays, cfdRows } from './flow-series'
import { PARTIAL_NOTE, periodTooltip } from './partial-period'
import { STATE_COLORS, lighten } from './palette'
import type { ChangeMarker } from './change-markers'
import { dayChangeLines } from './change-markers'

/** A shaded area over the last day of `days` (a category axis without boundary gap). */
function partialDayArea(days: readonly string[]) {
  return {
    silent: true,
    itemStyle: { color: 'rgba(128, 128, 128, 0.18)' },
    label: { show: true, position: 'insideTopRight', formatter: 'not over' },
    data: [[{ xAxis: days[days.length - 2] }, { xAxis: days[days.length - 1] }]],
  }
}

/**
 * Cumulative flow: items in each tool state at the end of each day, stacked in workflow order
 * (done at the bottom). Canceled bands start hidden; click the legend to show them.
 */
export function CumulativeFlowChart(props: {
  data: CumulativeFlowResponse
  /** Process changes to mark on the days they happened. */
  markers?: readonly ChangeMarker[]
}) {
  const bands = useMemo(() => cfdBands(props.data), [props.data])
  const markers = props.markers
  const days = props.data.days
  const rows = useMemo(() => cfdRows(props.data), [props.data])
  const partial = useMemo(() => cfdPartialDays(props.data), [props.data])
  const lastPartial = props.data.lastDayPartial && props.data.days.length > 1
  const option = useMemo(() => {
    const names = bands.map((b) => `${b.status} (${b.source})`)
    const seen = new Map<string, number>()
    const colors = bands.map((b) => {
      const n = seen.get(b.flowState) ?? 0
      seen.set(b.flowState, n + 1)
      return lighten(STATE_COLORS[b.flowState], Math.min(n * 0.22, 0.66))
    })
    const selected = Object.fromEntries(bands.map((b, i) => [names[i], b.flowState !== 'canceled']))
    return {
      ...BASE_OPTION,
      grid: { ...BASE_OPTION.grid, top: 56 },
      legend: { ...BASE_OPTION.legend, selected },
      tooltip: { ...BASE_OPTION.tooltip, trigger: 'axis', formatter: periodTooltip(partial) },
      xAxis: { type: 'category', data: props.data.days, boundaryGap: false },
      // Done grows all along; starting the axis near the data keeps the work in progress readable.
      yAxis: { type: 'value', name: 'items', minInterval: 1, scale: true },
      series: bands.map((band, i) => ({
        name: names[i],
        type: 'line',
        stack: 'cfd',
        showSymbol: false,
        lineStyle: { width: 0.5 },
        areaStyle: { opacity: 0.85 },
        color: colors[i],
        data: band.counts,
        // the last day, when it is not over, is shaded and named (its counts are as of now)
        ...(i === 0 && lastPartial ? { markArea: partialDayArea(props.data.days) } : {}),
        ...(i === 0 && markers?.length
          ? { markLine: { symbol: 'none', silent: true, data: dayChangeLines(markers, days) } }
          : {}),
      })),
    }
  }, [bands, partial, lastPartial, props.data.days, markers, days])
  return (
    <EChart
      covers={props.data}
      title="Cumulative flow"
      description={`Number of items in each state at the end of each day, stacked in workflow order with done at the bottom.${lastPartial ? ` The shaded last day is ${PARTIAL_NOTE}: its counts are as of the as-of time.` : ''}`}
      option={option}
      height={380}
      csv={{ rows }}
    />
  )
}
