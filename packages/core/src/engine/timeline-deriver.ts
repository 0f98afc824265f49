import type { FlowDataset } from '../model/flow-dataset'
import type { CompiledMapping } from '../mapping/mapping-config'
import type { TimelineColumns, Timelines } from './timelines'
import { createTimelineColumns, deriveItems } from './timelines'
import { selectItems } from './selection'

/** Derives the timelines of one dataset and mapping as of any number of instants. */
export interface TimelineDeriver {
  /** Equal, column by column, to `deriveTimelines(dataset, mapping, asOfMs)`. */
  derive(asOfMs: number): Timelines
}

/** The timelines after every recorded change, and when each item last changed. */
interface FinalTimelines {
  columns: TimelineColumns & { openActiveMs: Float64Array }
  /** Per item: its creation or its latest change, whichever is later (epoch ms). */
  lastChangeMs: Float64Array
  /** The items still `active` after their last change (their open stretch grows with as-of). */
  openActive: Uint32Array
}

/**
 * A {@link TimelineDeriver} that derives every item once, after all its changes, and then per
 * as-of instant only the items created or changed after that instant; every other item's
 * timeline is the same at any later instant, except the time in its open `active` stretch, which
 * is added per instant. As-of instants near the data's end (the dashboard's "now") thus cost a
 * copy of the columns instead of a pass over every event. The final timelines are derived on
 * creation (one full derivation).
 */
export function createTimelineDeriver(
  dataset: FlowDataset,
  mapping: CompiledMapping,
): TimelineDeriver {
  const final = deriveFinal(dataset, mapping)
  return {
    derive(asOfMs) {
      const out = copyColumns(final.columns, asOfMs)
      const changed = itemsChangedAfter(final.lastChangeMs, asOfMs)
      resetItems(out, dataset, changed)
      deriveItems({ dataset, mapping, items: changed }, out)
      closeOpenStretches(out, final, asOfMs)
      return out
    },
  }
}

function deriveFinal(dataset: FlowDataset, mapping: CompiledMapping): FinalTimelines {
  const n = dataset.itemCount
  const columns = {
    ...createTimelineColumns(dataset, Infinity),
    openActiveMs: new Float64Array(n).fill(NaN),
  }
  deriveItems({ dataset, mapping, items: selectItems(dataset, mapping) }, columns)
  const openActive: number[] = []
  for (let i = 0; i < n; i++)
    if (columns.openActiveMs[i] === columns.openActiveMs[i]) openActive.push(i)
  return { columns, lastChangeMs: lastChanges(dataset), openActive: Uint32Array.from(openActive) }
}

function lastChanges(dataset: FlowDataset): Float64Array {
  const { createdMs, eventOffset, eventAt } = dataset
  const out = new Float64Array(dataset.itemCount)
  for (let i = 0; i < out.length; i++) {
    let last = createdMs[i]!
    for (let e = eventOffset[i]!; e < eventOffset[i + 1]!; e++) last = Math.max(last, eventAt[e]!)
    out[i] = last
  }
  return out
}

function copyColumns(final: TimelineColumns, asOfMs: number): TimelineColumns {
  return {
    asOfMs,
    included: final.included.slice(),
    startMs: final.startMs.slice(),
    endMs: final.endMs.slice(),
    endState: final.endState.slice(),
    activeMs: final.activeMs.slice(),
    flowItem: final.flowItem.slice(),
    currentStatus: final.currentStatus.slice(),
    currentState: final.currentState.slice(),
    reopenCount: final.reopenCount.slice(),
    typeChanged: final.typeChanged.slice(),
    quality: final.quality.slice(),
  }
}

/** The items created or changed after `asOfMs`, ascending. */
function itemsChangedAfter(lastChangeMs: Float64Array, asOfMs: number): Uint32Array {
  let count = 0
  for (let i = 0; i < lastChangeMs.length; i++) if (lastChangeMs[i]! > asOfMs) count++
  const out = new Uint32Array(count)
  count = 0
  for (let i = 0; i < lastChangeMs.length; i++) if (lastChangeMs[i]! > asOfMs) out[count++] = i
  return out
}

/** Gives `items` the fresh columns {@link deriveItems} expects (see createTimelineColumns). */
function resetItems(out: TimelineColumns, dataset: FlowDataset, items: Uint32Array): void {
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!
    out.included[i] = 0
    out.startMs[i] = 0
    out.endMs[i] = 0
    out.endState[i] = 0
    out.activeMs[i] = 0
    out.flowItem[i] = 0
    out.currentStatus[i] = 0
    out.currentState[i] = 0
    out.reopenCount[i] = 0
    out.typeChanged[i] = 0
    out.quality[i] = dataset.itemQuality[i]!
  }
}

/** Closes, at `asOfMs`, the open `active` stretch of each item unchanged since then. */
function closeOpenStretches(out: TimelineColumns, final: FinalTimelines, asOfMs: number): void {
  const { openActive, lastChangeMs, columns } = final
  for (let k = 0; k < openActive.length; k++) {
    const i = openActive[k]!
    if (lastChangeMs[i]! <= asOfMs) {
      out.activeMs[i] = columns.activeMs[i]! + (asOfMs - columns.openActiveMs[i]!)
    }
  }
}
