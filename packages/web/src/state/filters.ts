import { FLOW_ITEM_TYPES, PERIOD_KINDS, isFlowItemType, isPeriodKind } from '@openvmo/core'
import type { FlowItemType, PeriodKind } from '@openvmo/core'

/** The periods a dashboard user may pick (`custom` is expressed by from/to alone). */
export const FILTER_PERIODS = PERIOD_KINDS.filter(
  (kind): kind is Exclude<PeriodKind, 'custom'> => kind !== 'custom',
)
export type FilterPeriod = (typeof FILTER_PERIODS)[number]

/** The period used when the URL names none: weeks show a quarter's trend at a readable density. */
export const DEFAULT_PERIOD: FilterPeriod = 'week'

/**
 * The global filters of every view, as carried in the URL search parameters. Absent values are
 * `undefined`/empty and mean "the API's default" (every stream, every team, the server's range and
 * time zone), so a shared link reproduces exactly what its author saw.
 */
export interface Filters {
  /** Value stream names; empty means every stream, several mean the items of any of them. */
  streams: string[]
  /** Team names (the team now); empty means every team. */
  teams: string[]
  /** Flow Item types shown in per-type charts and item lists; empty means all four. */
  types: FlowItemType[]
  period: FilterPeriod
  /** Calendar date `YYYY-MM-DD`, inclusive start of the half-open range. */
  from: string | undefined
  /** Calendar date `YYYY-MM-DD`, exclusive end of the half-open range. */
  to: string | undefined
  /** IANA time zone for period boundaries. */
  tz: string | undefined
  /** Calendar date `YYYY-MM-DD`: figures as of the end of that day (UTC); absent means now. */
  asOf: string | undefined
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function optional(value: string | null): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** The values of a list parameter: repeated or comma-separated, trimmed, empty ones left out. */
export function listParam(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0)
}

function date(value: string | null): string | undefined {
  const text = optional(value)
  return text && DATE.test(text) ? text : undefined
}

/** Reads the filters from URL search parameters; unknown or malformed values fall back to defaults. */
export function parseFilters(params: URLSearchParams): Filters {
  const period = params.get('period') ?? ''
  return {
    streams: listParam(params, 'stream'),
    teams: listParam(params, 'team'),
    types: listParam(params, 'type').filter(isFlowItemType),
    period: isPeriodKind(period) && period !== 'custom' ? period : DEFAULT_PERIOD,
    from: date(params.get('from')),
    to: date(params.get('to')),
    tz: optional(params.get('tz')),
    asOf: date(params.get('asOf')),
  }
}

/**
 * Writes `filters` into a copy of `base` (keeping parameters that are not filters, such as a
 * page's own `q`). Defaults are left out so links stay short; lists are comma-joined.
 */
export function writeFilters(filters: Filters, base = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base)
  const set = (key: string, value: string | undefined) => {
    if (value) out.set(key, value)
    else out.delete(key)
  }
  set('stream', filters.streams.join(','))
  set('team', filters.teams.join(','))
  set('type', FLOW_ITEM_TYPES.filter((t) => filters.types.includes(t)).join(','))
  set('period', filters.period === DEFAULT_PERIOD ? undefined : filters.period)
  set('from', filters.from)
  set('to', filters.to)
  set('tz', filters.tz)
  set('asOf', filters.asOf)
  return out
}

/** The one stream the filters name, or undefined when they name none or several. */
export function singleStream(filters: Filters): string | undefined {
  return filters.streams.length === 1 ? filters.streams[0] : undefined
}

/** The search string (`?…`, or empty) that carries `filters`, for links between views. */
export function filtersSearch(filters: Filters): string {
  const text = writeFilters(filters).toString()
  return text ? `?${text}` : ''
}

/**
 * What the filters narrow the figures to, in words: `Payments, Identity · team core · defect
 * only`; empty when they narrow nothing.
 */
export function scopeWords(filters: Filters): string {
  const parts = [
    filters.streams.join(', '),
    filters.teams.length
      ? `team${filters.teams.length > 1 ? 's' : ''} ${filters.teams.join(', ')}`
      : '',
    filters.types.length ? `${filters.types.join(', ')} only` : '',
  ]
  return parts.filter(Boolean).join(' · ')
}
