import type { MappingPreviewResponse, PeriodMetricsResponse } from '../../api/types'
import { formatCount, formatDays, formatNumber, formatPercent } from '../../format/numbers'

/** The five headline figures compared before and after a mapping change. */
export const PREVIEW_METRICS = [
  {
    key: 'velocity',
    label: 'Velocity',
    pick: (p: PeriodMetricsResponse) => p.velocity.total,
    format: formatCount,
  },
  {
    key: 'flowTime',
    label: 'Flow time p50 (d)',
    pick: (p: PeriodMetricsResponse) => p.flowTime?.p50 ?? null,
    format: formatDays,
  },
  {
    key: 'efficiency',
    label: 'Efficiency',
    pick: (p: PeriodMetricsResponse) => p.flowEfficiency.pooled,
    format: (v: number | null) => formatPercent(v),
  },
  {
    key: 'load',
    label: 'Load (avg)',
    pick: (p: PeriodMetricsResponse) => p.flowLoad.average,
    format: (v: number | null) => formatNumber(v),
  },
  {
    key: 'featureShare',
    label: 'Feature share',
    pick: (p: PeriodMetricsResponse) => p.distribution.completed?.feature ?? null,
    format: (v: number | null) => formatPercent(v),
  },
] as const

/** One cell: the figure before and after, and whether it changed. */
export interface DeltaCell {
  before: string
  after: string
  changed: boolean
}

/** Per stream, the five figures before → after (text as shown; `—` where they cannot be computed). */
export function previewRows(
  preview: MappingPreviewResponse,
): { stream: string; cells: DeltaCell[] }[] {
  return preview.streams.map((s) => ({
    stream: s.stream,
    cells: PREVIEW_METRICS.map((m) => {
      const before = s.before ? m.pick(s.before) : null
      const after = s.after ? m.pick(s.after) : null
      return { before: m.format(before), after: m.format(after), changed: before !== after }
    }),
  }))
}
