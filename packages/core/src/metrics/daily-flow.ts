import type { Timelines } from '../engine/timelines'
import type { Selection } from '../engine/selection'
import { findPeriodIndex } from '../time/periods'
import { STATE_DONE } from '../model/flow-vocabulary'

/** Throughput and arrivals per calendar day. */
export interface DailyFlow {
  days: Float64Array
  /** Flow Items completed per day (ended in `done`). */
  throughput: Int32Array
  /** Flow Items started per day. */
  arrivals: Int32Array
}

/**
 * **Throughput per day** (items completed per day, by the day of their end) and **arrivals per
 * day** (items started per day, by the day of their start) over the days delimited by `days`.
 * Flow Items only; an item counts in the zone's calendar day containing the instant.
 */
export function computeDailyFlow(
  timelines: Timelines,
  selection: Selection,
  days: Float64Array,
): DailyFlow {
  const dayCount = days.length - 1
  const throughput = new Int32Array(dayCount)
  const arrivals = new Int32Array(dayCount)
  const bump = (series: Int32Array, ms: number) => {
    const d = findPeriodIndex(days, ms)
    if (d >= 0 && d < dayCount) series[d]!++
  }
  for (const i of selection) {
    if (!timelines.included[i] || timelines.flowItem[i]! >= 4) continue
    const start = timelines.startMs[i]!
    if (start === start) bump(arrivals, start)
    if (timelines.endState[i] === STATE_DONE) bump(throughput, timelines.endMs[i]!)
  }
  return { days, throughput, arrivals }
}
