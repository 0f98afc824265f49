// Helpers shared by the forecasts; not part of the public API (index.ts exports forecast-types).
import { DateTime } from 'luxon'
import { VmoError } from '../errors'
import { percentileSorted } from '../stats/percentile'
import type { CalendarDate } from '../time/periods'
import type { DailyThroughput } from './daily-throughput'
import type {
  DateAtLevel,
  InsufficientData,
  ItemsAtLevel,
  ThroughputMinimums,
  ThroughputSample,
} from './forecast-types'
import { CONFIDENCE_LEVELS, DEFAULT_MIN_COMPLETIONS, DEFAULT_MIN_DAYS } from './forecast-types'
import { formatRate } from './throughput-simulation'

/** The calendar date `days` days after `date` (negative: before); zone-independent. */
export function addDaysToDate(date: CalendarDate, days: number): CalendarDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? ''
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenDates(from: CalendarDate, to: CalendarDate): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' })
  const b = DateTime.fromISO(to, { zone: 'UTC' })
  return Math.round(b.diff(a, 'days').days)
}

/** Throws INVALID_INPUT unless `value` is an integer of at least `min`. */
export function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new VmoError('INVALID_INPUT', `${name} must be an integer >= ${min}, got ${value}`)
  }
}

/** Throws INVALID_INPUT unless `value` is a finite number >= 0. */
export function assertNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new VmoError('INVALID_INPUT', `${name} must be a finite number >= 0, got ${value}`)
  }
}

/** The sample description of a throughput window. */
export function describeSample(throughput: DailyThroughput): ThroughputSample {
  return {
    days: throughput.days.length,
    completions: throughput.total,
    from: throughput.firstDay,
    to: throughput.lastDay,
  }
}

/**
 * The refusal for a throughput window below the minimums (fewer than `minDays` days or fewer
 * than `minCompletions` completions, each at least 1), or undefined when the window suffices.
 */
export function checkThroughput(
  throughput: DailyThroughput,
  minimums: ThroughputMinimums,
): InsufficientData | undefined {
  // A window needs at least one day and one completion to sample from, whatever is asked.
  const minDays = Math.max(1, minimums.minDays ?? DEFAULT_MIN_DAYS)
  const minCompletions = Math.max(1, minimums.minCompletions ?? DEFAULT_MIN_COMPLETIONS)
  const days = throughput.days.length
  if (days < minDays) {
    const reason = `only ${days} days of completion history (at least ${minDays} needed)`
    return { kind: 'insufficient_data', reason, sampleSize: days, required: minDays }
  }
  if (throughput.total < minCompletions) {
    const reason = `only ${throughput.total} completions in the last ${days} days (at least ${minCompletions} needed)`
    return {
      kind: 'insufficient_data',
      reason,
      sampleSize: throughput.total,
      required: minCompletions,
    }
  }
  return undefined
}

// Interpolated quantiles of whole numbers can land a rounding error beside an integer
// (3 − 4e-16); snapping within this tolerance keeps ceil/floor from moving a whole unit.
const SNAP = 1e-9

/** `value` rounded up to a whole number, ignoring floating-point noise below 1e-9. */
export function wholeUp(value: number): number {
  return Math.ceil(value - SNAP)
}

/** `value` rounded down to a whole number, ignoring floating-point noise below 1e-9. */
export function wholeDown(value: number): number {
  return Math.floor(value + SNAP)
}

/**
 * The date by which `days` simulated days from the as-of instant are over: the date of the last
 * instant before `asOfMs` plus `days` calendar days in `timezone` (day 1 of a forecast made at
 * midnight is the as-of day itself).
 */
export function dateAfterDays(asOfMs: number, days: number, timezone: string): CalendarDate {
  const endMs = DateTime.fromMillis(asOfMs, { zone: timezone }).plus({ days }).toMillis()
  return DateTime.fromMillis(Math.max(asOfMs, endMs - 1), { zone: timezone }).toISODate() ?? ''
}

/**
 * Dates at every confidence level from ascending trial outcomes in days after the as-of instant:
 * the level-L outcome is the L-quantile (R type 7), rounded up to a whole day, and its date
 * ({@link dateAfterDays}); with `quantiles` (one per confidence level, from a calibration) the
 * quantile at that level instead.
 */
export function dateLevels(
  sortedDays: ArrayLike<number>,
  asOf: { asOfMs: number; timezone: string },
  quantiles: readonly number[] = CONFIDENCE_LEVELS,
): DateAtLevel[] {
  return CONFIDENCE_LEVELS.map((level, k) => {
    const days = wholeUp(percentileSorted(sortedDays, quantiles[k] ?? level)!)
    return { level, days, date: dateAfterDays(asOf.asOfMs, days, asOf.timezone) }
  })
}

/**
 * The refusal when a trial did not reach the target within the day cap: `sampleSize` counts the
 * trials that reached it before the first that did not, `required` the trials asked for.
 */
export function throughputTooLow(
  throughput: DailyThroughput,
  run: { items: number; maxDays: number; reached: number; trials: number },
): InsufficientData {
  const rate = formatRate(throughput.days)
  return {
    kind: 'insufficient_data',
    reason: `throughput too low: at ${rate} items per day, ${run.items} items take longer than ${run.maxDays} days in some trials`,
    sampleSize: run.reached,
    required: run.trials,
  }
}

/**
 * Item counts at every confidence level from ascending trial totals: the level-L count is the
 * (1 − L)-quantile (R type 7), rounded down to a whole item; with `quantiles` (from a
 * calibration) the (1 − quantile)-quantile instead.
 */
export function itemLevels(
  sortedTotals: ArrayLike<number>,
  quantiles: readonly number[] = CONFIDENCE_LEVELS,
): ItemsAtLevel[] {
  return CONFIDENCE_LEVELS.map((level, k) => ({
    level,
    items: wholeDown(percentileSorted(sortedTotals, 1 - (quantiles[k] ?? level))!),
  }))
}
