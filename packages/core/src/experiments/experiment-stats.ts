import { zOfLevel } from '../stats/normal-quantile'
import { quantileSorted } from 'd3-array'
import type { RandomSource } from '../stats/random'
import { sortNumbers } from '../stats/sort-numbers'

/** A change as after ÷ before (1 = no change) with its confidence interval; nulls when not computable. */
export interface RatioEstimate {
  estimate: number | null
  low: number | null
  high: number | null
}

/** A set of items and one statistic of any resample of them (picks are item indexes, repeats allowed). */
export interface Bootstrappable {
  readonly size: number
  statistic(picks: Uint32Array): number | null
}

/** How a bootstrap runs: the seeded source, the number of resamples and the interval's level. */
export interface BootstrapOptions {
  random: RandomSource
  /** Resamples drawn (1,000 by default). */
  resamples?: number
  /** Two-sided confidence level in (0, 1), 0.95 by default. */
  level?: number
}

/** The `p`-quantile of `values` at `picks`, for {@link bootstrapChange}. */
export function quantileOf(values: Float64Array, p: number): Bootstrappable {
  const buffer = new Float64Array(values.length)
  return {
    size: values.length,
    statistic(picks) {
      if (picks.length === 0) return null
      for (let k = 0; k < picks.length; k++) buffer[k] = values[picks[k]!]!
      const sorted = sortNumbers(buffer.subarray(0, picks.length))
      return quantileSorted(sorted as unknown as number[], p) ?? null
    },
  }
}

/** Sum of `numerator` ÷ sum of `denominator` at `picks` (pooled flow efficiency); null when 0. */
export function pooledRatioOf(numerator: Float64Array, denominator: Float64Array): Bootstrappable {
  return {
    size: numerator.length,
    statistic(picks) {
      let top = 0
      let bottom = 0
      for (let k = 0; k < picks.length; k++) {
        top += numerator[picks[k]!]!
        bottom += denominator[picks[k]!]!
      }
      return bottom > 0 ? top / bottom : null
    },
  }
}

function everyItem(size: number): Uint32Array {
  return Uint32Array.from({ length: size }, (_, i) => i)
}

function resample(size: number, random: RandomSource, out: Uint32Array): Uint32Array {
  for (let k = 0; k < size; k++) out[k] = random.nextInt(size)
  return out
}

/** The change of one statistic: after ÷ before, divided by the control's after ÷ before. */
export interface ChangeGroups {
  before: Bootstrappable
  after: Bootstrappable
  control?: { before: Bootstrappable; after: Bootstrappable }
}

function changeOf(values: (number | null)[]): number | null {
  const [b, a, cb, ca] = values
  if (b == null || a == null || b <= 0) return null
  if (cb === undefined) return a / b
  if (cb == null || ca == null || cb <= 0 || ca <= 0) return null
  return a / b / (ca / cb)
}

/**
 * The ratio after ÷ before of a statistic (with a control: the ratio of the two ratios, a
 * difference in differences on the log scale) and its percentile bootstrap interval: each group
 * is resampled with replacement `resamples` times, independently. Groups without items give
 * nulls; so does an interval when fewer than half the resamples could be computed.
 */
export function bootstrapChange(groups: ChangeGroups, options: BootstrapOptions): RatioEstimate {
  const list = [groups.before, groups.after]
  if (groups.control) list.push(groups.control.before, groups.control.after)
  if (list.some((g) => g.size === 0)) return { estimate: null, low: null, high: null }
  const estimate = changeOf(list.map((g) => g.statistic(everyItem(g.size))))
  const resamples = options.resamples ?? 1000
  const level = options.level ?? 0.95
  const buffers = list.map((g) => new Uint32Array(g.size))
  const draws: number[] = []
  for (let r = 0; r < resamples; r++) {
    const value = changeOf(
      list.map((g, i) => g.statistic(resample(g.size, options.random, buffers[i]!))),
    )
    if (value !== null) draws.push(value)
  }
  if (estimate === null || draws.length < resamples / 2) return { estimate, low: null, high: null }
  const sorted = sortNumbers(Float64Array.from(draws)) as unknown as number[]
  const tail = (1 - level) / 2
  return {
    estimate,
    low: quantileSorted(sorted, tail) ?? null,
    high: quantileSorted(sorted, 1 - tail) ?? null,
  }
}

/** Completions counted over a number of days. */
export interface RateCount {
  count: number
  days: number
}

/**
 * Throughput as a rate ratio: (after count ÷ days) ÷ (before count ÷ days), with a control
 * divided by the control's ratio. The interval is the usual one for Poisson counts on the log
 * scale, `exp(log ratio ± z·√(Σ 1/count))`. Nulls when a count or a window length is 0.
 */
export function rateRatio(
  counts: {
    before: RateCount
    after: RateCount
    control?: { before: RateCount; after: RateCount }
  },
  level = 0.95,
): RatioEstimate {
  const list = [counts.before, counts.after]
  if (counts.control) list.push(counts.control.before, counts.control.after)
  if (list.some((c) => c.count <= 0 || c.days <= 0))
    return { estimate: null, low: null, high: null }
  const rate = (c: RateCount) => c.count / c.days
  let estimate = rate(counts.after) / rate(counts.before)
  if (counts.control) estimate /= rate(counts.control.after) / rate(counts.control.before)
  const spread = zOfLevel(level) * Math.sqrt(list.reduce((sum, c) => sum + 1 / c.count, 0))
  return {
    estimate,
    low: Math.exp(Math.log(estimate) - spread),
    high: Math.exp(Math.log(estimate) + spread),
  }
}
