import {
  MS_PER_DAY,
  STATE_DONE,
  computeDailyThroughput,
  createSeededRandom,
  forecastItemInProgress,
  forecastItemNotStarted,
} from '@openvmo/core'
import type { FlowInput, Selection } from '../engine'
import type { ItemJourneyResponse } from '../schemas/item-schemas'
import { FORECAST_SEED, completionInstants } from './forecast-views'

type ItemForecastResult = ItemJourneyResponse['forecast']

/** The window of completions an item is compared with and forecast from: the last 90 days. */
export const ITEM_HISTORY_DAYS = 90

/** Flow times (ms) of the selection's Flow Items completed in the last 90 days before as-of. */
export function recentFlowTimes(input: FlowInput, selection: Selection): Float64Array {
  const { timelines } = input
  const since = timelines.asOfMs - ITEM_HISTORY_DAYS * MS_PER_DAY
  const out: number[] = []
  for (const i of selection) {
    if (timelines.endState[i] !== STATE_DONE || (timelines.flowItem[i] ?? 0) >= 4) continue
    const end = timelines.endMs[i] ?? 0
    if (end >= since) out.push(end - (timelines.startMs[i] ?? end))
  }
  return Float64Array.from(out)
}

/** Items of the selection not started yet and created before item `i`: its queue. */
function itemsAhead(input: FlowInput, selection: Selection, i: number): number {
  const { dataset, timelines } = input
  const created = dataset.createdMs[i] ?? 0
  let ahead = 0
  for (const j of selection) {
    if (j === i || !timelines.included[j] || (timelines.flowItem[j] ?? 0) >= 4) continue
    const started = (timelines.startMs[j] ?? NaN) === timelines.startMs[j]
    if (!started && timelines.currentState[j] === 0 && (dataset.createdMs[j] ?? 0) < created)
      ahead++
  }
  return ahead
}

/**
 * The single-item forecast: for an item in progress, from the flow times of the scope's recent
 * completions that exceeded its age; for an item not started, the throughput forecast of the
 * items ahead of it (the scope's backlog created before it) plus one flow time. Ended items and
 * supporting/ignored types have none.
 */
export function forecastItem(
  input: FlowInput,
  selection: Selection,
  options: { item: number; timezone: string },
): ItemForecastResult {
  const { timelines } = input
  const { item: i, timezone } = options
  const asOfMs = timelines.asOfMs
  if ((timelines.endMs[i] ?? NaN) === timelines.endMs[i]) {
    return { kind: 'not_applicable', reason: 'the item has ended' }
  }
  if ((timelines.flowItem[i] ?? 0) >= 4) {
    return { kind: 'not_applicable', reason: 'the item is not a flow item (supporting or ignored)' }
  }
  const flowTimesMs = recentFlowTimes(input, selection)
  const start = timelines.startMs[i] ?? NaN
  if (start === start) {
    const result = forecastItemInProgress(flowTimesMs, { ageMs: asOfMs - start, asOfMs, timezone })
    if (result.kind !== 'forecast') return result
    return {
      kind: 'forecast',
      basis: 'in_progress',
      confidence: result.confidence.map((c) => ({
        level: c.level,
        days: c.remainingDays,
        date: c.date,
      })),
      sample: { flowTimes: result.sample.items, ageDays: result.sample.ageDays, itemsAhead: null },
    }
  }
  const ahead = itemsAhead(input, selection, i)
  const throughput = computeDailyThroughput(completionInstants(input, selection), {
    asOfMs,
    timezone,
  })
  const random = createSeededRandom(FORECAST_SEED)
  const result = forecastItemNotStarted(throughput, {
    flowTimesMs,
    itemsAhead: ahead,
    asOfMs,
    timezone,
    random,
  })
  if (result.kind !== 'forecast') return result
  return {
    kind: 'forecast',
    basis: 'not_started',
    confidence: result.confidence,
    sample: { flowTimes: result.sample.flowTimes, ageDays: null, itemsAhead: ahead },
  }
}
