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
