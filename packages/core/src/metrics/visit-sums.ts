// The per-status sums and per-visit statistics of time in state (./time-in-state.ts), in a module
// of their own: the engine's heaviest walk, with its bucket machinery and a count of its walks.
import type { FlowInput } from './flow-metrics-report'
import type { StateTime } from './time-in-state'
import { EVENT_STATUS } from '../model/flow-dataset'
import { selectInPlace } from '../stats/select'
import { scratchFloat64, scratchInt32 } from '../stats/scratch'
import { MS_PER_DAY } from '../time/instant'

/** Per-status and per-flow-state sums of the visits of a range's completed items. */
export interface VisitTotals {
  /** Per status id: total ms, visits, and items that visited it. */
  totalMs: Float64Array
  visitCount: Int32Array
  itemCount: Int32Array
  /** Per status id: the sum of the visits' days in walk order (the mean's), the longest in ms. */
  sumDays: Float64Array
  maxMs: Float64Array
  /** Per flow state: total ms. */
  byFlow: Float64Array
  flowMs: number
}

// Per-visit percentiles without keeping every visit (millions at a million items). The walk sums
// and counts the visits per status into buckets by the magnitude of their duration (see
// `bucketOf`); once the walk is done, the bucket that holds each wanted rank is known, and the
// rank is selected among that bucket's visits only. Those visits are kept during the walk: a walk
// over a sample of the items first tells which buckets will hold the wanted ranks, with a wide
// margin, and the walk keeps every visit of those buckets. Should the sample have missed (the
// counts tell), a second walk keeps the visits of the right buckets. Either way the same order
// statistics as sorting every visit.
const MANTISSA_BITS = 5 // 32 buckets per doubling (under 3% wide)
/** Buckets per status: durations up to 2^47 ms (4,400 years); longer ones share the top one. */
const BUCKETS = (32 + 16) << MANTISSA_BITS
/** The sample is every 16th item, taken from this many completed items on (fewer: two walks). */
const SAMPLE_STRIDE = 16
const SAMPLE_MIN_ITEMS = 4096
/** A status with fewer sampled visits keeps all of its visits (it is rare). */
const SAMPLE_MIN_VISITS = 64

/** How the visits were found, for tests and diagnostics: walks over all items, and over samples. */
export const visitWalkCounts = { full: 0, sampled: 0 }

/**
 * The bucket of a duration `ms` > 0: a non-decreasing function of `ms` (whole milliseconds, as an
 * exponent and its top {@link MANTISSA_BITS} bits). Integer operations only: it runs per visit.
 */
function bucketOf(ms: number): number {
  if (ms < 2147483648) {
    const x = ms | 0 // floor
    if (x === 0) return 0
    const lead = Math.clz32(x)
    // the bits after the leading one, left-aligned, top MANTISSA_BITS of them
    return ((32 - lead) << MANTISSA_BITS) | (((x << lead) << 1) >>> (32 - MANTISSA_BITS))
  }
  // 24.8 days and longer: the same from ms / 2^16, 16 doublings up
  const x = Math.min(ms / 65536, 2147483647) | 0
  const lead = Math.clz32(x)
  return ((48 - lead) << MANTISSA_BITS) | (((x << lead) << 1) >>> (32 - MANTISSA_BITS))
}

/**
 * What a walk over the visits does. Summing (`cursor` null): the sums and the per-bucket counts
 * (`histogram[status * BUCKETS + bucket]`), and, when `keep` is set, every visit of the cells
 * `keep` marks goes to `keptMs`/`keptCell` (walk order). Placing (`cursor` set): each visit of a
 * cell with `cursor[cell] >= 0` is written to `placed[cursor[cell]++]`.
 */
interface VisitAccumulator extends VisitTotals {
  /** Per status id: the last item counted in `itemCount`. */
  lastItem: Int32Array
  histogram: Int32Array
  keep: Uint8Array | null
  keptMs: Float64Array
  keptCell: Int32Array
  keptCount: number
  cursor: Int32Array | null
  placed: Float64Array
}

function createAccumulator(statusCount: number): VisitAccumulator {
  return {
    totalMs: new Float64Array(statusCount),
    visitCount: new Int32Array(statusCount),
    itemCount: new Int32Array(statusCount),
    sumDays: new Float64Array(statusCount),
    maxMs: new Float64Array(statusCount),
    byFlow: new Float64Array(5),
    flowMs: 0,
    lastItem: new Int32Array(statusCount).fill(-1),
    histogram: new Int32Array(statusCount * BUCKETS),
    keep: null,
    keptMs: new Float64Array(0),
    keptCell: new Int32Array(0),
    keptCount: 0,
    cursor: null,
    placed: new Float64Array(0),
  }
}

