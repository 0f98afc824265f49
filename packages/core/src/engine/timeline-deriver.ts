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
  changes: ChangeIndex
  /** The items still `active` after their last change (their open stretch grows with as-of). */
  openActive: Uint32Array
}

/**
 * The items grouped by when they last changed, in equal slices of time between the earliest and
 * the latest change (CSR: slice `b` holds `items[offset[b] .. offset[b + 1] - 1]`), so the items
 * changed after an instant are found without a pass over every item.
 */
interface ChangeIndex {
  firstMs: number
  sliceMs: number
  offset: Uint32Array
  items: Uint32Array
}

const CHANGE_SLICES = 4096

/**
 * A {@link TimelineDeriver} that derives every item once, after all its changes, and then per
 * as-of instant only the items created or changed after that instant; every other item's
 * timeline is the same at any later instant, except the time in its open `active` stretch, which
 * is added per instant. As-of instants near the data's end (the dashboard's "now") thus cost a
 * copy of the columns instead of a pass over every event; after every change, only the open
 * stretches' column is new and the others are shared with the final timelines (timelines are
 * read, never written). The final timelines are derived on creation (one full derivation).
 */
export function createTimelineDeriver(
  dataset: FlowDataset,
  mapping: CompiledMapping,
): TimelineDeriver {
  const final = deriveFinal(dataset, mapping)
  return {
    derive(asOfMs) {
      const changed = itemsChangedAfter(final, asOfMs)
      if (changed.length === 0) return afterEveryChange(final, asOfMs)
      const out = copyColumns(final.columns, asOfMs)
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
  const lastChangeMs = lastChanges(dataset)
  const changes = indexChanges(lastChangeMs)
  return { columns, lastChangeMs, changes, openActive: Uint32Array.from(openActive) }
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

/** The timelines as of an instant after every change: the final ones, open stretches closed. */
function afterEveryChange(final: FinalTimelines, asOfMs: number): Timelines {
  const { openActiveMs: _open, ...columns } = final.columns
  const out = { ...columns, asOfMs, activeMs: columns.activeMs.slice() }
  closeOpenStretches(out, final, asOfMs)
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

function indexChanges(lastChangeMs: Float64Array): ChangeIndex {
  let firstMs = Infinity
  let lastMs = -Infinity
  for (const ms of lastChangeMs) {
    if (ms < firstMs) firstMs = ms
    if (ms > lastMs) lastMs = ms
  }
  const index = {
    firstMs,
    sliceMs: lastMs > firstMs ? (lastMs - firstMs) / CHANGE_SLICES : 1,
    offset: new Uint32Array(CHANGE_SLICES + 1),
    items: new Uint32Array(0),
  }
  const slices = new Int32Array(lastChangeMs.length)
  for (let i = 0; i < slices.length; i++) {
    // NaN (no instant) in no slice: it is never after an as-of time, as in the full derivation.
    const ms = lastChangeMs[i]!
    slices[i] = ms === ms ? sliceOf(index, ms) : -1
    if (ms === ms) index.offset[slices[i]! + 1]!++
  }
  for (let b = 0; b < CHANGE_SLICES; b++) index.offset[b + 1]! += index.offset[b]!
  index.items = new Uint32Array(index.offset[CHANGE_SLICES]!)
  const cursor = index.offset.slice(0, CHANGE_SLICES)
  for (let i = 0; i < slices.length; i++)
    if (slices[i]! >= 0) index.items[cursor[slices[i]!]!++] = i
  return index
}

function sliceOf(index: ChangeIndex, ms: number): number {
  const slice = Math.floor((ms - index.firstMs) / index.sliceMs)
  return Math.min(Math.max(slice, 0), CHANGE_SLICES - 1)
}

/** The items created or changed after `asOfMs`: the later slices whole, its own slice checked. */
function itemsChangedAfter(final: FinalTimelines, asOfMs: number): Uint32Array {
  const { changes, lastChangeMs } = final
  const { offset, items } = changes
  if (asOfMs < changes.firstMs) return items
  const slice = sliceOf(changes, asOfMs)
  const later = items.subarray(offset[slice + 1]!)
  const own = items
    .subarray(offset[slice]!, offset[slice + 1]!)
    .filter((i) => lastChangeMs[i]! > asOfMs)
  const out = new Uint32Array(own.length + later.length)
  out.set(own)
  out.set(later, own.length)
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
