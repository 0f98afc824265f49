import { lowerBound } from './backtest'
import type { Calibration } from './calibration'
import {
  DEFAULT_CALIBRATION_CHECKPOINTS,
  DEFAULT_CALIBRATION_SPACING_DAYS,
  calibrationOf,
} from './calibration'
import { DEFAULT_MIN_FLOW_TIMES } from './forecast-types'
import { percentileSorted } from '../stats/percentile'
import { MS_PER_DAY } from '../time/instant'

/** Share of an item's remaining times within the days since a checkpoint for it to score open. */
const ELIGIBLE_SHARE = 0.95

/** The items of a scope as item forecasts see them, one entry per item, in any order. */
export interface ItemSpans {
  /** Start (first active) instant, ms; NaN when not started by the as-of time. */
  startMs: Float64Array
  /** End instant, ms; NaN while open at the as-of time. */
  endMs: Float64Array
  /** 1 when the item ended done, 0 when canceled or open. */
  done: Uint8Array
}

/** Parameters of {@link calibrateInProgress}. */
export interface ItemCalibrationParameters {
  asOfMs: number
  /** Days of completions before a checkpoint whose flow times forecast at it. */
  lookbackDays: number
  /** Past checkpoints; default 26. */
  checkpoints?: number
  /** Days between checkpoints; default 14. */
  spacingDays?: number
  /** Fewest longer flow times for an item to be forecast (and scored); default 5. */
  minSamples?: number
}

/**
 * Calibration of the forecast of an item in progress (its remaining time is the flow times longer
 * than its age, minus the age) on its own backtest. At each past checkpoint `t` (the as-of time
 * minus k × `spacingDays`), every item of the scope then in progress (started before `t`, not ended
 * by it) is forecast from the flow times of the items done in the `lookbackDays` before `t`, and
 * the time it really took from `t` is placed in that distribution: its score is the share of
 * remaining times shorter than it. An item still open at the as-of time scores 1 once 95% of its
 * remaining times have passed (before that its outcome is unknown and it is not scored); canceled
 * items are not scored. The scores calibrate as {@link calibrationOf}, with the distinct items
 * scored as the independent observations (an item open at several checkpoints is one outcome).
 */
export function calibrateInProgress(items: ItemSpans, params: ItemCalibrationParameters) {
  const { startMs, endMs, done } = items
  const n = startMs.length
  const checkpoints = params.checkpoints ?? DEFAULT_CALIBRATION_CHECKPOINTS
  const spacingMs = (params.spacingDays ?? DEFAULT_CALIBRATION_SPACING_DAYS) * MS_PER_DAY
  const lookbackMs = params.lookbackDays * MS_PER_DAY
  const minSamples = Math.max(1, params.minSamples ?? DEFAULT_MIN_FLOW_TIMES)
  const { asOfMs } = params
  const flowTimes = new Float64Array(n)
  const scored = new Uint8Array(n)
  const scores: number[] = []
  for (let k = 1; k <= checkpoints; k++) {
    const at = asOfMs - k * spacingMs
    // Flow times of the items done in the lookback before the checkpoint, ascending.
    let count = 0
    for (let i = 0; i < n; i++) {
      const end = endMs[i]!
      if (done[i] === 1 && end < at && end >= at - lookbackMs && startMs[i]! <= end)
        flowTimes[count++] = end - startMs[i]!
    }
    const sorted = flowTimes.subarray(0, count).sort()
    for (let i = 0; i < n; i++) {
      const start = startMs[i]!
      const end = endMs[i]!
      if (!(start < at) || end < at) continue
      const ended = end === end
      if (ended && done[i] !== 1) continue
      const longer = upperBound(sorted, at - start)
      const m = count - longer
      if (m < minSamples) continue
      if (ended) {
        // Remaining times shorter than the real one: flow times between the age and its own.
        scores.push((lowerBound(sorted, end - start) - longer) / m)
      } else {
        if ((upperBound(sorted, asOfMs - start) - longer) / m < ELIGIBLE_SHARE) continue
        scores.push(1)
      }
      scored[i] = 1
    }
  }
  let independent = 0
  for (let i = 0; i < n; i++) independent += scored[i]!
  return calibrationOf(scores, independent)
}

/**
 * The quantile level answering level `u` under a calibration: linear between the calibrated
 * levels of 50/70/85/95% (and 0 → 0, 1 → 1), so that a sample drawn through it (see
 * {@link recalibrateSample}) answers each confidence level as the calibration does.
 */
export function calibratedLevelAt(calibration: Calibration, u: number): number {
  let lo = 0
  let loAt = 0
  for (const { level, adjustedLevel } of calibration.levels) {
    if (u <= level) return loAt + ((u - lo) * (adjustedLevel - loAt)) / (level - lo)
    lo = level
    loAt = adjustedLevel
  }
  return loAt + ((u - lo) * (1 - loAt)) / (1 - lo)
}

/**
 * A sample drawn through a calibration: the ascending `sorted` sample mapped, rank by rank, to its
 * quantile at the calibrated level of that rank, so that drawing uniformly from the result (as a
 * roll-up's Monte Carlo does) draws from the calibrated distribution. The result is ascending.
 */
export function recalibrateSample(sorted: Float64Array, calibration: Calibration): Float64Array {
  const out = new Float64Array(sorted.length)
  const last = Math.max(1, sorted.length - 1)
  for (let k = 0; k < sorted.length; k++) {
    // Entry k is the sample's k / (n − 1) quantile (R type 7): unchanged when nothing is adjusted.
    const level = calibratedLevelAt(calibration, k / last)
    out[k] = percentileSorted(sorted, Math.min(1, Math.max(0, level)))!
  }
  return out
}

/** Index of the first value of ascending `sorted` greater than `value`. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}
