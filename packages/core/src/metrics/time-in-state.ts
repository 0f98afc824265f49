import type { FlowInput } from './flow-metrics-report'
import type { CompletionIndex } from '../engine/completions'
import { unqualify } from '../model/dictionary'
import { FLOW_STATES, STATE_ACTIVE, STATE_NEW, STATE_WAITING } from '../model/flow-vocabulary'
import type { FlowState } from '../model/flow-vocabulary'
import { sumVisits } from './visit-sums'
import { MS_PER_DAY } from '../time/instant'

/** Time spent in one tool state by the completed items of a range. */
export interface StateTime {
  status: string
  source: string
  flowState: FlowState
  /** Total days spent there between start and end, over all items. */
  totalDays: number
  /** Number of separate visits (an item may come back). */
  visits: number
  /** Items that visited it at least once. */
  items: number
  /** Per-visit duration statistics in days. */
  visitDays: { mean: number; p50: number; p85: number; p95: number; max: number } | null
  /** totalDays ÷ total flow time of the range's completed items. */
  shareOfFlowTime: number | null
  /** For waiting states (and `new` after the start): totalDays ÷ all waiting time; else null. */
  waitShare: number | null
}

/** Time in state of the items completed in a range. */
export interface TimeInState {
  completedItems: number
  flowDays: number
  /** Tool states in workflow order; only states visited between start and end. */
  states: StateTime[]
  /** Totals per flow state; `new` here is time back in the backlog after the start. */
  flowStates: Record<'new' | 'waiting' | 'active', { totalDays: number; share: number | null }>
}

const isWaitLike = (state: number) => state === STATE_WAITING || state === STATE_NEW

/**
 * **Time in state**: for each tool state and each flow state, the total and per-visit durations of
 * the completed items of periods `range.first .. range.last - 1` between their start and end, and
 * the share of flow time spent there. A state's **wait share** is its share of all waiting time
 * (waiting states plus `new` after the start): the bottleneck candidates.
 */
export function computeTimeInState(
  input: FlowInput,
  index: CompletionIndex,
  range: { first: number; last: number },
): TimeInState {
  const { dataset, mapping } = input
  const items = index.items.subarray(index.offset[range.first]!, index.offset[range.last]!)
  const { totals, stats } = sumVisits(input, items)
  const { totalMs: total, visitCount, itemCount, byFlow, flowMs } = totals
  const waitMs = byFlow[STATE_WAITING]! + byFlow[STATE_NEW]!
  const share = (ms: number, of: number) => (of > 0 ? ms / of : null)
  const states: StateTime[] = []
  for (const status of mapping.statusOrder) {
    if (visitCount[status] === 0) continue
    const { source, name } = unqualify(dataset.statuses.valueOf(status))
    const flowState = mapping.stateTables[0]![status]!
    states.push({
      status: name,
      source,
      flowState: FLOW_STATES[flowState]!,
      totalDays: total[status]! / MS_PER_DAY,
      visits: visitCount[status]!,
      items: itemCount[status]!,
      visitDays: stats[status]!,
      shareOfFlowTime: share(total[status]!, flowMs),
      waitShare: isWaitLike(flowState) ? share(total[status]!, waitMs) : null,
    })
  }
  const flowState = (s: number) => ({
    totalDays: byFlow[s]! / MS_PER_DAY,
    share: share(byFlow[s]!, flowMs),
  })
  return {
    completedItems: index.offset[range.last]! - index.offset[range.first]!,
    flowDays: flowMs / MS_PER_DAY,
    states,
    flowStates: {
      new: flowState(STATE_NEW),
      waiting: flowState(STATE_WAITING),
      active: flowState(STATE_ACTIVE),
    },
  }
}