// The status walk of `walkStatusStretches`, hand-inlined with every column in a local and the
// visit's bookkeeping written out in the loop (no call, no closure per visit): it runs over every
// event of the completed items (millions of visits). Sums add up in the same order as the walk's
// callbacks did, so every figure is identical to the bit. The last stretch (to the item's end) is
// the loop's last round, `e === last`, so the visit code is written once.
function walkVisits(input: FlowInput, items: Uint32Array, acc: VisitAccumulator): void {
  const { dataset, mapping, timelines } = input
  const { eventOffset, eventAt, eventKind, eventValue, initialStatus, createdMs } = dataset
  const { stateTables, itemStateTable } = mapping
  const { startMs, endMs } = timelines
  const { totalMs, visitCount, itemCount, sumDays, maxMs, byFlow, lastItem, histogram } = acc
  const { cursor, placed, keep } = acc
  let { keptMs, keptCell, keptCount } = acc
  const asOf = timelines.asOfMs
  let flowMs = acc.flowMs
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!
    const start = startMs[i]!
    const end = endMs[i]!
    const table = stateTables[itemStateTable[i]!]!
    flowMs += end - start
    let status = initialStatus[i]!
    let since = createdMs[i]!
    const last = eventOffset[i + 1]!
    for (let e = eventOffset[i]!; e <= last; e++) {
      let to = end // where the visit in `status` ends: the next change, clipped to the end
      let next = status
      if (e < last) {
        if (eventKind[e] !== EVENT_STATUS) continue
        const at = eventAt[e]!
        if (at > asOf) e = last
        else {
          next = eventValue[e]!
          if (!(at > since)) {
            status = next
            continue
          }
          if (at < end) to = at
        }
      }
      const ms = to - (since > start ? since : start)
      if (ms > 0) {
        const cell = status * BUCKETS + bucketOf(ms)
        if (cursor === null) {
          histogram[cell]!++
          totalMs[status]! += ms
          sumDays[status]! += ms / MS_PER_DAY
          if (ms > maxMs[status]!) maxMs[status] = ms
          visitCount[status]!++
          if (lastItem[status] !== i) {
            itemCount[status]!++
            lastItem[status] = i
          }
          byFlow[table[status]!]! += ms
          if (keep !== null && keep[cell] === 1) {
            if (keptCount === keptMs.length) {
              ;({ keptMs, keptCell } = growKept(keptMs, keptCell))
            }
            keptMs[keptCount] = ms
            keptCell[keptCount++] = cell
          }
        } else {
          const at = cursor[cell]!
          if (at >= 0) {
            placed[at] = ms
            cursor[cell] = at + 1
          }
        }
      }
      // past the item's end, or its last stretch: no later visit counts
      if (to === end) break
      since = to
      status = next
    }
  }
  if (cursor === null) Object.assign(acc, { flowMs, keptMs, keptCell, keptCount })
}

/** Twice the room for kept visits, the kept ones copied (scratch: they never leave this module). */
function growKept(keptMs: Float64Array, keptCell: Int32Array) {
  const size = Math.max(1024, keptMs.length * 2)
  const ms = scratchFloat64('visits-kept', size)
  const cells = scratchInt32('visits-kept-cells', size)
  ms.set(keptMs)
  cells.set(keptCell)
  return { keptMs: ms, keptCell: cells }
}

/**
 * The cells whose visits the walk should keep, from a walk over every {@link SAMPLE_STRIDE}th item:
 * per status, the buckets of the sample that hold the wanted levels plus a margin of five standard
 * errors of a sampled quantile (every bucket of a status seen less than
 * {@link SAMPLE_MIN_VISITS} times). Also the room to reserve for them.
 */
function guessKeptCells(
  input: FlowInput,
  items: Uint32Array,
): { keep: Uint8Array; expected: number } {
  const sample = new Uint32Array(Math.ceil(items.length / SAMPLE_STRIDE))
  for (let k = 0; k < sample.length; k++) sample[k] = items[k * SAMPLE_STRIDE]!
  const statusCount = input.dataset.statuses.size
  const acc = createAccumulator(statusCount)
  walkVisits(input, sample, acc)
  visitWalkCounts.sampled++
  const keep = new Uint8Array(statusCount * BUCKETS)
  let expected = 0
  for (let s = 0; s < statusCount; s++) {
    const m = acc.visitCount[s]!
    const row = s * BUCKETS
    if (m < SAMPLE_MIN_VISITS) {
      keep.fill(1, row, row + BUCKETS)
      expected += m
      continue
    }
    for (const p of LEVELS) {
      const margin = 5 * Math.sqrt((p * (1 - p)) / m) + 2 / m
      const lowRank = Math.floor(Math.max(0, p - margin) * (m - 1))
      const highRank = Math.ceil(Math.min(1, p + margin) * (m - 1))
      let before = 0
      for (let b = 0; b < BUCKETS && before <= highRank; b++) {
        const count = acc.histogram[row + b]!
        if (before + count > lowRank && keep[row + b] === 0) {
          keep[row + b] = 1
          expected += count
        }
        before += count
      }
    }
  }
  return { keep, expected: expected * SAMPLE_STRIDE }
}

