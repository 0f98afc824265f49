import type { RandomSource } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { assertTimeZone, dateOfInstant, startOfDate } from '../time/periods'
import { computeDailyThroughput } from './daily-throughput'
import type { ThroughputMinimums } from './forecast-types'
import { addDaysToDate, assertInteger, daysBetweenDates } from './forecast-common'
import { forecastHowMany } from './forecast-how-many'
import { forecastWhen } from './forecast-when'
import { sortNumbers } from '../stats/sort-numbers'

/** Parameters shared by {@link backtestWhen} and {@link backtestHowMany}. */
export interface BacktestParameters extends ThroughputMinimums {
  /** Completion instants (item ends) of the scope, epoch ms, any order. */
  completionsMs: Float64Array
  asOfMs: number
  timezone: string
  /** Number of past checkpoints; default 12. */
  checkpoints?: number
  /** Days between checkpoints, going back from the as-of date; default 14. */
  spacingDays?: number
  /** Throughput window of each forecast; default 90 days. */
  windowDays?: number
  trials?: number
  random: RandomSource
}

/** The parameters of a backtest other than its random source (what scoring it reads). */
export type BacktestInputs = Omit<BacktestParameters, 'random'>

/** Hits over the evaluated checkpoints; `hitRate` is null when none could be evaluated. */
export interface BacktestScore {
  evaluated: number
  hits: number
  hitRate: number | null
}

/** One past when-forecast: its 85% date and the day the N-th item really was done. */
export interface WhenCheckpoint {
  at: CalendarDate
  /** Null when the forecast at `at` refused (too little history then). */
  forecast85Date: CalendarDate | null
  /** Null when the N-th completion after `at` has not happened by the as-of time. */
  actualDate: CalendarDate | null
  /** Null when not evaluated. */
  hit: boolean | null
}

/** The backtest of when-forecasts. */
export interface WhenBacktest extends BacktestScore {
  checkpoints: WhenCheckpoint[]
}

/**
 * Backtest of "when will N items be done" (FLOW-METRICS.md "Forecasts"): forecasts made at past
 * dates are compared with what happened. Checkpoint `t` is the as-of date minus k × `spacingDays`
 * (k = 1..`checkpoints`, reported oldest first); the forecast at `t` is {@link forecastWhen} with
 * as-of time the start of `t` and only completions before it. What really happened is the day of
 * the N-th completion from the start of `t` (the forecast also counts from then: its day 1 is `t`).
 *
 * A checkpoint is a hit when the actual day is on or before the 85% date: the 85% forecast claims
 * that 85% of outcomes fall by that date, so a calibrated forecast scores a hit rate near 0.85.
 * It is a miss when the actual day is later, or when the 85% date is over (before the as-of date)
 * and the N-th item is still not done. Checkpoints whose outcome is not yet known, and those whose
 * forecast refused, are not evaluated.
 */
export function backtestWhen(params: BacktestParameters & { horizonItems: number }): WhenBacktest {
  return scoreWhenBacktest(forecastWhenCheckpoints(params), params)
}

/** The forecast made at one past checkpoint (null when it refused for lack of history). */
export interface CheckpointForecast<T> {
  at: CalendarDate
  forecast85: T | null
}

/**
 * The costly half of {@link backtestWhen}: the 85% date of the when-forecast at each checkpoint,
 * oldest first (one Monte Carlo each). They depend only on the completions before
 * {@link backtestHistoryEndMs}, the parameters other than the rest of `completionsMs`, and the
 * state `random` starts in: equal inputs give equal forecasts, so a caller may keep them.
 */
export function forecastWhenCheckpoints(
  params: BacktestParameters & { horizonItems: number },
): CheckpointForecast<CalendarDate>[] {
  assertInteger('horizonItems', params.horizonItems, 1)
  return checkpointDates(params).map((at) => ({ at, forecast85: forecast85When(at, params) }))
}

