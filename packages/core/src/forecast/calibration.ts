import type { RandomSource } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { dateOfInstant, startOfDate } from '../time/periods'
import { checkpointDates, lowerBound, sortedBefore } from './backtest'
import { computeDailyThroughput } from './daily-throughput'
import type { DailyThroughput } from './daily-throughput'
import { addDaysToDate, assertInteger, checkThroughput, daysBetweenDates } from './forecast-common'
import type { ConfidenceLevel, ThroughputMinimums } from './forecast-types'
import { CONFIDENCE_LEVELS, DEFAULT_MAX_DAYS } from './forecast-types'
import { NOT_REACHED, simulateDaysUntil, simulateTotal } from './throughput-simulation'

/** Default number of past checkpoints a forecast is calibrated on (a year, every 14 days). */
export const DEFAULT_CALIBRATION_CHECKPOINTS = 26
/** Default days between calibration checkpoints. */
export const DEFAULT_CALIBRATION_SPACING_DAYS = 14
/** Trials of each checkpoint's simulation: enough to place an outcome in its distribution. */
export const DEFAULT_CALIBRATION_TRIALS = 2_000
/** Fewest evaluated checkpoints a calibration adjusts on; below it the levels are kept. */
export const MIN_CALIBRATION_CHECKPOINTS = 10

/** Share of a checkpoint's trials done by the as-of date for it to be scored (when-forecasts). */
const ELIGIBLE_SHARE = 0.95

/** One confidence level of a calibrated forecast. */
export interface CalibratedLevel {
  level: ConfidenceLevel
  /**
   * The quantile level of the simulated distribution that answers `level` (equal to `level`
   * when the forecast was not adjusted): above it widens the answer, below it narrows it.
   */
  adjustedLevel: number
  /** Share of past checkpoints where the unadjusted `level` answer came true; null if none. */
  hitRate: number | null
}

/** How a forecast was calibrated on its own backtest. */
export interface Calibration {
  /** Checkpoints whose outcome is known (or known to be late) and that could forecast. */
  checkpoints: number
  /**
   * How many of them are independent: checkpoints whose horizons do not overlap (a 30-day
   * horizon every 14 days shares its outcome with the next). Tails are resolved only on these.
   */
  independent: number
  /** False when fewer than {@link MIN_CALIBRATION_CHECKPOINTS} checkpoints could be scored. */
  adjusted: boolean
  levels: CalibratedLevel[]
}

/** Parameters of {@link calibrateWhen} and {@link calibrateHowMany}. */
export interface CalibrationParameters extends ThroughputMinimums {
  /** Completion instants (item ends) of the scope, epoch ms, any order. */
  completionsMs: Float64Array
  asOfMs: number
  timezone: string
  windowDays?: number
  random: RandomSource
  /** Past checkpoints; default 26. */
  checkpoints?: number
  /** Days between checkpoints; default 14. */
  spacingDays?: number
  /** Trials per checkpoint; default 2,000. */
  trials?: number
  maxDays?: number
}

/**
 * Calibration of "when will N items be done" on its own backtest (conformal recalibration of the
 * simulated quantiles). At each past checkpoint `t` (the as-of date minus k × `spacingDays`), the
 * forecast made with only the completions before `t` is simulated, and the day the N-th item
 * really was done is placed in its distribution: its score is the share of trials that finished
 * earlier (1 when it is still not done). Only checkpoints by whose as-of date 95% of the trials
 * were done are scored, so that a slow outcome is scored as surely as a fast one. A forecast is
 * calibrated when the scores are uniform; the level-L answer then uses the quantile level L' =
 * the ⌈(n + 1)·L⌉-th smallest of the n scores (1 when beyond them), so that over the checkpoints
 * about L of the outcomes fell by the answer.
 */
export function calibrateWhen(params: CalibrationParameters & { items: number }): Calibration {
  assertInteger('items', params.items, 1)
  const sorted = sortedBefore(params.completionsMs, params.asOfMs)
  const outcomes = new Int32Array(params.trials ?? DEFAULT_CALIBRATION_TRIALS)
  const asOfDate = dateOfInstant(params.asOfMs, params.timezone)
  const scores: number[] = []
  const spans = new Spans()
  for (const at of checkpointsOf(params)) {
    const throughput = checkpointThroughput(at, params)
    if (throughput === undefined || !simulateWhenInto(throughput, outcomes, params)) continue
    outcomes.sort()
    const fromMs = startOfDate(at, params.timezone)
    const nth = sorted[lowerBound(sorted, fromMs) + params.items - 1]
    const elapsed = daysBetweenDates(at, asOfDate)
    // Scored only once 95% of its trials were done: a younger checkpoint is scored only if it was
    // done early, and keeping only those would make the forecasts look faster than they are.
    if (shareAtMost(outcomes, elapsed) < ELIGIBLE_SHARE) continue
    // Its horizon: the median simulated outcome (what the forecast said it would take).
    spans.add(at, outcomes[outcomes.length >> 1]!)
    if (nth === undefined || nth >= params.asOfMs) scores.push(1)
    else
      scores.push(
        shareBelow(outcomes, daysBetweenDates(at, dateOfInstant(nth, params.timezone)) + 1),
      )
  }
  return calibrationOf(scores, spans.independent())
}

/**
 * Calibration of "how many items by a date" `horizonDays` ahead, as {@link calibrateWhen}: at
 * each checkpoint whose horizon has ended, the items really done in the `horizonDays` after it
 * score the share of trials that did more (a checkpoint at midnight of `t` simulates `t` and the
 * `horizonDays` days after it, as the forecast through `t + horizonDays` made then does). The level-L answer then uses the (1 − L')-quantile of
 * trial totals.
 */
