import { percentileSorted } from '../stats/percentile'
import type { RandomSource } from '../stats/random'
import { MS_PER_DAY, msToDays } from '../time/instant'
import type { CalendarDate } from '../time/periods'
import { assertTimeZone, dateOfInstant } from '../time/periods'
import type { DailyThroughput } from './daily-throughput'
import {
  assertInteger,
  assertNonNegative,
  checkThroughput,
  dateLevels,
  describeSample,
  throughputTooLow,
} from './forecast-common'
import type {
  ConfidenceLevel,
  DateAtLevel,
  InsufficientData,
  ThroughputMinimums,
  ThroughputSample,
} from './forecast-types'
import {
  CONFIDENCE_LEVELS,
  DEFAULT_MAX_DAYS,
  DEFAULT_MIN_FLOW_TIMES,
  DEFAULT_TRIALS,
} from './forecast-types'
import { NOT_REACHED, simulateDaysUntil } from './throughput-simulation'
import type { Calibration } from './calibration'
import { recalibrateSample } from './item-calibration'

/** Parameters of {@link forecastItemInProgress}. */
export interface ItemInProgressParameters {
  /** The item's age `asOf − start`, in ms (>= 0). */
  ageMs: number
  asOfMs: number
  timezone: string
  /** Minimum completed items whose flow time exceeded the age; default 5 (at least 1). */
  minSamples?: number
  /** Quantile levels answering 50/70/85/95% (a calibration's); default the levels themselves. */
  quantiles?: readonly number[]
}

/** One confidence level of an in-progress item: done within `remainingDays` of as-of, on `date`. */
export interface RemainingAtLevel {
  level: ConfidenceLevel
  remainingDays: number
  date: CalendarDate
}

/** The forecast of an item in progress and the completed items it rests on. */
export interface ItemInProgressForecast {
  kind: 'forecast'
  confidence: RemainingAtLevel[]
  sample: { items: number; ageDays: number }
}

/**
 * One item in progress (FLOW-METRICS.md "Forecasts"): for an item with age `a`, the distribution
 * of flow time of the scope's completed items whose flow time exceeded `a` gives its remaining
 * time `flow time − a`. The level-L answer is the L-quantile (R type 7) of remaining times, in
 * days as decimals, and the calendar date in `timezone` of `asOfMs` plus that time.
 * `flowTimesMs` are the flow times of the scope's completed items, in ms, any order.
 *
 * Refuses (insufficient_data, with a reason) when fewer than `minSamples` (5) completed items
 * took longer than `a`. Throws INVALID_INPUT for a negative age.
 */
export function forecastItemInProgress(
  flowTimesMs: Float64Array,
  params: ItemInProgressParameters,
): ItemInProgressForecast | InsufficientData {
  const { ageMs, asOfMs, timezone } = params
  assertTimeZone(timezone)
  assertNonNegative('ageMs', ageMs)
  const minSamples = Math.max(1, params.minSamples ?? DEFAULT_MIN_FLOW_TIMES)
  const remaining = remainingTimesMs(flowTimesMs, ageMs)
  const ageDays = msToDays(ageMs)
  if (remaining.length < minSamples) return tooFewLonger(remaining.length, ageDays, minSamples)
  const confidence = CONFIDENCE_LEVELS.map((level, k) => {
    const remainingMs = percentileSorted(remaining, params.quantiles?.[k] ?? level)!
    const date = dateOfInstant(asOfMs + remainingMs, timezone)
    return { level, remainingDays: msToDays(remainingMs), date }
  })
  return { kind: 'forecast', confidence, sample: { items: remaining.length, ageDays } }
}

/** Ascending `ft − ageMs` of the flow times `ft` that exceed `ageMs`: an item's remaining times. */
export function remainingTimesMs(flowTimesMs: Float64Array, ageMs: number): Float64Array {
  let count = 0
  for (let i = 0; i < flowTimesMs.length; i++) if (flowTimesMs[i]! > ageMs) count++
  const remaining = new Float64Array(count)
  let k = 0
  for (let i = 0; i < flowTimesMs.length; i++) {
    if (flowTimesMs[i]! > ageMs) remaining[k++] = flowTimesMs[i]! - ageMs
  }
  return remaining.sort()
}

function tooFewLonger(count: number, ageDays: number, required: number): InsufficientData {
  const items = count === 1 ? 'item' : 'items'
  return {
    kind: 'insufficient_data',
    reason: `only ${count} completed ${items} took longer than ${ageDays.toFixed(1)} days (at least ${required} needed)`,
    sampleSize: count,
    required,
  }
}

