import type { FlowState } from '@openvmo/core'
import type { TimeInStateResponse } from '../api/types'
import type { StateTime } from './flow-series'
import { statesByWorkflow } from './flow-series'

/** One row of the time-in-state chart: a flow state's heading, or a tool state inside it. */
export type TimeInStateRow =
  | { kind: 'group'; flowState: FlowState; share: number | null; id: string }
  | { kind: 'state'; state: StateTime; id: string }

/**
 * The time-in-state chart's rows: each flow state before done (new, waiting, active) as a heading
 * with its share of flow time, then its tool states, each with the source it comes from, longest
 * first. Flow states no completed item spent time in are left out.
 */
export function timeInStateGroups(data: TimeInStateResponse): TimeInStateRow[] {
  const rows: TimeInStateRow[] = []
  const states = statesByWorkflow(data).filter(
    (s) => s.flowState !== 'done' && s.flowState !== 'canceled',
  )
  let current: FlowState | undefined
  for (const state of states) {
    if (state.flowState !== current) {
      current = state.flowState
      const total = data.flowStates[current as 'new' | 'waiting' | 'active'] as
        { share: number | null } | undefined
      rows.push({
        kind: 'group',
        flowState: current,
        share: total?.share ?? null,
        id: `group\u0000${current}`,
      })
    }
    rows.push({ kind: 'state', state, id: `state\u0000${state.source}\u0000${state.status}` })
  }
  return rows
}

/** The largest bar of the chart (share of flow time or wait share), for an axis scaled to the data. */
export function largestShare(rows: readonly TimeInStateRow[]): number {
  let max = 0
  for (const row of rows)
    if (row.kind === 'state')
      max = Math.max(max, row.state.shareOfFlowTime ?? 0, row.state.waitShare ?? 0)
  return max
}

/** An axis maximum a little above `max`, on a round 5% step (10% at least, 100% at most). */
export function shareAxisMax(max: number): number {
  const step = 0.05
  const steps = Math.ceil(Math.round(((max * 1.08) / step) * 1e6) / 1e6)
  return Math.min(1, Math.max(0.1, Math.round(steps * step * 100) / 100))
}