/** The other half of {@link backtestWhen}: what really happened after each checkpoint, scored. */
export function scoreWhenBacktest(
  forecasts: readonly CheckpointForecast<CalendarDate>[],
  params: BacktestInputs & { horizonItems: number },
): WhenBacktest {
  const { timezone, asOfMs } = params
  const sorted = sortedBefore(params.completionsMs, asOfMs)
  const asOfDate = dateOfInstant(asOfMs, timezone)
  const checkpoints = forecasts.map(({ at, forecast85: forecast85Date }) => {
    const first = lowerBound(sorted, startOfDate(at, timezone))
    const nth = sorted[first + params.horizonItems - 1]
    const actualDate = nth === undefined ? null : dateOfInstant(nth, timezone)
    return { at, forecast85Date, actualDate, hit: whenHit(forecast85Date, actualDate, asOfDate) }
  })
  return { checkpoints, ...score(checkpoints) }
}

/**
 * The instant before which completions decide the checkpoint forecasts of a backtest: the start
 * of its latest checkpoint day (each forecast sees only the completions before its checkpoint).
 */
export function backtestHistoryEndMs(params: BacktestInputs): number {
  const dates = checkpointDates(params)
  return startOfDate(dates[dates.length - 1]!, params.timezone)
}

function forecast85When(
  at: CalendarDate,
  params: BacktestParameters & { horizonItems: number },
): CalendarDate | null {
  const asOfMs = startOfDate(at, params.timezone)
  const throughput = computeDailyThroughput(params.completionsMs, { ...params, asOfMs })
  const forecast = forecastWhen(throughput, { ...params, asOfMs, items: params.horizonItems })
  if (forecast.kind !== 'forecast') return null
  return forecast.confidence.find((c) => c.level === 0.85)!.date
}

function whenHit(
  forecast85Date: CalendarDate | null,
  actualDate: CalendarDate | null,
  asOfDate: CalendarDate,
): boolean | null {
  if (forecast85Date === null) return null
  if (actualDate !== null) return actualDate <= forecast85Date
  return forecast85Date < asOfDate ? false : null
}

/** One past how-many forecast: its 85% answer and the items really done by `untilDate`. */
export interface HowManyCheckpoint {
  at: CalendarDate
  /** The last day counted: `at` plus the horizon. */
  untilDate: CalendarDate
  /** Null when the forecast at `at` refused. */
  forecast85Items: number | null
  /** Null when `untilDate` has not ended by the as-of time. */
  actualItems: number | null
  hit: boolean | null
}

/** The backtest of how-many forecasts. */
export interface HowManyBacktest extends BacktestScore {
  checkpoints: HowManyCheckpoint[]
}

/**
 * Backtest of "how many by a date" (FLOW-METRICS.md "Forecasts"): at each checkpoint `t` (as in
 * {@link backtestWhen}) {@link forecastHowMany} forecasts the items done from the start of `t`
 * through `t + horizonDays`, using only completions before the start of `t`; the actual count is
 * the completions in those days. A hit when the actual count is at least the 85% answer (the 85%
 * answer claims that 85% of outcomes reach it). Checkpoints whose last day has not ended by the
 * as-of time, or whose forecast refused, are not evaluated.
 */
export function backtestHowMany(
  params: BacktestParameters & { horizonDays: number },
): HowManyBacktest {
  return scoreHowManyBacktest(forecastHowManyCheckpoints(params), params)
}

/**
 * The costly half of {@link backtestHowMany}: the 85% answer of the how-many forecast at each
 * checkpoint, oldest first; like {@link forecastWhenCheckpoints}, a function of the completions
 * before {@link backtestHistoryEndMs}, the other parameters and the state `random` starts in.
 */
export function forecastHowManyCheckpoints(
  params: BacktestParameters & { horizonDays: number },
): CheckpointForecast<number>[] {
  assertInteger('horizonDays', params.horizonDays, 1)
  return checkpointDates(params).map((at) => ({
    at,
    forecast85: forecast85HowMany(at, addDaysToDate(at, params.horizonDays), params),
  }))
}

