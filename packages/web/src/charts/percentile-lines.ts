import type { DurationSummaryResponse } from '../api/types'
import { PERCENTILE_COLORS } from './palette'

/** Horizontal mark lines at p50/p85/p95 of a flow-time summary (none when it is null). */
export function percentileMarkLines(summary: DurationSummaryResponse | null) {
  if (!summary) return undefined
  const line = (name: 'p50' | 'p85' | 'p95') => ({
    name,
    yAxis: summary[name],
    lineStyle: { color: PERCENTILE_COLORS[name], type: 'dashed', width: 1.5 },
    label: {
      formatter: `${name} ${summary[name].toFixed(1)} d`,
      position: 'end',
      color: PERCENTILE_COLORS[name],
    },
  })
  return { symbol: 'none', silent: true, data: [line('p50'), line('p85'), line('p95')] }
}
