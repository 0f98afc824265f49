import type { FlowInput } from '../metrics/flow-metrics-report'
import type { Scope, Selection } from './selection'
import { selectItems, selectScope } from './selection'
import { STATE_DONE } from '../model/flow-vocabulary'
import { computeDailyThroughput } from '../forecast/daily-throughput'
import { bulkCloseWarning, listBulkCloseInstants } from './bulk-close-warning'
import { forecastItemInProgress, forecastItemNotStarted } from '../forecast/forecast-item'
import type { ConfidenceLevel, InsufficientData } from '../forecast/forecast-types'
import { DEFAULT_TRIALS } from '../forecast/forecast-types'
import { createSeededRandom } from '../stats/random'
import type { Calibration } from '../forecast/calibration'
import { adjustedLevels } from '../forecast/calibration'
import { inProgressCalibration, queueCalibration } from './item-calibrations'
import type { CalendarDate } from '../time/periods'
import { MS_PER_DAY, formatInstant } from '../time/instant'
import { VmoError } from '../errors'
import {
  DEFAULT_FORECAST_SEED,
  DEFAULT_WINDOW_DAYS,
  ITEM_FLOW_TIME_DAYS,
} from './forecast-defaults'
import type { ForecastOptions, ForecastWarning } from './forecast-defaults'
import { listCompletionInstants } from './scope-forecasts'

/** One confidence level of an item forecast: done within `days` of as-of (decimals), on `date`. */
export interface ItemDateAtLevel {
  level: ConfidenceLevel
  days: number
  date: CalendarDate
}

/** The dated forecast of one item, exactly as the CLI (`--json`), the API and the dashboard show it. */
export interface DatedItemForecast {
  kind: 'forecast'
  /** `in_progress`: from flow times longer than its age; `not_started`: its queue plus a flow time. */
  basis: 'in_progress' | 'not_started' | 'roll_up'
  confidence: ItemDateAtLevel[]
  sample: { flowTimes: number; ageDays: number | null; itemsAhead: number | null }
  /** Monte Carlo trials; null for an item in progress (its answer is a quantile, no simulation). */
  trials: number | null
  warnings: ForecastWarning[]
  /** For `roll_up`: the open delivering items it waits on; null otherwise. */
  rollUp: RollUp | null
  /**
   * How the answer was calibrated on its own backtest (`in_progress`: the stream's items in
   * progress at past checkpoints; `not_started`: its queue as a "when will N be done"); null for
   * a roll-up, whose delivering items are each drawn from their calibrated distribution.
   */
  calibration: Calibration | null
}

/** An open delivering item a roll-up waits on. */
export interface WaitedOnItem {
  source: string
  key: string
  basis: 'in_progress' | 'not_started'
  /** Its own 85% date. */
  date85: string
  /** Share of trials in which it was the last one done (the critical item has the largest). */
  criticalShare: number
}

/** What a roll-up forecast waits on. */
export interface RollUp {
  items: WaitedOnItem[]
  /** `source:key` of the item most often done last. */
  critical: string
  /** Delivering items already done. */
  done: number
  /**
   * Open items the date leaves out because their stream's history cannot forecast them (an item
   * in progress older than nearly every completed item, a stream with too little throughput),
   * each with the reason; a warning `left_out` names them.
   */
  leftOut: { source: string; key: string; reason: string }[]
}

/** The answer for work with no delivering item linked. */
export interface NoDeliveringWork {
  kind: 'no_delivering_work'
  reason: string
}

/** Why an item has no forecast although nothing is wrong (it has ended, it is not a flow item). */
export interface NotApplicable {
  kind: 'not_applicable'
  reason: string
}

/** The answer of an item forecast. */
export type ItemForecastResult =
  DatedItemForecast | InsufficientData | NotApplicable | NoDeliveringWork

/** The items a forecast of item `i` rests on: `scope` if given, else its first value stream. */
export function selectionForItem(input: FlowInput, item: number, scope?: Scope): Selection {
  if (scope) return selectScope(input, scope)
  const stream = input.mapping.valueStreams.find((s) => s.items.includes(item))
  return stream?.items ?? selectItems(input.dataset, input.mapping, {})
}

/**
 * Flow times (ms) of the selection's Flow Items completed in the `lookbackDays` before the as-of
 * time (default 365): the distribution item forecasts rest on.
 */
export function listRecentFlowTimes(
  input: FlowInput,
  selection: Selection,
  lookbackDays = ITEM_FLOW_TIME_DAYS,
): Float64Array {
  const { timelines } = input
  const since = timelines.asOfMs - lookbackDays * MS_PER_DAY
  let count = 0
  const out = new Float64Array(selection.length)
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    const end = timelines.endMs[i]!
    if (timelines.endState[i] === STATE_DONE && timelines.flowItem[i]! < 4 && end >= since) {
      out[count++] = end - timelines.startMs[i]!
    }
  }
  return out.slice(0, count)
}