export function calibrateHowMany(
  params: CalibrationParameters & { horizonDays: number },
): Calibration {
  assertInteger('horizonDays', params.horizonDays, 1)
  const sorted = sortedBefore(params.completionsMs, params.asOfMs)
  const totals = new Int32Array(params.trials ?? DEFAULT_CALIBRATION_TRIALS)
  const scores: number[] = []
  const spans = new Spans()
  for (const at of checkpointsOf(params)) {
    const fromMs = startOfDate(at, params.timezone)
    const toMs = startOfDate(addDaysToDate(at, params.horizonDays + 1), params.timezone)
    if (toMs > params.asOfMs) continue
    const throughput = checkpointThroughput(at, params)
    if (throughput === undefined) continue
    for (let t = 0; t < totals.length; t++) {
      totals[t] = simulateTotal(throughput.days, params.horizonDays + 1, params.random)
    }
    totals.sort()
    const actual = lowerBound(sorted, toMs) - lowerBound(sorted, fromMs)
    spans.add(at, params.horizonDays + 1)
    scores.push(1 - shareAtMost(totals, actual))
  }
  return calibrationOf(scores, spans.independent())
}

/** The horizons of scored checkpoints, to count those that do not overlap. */
class Spans {
  readonly #spans: { from: number; to: number }[] = []

  add(at: CalendarDate, days: number): void {
    const from = Date.parse(`${at}T00:00:00Z`) / 86_400_000
    this.#spans.push({ from, to: from + Math.max(1, days) })
  }

  /** The most checkpoints whose horizons are pairwise disjoint (greedy by end). */
  independent(): number {
    const spans = [...this.#spans].sort((a, b) => a.to - b.to)
    let count = 0
    let end = -Infinity
    for (const span of spans) {
      if (span.from < end) continue
      count++
      end = span.to
    }
    return count
  }
}

/**
 * The calibration of scores: measured hit rates and conformal levels (see calibrateWhen).
 * Overlapping horizons make neighbouring scores share their outcome, so the scores hold fewer
 * independent observations than checkpoints (`independent`, default all). A level whose tail
 * those cannot resolve (⌈(m + 1)·L⌉ > m for m independent checkpoints: 19 are needed for 95%) is
 * widened when the scores say so but never answered below the quantile halfway between L and
 * certainty ({@link unresolvedTailLevel}: 97.5% for 95%): history cannot check that answer, so it
 * errs on the late side. Replayed on real histories, keeping the simulation's own 95% (or
 * narrowing it) came true 91% of the time; the halfway quantile 92–95%.
 */
export function calibrationOf(
  scores: readonly number[],
  independent: number = scores.length,
): Calibration {
  const n = scores.length
  const ascending = Float64Array.from(scores).sort()
  const adjusted = n >= MIN_CALIBRATION_CHECKPOINTS
  const levels = CONFIDENCE_LEVELS.map((level) => {
    let hits = 0
    for (let k = 0; k < n; k++) if (ascending[k]! <= level) hits++
    const rank = Math.ceil((n + 1) * level)
    let adjustedLevel = !adjusted ? level : rank > n ? 1 : ascending[rank - 1]!
    if (Math.ceil((independent + 1) * level) > independent) {
      adjustedLevel = Math.max(adjustedLevel, unresolvedTailLevel(level))
    }
    return { level, adjustedLevel, hitRate: n === 0 ? null : hits / n }
  })
  return { checkpoints: n, independent: Math.min(independent, n), adjusted, levels }
}

/** The least quantile level answering a level whose tail the checkpoints cannot resolve. */
export function unresolvedTailLevel(level: number): number {
  return level + (1 - level) / 2
}

/** The quantile levels a calibration answers the confidence levels with (the levels if none). */
export function adjustedLevels(calibration: Calibration | undefined): readonly number[] {
  return calibration?.levels.map((l) => l.adjustedLevel) ?? CONFIDENCE_LEVELS
}

function checkpointThroughput(
  at: CalendarDate,
  params: CalibrationParameters,
): DailyThroughput | undefined {
  const asOfMs = startOfDate(at, params.timezone)
  const throughput = computeDailyThroughput(params.completionsMs, { ...params, asOfMs })
  return checkThroughput(throughput, params) ? undefined : throughput
}

function simulateWhenInto(
  throughput: DailyThroughput,
  outcomes: Int32Array,
  params: CalibrationParameters & { items: number },
): boolean {
  const options = { random: params.random, maxDays: params.maxDays ?? DEFAULT_MAX_DAYS }
  for (let t = 0; t < outcomes.length; t++) {
    const d = simulateDaysUntil(throughput.days, params.items, options)
    if (d === NOT_REACHED) return false
    outcomes[t] = d
  }
  return true
}

/** Share of ascending `sorted` values strictly below `value`. */
function shareBelow(sorted: Int32Array, value: number): number {
  return lowerBound(sorted, value) / sorted.length
}

/** Share of ascending `sorted` values at most `value`. */
function shareAtMost(sorted: Int32Array, value: number): number {
  return lowerBound(sorted, value + 1) / sorted.length
}

function checkpointsOf(params: CalibrationParameters): CalendarDate[] {
  return checkpointDates({
    ...params,
    checkpoints: params.checkpoints ?? DEFAULT_CALIBRATION_CHECKPOINTS,
    spacingDays: params.spacingDays ?? DEFAULT_CALIBRATION_SPACING_DAYS,
  })
}
