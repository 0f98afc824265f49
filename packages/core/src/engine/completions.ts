import type { Timelines } from './timelines'
import type { Selection } from './selection'
import { EvenPeriodIndex } from '../time/periods'
import { scratchInt32 } from '../stats/scratch'
import { STATE_CANCELED, STATE_DONE } from '../model/flow-vocabulary'

/**
 * The completed Flow Items of a selection grouped by the period containing their end (CSR form):
 * items of period `p` are `items[offset[p] .. offset[p + 1] - 1]`. Only items mapped to a Flow Item
 * type (not supporting/ignored) count. Also the per-period counts of canceled items (started items
 * that ended in `canceled`) and of reopened completions (completed items reopened at least once).
 */
export interface CompletionIndex {
  readonly periodCount: number
  readonly offset: Uint32Array
  readonly items: Uint32Array
  readonly canceled: Int32Array
  readonly reopened: Int32Array
}

/**
 * Groups the selection's completions by period (`boundaries` from `periodBoundaries`): two passes
 * over the selection, with the period of each item kept in between (in scratch memory: it does not
 * escape). Each pass is a function of its own, with the columns in locals (see sortWholeAndRuns in
 * stats/sort-numbers.ts): this runs over every item, twice per report.
 */
export function indexCompletions(
  timelines: Timelines,
  selection: Selection,
  boundaries: Float64Array,
): CompletionIndex {
  const periodCount = boundaries.length - 1
  const index = {
    periodCount,
    offset: new Uint32Array(periodCount + 1),
    items: new Uint32Array(0),
    canceled: new Int32Array(periodCount),
    reopened: new Int32Array(periodCount),
  }
  const period = scratchInt32('completion-periods', selection.length)
  countCompletions(timelines, { selection, boundaries, period }, index)
  const counts = index.offset
  for (let p = 0; p < periodCount; p++) counts[p + 1]! += counts[p]!
  index.items = new Uint32Array(counts[periodCount]!)
  placeCompletions(selection, period, index)
  return index
}

/**
 * The period of each selected item's completion into `period` (-1 when none), the counts per
 * period into `index.offset[p + 1]`, and the canceled and reopened counts.
 */
function countCompletions(
  timelines: Timelines,
  over: { selection: Selection; boundaries: Float64Array; period: Int32Array },
  index: CompletionIndex,
): void {
  const { selection, boundaries, period } = over
  const { offset: counts, canceled, reopened, periodCount } = index
  const { endState, flowItem, endMs, startMs, reopenCount } = timelines
  const periodOf = new EvenPeriodIndex(boundaries)
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    const state = endState[i]!
    let p = -1
    // Only Flow Items (not supporting/ignored) that ended in a period count.
    if ((state === STATE_DONE || state === STATE_CANCELED) && flowItem[i]! < 4) {
      p = periodOf.indexOf(endMs[i]!)
      if (p >= periodCount) p = -1
      else if (p >= 0 && state === STATE_CANCELED) {
        if (startMs[i] === startMs[i]) canceled[p]!++
        p = -1
      } else if (p >= 0) {
        counts[p + 1]!++
        if (reopenCount[i]! > 0) reopened[p]!++
      }
    }
    period[s] = p
  }
}

/** Each completed item to its period's next place in `index.items` (selection order). */
function placeCompletions(selection: Selection, period: Int32Array, index: CompletionIndex): void {
  const { items, offset, periodCount } = index
  const cursor = offset.slice(0, periodCount)
  for (let s = 0; s < selection.length; s++) {
    const p = period[s]!
    if (p >= 0) items[cursor[p]!++] = selection[s]!
  }
}