/**
 * Items ahead of a not-started item in its queue: items of the selection in the same tool status,
 * not started, not ended, created before it (first come, first served).
 */
export function countItemsAhead(input: FlowInput, selection: Selection, item: number): number {
  const { dataset, timelines } = input
  let ahead = 0
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    if (i === item || !timelines.included[i] || timelines.startMs[i] === timelines.startMs[i])
      continue
    if (timelines.endState[i] !== 255 || timelines.flowItem[i]! >= 4) continue
    if (timelines.currentStatus[i] !== timelines.currentStatus[item]) continue
    if (dataset.createdMs[i]! < dataset.createdMs[item]!) ahead++
  }
  return ahead
}

/** Throws NOT_FOUND unless item `i` exists and was created by the as-of time. */
export function assertForecastable(input: FlowInput, i: number): void {
  const { dataset, timelines } = input
  if (!Number.isInteger(i) || i < 0 || i >= dataset.itemCount) {
    throw new VmoError('NOT_FOUND', `item number ${i} is not in the data`)
  }
  if (dataset.createdMs[i]! > timelines.asOfMs) {
    const name = `"${dataset.itemKey[i]}" of source "${dataset.sources.valueOf(dataset.itemSource[i]!)}"`
    throw new VmoError(
      'NOT_FOUND',
      `item ${name} was created after the as-of time (${formatInstant(timelines.asOfMs)}): it has no forecast yet`,
    )
  }
}

/**
 * **One item** (FLOW-METRICS.md "Forecasts"), the one function behind `vmo forecast item`, the
 * item page and the API. For an item in progress with age `a`, the flow times of the scope's
 * items completed in the last 365 days that exceeded `a` give its remaining time; for an item not
 * yet started, the throughput forecast (window of `windowDays`) of the items ahead of it in its
 * queue plus one flow time. Ended items and supporting or ignored types get `not_applicable`.
 * Throws NOT_FOUND for an item created after the as-of time.
 */
export function forecastOneItem(
  input: FlowInput,
  options: ForecastOptions & { item: number },
): ItemForecastResult {
  const { timelines } = input
  const i = options.item
  assertForecastable(input, i)
  if (!timelines.included[i]) {
    return {
      kind: 'not_applicable',
      reason: 'the item uses a status or type the mapping leaves out',
    }
  }
  if (timelines.endState[i] !== 255) {
    return {
      kind: 'not_applicable',
      reason: `the item ended on ${formatInstant(timelines.endMs[i]!)}`,
    }
  }
  if (timelines.flowItem[i]! >= 4) {
    return { kind: 'not_applicable', reason: 'the item is not a flow item (supporting or ignored)' }
  }
  const selection = selectionForItem(input, i, options.scope)
  const timezone = options.timezone ?? input.mapping.timezone
  const asOfMs = timelines.asOfMs
  const flowTimesMs = listRecentFlowTimes(input, selection)
  const start = timelines.startMs[i]!
  if (start === start) {
    const calibration = inProgressCalibration(input, selection)
    const quantiles = adjustedLevels(calibration)
    const ageMs = asOfMs - start
    const result = forecastItemInProgress(flowTimesMs, { ageMs, asOfMs, timezone, quantiles })
    if (result.kind !== 'forecast') return result
    const confidence = result.confidence.map((c) => ({
      level: c.level,
      days: c.remainingDays,
      date: c.date,
    }))
    const sample = {
      flowTimes: result.sample.items,
      ageDays: result.sample.ageDays,
      itemsAhead: null,
    }
    return {
      kind: 'forecast',
      basis: 'in_progress',
      confidence,
      sample,
      trials: null,
      warnings: [],
      rollUp: null,
      calibration,
    }
  }
  const itemsAhead = countItemsAhead(input, selection, i)
  const completionsMs = listCompletionInstants(input, selection)
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS
  const throughput = computeDailyThroughput(completionsMs, { asOfMs, timezone, windowDays })
  const trials = options.trials ?? DEFAULT_TRIALS
  const random = createSeededRandom(options.seed ?? DEFAULT_FORECAST_SEED)
  const calibration = queueCalibration(input, selection, { ...options, items: itemsAhead + 1 })
  const params = {
    ...{ flowTimesMs, itemsAhead, asOfMs, timezone, trials, random },
    queueCalibration: calibration,
  }
  const result = forecastItemNotStarted(throughput, params)
  if (result.kind !== 'forecast') return result
  const sample = { flowTimes: result.sample.flowTimes, ageDays: null, itemsAhead }
  const bulk = bulkCloseWarning(listBulkCloseInstants(input, selection), throughput, {
    asOfMs,
    timezone,
  })
  return {
    kind: 'forecast',
    basis: 'not_started',
    confidence: result.confidence,
    sample,
    trials,
    warnings: bulk ? [bulk] : [],
    rollUp: null,
    calibration,
  }
}
