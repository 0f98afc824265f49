import type { AgingWipResponse, TimeInStateResponse } from '../../api/types'
import type { CsvRow } from '../../charts/to-csv'
import { round } from '../../charts/chart-common'

/** One state of the bottleneck finder: who waits there now, and how long completed work waited. */
export interface BottleneckRow extends CsvRow {
  source: string
  status: string
  flowState: string
  /** Items in progress sitting in this state now. */
  waitingNow: number
  /** Mean days the items now in this state have been in it; null when none are. */
  meanDaysInStatusNow: number | null
  /** Completed items of the range that visited this state. */
  completedVisited: number
  p50VisitDays: number | null
  p85VisitDays: number | null
  totalDays: number
  waitShare: number | null
  shareOfFlowTime: number | null
}

/**
 * The states where work waits (`new` after start and `waiting` flow states), with the items in
 * them now (from aging work in progress, matched by source and status) and the range's completed
 * items' time there; largest wait share first.
 */
export function bottleneckRows(
  tis: TimeInStateResponse,
  aging: AgingWipResponse | undefined,
): BottleneckRow[] {
  const now = new Map<string, { count: number; days: number }>()
  for (const item of aging?.items ?? []) {
    const id = `${item.source}\u0000${item.status}`
    const entry = now.get(id) ?? { count: 0, days: 0 }
    entry.count += 1
    entry.days += item.daysInStatus
    now.set(id, entry)
  }
  return tis.states
    .filter((s) => s.flowState === 'waiting' || s.flowState === 'new')
    .map((s) => {
      const current = now.get(`${s.source}\u0000${s.status}`)
      return {
        source: s.source,
        status: s.status,
        flowState: s.flowState,
        waitingNow: current?.count ?? 0,
        meanDaysInStatusNow: current ? round(current.days / current.count) : null,
        completedVisited: s.items,
        p50VisitDays: round(s.visitDays?.p50),
        p85VisitDays: round(s.visitDays?.p85),
        totalDays: round(s.totalDays) ?? 0,
        waitShare: round(s.waitShare, 4),
        shareOfFlowTime: round(s.shareOfFlowTime, 4),
      }
    })
    .sort((a, b) => (b.waitShare ?? -1) - (a.waitShare ?? -1) || b.waitingNow - a.waitingNow)
}
