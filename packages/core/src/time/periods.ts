import { DateTime, IANAZone } from 'luxon'
import { VmoError } from '../errors'

/** Period granularities of FLOW-METRICS.md; `custom` is the requested range as one period. */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

/** Whether `value` is a {@link PeriodKind}. */
export function isPeriodKind(value: string): value is PeriodKind {
  return (PERIOD_KINDS as readonly string[]).includes(value)
}

/** A calendar date `YYYY-MM-DD`, interpreted in the computation's time zone. */
export type CalendarDate = string

const LUXON_UNIT = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
} as const

/** Throws INVALID_INPUT unless `zone` is a valid IANA time zone name. */
export function assertTimeZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) {
    throw new VmoError(
      'INVALID_INPUT',
      `unknown time zone "${zone}" (expected an IANA name such as Europe/Berlin)`,
    )
  }
}

/** Epoch ms of midnight starting `date` (`YYYY-MM-DD`) in `zone`. */
export function startOfDate(date: CalendarDate, zone: string): number {
  const dt = DateTime.fromISO(date, { zone })
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new VmoError('INVALID_INPUT', `invalid date "${date}" (expected YYYY-MM-DD)`)
  }
  return dt.startOf('day').toMillis()
}

/** The calendar date (`YYYY-MM-DD`) that contains the instant `ms` in `zone`. */
export function dateOfInstant(ms: number, zone: string): CalendarDate {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? ''
}

/** Formats an instant as ISO-8601 with the zone's offset (`2024-03-31T00:00:00.000+01:00`). */
export function formatInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO() ?? ''
}

/**
 * Boundaries of the whole calendar periods of `kind` that overlap the half-open range
 * `[from, to)` in `zone`: a Float64Array of epoch ms, `boundaries[i]` the start of period i and
 * `boundaries[i + 1]` its end. Weeks are ISO weeks (Monday). Days are calendar days, so a DST day
 * is 23 or 25 hours long. `custom` returns the range itself as one period.
 */
export function periodBoundaries(
  range: { from: CalendarDate; to: CalendarDate },
  kind: PeriodKind,
  zone: string,
): Float64Array {
  assertTimeZone(zone)
  const from = startOfDate(range.from, zone)
  const to = startOfDate(range.to, zone)
  if (!(to > from)) {
    throw new VmoError(
      'INVALID_INPUT',
      `empty range: "to" (${range.to}) must be after "from" (${range.from})`,
    )
  }
  if (kind === 'custom') return Float64Array.of(from, to)
  const unit = LUXON_UNIT[kind]
  const out: number[] = []
  let cursor = DateTime.fromMillis(from, { zone }).startOf(unit)
  out.push(cursor.toMillis())
  while (cursor.toMillis() < to) {
    cursor = cursor.plus({ [unit]: 1 }).startOf(unit)
    out.push(cursor.toMillis())
  }
  return Float64Array.from(out)
}

/** Day boundaries (midnights in `zone`) from `fromMs` to `toMs`, both themselves midnights. */
export function dayBoundaries(fromMs: number, toMs: number, zone: string): Float64Array {
  const out: number[] = [fromMs]
  let cursor = DateTime.fromMillis(fromMs, { zone })
  while (out[out.length - 1]! < toMs) {
    cursor = cursor.plus({ days: 1 }).startOf('day')
    out.push(cursor.toMillis())
  }
  return Float64Array.from(out)
}

/**
 * Index of the last boundary `<= value`, i.e. the period that contains `value` when boundaries
 * are period starts; -1 when `value` is before the first boundary. Binary search.
 */
export function findPeriodIndex(boundaries: Float64Array, value: number): number {
  let lo = 0
  let hi = boundaries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (boundaries[mid]! <= value) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}
