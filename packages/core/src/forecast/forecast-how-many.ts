import { VmoError } from '../errors'
import type { RandomSource } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { assertTimeZone, dateOfInstant, startOfDate } from '../time/periods'
import type { DailyThroughput } from './daily-throughput'
import {
  assertInteger,
  checkThroughput,
  daysBetweenDates,
  describeSample,
  itemLevels,
} from './forecast-common'
import type {
  InsufficientData,
  ItemsAtLevel,
  ThroughputMinimums,
  ThroughputSample,
} from './forecast-types'
import { DEFAULT_MAX_DAYS, DEFAULT_TRIALS } from './forecast-types'
import { simulateTotal } from './throughput-simulation'

/** Parameters of {@link forecastHowMany}. */
export interface ForecastHowManyParameters extends ThroughputMinimums {
  /** The last day counted: items done by the end of this date (in `timezone`). */
  untilDate: CalendarDate
  asOfMs: number
  timezone: string
  /** Monte Carlo trials; default 10,000. */
  trials?: number
  /** Quantile levels answering 50/70/85/95% (a calibration's); default the levels themselves. */
  quantiles?: readonly number[]
  random: RandomSource
  /** The furthest `untilDate` may lie after the as-of date, in days; default 1096 (3 years). */
  maxDays?: number
}

/** A how-many forecast: item counts at 50/70/85/95% confidence and the sample it rests on. */
export interface HowManyForecast {
  kind: 'forecast'
  confidence: ItemsAtLevel[]
  /** Days simulated: from the day after the as-of day to `untilDate`, both included. */
  horizonDays: number
  sample: ThroughputSample
  trials: number
}

/**
 * How many items by a date (FLOW-METRICS.md "Forecasts"): the simulation of {@link forecastWhen}
 * summed to the date. Each trial sums one sampled day's count for every day from the day after
 * the as-of day through `untilDate` inclusive (items done by the end of that date). The level-L
 * answer is the (1 − L)-quantile (R type 7) of trial totals, rounded down to a whole item: "the
 * 85% answer is the 15th percentile of trial totals", so higher confidence means fewer items.
 *
 * Refuses (insufficient_data, with a reason) when the window has fewer than `minDays` (14) days
 * or fewer than `minCompletions` (5) completions. Throws INVALID_INPUT when `untilDate` is not
 * after the as-of date or more than `maxDays` (1096) days after it.
 */
export function forecastHowMany(
  throughput: DailyThroughput,
  params: ForecastHowManyParameters,
): HowManyForecast | InsufficientData {
  const { untilDate, asOfMs, timezone, trials = DEFAULT_TRIALS, random } = params
  assertTimeZone(timezone)
  assertInteger('trials', trials, 1)
  const horizonDays = horizonOf(untilDate, asOfMs, timezone)
  const maxDays = params.maxDays ?? DEFAULT_MAX_DAYS
  if (horizonDays > maxDays) {
    throw new VmoError(
      'INVALID_INPUT',
      `untilDate "${untilDate}" is ${horizonDays} days after the as-of date: forecasts look at most ${maxDays} days ahead`,
    )
  }
  const refusal = checkThroughput(throughput, params)
  if (refusal) return refusal
  const totals = new Int32Array(trials)
  for (let t = 0; t < trials; t++) totals[t] = simulateTotal(throughput.days, horizonDays, random)
  const confidence = itemLevels(totals.sort(), params.quantiles)
  return { kind: 'forecast', confidence, horizonDays, sample: describeSample(throughput), trials }
}

function horizonOf(untilDate: CalendarDate, asOfMs: number, timezone: string): number {
  startOfDate(untilDate, timezone) // validates the date
  const horizonDays = daysBetweenDates(dateOfInstant(asOfMs, timezone), untilDate)
  if (horizonDays < 1) {
    throw new VmoError(
      'INVALID_INPUT',
      `untilDate "${untilDate}" must be after the as-of date ${dateOfInstant(asOfMs, timezone)}`,
    )
  }
  return horizonDays
}
