import { FLOW_STATES } from '@openvmo/core'
import type { FlowItemType, FlowState } from '@openvmo/core'
import type {
  AgingWipResponse,
  CumulativeFlowResponse,
  DailyFlowResponse,
  FlowTimesResponse,
  TimeInStateResponse,
} from '../api/types'
import { isoDate } from '../format/numbers'
import type { CsvRow } from './to-csv'
import { round } from './chart-common'

/** Completed items of the scatterplot, restricted to the shown types. */
export function scatterRows(data: FlowTimesResponse, types: readonly FlowItemType[]): CsvRow[] {
  return data.points
    .filter((p) => types.includes(p.flowItem))
    .map((p) => ({
      source: p.source,
      key: p.key,
      title: p.title,
      type: p.flowItem,
      end: p.end,
      flow_time_days: round(p.flowTimeDays, 3),
      url: p.url,
    }))
}

/** Daily Flow Load per type, only over the sampled days (later days have no sample). */
export function loadRows(data: DailyFlowResponse, types: readonly FlowItemType[]): CsvRow[] {
  const days = data.days.slice(0, data.load.sampledDays)
  return days.map((day, d) => {
    const row: Record<string, string | number | null> = { day, total: data.load.total[d] ?? null }
    for (const type of types) row[type] = data.load.byType[type]?.[d] ?? null
    row.arrivals = data.arrivals[d] ?? null
    row.throughput = data.throughput[d] ?? null
    return row
  })
}

const STACK_ORDER: Record<FlowState, number> = {
  done: 0,
  canceled: 1,
  active: 2,
  waiting: 3,
  new: 4,
}

/** A CFD band: one tool state's daily counts, with its flow state. */
export type CfdBand = CumulativeFlowResponse['bands'][number]

/**
 * CFD bands in stacking order: done at the bottom, then active, waiting and new on top, as the
 * workflow reads; the API's order is kept within one flow state.
 */
export function cfdBands(data: CumulativeFlowResponse): CfdBand[] {
  return data.bands
    .map((band, index) => ({ band, index }))
    .sort(
      (a, b) => STACK_ORDER[a.band.flowState] - STACK_ORDER[b.band.flowState] || b.index - a.index,
    )
    .map(({ band }) => band)
}

/** Per day of the CFD, whether it is not over at the as-of time (only the last day can be). */
export function cfdPartialDays(data: CumulativeFlowResponse): boolean[] {
  return data.days.map((_, d) => data.lastDayPartial && d === data.days.length - 1)
}

/**
 * The CFD as CSV rows: one per day, one column per `source:status`, and whether the day was not
 * over at the as-of time (its counts are as of then).
 */
export function cfdRows(data: CumulativeFlowResponse): CsvRow[] {
  const bands = cfdBands(data)
  const partial = cfdPartialDays(data)
  return data.days.map((day, d) => {
    const row: Record<string, string | number | boolean | null> = { day }
    for (const band of bands) row[`${band.source}:${band.status}`] = band.counts[d] ?? null
    row.partial = partial[d] ?? false
    return row
  })
}

/** A state of the time-in-state analysis. */
export type StateTime = TimeInStateResponse['states'][number]

/** States ordered by flow state (workflow order), then by total days, longest first. */
export function statesByWorkflow(data: TimeInStateResponse): StateTime[] {
  const order = (s: FlowState) => FLOW_STATES.indexOf(s)
  return [...data.states].sort(
    (a, b) => order(a.flowState) - order(b.flowState) || b.totalDays - a.totalDays,
  )
}

/** The bottleneck candidates: states with waiting time, largest wait share first. */
export function bottlenecks(data: TimeInStateResponse): StateTime[] {
  return data.states
    .filter((s) => s.waitShare !== null && s.waitShare > 0)
    .sort((a, b) => (b.waitShare ?? 0) - (a.waitShare ?? 0))
}

/** Time-in-state CSV rows, in workflow order. */
export function timeInStateRows(data: TimeInStateResponse): CsvRow[] {
  return statesByWorkflow(data).map((s) => ({
    source: s.source,
    status: s.status,
    flow_state: s.flowState,
    items: s.items,
    visits: s.visits,
    total_days: round(s.totalDays, 3),
    p50_visit_days: round(s.visitDays?.p50, 3),
    p85_visit_days: round(s.visitDays?.p85, 3),
    share_of_flow_time: round(s.shareOfFlowTime, 4),
    wait_share: round(s.waitShare, 4),
  }))
}

/** An item in progress. */
export type AgingItem = AgingWipResponse['items'][number]

/** The status columns of the aging chart, in workflow order (waiting before active, then by name). */
export function agingColumns(items: readonly AgingItem[]): string[] {
  const columns = new Map<string, FlowState>()
  for (const item of items) columns.set(item.status, item.flowState)
  return [...columns.entries()]
    .sort(
      ([a, sa], [b, sb]) => FLOW_STATES.indexOf(sa) - FLOW_STATES.indexOf(sb) || a.localeCompare(b),
    )
    .map(([status]) => status)
}

/**
 * A stable horizontal offset in [-0.3, 0.3] for an item's dot, from its key, so dots in one
 * column do not hide each other and do not move between renders.
 */
export function jitter(key: string): number {
  let hash = 2166136261
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619)
  return (((hash >>> 0) % 1000) / 1000 - 0.5) * 0.6
}

/** Aging CSV rows, oldest first. */
export function agingRows(items: readonly AgingItem[]): CsvRow[] {
  return [...items]
    .sort((a, b) => b.ageDays - a.ageDays)
    .map((i) => ({
      source: i.source,
      key: i.key,
      title: i.title,
      type: i.flowItem,
      status: i.status,
      flow_state: i.flowState,
      age_days: round(i.ageDays, 3),
      days_in_status: round(i.daysInStatus, 3),
      band: i.band,
      url: i.url,
    }))
}

/** The date of an instant, for axis labels. */
export const dayOf = isoDate
