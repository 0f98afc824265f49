import { median } from 'd3-array'
import type { ExperimentDirection, ExperimentMetric } from './experiment'
import type { WeekFigures } from './experiment-sample'

/** A split of a series where its level shifts, with Pettitt's approximate p-value. */
export interface ChangePoint {
  /** Index of the first value after the change. */
  index: number
  pValue: number
}

/** How {@link detectChangePoints} segments a series. */
export interface ChangePointOptions {
  /** Largest p-value of Pettitt's test that counts as a change (0.01 by default). */
  alpha?: number
  /** Fewest values on each side of a change (6 by default). */
  minSegment?: number
  /** Most changes returned (5 by default). */
  maxChanges?: number
}

/**
 * Pettitt's test on `values` (Pettitt 1979, a rank test for one change in level, free of the
 * values' distribution): `U_t = Σ_{i≤t<j} sgn(x_j − x_i)`, the change at the `t` of largest
 * `|U_t|` (restricted to at least `minSegment` values each side) and
 * `p ≈ 2·exp(−6K² / (n³ + n²))` with `K` that maximum. Null for a series too short to split.
 */
export function pettittTest(values: readonly number[], minSegment = 1): ChangePoint | null {
  const n = values.length
  if (n < 2 * minSegment || n < 2) return null
  let u = 0
  let best = -1
  let bestIndex = -1
  for (let t = 0; t < n - 1; t++) {
    for (let j = 0; j < n; j++) u += Math.sign(values[t]! - values[j]!)
    // Pettitt's recursion: U_t = U_{t−1} + Σ_j sgn(x_t − x_j)
    if (t + 1 >= minSegment && n - t - 1 >= minSegment && Math.abs(u) > best) {
      best = Math.abs(u)
      bestIndex = t + 1
    }
  }
  if (bestIndex < 0) return null
  return {
    index: bestIndex,
    pValue: Math.min(1, 2 * Math.exp((-6 * best * best) / (n ** 3 + n ** 2))),
  }
}

/**
 * Change points of a series by binary segmentation with {@link pettittTest}: the series is split
 * at its most significant change while the p-value is below `alpha`, then each part likewise,
 * keeping at least `minSegment` values per part. Ascending by index, at most `maxChanges` (the
 * most significant ones).
 */
export function detectChangePoints(
  values: readonly number[],
  options: ChangePointOptions = {},
): ChangePoint[] {
  const alpha = options.alpha ?? 0.01
  const minSegment = options.minSegment ?? 6
  const found: ChangePoint[] = []
  const split = (from: number, to: number) => {
    const change = pettittTest(values.slice(from, to), minSegment)
    if (change === null || change.pValue >= alpha) return
    found.push({ index: from + change.index, pValue: change.pValue })
    split(from, from + change.index)
    split(from + change.index, to)
  }
  split(0, values.length)
  return found
    .sort((a, b) => a.pValue - b.pValue)
    .slice(0, options.maxChanges ?? 5)
    .sort((a, b) => a.index - b.index)
}

/** A change in a stream's weekly series offered as a candidate experiment. */
export interface ChangeSuggestion {
  metric: Extract<ExperimentMetric, 'flow_time_p50' | 'throughput'>
  /** `YYYY-MM-DD` of the first week after the change (a Monday). */
  changeDate: string
  direction: ExperimentDirection
  /** Median of the weekly values from the previous change (or the start) to this one. */
  beforeMedian: number
  /** Median of the weekly values from this change to the next (or the end). */
  afterMedian: number
  /** `afterMedian ÷ beforeMedian − 1` in percent, rounded; null when the before median is 0. */
  changePercent: number | null
  pValue: number
}

function suggestFor(
  metric: ChangeSuggestion['metric'],
  weeks: readonly { weekStart: string; value: number }[],
  options: ChangePointOptions,
): ChangeSuggestion[] {
  const values = weeks.map((w) => w.value)
  const changes = detectChangePoints(values, options)
  return changes.map((change, k) => {
    const from = changes[k - 1]?.index ?? 0
    const to = changes[k + 1]?.index ?? values.length
    const beforeMedian = median(values.slice(from, change.index)) ?? 0
    const afterMedian = median(values.slice(change.index, to)) ?? 0
    return {
      metric,
      changeDate: weeks[change.index]!.weekStart,
      direction: afterMedian < beforeMedian ? 'decrease' : 'increase',
      beforeMedian,
      afterMedian,
      changePercent: beforeMedian > 0 ? Math.round((afterMedian / beforeMedian - 1) * 100) : null,
      pValue: change.pValue,
    }
  })
}

/**
 * Candidate experiments from a stream's complete weeks: change points of the weekly flow time
 * p50 (weeks without completions left out) and of the weekly throughput, by date.
 */
export function suggestChangePoints(
  weeks: readonly WeekFigures[],
  options: ChangePointOptions = {},
): ChangeSuggestion[] {
  const complete = weeks.filter((w) => w.complete)
  const flowTime = complete.flatMap((w) =>
    w.flowTimeP50 === null ? [] : [{ weekStart: w.weekStart, value: w.flowTimeP50 }],
  )
  const throughput = complete.map((w) => ({ weekStart: w.weekStart, value: w.completed }))
  return [
    ...suggestFor('flow_time_p50', flowTime, options),
    ...suggestFor('throughput', throughput, options),
  ].sort((a, b) => (a.changeDate < b.changeDate ? -1 : a.changeDate > b.changeDate ? 1 : 0))
}
