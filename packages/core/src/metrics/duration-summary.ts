import type { CompletionIndex } from '../engine/completions'
import { summarizeSorted } from '../stats/percentile'
import { sortNumbers, sortWholeAndRuns } from '../stats/sort-numbers'
import { scratchFloat64, scratchUint16 } from '../stats/scratch'
import { msToDays } from '../time/instant'

/** Count, mean, percentiles (R type 7) and max of durations in days; null when there are none. */
export interface DurationSummary {
  count: number
  mean: number
  p50: number
  p85: number
  p95: number
  max: number
}

/**
 * Summarises `durationMs(item)` in days over the completions of periods `first .. last - 1` of
 * `index`. Returns null for no completions ("cannot compute" is a value, never 0 or NaN).
 */
export function summarizeCompletions(
  index: CompletionIndex,
  range: { first: number; last: number },
  durationMs: (item: number) => number,
): DurationSummary | null {
  const from = index.offset[range.first]!
  const to = index.offset[range.last]!
  // Sorted in milliseconds (integers, which sort faster), then converted in place: days are
  // milliseconds over a positive constant, so the order and every value are the same.
  const days = new Float64Array(to - from)
  for (let k = from; k < to; k++) days[k - from] = durationMs(index.items[k]!)
  sortNumbers(days)
  for (let k = 0; k < days.length; k++) days[k] = msToDays(days[k]!)
  return summarizeSorted(days)
}

/** From this many completions on, periods and whole are sorted together by radix (see below). */
export const RADIX_RUNS_MIN_LENGTH = 20_000

/** Summaries of each period of a {@link CompletionIndex} and of all its periods together. */
export interface PeriodSummaries {
  /** `periods[p]`: the summary of period `p`'s completions; null when none. */
  periods: (DurationSummary | null)[]
  /** The summary of every completion of the index; null when none. */
  total: DurationSummary | null
}

/**
 * {@link summarizeCompletions} of every period of `index` and of all periods together, where the
 * duration of item `i` is `endMs[i] - beginMs[i]`, with the same figures to the bit. From
 * {@link RADIX_RUNS_MIN_LENGTH} completions on, durations in whole milliseconds (the rule) are
 * sorted as a whole and per period in one radix sort (`sortWholeAndRuns`), in scratch memory;
 * otherwise each period is sorted and the sorted periods are merged into the sorted whole. A
 * weekly report over two years summarises hundreds of thousands of durations twice (flow time and
 * lead time): these sorts were the largest cost of the engine. Arrays rather than a callback: this
 * reads every completion.
 */
export function summarizeCompletionsByPeriod(
  index: CompletionIndex,
  instants: { endMs: Float64Array; beginMs: Float64Array },
): PeriodSummaries {
  const { offset, periodCount, items } = index
  const first = offset[0]!
  const n = offset[periodCount]! - first
  const large = n >= RADIX_RUNS_MIN_LENGTH
  // Scratch (see scratchFloat64) when large: only summaries leave this function.
  const ms = large ? scratchFloat64('durations', n) : new Float64Array(n)
  const hasNaN = gatherDurations(items.subarray(first, first + n), instants, ms)
  const bounds = Array.from(offset, (o) => o - first)
  const buffers = () => ({
    spare: scratchFloat64('durations-spare', n),
    run: scratchUint16('duration-periods', n),
    runSpare: scratchUint16('duration-periods-spare', n),
  })
  const sorted = large && !hasNaN ? sortWholeAndRuns(ms, bounds, buffers()) : null
  return sorted !== null
    ? summarizeSortedRuns(sorted, bounds)
    : summarizeByMerge({ ms, bounds, hasNaN })
}

/** `endMs[i] - beginMs[i]` of each item into `out`; whether one is NaN. A function of its own, as
 * every loop over the completions (see sortWholeAndRuns). */
function gatherDurations(
  items: Uint32Array,
  instants: { endMs: Float64Array; beginMs: Float64Array },
  out: Float64Array,
): boolean {
  const { endMs, beginMs } = instants
  let hasNaN = false
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!
    const duration = endMs[i]! - beginMs[i]!
    out[k] = duration
    if (duration !== duration) hasNaN = true
  }
  return hasNaN
}

/** Converts milliseconds to days in place (order-preserving: a positive constant divides them). */
function toDays(values: Float64Array): void {
  for (let k = 0; k < values.length; k++) values[k] = msToDays(values[k]!)
}

/** The summaries of sorted durations in ms: each period's from `runs`, the total from `whole`. */
function summarizeSortedRuns(
  sorted: { whole: Float64Array; runs: Float64Array },
  bounds: readonly number[],
): PeriodSummaries {
  const { whole, runs } = sorted
  toDays(whole)
  toDays(runs)
  return {
    periods: Array.from({ length: bounds.length - 1 }, (_, p) =>
      summarizeSorted(runs.subarray(bounds[p], bounds[p + 1])),
    ),
    total: summarizeSorted(whole),
  }
}

/** The summaries of durations in ms grouped by period: one sort per period, then a merge. */
function summarizeByMerge(durations: {
  ms: Float64Array
  bounds: readonly number[]
  hasNaN: boolean
}): PeriodSummaries {
  const { ms, bounds, hasNaN } = durations
  const periodCount = bounds.length - 1
  for (let p = 0; p < periodCount; p++) sortNumbers(ms.subarray(bounds[p], bounds[p + 1]))
  const days = ms
  toDays(days)
  const periods = Array.from({ length: periodCount }, (_, p) =>
    summarizeSorted(days.subarray(bounds[p], bounds[p + 1])),
  )
  // A merge orders NaN wrongly (it compares); sortNumbers puts NaN last, as the full sort does.
  const whole = hasNaN ? sortNumbers(days) : mergeSortedRuns(days, bounds)
  return { periods, total: summarizeSorted(whole) }
}

/**
 * Sorts `values` whose runs `bounds[r] .. bounds[r + 1] - 1` are each sorted ascending (no NaN;
 * -0 and +0 may come out in either order) by bottom-up pairwise merges, log2(runs) passes over
 * the values. Returns the sorted values: `values` itself or one new buffer, the other one being
 * used as scratch (megabytes at a million items, so there is no third).
 */
export function mergeSortedRuns(values: Float64Array, bounds: readonly number[]): Float64Array {
  let src = values
  let dst: Float64Array | undefined
  let runs = bounds
  while (runs.length > 2) {
    dst ??= new Float64Array(values.length)
    const next = [runs[0]!]
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const end = r + 2 < runs.length ? runs[r + 2]! : runs[r + 1]!
      mergeTwo(src, dst, { start: runs[r]!, mid: runs[r + 1]!, end })
      next.push(end)
    }
    ;[src, dst] = [dst, src]
    runs = next
  }
  return src
}

/** Merges the sorted `src[start .. mid - 1]` and `src[mid .. end - 1]` into `dst[start .. end - 1]`. */
function mergeTwo(
  src: Float64Array,
  dst: Float64Array,
  run: { start: number; mid: number; end: number },
): void {
  const { start, mid, end } = run
  let i = start
  let j = mid
  let out = start
  while (i < mid && j < end) {
    if (src[j]! < src[i]!) dst[out++] = src[j++]!
    else dst[out++] = src[i++]!
  }
  while (i < mid) dst[out++] = src[i++]!
  while (j < end) dst[out++] = src[j++]!
}
