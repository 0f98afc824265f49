import type { CalendarDate } from '@openvmo/core'
import {
  VmoError,
  defaultRange,
  assertTimeZone,
  dateOfInstant,
  isFlowItemType,
  parseInstant,
} from '@openvmo/core'
import type { ReadableStreams } from './auth/stream-access'
import { readableScope } from './auth/stream-access'
import type { Scope } from './engine'
import type { FlowSnapshot } from './flow-snapshot'
import { assertDateInRange, assertRangeLimits } from './request-limits'
import type { Period, ScopeQuery } from './schemas/common-schemas'

/** The common query of an analysis route, resolved: defaults applied, values checked. */
export interface AnalysisParams {
  scope: Scope
  period: Period
  from: CalendarDate
  to: CalendarDate
  zone: string
  asOfMs: number
}

/** The requested as-of instant (epoch ms), or the default; INVALID_INPUT when unparseable. */
export function resolveAsOf(asOf: string | undefined, defaultAsOfMs: number): number {
  if (asOf === undefined) return defaultAsOfMs
  const ms = parseInstant(asOf)
  if (Number.isNaN(ms)) {
    throw new VmoError('INVALID_INPUT', `asOf "${asOf}" is not an ISO-8601 instant with an offset`)
  }
  assertDateInRange('asOf', new Date(ms).toISOString().slice(0, 10))
  return ms
}

/**
 * The scope of a request: value streams, teams and Flow Item types (each a list, empty for all).
 * One stream is `valueStream`, more add `valueStreams`; an unknown type is INVALID_INPUT.
 */
export function scopeOf(query: { stream?: string[]; team?: string[]; type?: string[] }): Scope {
  const [stream, ...more] = query.stream ?? []
  const bad = (query.type ?? []).find((type) => !isFlowItemType(type))
  if (bad !== undefined) {
    throw new VmoError(
      'INVALID_INPUT',
      `type "${bad}" is not a Flow Item type (feature, defect, risk or debt)`,
    )
  }
  const types = (query.type ?? []).filter(isFlowItemType)
  return {
    ...(stream ? { valueStream: stream } : {}),
    ...(more.length ? { valueStreams: more } : {}),
    ...(query.team?.length ? { teams: query.team } : {}),
    ...(types.length ? { types } : {}),
  }
}

/**
 * Resolves the common query: the zone (the request's `tz`, else the mapping's, else UTC), the
 * as-of instant (default: the service's rounded now) and the range (default: the periods of
 * `defaultRange` around the as-of date).
 */
export function resolveAnalysis(
  query: ScopeQuery,
  snapshot: FlowSnapshot,
  defaultAsOfMs: number,
): AnalysisParams {
  const zone = query.tz ?? snapshot.mapping.config?.timezone ?? 'UTC'
  assertTimeZone(zone)
  const asOfMs = resolveAsOf(query.asOf, defaultAsOfMs)
  const range = defaultRange(dateOfInstant(asOfMs, zone), query.period)
  const from = query.from ?? range.from
  const to = query.to ?? range.to
  assertRangeLimits({ from, to, period: query.period })
  return { scope: scopeOf(query), period: query.period, from, to, zone, asOfMs }
}

/**
 * Resolved parameters narrowed to the value streams a principal may read (see
 * {@link readableScope}; null: every stream): NOT_FOUND, as for a stream that does not exist,
 * when the scope names another.
 */
export function withReadableScope(
  params: AnalysisParams,
  readable: ReadableStreams,
): AnalysisParams {
  return readable === null ? params : { ...params, scope: readableScope(params.scope, readable) }
}

/** A cache key of a route and its resolved parameters. */
export function cacheKey(route: string, ...parts: readonly unknown[]): string {
  return `${route}|${JSON.stringify(parts)}`
}
