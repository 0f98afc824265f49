/** One day in milliseconds: durations are reported in days as decimals (FLOW-METRICS.md). */
export const MS_PER_DAY = 86_400_000

/** Converts a duration in milliseconds to days (exact, no rounding). */
export function msToDays(ms: number): number {
  return ms / MS_PER_DAY
}

const DIGIT_0 = 48

function digits(s: string, from: number, count: number): number {
  let value = 0
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - DIGIT_0
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

/** Offsets beyond ±18:00 do not exist (ISO-8601 and java.time's bound; real zones stay within ±14:00). */
const MAX_OFFSET_MINUTES = 18 * 60

/** Whether `year` is a leap year of the proleptic Gregorian calendar. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

/** The number of days of `month` (1–12) in `year` (proleptic Gregorian). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function offsetMinutes(s: string, at: number): number | undefined {
  const c = s.charCodeAt(at)
  if (c === 90 /* Z */ && s.length === at + 1) return 0
  if (c !== 43 /* + */ && c !== 45 /* - */) return undefined
  const sign = c === 43 ? 1 : -1
  const hh = digits(s, at + 1, 2)
  const colon = s.charCodeAt(at + 3) === 58
  const mm = digits(s, at + (colon ? 4 : 3), 2)
  if (hh < 0 || mm < 0 || s.length !== at + (colon ? 6 : 5)) return undefined
  if (mm > 59 || hh * 60 + mm > MAX_OFFSET_MINUTES) return undefined
  return sign * (hh * 60 + mm)
}

/**
 * Parses an ISO-8601 instant that carries an offset (`Z`, `+01:00` or Jira's `+0100`) to epoch
 * milliseconds; returns `NaN` for anything else: a timestamp without an offset, and one whose
 * fields are not a moment of the calendar (`2024-02-30`, hour 24, a leap second `:60`, an offset
 * beyond ±18:00). {@link findInstantProblem} says which field is out of range.
 *
 * Hand-written because the NDJSON reader calls it for every change (10M per benchmark run) and
 * `Date.parse` is several times slower, accepts offset-less local times and rolls `02-30` over
 * into March.
 */
export function parseInstant(text: string): number {
  if (text.length < 20 || text.charCodeAt(10) !== 84 /* T */) return parseInstantSlow(text)
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  const second = digits(text, 17, 2)
  if ((year | month | day | hour | minute | second) < 0) return parseInstantSlow(text)
  let at = 19
  let ms = 0
  if (text.charCodeAt(at) === 46 /* . */) {
    let scale = 100
    at++
    while (at < text.length) {
      const d = text.charCodeAt(at) - DIGIT_0
      if (d < 0 || d > 9) break
      ms += d * scale
      scale /= 10
      at++
    }
  }
  const offset = offsetMinutes(text, at)
  if (offset === undefined || month < 1 || month > 12 || day < 1) return NaN
  if (day > 28 && day > daysInMonth(year, month)) return NaN
  if (hour > 23 || minute > 59 || second > 59) return NaN
  // Date.UTC reads years 0–99 as 1900–1999; keep that, and its cost, for those years only.
  const days = year < 100 ? NaN : daysFromCivil(year, month, day)
  if (days !== days)
    return Date.UTC(year, month - 1, day, hour, minute, second, Math.round(ms)) - offset * 60_000
  const time = ((hour * 60 + minute) * 60 + second) * 1000 + Math.round(ms)
  return days * MS_PER_DAY + time - offset * 60_000
}

/**
 * Days from 1970-01-01 to `year`-`month`-`day` (proleptic Gregorian, years ≥ 0), where a `day`
 * past the month's end runs on into the next month, as in `Date.UTC`; integer arithmetic only
 * (Howard Hinnant's algorithm), several times faster than `Date.UTC`, which the NDJSON reader
 * would otherwise call for every change.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

function parseInstantSlow(text: string): number {
  const match = ISO_WITH_OFFSET.exec(text)
  if (match === null || findFieldProblem(match) !== undefined) return NaN
  return Date.parse(normaliseOffset(text))
}

function normaliseOffset(text: string): string {
  return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
}

/** Date, time and offset, each part after the date optional: the shapes whose fields are checked. */
const DATE_TIME_SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** The problem of the fields matched by ISO_WITH_OFFSET or DATE_TIME_SHAPE, or undefined. */
function findFieldProblem(match: RegExpExecArray): string | undefined {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((f) => Number(f ?? 0))
  if (month! < 1 || month! > 12) return `month ${match[2]} is not 01–12`
  if (day! < 1 || day! > daysInMonth(year!, month!)) {
    const days = daysInMonth(year!, month!)
    return `day ${match[3]} is not in ${MONTH_NAMES[month! - 1]} ${match[1]} (01–${days})`
  }
  if (hour! > 23) return `hour ${match[4]} is not 00–23`
  if (minute! > 59) return `minute ${match[5]} is not 00–59`
  if (second! > 59) {
    return second === 60
      ? 'second 60 (a leap second) is not accepted: use :59'
      : `second ${match[6]} is not 00–59`
  }
  const offset = match[7]
  if (offset === undefined || offset.toUpperCase() === 'Z') return undefined
  const hh = Number(offset.slice(1, 3))
  const mm = Number(offset.slice(-2))
  if (mm > 59) return `offset ${offset} has minutes ${offset.slice(-2)}, not 00–59`
  if (hh * 60 + mm > MAX_OFFSET_MINUTES) return `offset ${offset} is beyond ±18:00`
  return undefined
}

/**
 * Why a text shaped like an ISO-8601 date-time (`2024-02-30T10:00:00Z`, also without time or
 * offset, or with a space for the `T`) is not a moment of the calendar: the first field out of
 * range, in words (`day 30 is not in February 2024 (01–29)`, `hour 24 is not 00–23`, a leap
 * second, an offset beyond ±18:00). `undefined` when its fields are in range or when the text has
 * another shape: then the caller's own message ("not an ISO-8601 instant") fits better.
 */
export function findInstantProblem(text: string): string | undefined {
  const match = DATE_TIME_SHAPE.exec(text.trim())
  return match === null ? undefined : findFieldProblem(match)
}

/** Formats epoch milliseconds as an ISO-8601 UTC instant (`2024-01-01T00:00:00.000Z`). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString()
}
