import { VmoError } from '../errors'
import type { RandomSource } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { assertTimeZone, dateOfInstant, startOfDate } from '../time/periods'
import type { DailyThroughput } from './daily-throughput'
import { DateTime } from 'luxon'
import {
  addDaysToDate,
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
  /**
   * Days simulated: from the as-of instant to the end of `untilDate`, in calendar days (a
   * fraction when the as-of instant is not a midnight: the rest of the as-of day).
   */
  horizonDays: number
  sample: ThroughputSample
  trials: number
}

/**
 * How many items by a date (FLOW-METRICS.md "Forecasts"): the simulation of {@link forecastWhen}
 * summed to the date. Each trial sums one sampled day's count for every day from the as-of
 * instant to the end of `untilDate` (items done by the end of that date); the rest of the as-of
 * day is a fractional day (see simulateTotal). The level-L
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
  const dateDays = datesAfter(untilDate, asOfMs, timezone)
  const maxDays = params.maxDays ?? DEFAULT_MAX_DAYS
  if (dateDays > maxDays) {
    throw new VmoError(
      'INVALID_INPUT',
      `untilDate "${untilDate}" is ${dateDays} days after the as-of date: forecasts look at most ${maxDays} days ahead`,
    )
  }
  const horizonDays = horizonOf(untilDate, asOfMs, timezone)
  const refusal = checkThroughput(throughput, params)
  if (refusal) return refusal
  const totals = new Int32Array(trials)
  for (let t = 0; t < trials; t++) totals[t] = simulateTotal(throughput.days, horizonDays, random)
  const confidence = itemLevels(totals.sort(), params.quantiles)
  return { kind: 'forecast', confidence, horizonDays, sample: describeSample(throughput), trials }
}

/** Whole dates from the as-of date to `untilDate`; throws unless `untilDate` is after it. */
function datesAfter(untilDate: CalendarDate, asOfMs: number, timezone: string): number {
  startOfDate(untilDate, timezone) // validates the date
  const days = daysBetweenDates(dateOfInstant(asOfMs, timezone), untilDate)
  if (days < 1) {
    throw new VmoError(
      'INVALID_INPUT',
      `the date "${untilDate}" must be after the as-of date ${dateOfInstant(asOfMs, timezone)}: a forecast looks ahead`,
    )
  }
  return days
}

/**
 * Calendar days from the as-of instant to the end of `untilDate`: whole days from the as-of
 * instant on, plus the fraction of one more day that is left (0 when the as-of time is midnight).
 */
export function horizonOf(untilDate: CalendarDate, asOfMs: number, timezone: string): number {
  const endMs = startOfDate(addDaysToDate(untilDate, 1), timezone)
  const asOf = DateTime.fromMillis(asOfMs, { zone: timezone })
  let whole = daysBetweenDates(dateOfInstant(asOfMs, timezone), untilDate)
  while (asOf.plus({ days: whole + 1 }).toMillis() <= endMs) whole++
  const fromMs = asOf.plus({ days: whole }).toMillis()
  const part = (endMs - fromMs) / (asOf.plus({ days: whole + 1 }).toMillis() - fromMs)
  return whole + part
}
