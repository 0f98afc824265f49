import { quantileSorted } from 'd3-array'
import { VmoError } from '../errors'
import { sortNumbers } from './sort-numbers'
import { selectInPlace } from './select'

/**
 * The `p`-quantile (`p` in [0, 1]) of ascending `sorted` values by linear interpolation between
 * closest ranks (R type 7, FLOW-METRICS.md "Percentiles"): p50 of {2, 5} is 3.5. Returns null for
 * no values ("cannot compute" is a value, never NaN). Throws INVALID_INPUT for `p` outside [0, 1].
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) {
    throw new VmoError('INVALID_INPUT', `percentile level ${p} is outside [0, 1]`)
  }
  if (sorted.length === 0) return null
  // d3 reads only `length` and indices, so a typed array is fine despite its `Array` signature.
  return quantileSorted(sorted as unknown as number[], p) ?? null
}

/** Count, mean, percentiles (R type 7) and max of a set of values. */
export interface Summary {
  count: number
  mean: number
  p50: number
  p85: number
  p95: number
  max: number
}

/** An ascending copy of `values` (the input is left untouched). */
export function sortedCopy<T extends Float64Array | Int32Array>(values: T): T {
  return values.slice().sort() as T
}

/** The arithmetic mean of `values`; null for none. */
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]!
  return sum / values.length
}

/**
 * Count, mean, p50, p85, p95 (R type 7) and max of `values`; null when there are none. Sorts a
 * copy, so the input order is kept.
 */
export function summarize(values: Float64Array): Summary | null {
  return summarizeInPlace(values.slice())
}

/**
 * {@link summarize} without the copy: sorts `values` in place. For callers that fill a buffer of
 * their own only to summarise it (the copy was a measured cost on the engine's hot path).
 */
export function summarizeInPlace(values: Float64Array): Summary | null {
  return summarizeSorted(sortNumbers(values))
}

/** {@link summarize} of values already in ascending order; null when there are none. */
export function summarizeSorted(sorted: Float64Array): Summary | null {
  if (sorted.length === 0) return null
  return {
    count: sorted.length,
    mean: mean(sorted)!,
    p50: percentileSorted(sorted, 0.5)!,
    p85: percentileSorted(sorted, 0.85)!,
    p95: percentileSorted(sorted, 0.95)!,
    max: sorted[sorted.length - 1]!,
  }
}

/**
 * The R-7 `p`-quantile of `values` by selection, where `values[0 .. prefix - 1]` already holds the
 * `prefix` smallest values (any order) and every later value is at least as large: only that prefix
 * is reordered (partially sorted), and the rest is read only when the next rank lies beyond it.
 */
function selectQuantile(values: Float64Array, p: number, prefix: number): number {
  const h = (values.length - 1) * p
  const lo = Math.floor(h)
  selectInPlace(values.subarray(0, prefix), lo)
  const low = values[lo]!
  if (h === lo) return low
  let high = Infinity
  const to = lo + 1 < prefix ? prefix : values.length
  for (let k = lo + 1; k < to; k++) if (values[k]! < high) high = values[k]!
  return low + (high - low) * (h - lo)
}

/**
 * The same {@link Summary} as {@link summarize} (R type 7 percentiles), found by selection
 * instead of a full sort: linear time, for large sets such as millions of state visits. Reorders
 * `values` in place. The mean is summed in input order, so it can differ from the sorted-order sum
 * in the last bits (far below the 6 decimals reports show).
 */
export function summarizeUnsorted(values: Float64Array): Summary | null {
  const n = values.length
  if (n === 0) return null
  let sum = 0
  let max = -Infinity
  for (let k = 0; k < n; k++) {
    const v = values[k]!
    sum += v
    if (v > max) max = v
  }
  // Highest level first: each selection leaves the smaller values in front, and the next (lower)
  // level is selected among those only.
  const p95 = selectQuantile(values, 0.95, n)
  const p85 = selectQuantile(values, 0.85, Math.floor((n - 1) * 0.95) + 1)
  const p50 = selectQuantile(values, 0.5, Math.floor((n - 1) * 0.85) + 1)
  return { count: n, mean: sum / n, p50, p85, p95, max }
}
