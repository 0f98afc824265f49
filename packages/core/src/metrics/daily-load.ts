import type { FlowDataset } from '../model/flow-dataset'
import { EVENT_STATUS } from '../model/flow-dataset'
import type { CompiledMapping } from '../mapping/mapping-config'
import type { Timelines } from '../engine/timelines'
import { flowItemOf } from '../engine/timelines'
import type { Selection } from '../engine/selection'
import { findEvenPeriodIndex } from '../time/periods'
import { EVENT_TYPE } from '../model/event-kinds'
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

interface LoadContext {
  dataset: FlowDataset
  mapping: CompiledMapping
  asOf: number
  /** Adds +1 to the samples of type `row` on days `d` with `a < days[d + 1] <= b`. */
  addInterval: (row: number, a: number, b: number) => void
}

const isTerminal = (state: number) => state === STATE_DONE || state === STATE_CANCELED

// Walks one item's events and records its in-progress segments, split where its Flow Item type
// changes. Kept in one function: it runs once per item on the hot path.
function addItemSegments(ctx: LoadContext, i: number): void {
  const { dataset, mapping, asOf, addInterval } = ctx
  const { eventOffset, eventAt, eventKind, eventValue } = dataset
  const table = mapping.stateTables[mapping.itemStateTable[i]!]!
  let state = table[dataset.initialStatus[i]!]!
  let flowItem = flowItemOf(mapping, i, dataset.initialType[i]!)
  let started = state === STATE_WAITING || state === STATE_ACTIVE
  let inProgress = started
  let since = dataset.createdMs[i]!
  const last = eventOffset[i + 1]!
  for (let e = eventOffset[i]!; e < last; e++) {
    const at = eventAt[e]!
    if (at > asOf) break
    let nextItem = flowItem
    let nextProgress = inProgress
    if (eventKind[e] === EVENT_STATUS) {
      state = table[eventValue[e]!]!
      started ||= state === STATE_WAITING || state === STATE_ACTIVE
      nextProgress = started && !isTerminal(state)
    } else {
      nextItem = flowItemOf(mapping, i, eventValue[e]!)
    }
    if (nextItem === flowItem && nextProgress === inProgress) continue
    if (inProgress && flowItem < 4) addInterval(flowItem, since, at)
    flowItem = nextItem
    inProgress = nextProgress
    since = at
  }
  if (inProgress && flowItem < 4) addInterval(flowItem, since, Infinity)
}

function hasTypeChange(dataset: FlowDataset, i: number): boolean {
  for (let e = dataset.eventOffset[i]!; e < dataset.eventOffset[i + 1]!; e++)
    if (dataset.eventKind[e] === EVENT_TYPE) return true
  return false
}

/**
 * Adds the one in-progress segment of an item never reopened and without type changes, read from
 * its timeline instead of walking its events: such an item is in progress from its start until
 * its end (or on), in the Flow Item type it was created with. Most items are like this, and
 * walking every event was the largest cost of the report.
 */
function addItemSegment(ctx: LoadContext & { timelines: Timelines }, i: number): void {
  const flowItem = flowItemOf(ctx.mapping, i, ctx.dataset.initialType[i]!)
  const end = ctx.timelines.endMs[i]!
  if (flowItem < 4)
    ctx.addInterval(flowItem, ctx.timelines.startMs[i]!, end === end ? end : Infinity)
}

/** Computes the {@link DailyLoad} of a selection over the days delimited by `days` (midnights). */
export function computeDailyLoad(
  input: { dataset: FlowDataset; mapping: CompiledMapping; timelines: Timelines },
  selection: Selection,
  days: Float64Array,
): DailyLoad {
  const dayCount = days.length - 1
  const diff = [0, 1, 2, 3].map(() => new Int32Array(dayCount + 1))
  const addInterval = (row: number, a: number, b: number) => {
    const from = Math.max(findEvenPeriodIndex(days, a), 0)
    const last = Math.min(findEvenPeriodIndex(days, b) - 1, dayCount - 1)
    if (from > last) return
    diff[row]![from]!++
    diff[row]![last + 1]!--
  }
  const ctx = { ...input, asOf: input.timelines.asOfMs, addInterval }
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    const { included, startMs, endMs } = input.timelines
    // NaN compares false: never-started items are skipped, items still in progress are kept.
    if (!included[i] || !(startMs[i]! < days[dayCount]!) || endMs[i]! < days[0]!) continue
    if (input.timelines.reopenCount[i] === 0 && !hasTypeChange(input.dataset, i))
      addItemSegment(ctx, i)
    else addItemSegments(ctx, i)
  }
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
  let sampledDays = 0
  while (sampledDays < dayCount && days[sampledDays]! < input.timelines.asOfMs) sampledDays++
  return { days, byType, total, sampledDays }
}
