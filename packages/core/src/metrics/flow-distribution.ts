import type { FlowItemType } from '../model/flow-vocabulary'
import type { FlowVelocity } from './flow-velocity'
import type { FlowLoad } from './flow-load'

/** Shares of each Flow Item type (summing to 1), or null for an empty set. */
export type Shares = Record<FlowItemType, number> | null

/** Flow Distribution of a period. */
export interface FlowDistribution {
  /** (a) Among the items completed in the period (the default view). */
  completed: Shares
  /** (b) In the Flow Load at the period end (in-progress distribution). */
  inProgress: Shares
}

function shares(counts: Record<FlowItemType, number>, total: number): Shares {
  if (total <= 0) return null
  return {
    feature: counts.feature / total,
    defect: counts.defect / total,
    risk: counts.risk / total,
    debt: counts.debt / total,
  }
}

/**
 * **Flow Distribution**: the share of each Flow Item type (a) among items completed in the period
 * and (b) in the Flow Load at the period end. Shares sum to 1; an empty period has no distribution
 * (null, not zeros).
 */
export function computeFlowDistribution(velocity: FlowVelocity, load: FlowLoad): FlowDistribution {
  return {
    completed: shares(velocity, velocity.total),
    inProgress: load.endByType && load.end !== null ? shares(load.endByType, load.end) : null,
  }
}
