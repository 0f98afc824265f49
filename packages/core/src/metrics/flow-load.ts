import type { DailyLoad } from './daily-load'
import type { FlowItemType } from '../model/flow-vocabulary'
import { FLOW_ITEM_TYPES } from '../model/flow-vocabulary'

/** Flow Load of a period: the average of its daily samples, the value at its end, and both by type. */
export interface FlowLoad {
  average: number | null
  end: number | null
  averageByType: Record<FlowItemType, number> | null
  endByType: Record<FlowItemType, number> | null
}

function byType(values: (t: number) => number): Record<FlowItemType, number> {
  return { feature: values(0), defect: values(1), risk: values(2), debt: values(3) }
}

/**
 * **Flow Load**: the number of items started and not ended at an instant, sampled at the end of
 * each day of the period (see {@link DailyLoad}); reported as the period's average of daily samples
 * and the value at the period end (the last sampled day), both also per Flow Item type (type as of
 * that day). A period with no sampled day (entirely after the as-of time) has nulls.
 * `dayRange` is the period's days `first .. last - 1` in `load.days`.
 */
export function computeFlowLoad(
  load: DailyLoad,
  dayRange: { first: number; last: number },
): FlowLoad {
  const last = Math.min(dayRange.last, load.sampledDays)
  const count = last - dayRange.first
  if (count <= 0) return { average: null, end: null, averageByType: null, endByType: null }
  const sum = (series: Int32Array) => {
    let total = 0
    for (let d = dayRange.first; d < last; d++) total += series[d]!
    return total
  }
  return {
    average: sum(load.total) / count,
    end: load.total[last - 1]!,
    averageByType: byType((t) => sum(load.byType[t]!) / count),
    endByType: byType((t) => load.byType[t]![last - 1]!),
  }
}

/** The Flow Item types in report order, for callers that iterate `byType` records. */
export const LOAD_TYPES: readonly FlowItemType[] = FLOW_ITEM_TYPES
