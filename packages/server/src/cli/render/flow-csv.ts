import type { CsvCell } from '@openvmo/core'

/** A state of a time-in-state result (the engine's and the API's have these fields). */
interface StateTime {
  source: string
  status: string
  flowState: string
  totalDays: number
  visits: number
  items: number
  visitDays: { mean: number; p85: number } | null
  shareOfFlowTime: number | null
  waitShare: number | null
}

/** Time in state as CSV rows (`vmo flow time-in-state --csv`, the report's time-in-state.csv). */
export function timeInStateRows(states: readonly StateTime[]): CsvCell[][] {
  return [
    [
      'source',
      'status',
      'flow_state',
      'total_days',
      'visits',
      'items',
      'mean_visit_days',
      'p85_visit_days',
      'share_of_flow_time',
      'wait_share',
    ],
    ...states.map((s) => [
      s.source,
      s.status,
      s.flowState,
      s.totalDays,
      s.visits,
      s.items,
      s.visitDays?.mean,
      s.visitDays?.p85,
      s.shareOfFlowTime,
      s.waitShare,
    ]),
  ]
}

/** An aging item (the engine's and the API's have these fields). */
interface AgingItem {
  source: string
  key: string
  title?: string | null
  flowItem: string
  status: string
  flowState: string
  ageDays: number
  daysInStatus: number
  band: string
}

/** Aging work in progress as CSV rows (`vmo flow aging --csv`, the report's aging.csv). */
export function agingRows(items: readonly AgingItem[]): CsvCell[][] {
  return [
    [
      'source',
      'key',
      'title',
      'flow_item',
      'status',
      'flow_state',
      'age_days',
      'days_in_status',
      'band',
    ],
    ...items.map((a) => [
      a.source,
      a.key,
      a.title,
      a.flowItem,
      a.status,
      a.flowState,
      a.ageDays,
      a.daysInStatus,
      a.band,
    ]),
  ]
}
