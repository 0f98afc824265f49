import type { FlowInput } from '../metrics/flow-metrics-report'
import { findBulkCloseSpans, inSpans } from '../metrics/data-quality'
import type { DailyThroughput } from '../forecast/daily-throughput'
import { STATE_DONE } from '../model/flow-vocabulary'
import type { CalendarDate } from '../time/periods'
import { dateOfInstant } from '../time/periods'
import type { Selection } from './selection'
import type { ForecastWarning } from './forecast-defaults'

/** Days named in the warning; more are counted. */
const DAYS_NAMED = 5

/**
 * End instants (ms, ascending) of the selection's completed Flow Items that belong to a bulk close
 * (the `bulk_close` data-quality finding, through {@link findBulkCloseSpans}): the completions a
 * forecast samples that were not work finished one by one.
 */
export function listBulkCloseInstants(input: FlowInput, selection: Selection): Float64Array {
  const spans = findBulkCloseSpans(input.timelines, selection)
  if (spans.length === 0) return new Float64Array(0)
  const { endState, flowItem, endMs, included } = input.timelines
  const out: number[] = []
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    if (included[i] !== 1 || endState[i] !== STATE_DONE || flowItem[i]! >= 4) continue
    if (inSpans(spans, endMs[i]!)) out.push(endMs[i]!)
  }
  return Float64Array.from(out).sort()
}

/**
 * The `bulk_close_in_sample` warning of a throughput forecast whose sample window (from
 * `throughput.fromMs` to the as-of instant) holds completions of bulk closes (`bulkCloseMs`,
 * ascending, from {@link listBulkCloseInstants}): how many, on which days, and what to do about
 * them. Undefined when it holds none.
 */
export function bulkCloseWarning(
  bulkCloseMs: Float64Array,
  throughput: DailyThroughput,
  asOf: { asOfMs: number; timezone: string },
): ForecastWarning | undefined {
  const perDay = new Map<CalendarDate, number>()
  let count = 0
  for (let k = 0; k < bulkCloseMs.length; k++) {
    const ms = bulkCloseMs[k]!
    if (ms < throughput.fromMs || ms >= asOf.asOfMs) continue
    count++
    const day = dateOfInstant(ms, asOf.timezone)
    perDay.set(day, (perDay.get(day) ?? 0) + 1)
  }
  if (count === 0) return undefined
  const days = [...perDay].map(([day, n]) => `${n} on ${day}`)
  const more = days.length - DAYS_NAMED
  const named =
    more > 0
      ? `${days.slice(0, DAYS_NAMED).join(', ')} and ${more} more ${more === 1 ? 'day' : 'days'}`
      : days.join(', ')
  return {
    code: 'bulk_close_in_sample',
    message: `${count} of the ${throughput.total} completions in the throughput sample were closed in bulk (${named}): they inflate throughput, so this forecast is too optimistic. If they were a clean-up rather than finished work, map their status or resolution as canceled in the mapping (states.canceled); vmo validate lists the items`,
  }
}
