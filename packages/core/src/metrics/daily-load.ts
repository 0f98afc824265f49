import type { FlowDataset } from '../model/flow-dataset'
import { EVENT_STATUS } from '../model/flow-dataset'
import type { CompiledMapping } from '../mapping/mapping-config'
import type { Timelines } from '../engine/timelines'
import { flowItemOf } from '../engine/timelines'
import { NO_OVERRIDE } from '../mapping/mapping-config'
import type { Selection } from '../engine/selection'
import { EvenPeriodIndex, daysStartedBy } from '../time/periods'
import { STATE_ACTIVE, STATE_CANCELED, STATE_DONE, STATE_WAITING } from '../model/flow-vocabulary'

/**
 * Flow Load sampled at the end of each day: `byType[t][d]` is the number of items of Flow Item
 * type `t` (FLOW_ITEM_TYPES order, type as of that day) started and not ended during the last
 * instant before the midnight that ends day `d`. An item that starts exactly at midnight counts
 * from that day on; one that ends exactly at midnight still counts on the day before. Days whose
 * start is at or after the as-of time have no sample (`sampledDays` counts the others); the day
 * containing the as-of time is sampled at the as-of time.
 */
export interface DailyLoad {
  readonly days: Float64Array
  readonly byType: readonly Int32Array[]
  readonly total: Int32Array
  readonly sampledDays: number
}

/** Where {@link addSegments} writes: difference rows per Flow Item type (`dayCount + 1` long). */
interface LoadRows {
  diff: readonly Int32Array[]
  days: Float64Array
  dayCount: number
  dayOf: EvenPeriodIndex
}

const isTerminal = (state: number) => state === STATE_DONE || state === STATE_CANCELED

// Walks one item's events and records its in-progress segments, split where its Flow Item type
// changes: a stretch from `a` to `b` adds +1 to the samples of days `d` with
// `a < days[d + 1] <= b`. Kept in one function with plain arguments (no context object, whose
// map changed from report to report and threw the compiled code away each time): it runs for
// every reopened or retyped item.
function addItemSegments(
  input: { dataset: FlowDataset; mapping: CompiledMapping; asOf: number },
  i: number,
  rows: LoadRows,
): void {
  const { dataset, mapping, asOf } = input
  const { diff, dayCount, dayOf } = rows
  const { eventOffset, eventAt, eventKind, eventValue } = dataset
  const table = mapping.stateTables[mapping.itemStateTable[i]!]!
  let state = table[dataset.initialStatus[i]!]!
  let flowItem = flowItemOf(mapping, i, dataset.initialType[i]!)
  let started = state === STATE_WAITING || state === STATE_ACTIVE
  let inProgress = started
  let since = dataset.createdMs[i]!
  const last = eventOffset[i + 1]!
  for (let e = eventOffset[i]!; e <= last; e++) {
    let at = Infinity
    let nextItem = flowItem
    let nextProgress = inProgress
    if (e < last) {
      at = eventAt[e]!
      if (at > asOf) {
        at = Infinity
        e = last
      } else if (eventKind[e] === EVENT_STATUS) {
        state = table[eventValue[e]!]!
        started ||= state === STATE_WAITING || state === STATE_ACTIVE
        nextProgress = started && !isTerminal(state)
      } else {
        nextItem = flowItemOf(mapping, i, eventValue[e]!)
      }
      if (e < last && nextItem === flowItem && nextProgress === inProgress) continue
    }
    if (inProgress && flowItem < 4) {
      const from = Math.max(dayOf.indexOf(since), 0)
      const stop = Math.min(dayOf.indexOf(at) - 1, dayCount - 1) + 1
      if (from < stop) {
        diff[flowItem]![from]!++
        diff[flowItem]![stop]!--
      }
    }
    flowItem = nextItem
    inProgress = nextProgress
    since = at
  }
}

/**
 * Adds every selected item's in-progress segments to `rows.diff` (a function of its own, see
 * sortWholeAndRuns in stats/sort-numbers.ts: a long loop in a larger function ran half
 * unoptimized).
 */
function addSegments(
  input: { dataset: FlowDataset; mapping: CompiledMapping; timelines: Timelines },
  selection: Selection,
  rows: LoadRows,
): void {
  const { dataset, mapping, timelines } = input
  const { diff, days, dayCount, dayOf } = rows
  const { included, startMs, endMs, reopenCount, typeChanged } = timelines
  const { itemFlowItemOverride, typeMapping } = mapping
  const { initialType } = dataset
  const walk = { dataset, mapping, asOf: timelines.asOfMs }
  const firstDay = days[0]!
  const lastDay = days[dayCount]!
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    const start = startMs[i]!
    const end = endMs[i]!
    // NaN compares false: never-started items are skipped, items still in progress are kept.
    if (!included[i] || !(start < lastDay) || end < firstDay) continue
    if (reopenCount[i] !== 0 || typeChanged[i] !== 0) {
      addItemSegments(walk, i, rows)
      continue
    }
    // An item never reopened and whose type did not change (up to the as-of time) is in progress
    // from its start until its end (or on), in the Flow Item type it was created with: read from
    // its timeline instead of walking its events (most items; walking every event was the largest
    // cost of the report). Inlined (flowItemOf) as it runs per item.
    const forced = itemFlowItemOverride[i]!
    const flowItem = forced !== NO_OVERRIDE ? forced : typeMapping[initialType[i]!]!
    if (flowItem >= 4) continue
    const from = start < firstDay ? 0 : dayOf.indexOf(start)
    const stop = end === end ? dayOf.indexOf(end) : dayCount
    if (from >= stop) continue
    const row = diff[flowItem]!
    row[from]!++
    row[stop]!--
  }
}

/** Computes the {@link DailyLoad} of a selection over the days delimited by `days` (midnights). */
export function computeDailyLoad(
  input: { dataset: FlowDataset; mapping: CompiledMapping; timelines: Timelines },
  selection: Selection,
  days: Float64Array,
): DailyLoad {
  const dayCount = days.length - 1
  const diff = [0, 1, 2, 3].map(() => new Int32Array(dayCount + 1))
  addSegments(input, selection, { diff, days, dayCount, dayOf: new EvenPeriodIndex(days) })
  const total = new Int32Array(dayCount)
  const byType = diff.map((d) => {
    const samples = new Int32Array(dayCount)
    let running = 0
    for (let k = 0; k < dayCount; k++) {
      running += d[k]!
      samples[k] = running
      total[k]! += running
    }
    return samples
  })
  return { days, byType, total, sampledDays: daysStartedBy(days, input.timelines.asOfMs) }
}
