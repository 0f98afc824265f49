import type { FlowInput } from './flow-metrics-report'
import type { Selection } from '../engine/selection'
import { walkStatusStretches } from '../engine/status-walk'
import { findPeriodIndex } from '../time/periods'
import { unqualify } from '../model/dictionary'
import { FLOW_STATES } from '../model/flow-vocabulary'
import type { FlowState } from '../model/flow-vocabulary'

/** One band of the cumulative flow diagram: a tool state and its count at the end of each day. */
export interface CumulativeFlowBand {
  status: string
  source: string
  flowState: FlowState
  counts: Int32Array
}

/** Cumulative flow: per tool state, the number of items in it at the end of each day. */
export interface CumulativeFlow {
  /** Day starts (midnights) in the zone; `days.length - 1` days. */
  days: Float64Array
  /** Bands in workflow order (mapping order: new → waiting → active → done → canceled). */
  bands: CumulativeFlowBand[]
  /** The same counts summed per flow state. */
  byFlowState: Record<FlowState, Int32Array>
}

/**
 * **Cumulative flow**: the number of items in each state (ordered by the workflow) at the end of
 * each day, sampled like Flow Load (the state in effect during the last instant before midnight).
 * Items count from creation; items mapped to `supporting`/`ignored` types are left out. Days that
 * start at or after the as-of time are sampled at the as-of time. Uses the default state mapping
 * (rules that override states apply to the flow-state totals).
 */
export function computeCumulativeFlow(
  input: FlowInput,
  selection: Selection,
  days: Float64Array,
): CumulativeFlow {
  const { dataset, mapping, timelines } = input
  const dayCount = days.length - 1
  const diff = new Int32Array((dataset.statuses.size + 1) * (dayCount + 1))
  const stateDiff = new Int32Array(5 * (dayCount + 1))
  for (const i of selection) {
    if (!timelines.included[i] || timelines.flowItem[i]! >= 4) continue
    const table = mapping.stateTables[mapping.itemStateTable[i]!]!
    const walk = { dataset, item: i, asOfMs: timelines.asOfMs, openEndMs: Infinity }
    walkStatusStretches(walk, (status, a, end) => {
      const first = Math.max(findPeriodIndex(days, a), 0)
      const last = Math.min(findPeriodIndex(days, end) - 1, dayCount - 1)
      if (first > last) return
      for (const [arr, row] of [
        [diff, status],
        [stateDiff, table[status]!],
      ] as const) {
        arr[row * (dayCount + 1) + first]!++
        arr[row * (dayCount + 1) + last + 1]!--
      }
    })
  }
  const accumulate = (arr: Int32Array, row: number) => {
    const out = new Int32Array(dayCount)
    let running = 0
    for (let d = 0; d < dayCount; d++) out[d] = running += arr[row * (dayCount + 1) + d]!
    return out
  }
  const bands = Array.from(mapping.statusOrder, (status) => {
    const { source, name } = unqualify(dataset.statuses.valueOf(status))
    return {
      status: name,
      source,
      flowState: FLOW_STATES[mapping.stateTables[0]![status]!]!,
      counts: accumulate(diff, status),
    }
  })
  const byFlowState = Object.fromEntries(
    FLOW_STATES.map((s, k) => [s, accumulate(stateDiff, k)]),
  ) as Record<FlowState, Int32Array>
  return { days, bands, byFlowState }
}
