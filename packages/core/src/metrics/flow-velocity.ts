import type { CompletionIndex } from '../engine/completions'
import type { Timelines } from '../engine/timelines'
import type { FlowItemType } from '../model/flow-vocabulary'
import { FLOW_ITEM_TYPES } from '../model/flow-vocabulary'

/** Items completed in a period, in total and per Flow Item type. */
export type FlowVelocity = { total: number } & Record<FlowItemType, number>

/** The zero velocity: an empty period completed nothing (a count, so 0 and not null). */
export function emptyVelocity(): FlowVelocity {
  return { total: 0, feature: 0, defect: 0, risk: 0, debt: 0 }
}

/**
 * **Flow Velocity**: the number of items completed in the period, in total and per Flow Item
 * type. Each item counts once, in the period of its end; its type is its type at its end.
 */
export function computeFlowVelocity(
  timelines: Timelines,
  index: CompletionIndex,
  period: number,
): FlowVelocity {
  // Counted by index, not by property name: this runs over every completion of every period.
  const counts = [0, 0, 0, 0]
  for (let k = index.offset[period]!; k < index.offset[period + 1]!; k++) {
    counts[timelines.flowItem[index.items[k]!]!]!++
  }
  const velocity = emptyVelocity()
  FLOW_ITEM_TYPES.forEach((type, t) => {
    velocity[type] = counts[t]!
    velocity.total += counts[t]!
  })
  return velocity
}

/**
 * {@link computeFlowVelocity} of every period of `index` (one pass over the completions, counted
 * by index in one typed array rather than an array per period).
 */
export function computeFlowVelocityByPeriod(
  timelines: Timelines,
  index: CompletionIndex,
): FlowVelocity[] {
  const counts = countByType(timelines, index)
  return Array.from({ length: index.periodCount }, (_, p) => {
    const velocity = emptyVelocity()
    FLOW_ITEM_TYPES.forEach((type, t) => {
      velocity[type] = counts[4 * p + t]!
      velocity.total += counts[4 * p + t]!
    })
    return velocity
  })
}

/**
 * Completions per period and Flow Item type (`4 * p + t`): the loop over the completions in a
 * function of its own (see sortWholeAndRuns), so that its compiled code stays valid.
 */
function countByType(timelines: Timelines, index: CompletionIndex): Int32Array {
  const { flowItem } = timelines
  const { offset, items, periodCount } = index
  const counts = new Int32Array(4 * periodCount)
  for (let p = 0; p < periodCount; p++) {
    for (let k = offset[p]!; k < offset[p + 1]!; k++) counts[4 * p + flowItem[items[k]!]!]!++
  }
  return counts
}
