import type { Filters } from '../state/filters'
import { formatRange } from '../format/numbers'
import { fileSlug } from './to-csv'

/** What an API result says it covers (every analysis response carries these). */
export interface ChartCovers {
  asOf?: string
  from?: string
  to?: string
  timezone?: string
}

/** The header of an exported chart: what it shows, for whom, over which period, as of when. */
export interface ExportMeta {
  title: string
  /** `Value streams: Mobile App · Teams: all · Types: defect` */
  scope: string
  /** `Period: by week · 21 Sep 2026 – 13 Dec 2026 (Europe/Berlin)` */
  period: string
  /** `As of: 2026-12-07 04:17 UTC` */
  asOf: string
  /** `flow-time-scatterplot_Mobile-App_2026-12-07`, without the extension. */
  fileStem: string
}

// No commas: each header line stays one unquoted CSV cell, which `comment='#'` readers skip.
const all = (values: readonly string[]) => (values.length ? values.join('; ') : 'all')

/** A file-name part that keeps case (stream names read as written): `Mobile App` → `Mobile-App`. */
function namePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** `2026-12-07T04:17:00Z` → `2026-12-07 04:17 UTC`; a bare date stays a date. */
function instantWords(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(value)
  if (!match) return value
  return match[2] ? `${match[1]} ${match[2]} UTC` : (match[1] ?? value)
}

/**
 * The header block of a chart's PNG and CSV and its file name, from the dashboard filters and what
 * the API said the result covers. `covers.now` (the export time by default) is used when neither
 * says an as-of date.
 */
export function exportMeta(
  title: string,
  filters: Filters,
  covers: ChartCovers & { now?: Date } = {},
): ExportMeta {
  const now = covers.now ?? new Date()
  const scope = `Value streams: ${all(filters.streams)} · Teams: ${all(filters.teams)} · Types: ${all(filters.types)}`
  const from = covers.from ?? filters.from
  const to = covers.to ?? filters.to
  const range = from && to ? formatRange(from, to) : 'the default range'
  const zone = covers.timezone ?? filters.tz
  const period = `Period: by ${filters.period} · ${range}${zone ? ` (${zone})` : ''}`
  const asOfInstant =
    covers.asOf ?? (filters.asOf ? `${filters.asOf}T23:59:59Z` : now.toISOString())
  const asOf = `As of: ${instantWords(asOfInstant)}`
  const parts = [
    fileSlug(title),
    filters.streams.length ? filters.streams.map(namePart).join('+') : 'all-streams',
    ...(filters.teams.length ? [`team-${filters.teams.map(namePart).join('+')}`] : []),
    ...(filters.types.length ? [filters.types.join('+')] : []),
    asOfInstant.slice(0, 10),
  ]
  return { title, scope, period, asOf, fileStem: parts.filter(Boolean).join('_') }
}

/** The header lines, in the order they are written into the PNG and the CSV. */
export function exportLines(meta: ExportMeta): string[] {
  return [meta.title, meta.scope, meta.period, meta.asOf]
}
