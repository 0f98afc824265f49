import { DateTime } from 'luxon'
import type { CalendarDate } from '../time/periods'
import { assertTimeZone, dateOfInstant, dayBoundaries, findEvenPeriodIndex } from '../time/periods'
import { assertInteger } from './forecast-common'
import { BoundedMemo } from '../time/bounded-memo'

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
 * to `lastDay` inclusive (the window ends at the as-of instant, see
 * {@link computeDailyThroughput}). `firstDay` is null (and `days` empty) when nothing was
 * completed before the as-of instant.
 */
export interface DailyThroughput {
  days: Int32Array
  firstDay: CalendarDate | null
  lastDay: CalendarDate
  /** The instant the window starts at (the as-of instant when it is empty); it ends at as-of. */
  fromMs: number
  total: number
}

/**
 * Throughput per day of a scope (FLOW-METRICS.md "Forecasts"): the number of completions (item
 * ends, epoch ms, any order) in each day of the recent window, "the last 90 days with any
 * completion history".
 *
 * The window ends at the as-of instant: its days are the `windowDays` spans of one calendar day
 * in `timezone` ending there (from 10:00 to 10:00 for an as-of time of 10:00; calendar days at
 * midnight), so the as-of day's completions up to the as-of instant count and every day is whole.
 * It starts no earlier than the day holding the first completion: days before any history are not
 * zero-throughput days. Completions at or after the as-of instant are not known yet and ignored.
 * `firstDay` and `lastDay` are the dates of the window's first and last instants; a DST day is 23
 * or 25 hours.
 */
export function computeDailyThroughput(
  completionsMs: Float64Array,
  params: DailyThroughputParameters,
): DailyThroughput {
  const { asOfMs, timezone, windowDays = 90 } = params
  assertTimeZone(timezone)
  assertInteger('windowDays', windowDays, 1)
  const lastDay = dateOfInstant(asOfMs - 1, timezone)
  const firstMs = earliestBefore(completionsMs, asOfMs)
  if (firstMs === undefined) {
    return { days: new Int32Array(0), firstDay: null, lastDay, fromMs: asOfMs, total: 0 }
  }
  const all = windowBoundaries(asOfMs, windowDays, timezone)
  let first = 0
  while (all[first + 1]! <= firstMs) first++
  const boundaries = first === 0 ? all : all.subarray(first)
  const days = countPerDay(completionsMs, boundaries)
  const fromMs = boundaries[0]!
  return { days, firstDay: dateOfInstant(fromMs, timezone), lastDay, fromMs, total: sum(days) }
}

// Kept per arguments (see BoundedMemo): a window is 91 Luxon steps in a zone (an `Intl` offset
// lookup each), and every forecast of the same as-of asks for the same one. Handed out as copies.
const windows = new BoundedMemo<Float64Array>(500)

/** The `windowDays + 1` instants, ascending, one calendar day apart, that end at `asOfMs`. */
function windowBoundaries(asOfMs: number, windowDays: number, timezone: string): Float64Array {
  const key = `${timezone}|${asOfMs}|${windowDays}`
  return windows.get(key, () => computeWindowBoundaries(asOfMs, windowDays, timezone)).slice()
}

function computeWindowBoundaries(asOfMs: number, windowDays: number, timezone: string) {
  const asOf = DateTime.fromMillis(asOfMs, { zone: timezone })
  if (asOf.toMillis() === asOf.startOf('day').toMillis()) {
    const startMs = asOf.minus({ days: windowDays }).toMillis()
    return dayBoundaries(startMs, asOfMs, timezone)
  }
  const out = new Float64Array(windowDays + 1)
  for (let k = 0; k <= windowDays; k++) out[k] = asOf.minus({ days: windowDays - k }).toMillis()
  return out
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