/** The other half of {@link backtestHowMany}: the items really done by each checkpoint's end. */
export function scoreHowManyBacktest(
  forecasts: readonly CheckpointForecast<number>[],
  params: BacktestInputs & { horizonDays: number },
): HowManyBacktest {
  const { timezone, asOfMs } = params
  const sorted = sortedBefore(params.completionsMs, asOfMs)
  const checkpoints = forecasts.map(({ at, forecast85: forecast85Items }) => {
    const untilDate = addDaysToDate(at, params.horizonDays)
    const fromMs = startOfDate(at, timezone)
    const toMs = startOfDate(addDaysToDate(untilDate, 1), timezone)
    const actualItems =
      toMs <= asOfMs ? lowerBound(sorted, toMs) - lowerBound(sorted, fromMs) : null
    const hit =
      forecast85Items === null || actualItems === null ? null : actualItems >= forecast85Items
    return { at, untilDate, forecast85Items, actualItems, hit }
  })
  return { checkpoints, ...score(checkpoints) }
}

function forecast85HowMany(
  at: CalendarDate,
  untilDate: CalendarDate,
  params: BacktestParameters,
): number | null {
  const asOfMs = startOfDate(at, params.timezone)
  const throughput = computeDailyThroughput(params.completionsMs, { ...params, asOfMs })
  const forecast = forecastHowMany(throughput, { ...params, asOfMs, untilDate })
  if (forecast.kind !== 'forecast') return null
  return forecast.confidence.find((c) => c.level === 0.85)!.items
}

/**
 * The `horizonDays` of the how-many backtest and calibration that check a forecast through
 * `untilDate`: the dates from the as-of date to it (at least 1). Each checkpoint `t` then asks
 * about the items done from the start of `t` through `t + horizonDays`.
 */
export function checkpointHorizonDays(
  untilDate: CalendarDate,
  asOfMs: number,
  timezone: string,
): number {
  return Math.max(1, daysBetweenDates(dateOfInstant(asOfMs, timezone), untilDate))
}

/** Checkpoint dates, oldest first: the as-of date minus k × spacing, k = checkpoints..1. */
export function checkpointDates(
  params: Pick<BacktestInputs, 'asOfMs' | 'timezone' | 'checkpoints' | 'spacingDays'>,
): CalendarDate[] {
  const { checkpoints = 12, spacingDays = 14, timezone } = params
  assertTimeZone(timezone)
  assertInteger('checkpoints', checkpoints, 1)
  assertInteger('spacingDays', spacingDays, 1)
  const asOfDate = dateOfInstant(params.asOfMs, timezone)
  return Array.from({ length: checkpoints }, (_, i) =>
    addDaysToDate(asOfDate, -(checkpoints - i) * spacingDays),
  )
}

/** Ascending copy of the values before `endMs`. */
export function sortedBefore(valuesMs: Float64Array, endMs: number): Float64Array {
  let count = 0
  for (let k = 0; k < valuesMs.length; k++) if (valuesMs[k]! < endMs) count++
  const out = new Float64Array(count)
  count = 0
  for (let k = 0; k < valuesMs.length; k++) if (valuesMs[k]! < endMs) out[count++] = valuesMs[k]!
  return sortNumbers(out)
}

/** Index of the first value `>= target` in ascending `sorted` (its length when none). */
export function lowerBound(sorted: ArrayLike<number>, target: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

function score(checkpoints: { hit: boolean | null }[]): BacktestScore {
  let evaluated = 0
  let hits = 0
  for (const c of checkpoints) {
    if (c.hit === null) continue
    evaluated++
    if (c.hit) hits++
  }
  return { evaluated, hits, hitRate: evaluated === 0 ? null : hits / evaluated }
}
