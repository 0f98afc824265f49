import type { Timelines } from './timelines'
import type { Selection } from './selection'
import { findEvenPeriodIndex } from '../time/periods'
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

const isFlowItem = (flowItem: number) => flowItem < 4

function periodOf(boundaries: Float64Array, endMs: number): number {
  const p = findEvenPeriodIndex(boundaries, endMs)
  return p >= boundaries.length - 1 ? -1 : p
}

/** Groups the selection's completions by period (`boundaries` from `periodBoundaries`). */
export function indexCompletions(
  timelines: Timelines,
  selection: Selection,
  boundaries: Float64Array,
): CompletionIndex {
  const periodCount = boundaries.length - 1
  const counts = new Uint32Array(periodCount + 1)
  const canceled = new Int32Array(periodCount)
  const reopened = new Int32Array(periodCount)
  const period = new Int32Array(selection.length).fill(-1)
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    const state = timelines.endState[i]!
    if ((state !== STATE_DONE && state !== STATE_CANCELED) || !isFlowItem(timelines.flowItem[i]!))
      continue
    const p = periodOf(boundaries, timelines.endMs[i]!)
    if (p < 0) continue
    if (state === STATE_CANCELED) {
      if (timelines.startMs[i] === timelines.startMs[i]) canceled[p]!++
      continue
    }
    period[s] = p
    counts[p + 1]!++
    if (timelines.reopenCount[i]! > 0) reopened[p]!++
  }
  for (let p = 0; p < periodCount; p++) counts[p + 1]! += counts[p]!
  const items = new Uint32Array(counts[periodCount]!)
  const cursor = counts.slice(0, periodCount)
  for (let s = 0; s < selection.length; s++) {
    const p = period[s]!
    if (p >= 0) items[cursor[p]!++] = selection[s]!
  }
  return { periodCount, offset: counts, items, canceled, reopened }
}
