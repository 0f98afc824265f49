import { DateTime } from 'luxon'
import type { CalendarDate } from '../time/periods'
import {
  assertTimeZone,
  dateOfInstant,
  dayBoundaries,
  findEvenPeriodIndex,
  startOfDate,
} from '../time/periods'
import { assertInteger } from './forecast-common'

/** Parameters of {@link computeDailyThroughput}. */
export interface DailyThroughputParameters {
  asOfMs: number
  /** IANA time zone of the calendar days. */
  timezone: string
  /** Length of the window in calendar days; default 90. */
  windowDays?: number
}

/**
 * Completions per calendar day over a window: `days[i]` is the count of day `firstDay + i`, up
 * to `lastDay` inclusive. `firstDay` is null (and `days` empty) when nothing was completed
 * before the as-of day.
 */
export interface DailyThroughput {
  days: Int32Array
  firstDay: CalendarDate | null
  lastDay: CalendarDate
  total: number
}

/**
 * Throughput per day of a scope (FLOW-METRICS.md "Forecasts"): the number of completions (item
 * ends, epoch ms, any order) on each calendar day in `timezone` over the recent window, "the
 * last 90 days with any completion history".
 *
 * The window is the last `windowDays` whole days ending with the day before the as-of day (the
 * as-of day is still running, so its count would be partial), but it starts no earlier than the
 * day of the first completion: days before any history are not zero-throughput days. Completions
 * on or after the as-of day are ignored. Days are calendar days, so a DST day is 23 or 25 hours.
 */
export function computeDailyThroughput(
  completionsMs: Float64Array,
  params: DailyThroughputParameters,
): DailyThroughput {
  const { asOfMs, timezone, windowDays = 90 } = params
  assertTimeZone(timezone)
  assertInteger('windowDays', windowDays, 1)
  const asOfDay = dateOfInstant(asOfMs, timezone)
  const endMs = startOfDate(asOfDay, timezone)
  const lastDay = DateTime.fromMillis(endMs, { zone: timezone }).minus({ days: 1 }).toISODate()!
  const firstMs = earliestBefore(completionsMs, endMs)
  if (firstMs === undefined) return { days: new Int32Array(0), firstDay: null, lastDay, total: 0 }
  const windowStartMs = DateTime.fromMillis(endMs, { zone: timezone })
    .minus({ days: windowDays })
    .toMillis()
  const startMs = Math.max(windowStartMs, startOfDate(dateOfInstant(firstMs, timezone), timezone))
  const boundaries = dayBoundaries(startMs, endMs, timezone)
  const days = countPerDay(completionsMs, boundaries)
  return { days, firstDay: dateOfInstant(startMs, timezone), lastDay, total: sum(days) }
}

function earliestBefore(valuesMs: Float64Array, endMs: number): number | undefined {
  let earliest = Infinity
  for (let i = 0; i < valuesMs.length; i++) {
    const v = valuesMs[i]!
    if (v < endMs && v < earliest) earliest = v
  }
  return earliest === Infinity ? undefined : earliest
}

function countPerDay(completionsMs: Float64Array, boundaries: Float64Array): Int32Array {
  const days = new Int32Array(boundaries.length - 1)
  const startMs = boundaries[0]!
  const endMs = boundaries[boundaries.length - 1]!
  for (let i = 0; i < completionsMs.length; i++) {
    const v = completionsMs[i]!
    if (v >= startMs && v < endMs) days[findEvenPeriodIndex(boundaries, v)]!++
  }
  return days
}

function sum(values: Int32Array): number {
  let total = 0
  for (let i = 0; i < values.length; i++) total += values[i]!
  return total
}
