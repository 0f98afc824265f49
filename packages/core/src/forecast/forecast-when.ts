import type { RandomSource } from '../stats/random'
import { assertTimeZone } from '../time/periods'
import type { DailyThroughput } from './daily-throughput'
import {
  assertInteger,
  checkThroughput,
  dateLevels,
  describeSample,
  throughputTooLow,
} from './forecast-common'
import type {
  DateAtLevel,
  InsufficientData,
  ThroughputMinimums,
  ThroughputSample,
} from './forecast-types'
import { DEFAULT_MAX_DAYS, DEFAULT_TRIALS } from './forecast-types'
import { NOT_REACHED, simulateDaysUntil } from './throughput-simulation'

/** Parameters of {@link forecastWhen}. */
export interface ForecastWhenParameters extends ThroughputMinimums {
  /** How many items must be done (N >= 1). */
  items: number
  asOfMs: number
  timezone: string
  /** Monte Carlo trials; default 10,000. */
  trials?: number
  /** Quantile levels answering 50/70/85/95% (a calibration's); default the levels themselves. */
  quantiles?: readonly number[]
  random: RandomSource
  /** Cap on simulated days per trial; default 1096 (3 years). */
  maxDays?: number
}

/** A date forecast: dates at 50/70/85/95% confidence and the sample it rests on. */
export interface DateForecast {
  kind: 'forecast'
  confidence: DateAtLevel[]
  sample: ThroughputSample
  trials: number
}

/**
 * When will N items be done (FLOW-METRICS.md "Forecasts"): Monte Carlo over the scope's daily
 * throughput, sampled with replacement from the window of {@link computeDailyThroughput}. Each
 * trial draws one day's count for each day from the as-of instant on (day 1 ends one calendar day
 * after it), until the sum reaches N; its outcome is the number of days drawn, and its date the
 * date on which that day ends.
 * The level-L answer is the L-quantile (R type 7) of trial outcomes, rounded up to a whole day:
 * in about L of the trials the N-th item is done on or before that date.
 *
 * Refuses (insufficient_data, with a reason) when the window has fewer than `minDays` (14) days
 * or fewer than `minCompletions` (5) completions, or when some trial has not reached N within
 * `maxDays` (1096) days. Throws INVALID_INPUT for N < 1 or a non-integer N.
 */
export function forecastWhen(
  throughput: DailyThroughput,
  params: ForecastWhenParameters,
): DateForecast | InsufficientData {
  const { items, asOfMs, timezone, trials = DEFAULT_TRIALS, maxDays = DEFAULT_MAX_DAYS } = params
  assertTimeZone(timezone)
  assertInteger('items', items, 1)
  assertInteger('trials', trials, 1)
  const refusal = checkThroughput(throughput, params)
  if (refusal) return refusal
  const outcomes = new Int32Array(trials)
  const reached = simulateWhen(throughput.days, outcomes, { ...params, maxDays })
  if (reached < trials) return throughputTooLow(throughput, { items, maxDays, reached, trials })
  const confidence = dateLevels(outcomes.sort(), { asOfMs, timezone }, params.quantiles)
  return { kind: 'forecast', confidence, sample: describeSample(throughput), trials }
}

/**
 * Fills `outcomes` with trial outcomes (days to reach `items`); returns how many trials reached
 * `items` before the first one that did not within `maxDays` (all of them when none failed).
 */
function simulateWhen(
  days: Int32Array,
  outcomes: Int32Array,
  options: { items: number; maxDays: number; random: RandomSource },
): number {
  for (let t = 0; t < outcomes.length; t++) {
    const d = simulateDaysUntil(days, options.items, options)
    if (d === NOT_REACHED) return t
    outcomes[t] = d
  }
  return outcomes.length
}
