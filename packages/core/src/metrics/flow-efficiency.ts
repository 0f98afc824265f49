import type { CompletionIndex } from '../engine/completions'
import type { Timelines } from '../engine/timelines'

/** Flow Efficiency of a period's completed items; each figure is null when it cannot be computed. */
export interface FlowEfficiency {
  /** Sum of active time ÷ sum of flow time (the headline figure). */
  pooled: number | null
  /** Mean of per-item ratios; items with flow time 0 have no ratio and are left out. */
  meanOfItems: number | null
  /** Completed items that have a ratio (flow time > 0). */
  itemsWithRatio: number
}

/**
 * **Flow Efficiency**: for each completed item, time in `active` between start and end divided by
 * its flow time (`new` after the start counts as waiting). Reported pooled (sum of active time /
 * sum of flow time over the period's completed items) and as the mean of per-item ratios. With no
 * completed item, or only items of flow time 0 (no status history between start and end), both
 * are null.
 */
export function computeFlowEfficiency(
  timelines: Timelines,
  index: CompletionIndex,
  range: { first: number; last: number },
): FlowEfficiency {
  let activeSum = 0
  let flowSum = 0
  let ratioSum = 0
  let ratios = 0
  for (let k = index.offset[range.first]!; k < index.offset[range.last]!; k++) {
    const i = index.items[k]!
    const flow = timelines.endMs[i]! - timelines.startMs[i]!
    const active = Math.min(timelines.activeMs[i]!, flow)
    activeSum += active
    flowSum += flow
    if (flow > 0) {
      ratioSum += active / flow
      ratios++
    }
  }
  return efficiencyOf({ activeSum, flowSum, ratioSum, ratios })
}

/** {@link FlowEfficiency} of each period of an index and of all of them together. */
export interface FlowEfficiencyByPeriod {
  periods: FlowEfficiency[]
  total: FlowEfficiency
}

/**
 * {@link computeFlowEfficiency} of each period of `index` and of all its periods (`total`), the
 * same figures to the bit (each sum runs over the same items in the same order) from one pass over
 * the completions instead of two: this reads every completion of the report.
 */
export function computeFlowEfficiencyByPeriod(
  timelines: Timelines,
  index: CompletionIndex,
): FlowEfficiencyByPeriod {
  const sums = sumEfficiencies(timelines, index)
  const sumsAt = (p: number) => ({
    activeSum: sums[4 * p]!,
    flowSum: sums[4 * p + 1]!,
    ratioSum: sums[4 * p + 2]!,
    ratios: sums[4 * p + 3]!,
  })
  const periods = Array.from({ length: index.periodCount }, (_, p) => efficiencyOf(sumsAt(p)))
  const total = efficiencyOf(sumsAt(index.periodCount))
  return { periods, total }
}

/**
 * Per period `p` of `index`: the sums of active time, of flow time and of ratios, and the count
 * of ratios, at `4 * p` .. `4 * p + 3`; those of all periods after them (at `4 * periodCount`),
 * each summed item by item in the same order as the period sums. The loop over the completions
 * in a function of its own that builds no object (see sortWholeAndRuns): its compiled code stays
 * valid from call to call.
 */
function sumEfficiencies(timelines: Timelines, index: CompletionIndex): Float64Array {
  const { startMs, endMs, activeMs } = timelines
  const { offset, items, periodCount } = index
  const sums = new Float64Array(4 * (periodCount + 1))
  let totalActive = 0
  let totalFlow = 0
  let totalRatio = 0
  let totalRatios = 0
  for (let p = 0; p < periodCount; p++) {
    let activeSum = 0
    let flowSum = 0
    let ratioSum = 0
    let ratios = 0
    for (let k = offset[p]!; k < offset[p + 1]!; k++) {
      const i = items[k]!
      const flow = endMs[i]! - startMs[i]!
      const active = Math.min(activeMs[i]!, flow)
      activeSum += active
      flowSum += flow
      totalActive += active
      totalFlow += flow
      if (flow > 0) {
        const ratio = active / flow
        ratioSum += ratio
        ratios++
        totalRatio += ratio
        totalRatios++
      }
    }
    sums[4 * p] = activeSum
    sums[4 * p + 1] = flowSum
    sums[4 * p + 2] = ratioSum
    sums[4 * p + 3] = ratios
  }
  sums.set([totalActive, totalFlow, totalRatio, totalRatios], 4 * periodCount)
  return sums
}

function efficiencyOf(sums: {
  activeSum: number
  flowSum: number
  ratioSum: number
  ratios: number
}): FlowEfficiency {
  const { activeSum, flowSum, ratioSum, ratios } = sums
  return {
    pooled: flowSum > 0 ? activeSum / flowSum : null,
    meanOfItems: ratios > 0 ? ratioSum / ratios : null,
    itemsWithRatio: ratios,
  }
}