/** Per-visit statistics of one status, in days. */
export type VisitStats = NonNullable<StateTime['visitDays']>

/** The wanted ranks of `n` visits: R-7 percentiles 50, 85, 95, each `lo` and `lo + 1`. */
const LEVELS = [0.5, 0.85, 0.95] as const

/** A wanted rank of a status, its bucket and its rank among that bucket's visits. */
interface WantedRank {
  status: number
  rank: number
  cell: number
  within: number
}

function wantedRanks(acc: VisitAccumulator): WantedRank[] {
  const { histogram, visitCount } = acc
  const wanted: WantedRank[] = []
  for (let s = 0; s < visitCount.length; s++) {
    const n = visitCount[s]!
    if (n === 0) continue
    const ranks: number[] = []
    for (const p of LEVELS) {
      const h = (n - 1) * p
      const lo = Math.floor(h)
      ranks.push(lo)
      if (h !== lo) ranks.push(lo + 1)
    }
    ranks.sort((a, b) => a - b)
    let before = 0
    let r = 0
    for (let cell = s * BUCKETS; r < ranks.length; cell++) {
      const count = histogram[cell]!
      while (r < ranks.length && ranks[r]! < before + count)
        wanted.push({ status: s, rank: ranks[r]!, cell, within: ranks[r++]! - before })
      before += count
    }
  }
  return wanted
}

/** Each kept visit of a cell with `cursor[cell] >= 0` to `acc.placed[cursor[cell]++]`. */
function placeKept(acc: VisitAccumulator, cursor: Int32Array): void {
  const { keptMs, keptCell, keptCount, placed } = acc
  for (let k = 0; k < keptCount; k++) {
    const at = cursor[keptCell[k]!]!
    if (at >= 0) {
      placed[at] = keptMs[k]!
      cursor[keptCell[k]!] = at + 1
    }
  }
}

/**
 * The visits' sums, and their per-visit statistics by status id (see the bucket comment above):
 * one walk over the items, plus one over a sample of them (or a second one when there are few
 * items or the sample missed) instead of keeping every visit.
 */
export function sumVisits(
  input: FlowInput,
  items: Uint32Array,
): { totals: VisitTotals; stats: (VisitStats | null)[] } {
  const acc = createAccumulator(input.dataset.statuses.size)
  if (items.length >= SAMPLE_MIN_ITEMS) {
    const { keep, expected } = guessKeptCells(input, items)
    const room = Math.ceil(expected * 1.25) + 1024
    acc.keep = keep
    acc.keptMs = scratchFloat64('visits-kept', room)
    acc.keptCell = scratchInt32('visits-kept-cells', room)
  }
  walkVisits(input, items, acc)
  visitWalkCounts.full++
  const { histogram, visitCount, keep } = acc
  const wanted = wantedRanks(acc)
  // The visits of each wanted bucket, grouped: `start.get(cell)` is where the cell's group begins.
  const start = new Map<number, number>()
  let placed = 0
  for (const w of wanted) {
    if (start.has(w.cell)) continue
    start.set(w.cell, placed)
    placed += histogram[w.cell]!
  }
  const size = new Map([...start.keys()].map((cell) => [cell, histogram[cell]!]))
  const cursor = histogram // reused: each cell becomes its write index, or -1
  cursor.fill(-1)
  for (const [cell, at] of start) cursor[cell] = at
  acc.placed = new Float64Array(placed)
  if (keep !== null && wanted.every((w) => keep[w.cell] === 1)) {
    // every wanted bucket was kept whole: place from the kept visits (walk order)
    placeKept(acc, cursor)
  } else {
    acc.cursor = cursor
    walkVisits(input, items, acc)
    visitWalkCounts.full++
  }
  const rankMs = new Map<string, number>()
  for (const w of wanted) {
    const group = acc.placed.subarray(start.get(w.cell)!, start.get(w.cell)! + size.get(w.cell)!)
    selectInPlace(group, w.within)
    rankMs.set(`${w.status}:${w.rank}`, group[w.within]!)
  }
  const quantile = (s: number, p: number) => {
    const h = (visitCount[s]! - 1) * p
    const lo = Math.floor(h)
    const low = rankMs.get(`${s}:${lo}`)! / MS_PER_DAY
    return h === lo ? low : low + (rankMs.get(`${s}:${lo + 1}`)! / MS_PER_DAY - low) * (h - lo)
  }
  const stats = Array.from(visitCount, (n, s): VisitStats | null =>
    n === 0
      ? null
      : {
          mean: acc.sumDays[s]! / n,
          p50: quantile(s, 0.5),
          p85: quantile(s, 0.85),
          p95: quantile(s, 0.95),
          max: acc.maxMs[s]! / MS_PER_DAY,
        },
  )
  return { totals: acc, stats }
}
