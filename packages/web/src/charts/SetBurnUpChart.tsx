import { useMemo } from 'react'
import type { ItemSetForecastResponse } from '../api/types'
import { EChart } from './EChart'
import { BASE_OPTION } from './chart-common'

/** A set's burn-up: items in the set (scope) and items done, over time. */
export function SetBurnUpChart(props: { burnUp: ItemSetForecastResponse['burnUp'] }) {
  const rows = props.burnUp
  const option = useMemo(
    () => ({
      ...BASE_OPTION,
      xAxis: { type: 'category', data: rows.map((r) => r.date) },
      yAxis: { type: 'value', name: 'items', minInterval: 1 },
      series: [
        { name: 'In the set', type: 'line', step: 'end', data: rows.map((r) => r.total) },
        { name: 'Done', type: 'line', step: 'end', areaStyle: {}, data: rows.map((r) => r.done) },
      ],
    }),
    [rows],
  )
  return (
    <EChart
      title="Burn-up of the set"
      description="Items in the set and items done, by date."
      option={option}
      csv={{ rows, columns: ['date', 'total', 'done'] }}
    />
  )
}
