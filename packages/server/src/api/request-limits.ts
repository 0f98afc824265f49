import type { CalendarDate } from '@openvmo/core'
import { DEFAULT_MAX_DAYS, VmoError } from '@openvmo/core'
import type { Period } from './schemas/common-schemas'

/**
 * The bounds every request stays within, so that no request can occupy the server for long or
 * answer more than a client can use. Each refusal is a 400 (INVALID_INPUT) that names the limit.
 * Documented in the OpenAPI description and `docs/api.md`.
 */
export const REQUEST_LIMITS = {
  /** Earliest date of a range, an as-of instant or a forecast date. */
  minDate: '1970-01-01',
  /** Latest date of a range, an as-of instant or a forecast date. */
  maxDate: '2199-12-31',
  /** Longest range of an analysis request, in days (20 years: the CFD has one point per day). */
  maxRangeDays: 7_305,
  /** Most periods in one answer (a little over 3 years of days, 20 years of weeks). */
  maxPeriods: 1_100,
  /** Furthest a forecast looks ahead of the as-of date, in days (3 years, as the engine's cap). */
  maxHorizonDays: DEFAULT_MAX_DAYS,
  /** Longest search text, in characters. */
  maxSearchLength: 200,
  /** Largest request body, in bytes (a mapping file is a few kilobytes). */
  maxBodyBytes: 1_048_576,
  /** Longest URL (path and query), in bytes. */
  maxUrlBytes: 8_192,
  /** Largest response body, in bytes; the bounds above keep every answer well below it. */
  maxResponseBytes: 16_777_216,
} as const

const DAY_MS = 86_400_000
const PERIOD_DAYS: Record<Period, number> = {
  day: 1,
  week: 7,
  month: 30.44,
  quarter: 91.31,
  year: 365.25,
}

const dayNumber = (date: CalendarDate) => Date.parse(`${date}T00:00:00Z`) / DAY_MS

/** INVALID_INPUT unless `date` lies within the supported calendar. */
export function assertDateInRange(name: string, date: CalendarDate): void {
  if (date < REQUEST_LIMITS.minDate || date > REQUEST_LIMITS.maxDate) {
    throw new VmoError(
      'INVALID_INPUT',
      `${name} "${date}" is outside the supported dates ${REQUEST_LIMITS.minDate} to ${REQUEST_LIMITS.maxDate}`,
    )
  }
}

/**
 * INVALID_INPUT unless the range `[from, to)` is within the supported dates, at most
 * {@link REQUEST_LIMITS.maxRangeDays} long, and holds at most {@link REQUEST_LIMITS.maxPeriods}
 * periods of `period`.
 */
export function assertRangeLimits(range: { from: CalendarDate; to: CalendarDate; period: Period }) {
  assertDateInRange('from', range.from)
  assertDateInRange('to', range.to)
  const days = dayNumber(range.to) - dayNumber(range.from)
  if (days > REQUEST_LIMITS.maxRangeDays) {
    throw new VmoError(
      'INVALID_INPUT',
      `the range ${range.from} to ${range.to} is ${Math.round(days)} days long: at most ${REQUEST_LIMITS.maxRangeDays} days (20 years) per request`,
    )
  }
  const periods = Math.ceil(days / PERIOD_DAYS[range.period])
  if (periods > REQUEST_LIMITS.maxPeriods) {
    throw new VmoError(
      'INVALID_INPUT',
      `the range ${range.from} to ${range.to} holds about ${periods} periods of a ${range.period}: at most ${REQUEST_LIMITS.maxPeriods} per request (choose a longer period or a shorter range)`,
    )
  }
}

/** INVALID_INPUT unless a forecast date is on or after the as-of date and within the horizon. */
export function assertForecastDate(date: CalendarDate, asOfDate: CalendarDate): void {
  assertDateInRange('date', date)
  const ahead = dayNumber(date) - dayNumber(asOfDate)
  if (ahead < 0) {
    throw new VmoError(
      'INVALID_INPUT',
      `date "${date}" is before the as-of date ${asOfDate}: a forecast looks ahead`,
    )
  }
  if (ahead > REQUEST_LIMITS.maxHorizonDays) {
    throw new VmoError(
      'INVALID_INPUT',
      `date "${date}" is ${ahead} days after the as-of date ${asOfDate}: forecasts look at most ${REQUEST_LIMITS.maxHorizonDays} days (3 years) ahead`,
    )
  }
}