/** Parameters of {@link forecastItemNotStarted}. */
export interface ItemNotStartedParameters extends ThroughputMinimums {
  /** Flow times of the scope's completed items, ms, any order. */
  flowTimesMs: Float64Array
  /** The item's queue position: how many items are ahead of it (>= 0). */
  itemsAhead: number
  asOfMs: number
  timezone: string
  /** Monte Carlo trials; default 10,000. */
  trials?: number
  random: RandomSource
  /** Minimum number of flow times; default 5 (at least 1). */
  minFlowTimes?: number
  /** Cap on simulated days per trial; default 1096 (3 years). */
  maxDays?: number
  /**
   * Calibration of the queue (the days until its start, a "when will N be done"): each trial's
   * start is drawn through it before the flow time is added; default none.
   */
  queueCalibration?: Calibration
}

/** The forecast of an item not yet started and the samples it rests on. */
export interface ItemNotStartedForecast {
  kind: 'forecast'
  confidence: DateAtLevel[]
  sample: ThroughputSample & { flowTimes: number }
  trials: number
}

/**
 * One item not yet started (FLOW-METRICS.md "Forecasts"): the throughput forecast of the items
 * ahead of it in its queue plus the flow-time distribution. In a pull system the item starts
 * when a slot frees after every item ahead of it has started, i.e. at the `itemsAhead + 1`-th
 * completion. Each trial therefore draws daily throughput (as in {@link forecastWhen}) until
 * `itemsAhead + 1` items are done, places the start at the end of that day, and adds one flow
 * time drawn from `flowTimesMs`. The level-L answer is the L-quantile (R type 7) of trial
 * outcomes in days after the as-of date, rounded up to a whole day, and that date.
 *
 * Refuses (insufficient_data, with a reason) when the throughput window is below the minimums
 * of {@link forecastWhen}, when fewer than `minFlowTimes` (5) flow times are given, or when a
 * trial did not reach its start within `maxDays` (1096) days.
 */
export function forecastItemNotStarted(
  throughput: DailyThroughput,
  params: ItemNotStartedParameters,
): ItemNotStartedForecast | InsufficientData {
  const {
    itemsAhead,
    asOfMs,
    timezone,
    trials = DEFAULT_TRIALS,
    maxDays = DEFAULT_MAX_DAYS,
  } = params
  assertTimeZone(timezone)
  assertInteger('itemsAhead', itemsAhead, 0)
  assertInteger('trials', trials, 1)
  const refusal = checkThroughput(throughput, params) ?? checkFlowTimes(params)
  if (refusal) return refusal
  const outcomes = new Float64Array(trials)
  const run = { ...params, items: itemsAhead + 1, maxDays }
  const reached = simulateNotStarted(throughput.days, outcomes, run)
  if (reached < trials) return throughputTooLow(throughput, { ...run, reached, trials })
  const confidence = dateLevels(outcomes.sort(), { asOfMs, timezone })
  const sample = { ...describeSample(throughput), flowTimes: params.flowTimesMs.length }
  return { kind: 'forecast', confidence, sample, trials }
}

/**
 * Fills `outcomes` (days); returns the trials that reached their start, as `simulateWhen`. With
 * `queueCalibration`, the starts are simulated first and drawn through it ({@link
 * recalibrateSample}), then each gets an independently drawn flow time: only the queue is
 * recalibrated, the flow times' spread is kept.
 */
export function simulateNotStarted(
  days: Int32Array,
  outcomes: Float64Array,
  run: {
    items: number
    maxDays: number
    random: RandomSource
    flowTimesMs: Float64Array
    queueCalibration?: Calibration
  },
): number {
  const { random, flowTimesMs, queueCalibration } = run
  if (!queueCalibration) {
    for (let t = 0; t < outcomes.length; t++) {
      const startDay = simulateDaysUntil(days, run.items, run)
      if (startDay === NOT_REACHED) return t
      outcomes[t] = startDay + flowTimesMs[random.nextInt(flowTimesMs.length)]! / MS_PER_DAY
    }
    return outcomes.length
  }
  for (let t = 0; t < outcomes.length; t++) {
    const startDay = simulateDaysUntil(days, run.items, run)
    if (startDay === NOT_REACHED) return t
    outcomes[t] = startDay
  }
  outcomes.set(recalibrateSample(outcomes.sort(), queueCalibration))
  for (let t = 0; t < outcomes.length; t++)
    outcomes[t] = outcomes[t]! + flowTimesMs[random.nextInt(flowTimesMs.length)]! / MS_PER_DAY
  return outcomes.length
}

/** The refusal when fewer than `minFlowTimes` (5) flow times are given, else undefined. */
export function checkFlowTimes(params: ItemNotStartedParameters): InsufficientData | undefined {
  const count = params.flowTimesMs.length
  const required = Math.max(1, params.minFlowTimes ?? DEFAULT_MIN_FLOW_TIMES)
  if (count >= required) return undefined
  const reason = `only ${count} completed items with a flow time (at least ${required} needed)`
  return { kind: 'insufficient_data', reason, sampleSize: count, required }
}
