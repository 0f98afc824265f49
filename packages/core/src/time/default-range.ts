import type { CalendarDate, PeriodKind } from './periods'

/** A calendar period kind (every {@link PeriodKind} but `custom`). */
type Period = Exclude<PeriodKind, 'custom'>

/** How many periods a range covers when the request names none (the current one included). */
export const DEFAULT_PERIOD_COUNT: Record<Period, number> = {
  day: 30,
  week: 12,
  month: 12,
  quarter: 8,
  year: 3,
}

const DAY_MS = 86_400_000

function toUtc(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`)
}

function toDate(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10)
}

/** The first day of the calendar period of `kind` containing `date` (weeks start on Monday). */
export function periodStartDate(date: CalendarDate, kind: Period): CalendarDate {
  const d = toUtc(date)
  const year = d.getUTCFullYear()
  const month = d.getUTCMonth()
  switch (kind) {
    case 'day':
      return date
    case 'week':
      return toDate(new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS))
    case 'month':
      return toDate(new Date(Date.UTC(year, month, 1)))
    case 'quarter':
      return toDate(new Date(Date.UTC(year, month - (month % 3), 1)))
    case 'year':
      return toDate(new Date(Date.UTC(year, 0, 1)))
  }
}

/** `date` moved by `count` periods of `kind` (calendar arithmetic; `date` is a period start). */
export function addPeriods(date: CalendarDate, kind: Period, count: number): CalendarDate {
  const d = toUtc(date)
  if (kind === 'day' || kind === 'week') {
    return toDate(new Date(d.getTime() + count * (kind === 'day' ? 1 : 7) * DAY_MS))
  }
  const months = count * (kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12)
  return toDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate())))
}

/**
 * The default range of a request: the {@link DEFAULT_PERIOD_COUNT} whole periods of `kind` up to
 * and including the one that contains `asOfDate`, as a half-open `[from, to)`.
 */
export function defaultRange(
  asOfDate: CalendarDate,
  kind: Period,
): { from: CalendarDate; to: CalendarDate } {
  const start = periodStartDate(asOfDate, kind)
  return {
    from: addPeriods(start, kind, 1 - DEFAULT_PERIOD_COUNT[kind]),
    to: addPeriods(start, kind, 1),
  }
}
