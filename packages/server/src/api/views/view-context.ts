import type { CalendarDate, FlowItemType } from '@openvmo/core'
import { dateOfInstant, dayBoundaries, periodBoundaries } from '@openvmo/core'
import type { FlowInput, Scope, Selection } from '../engine'
import { selectScope } from '../engine'
import type { AnalysisParams } from '../analysis-params'
import { itemRefOf } from './item-lookup'

/** What every analysis view works on: the engine input, the selection and the range's grid. */
export interface ViewContext {
  input: FlowInput
  params: AnalysisParams
  selection: Selection
  /** Boundaries of the whole periods overlapping `[from, to)`. */
  periods: Float64Array
  /** Midnights from the first period start to the last period end. */
  days: Float64Array
}

/** Builds the {@link ViewContext} of an analysis request (throws NOT_FOUND for an unknown stream). */
export function createViewContext(input: FlowInput, params: AnalysisParams): ViewContext {
  const periods = periodBoundaries(params, params.period, params.zone)
  const days = dayBoundaries(periods[0] ?? 0, periods[periods.length - 1] ?? 0, params.zone)
  const selection = selectScope(input, params.scope)
  return { input, params, selection, periods, days }
}

/** The fields every analysis response starts with. */
export function resultContext(ctx: ViewContext) {
  const { params } = ctx
  return {
    asOf: instantText(params.asOfMs),
    timezone: params.zone,
    from: params.from,
    to: params.to,
    scope: scopeWire(params.scope),
  }
}

/** The calendar dates of the days delimited by `days` (one fewer than boundaries). */
export function dayDates(days: Float64Array, zone: string): CalendarDate[] {
  return Array.from(days.subarray(0, days.length - 1), (ms) => dateOfInstant(ms, zone))
}

/** An item's source, key, title and deep link. */
export function itemRef(input: FlowInput, i: number) {
  return itemRefOf(input.dataset, i)
}

/** A plain number array from a typed array (the wire carries plain arrays). */
export function toArray(values: ArrayLike<number>): number[] {
  return Array.from(values)
}

/** An instant as ISO-8601 UTC without zero milliseconds (`2024-04-01T00:00:00Z`), as the report. */
export function instantText(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

/** A scope as plain JSON (copied arrays, absent keys left out). */
export function scopeWire(scope: Scope): {
  valueStream?: string
  valueStreams?: string[]
  teams?: string[]
  sources?: string[]
  types?: FlowItemType[]
} {
  return {
    ...(scope.valueStream === undefined ? {} : { valueStream: scope.valueStream }),
    ...(scope.valueStreams === undefined ? {} : { valueStreams: [...scope.valueStreams] }),
    ...(scope.types === undefined ? {} : { types: [...scope.types] }),
    ...(scope.teams === undefined ? {} : { teams: [...scope.teams] }),
    ...(scope.sources === undefined ? {} : { sources: [...scope.sources] }),
  }
}
