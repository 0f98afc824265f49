/** What the dashboard prints for a figure that cannot be computed (never 0). */
export const MISSING = '—'

const decimals = (digits: number) =>
  new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })

/** A count, or `—` for null. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? MISSING
    : integer.format(value)
}

const resultNumber = new Intl.NumberFormat('en', { maximumFractionDigits: 2 })

/** A business result's value or target: thousands separated, at most 2 decimals; `—` for null. */
export function formatResultValue(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? MISSING
    : resultNumber.format(value)
}

/** A number with `digits` decimals (default 1), or `—`. */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? MISSING
    : decimals(digits).format(value)
}

/** A duration in days: one decimal under 100 days, whole days above; `—` for null. */
export function formatDays(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING
  return value >= 100 ? integer.format(value) : decimals(1).format(value)
}

/** A ratio 0..1 as a percentage (`0.571` → `57%`, or with digits `57.1%`); `—` for null. */
export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING
  return `${decimals(digits).format(value * 100)}%`
}

/** The calendar date of an ISO instant or date, as written in the API (`2024-04-01`). */
export function isoDate(value: string): string {
  return value.slice(0, 10)
}

/** A short human date: `2024-04-01` → `1 Apr 2024` (read as the calendar date, not shifted by zone). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return MISSING
  const [y, m, d] = isoDate(value).split('-').map(Number)
  if (!y || !m || !d) return value
  const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en', {
    month: 'short',
    timeZone: 'UTC',
  })
  return `${d} ${month} ${y}`
}

/** Half-open `[from, to)` as people read it: the last date shown is the day before `to`. */
export function formatRange(from: string, to: string): string {
  const end = new Date(`${isoDate(to)}T00:00:00Z`)
  end.setUTCDate(end.getUTCDate() - 1)
  return `${formatDate(from)} – ${formatDate(end.toISOString())}`
}
