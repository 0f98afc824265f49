import { DateTime, IANAZone, Info } from 'luxon'
import { VmoError } from '../errors'
import { MS_PER_DAY } from './instant'
import { BoundedMemo } from './bounded-memo'

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
  // `create` caches zones and their validity; `isValidZone` builds an Intl formatter per call,
  // a measured cost when forecasts and backtests check the zone dozens of times.
  if (!IANAZone.create(zone).isValid) {
    throw new VmoError(
      'INVALID_INPUT',
      `unknown time zone "${zone}" (expected an IANA name such as Europe/Berlin)`,
    )
  }
}

// Results kept per arguments (see BoundedMemo): typed arrays are handed out as copies.
const startsOfDates = new BoundedMemo<number>(20_000)
const datesOfInstants = new BoundedMemo<CalendarDate>(20_000)
const periodGrids = new BoundedMemo<Float64Array>(500)
const dayGrids = new BoundedMemo<Float64Array>(500)

/** Epoch ms of midnight starting `date` (`YYYY-MM-DD`) in `zone`. */
export function startOfDate(date: CalendarDate, zone: string): number {
  return startsOfDates.get(`${zone}|${date}`, () => computeStartOfDate(date, zone))
}

function computeStartOfDate(date: CalendarDate, zone: string): number {
  const dt = DateTime.fromISO(date, { zone })
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new VmoError('INVALID_INPUT', `invalid date "${date}" (expected YYYY-MM-DD)`)
  }
  return dt.startOf('day').toMillis()
}

/** The calendar date (`YYYY-MM-DD`) that contains the instant `ms` in `zone`. */
export function dateOfInstant(ms: number, zone: string): CalendarDate {
  return datesOfInstants.get(
    `${zone}|${ms}`,
    () => DateTime.fromMillis(ms, { zone }).toISODate() ?? '',
  )
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
  const key = `${zone}|${kind}|${range.from}|${range.to}`
  return periodGrids.get(key, () => computePeriodBoundaries(range, kind, zone)).slice()
}

function computePeriodBoundaries(
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

/**
 * How many of the days delimited by `days` (boundaries, `days.length - 1` days) start before
 * `asOfMs`: the days that have a sample at the as-of time (the last of them may not be over).
 */
export function daysStartedBy(days: Float64Array, asOfMs: number): number {
  let count = 0
  while (count < days.length - 1 && days[count]! < asOfMs) count++
  return count
}

/**
 * Day boundaries (midnights in `zone`) from `fromMs` to `toMs`, both themselves midnights: each
 * next boundary is Luxon's `plus({ days: 1 }).startOf('day')` of the previous one.
 */
export function dayBoundaries(fromMs: number, toMs: number, zone: string): Float64Array {
  const key = `${zone}|${fromMs}|${toMs}`
  return dayGrids.get(key, () => computeDayBoundaries(fromMs, toMs, zone)).slice()
}

function computeDayBoundaries(fromMs: number, toMs: number, zone: string): Float64Array {
  const offsetMs = zoneOffsetMs(zone)
  const out: number[] = [fromMs]
  let cursor = fromMs
  let cursorOffset = offsetMs(cursor)
  while (cursor < toMs) {
    // Luxon's step costs several time-zone lookups; when the cursor is a local midnight and the
    // offset is the same 24 hours later, Luxon's answer is exactly 24 hours later (it only
    // re-derives the offset of that guess), so one lookup decides it.
    const guess = cursor + MS_PER_DAY
    const guessOffset = offsetMs(guess)
    if ((cursor + cursorOffset) % MS_PER_DAY === 0 && guessOffset === cursorOffset) {
      cursor = guess
    } else {
      cursor = DateTime.fromMillis(cursor, { zone }).plus({ days: 1 }).startOf('day').toMillis()
    }
    cursorOffset = cursor === guess ? guessOffset : offsetMs(cursor)
    out.push(cursor)
  }
  return Float64Array.from(out)
}

/** The UTC offset (ms) of `zone` at an instant, as Luxon resolves the zone name. */
function zoneOffsetMs(zone: string): (ms: number) => number {
  const resolved = Info.normalizeZone(zone)
  return (ms) => resolved.offset(ms) * 60_000
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

/**
 * The same as {@link findPeriodIndex} for any ascending boundaries, in constant time when they are
 * about evenly spaced (days of 23–25 hours, weeks): it guesses the index from the average spacing
 * and corrects the guess by one; farther off, it falls back to the binary search. Used per event
 * and per item on the engine's hot path, where a binary search per lookup was a measured cost.
 */
export function findEvenPeriodIndex(boundaries: Float64Array, value: number): number {
  const last = boundaries.length - 1
  // NaN and values before the first boundary fail this test, like the binary search.
  if (!(value >= boundaries[0]!)) return -1
  if (value >= boundaries[last]!) return last
  const spacing = (boundaries[last]! - boundaries[0]!) / last
  // `| 0`: an int in [0, last - 1], never -0 (the value -0 over a first boundary 0).
  let p = Math.min(Math.floor((value - boundaries[0]!) / spacing), last - 1) | 0
  if (boundaries[p]! > value) p--
  else if (boundaries[p + 1]! <= value) p++
  return boundaries[p]! <= value && value < boundaries[p + 1]!
    ? p
    : findPeriodIndex(boundaries, value)
}

/**
 * {@link findEvenPeriodIndex} for one set of boundaries, looked up many times: the first and last
 * boundary and the reciprocal of the average spacing are computed once, and the guess is a
 * multiplication instead of a division; the same answers (the guess is corrected by one, else the
 * binary search decides). Hand-written (a class, whose method calls the compiler inlines, unlike a
 * closure's) for the per-event and per-item day lookups of the engine's walks (millions per run).
 */
export class EvenPeriodIndex {
  private readonly boundaries: Float64Array
  private readonly last: number
  private readonly first: number
  private readonly end: number
  private readonly perMs: number

  constructor(boundaries: Float64Array) {
    this.boundaries = boundaries
    this.last = boundaries.length - 1
    this.first = boundaries.length > 0 ? boundaries[0]! : Infinity
    this.end = boundaries.length > 0 ? boundaries[this.last]! : -Infinity
    this.perMs = this.last / (this.end - this.first)
  }

  /** The index of the last boundary `<= value`, -1 when none (see {@link findPeriodIndex}). */
  indexOf(value: number): number {
    const { boundaries, last, first } = this
    // NaN and values before the first boundary fail this test, like the binary search.
    if (!(value >= first)) return -1
    if (value >= this.end) return last
    let p = Math.min(Math.floor((value - first) * this.perMs), last - 1) | 0
    // The guess is in [0, last - 1] and `first <= value < end`: it is right when neither test
    // holds (two comparisons on the hot path); one step off is corrected and checked once more.
    if (boundaries[p]! > value) {
      p--
      if (boundaries[p]! > value) return findPeriodIndex(boundaries, value)
    } else if (boundaries[p + 1]! <= value) {
      p++
      if (boundaries[p + 1]! <= value) return findPeriodIndex(boundaries, value)
    }
    return p
  }
}
