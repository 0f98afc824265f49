import type { FlowInput } from '../metrics/flow-metrics-report'
import type { Scope, Selection } from './selection'
import { selectScope } from './selection'
import { STATE_DONE } from '../model/flow-vocabulary'
import { computeDailyThroughput } from '../forecast/daily-throughput'
import { forecastWhen } from '../forecast/forecast-when'
import type { DateForecast } from '../forecast/forecast-when'
import { forecastHowMany } from '../forecast/forecast-how-many'
import type { HowManyForecast } from '../forecast/forecast-how-many'
import { forecastItemInProgress, forecastItemNotStarted } from '../forecast/forecast-item'
import type { ItemInProgressForecast, ItemNotStartedForecast } from '../forecast/forecast-item'
import type { InsufficientData } from '../forecast/forecast-types'
import { backtestHowMany, backtestWhen } from '../forecast/backtest'
import type { HowManyBacktest, WhenBacktest } from '../forecast/backtest'
import { createSeededRandom } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { MS_PER_DAY, formatInstant } from '../time/instant'
import { VmoError } from '../errors'
import { scratchFloat64 } from '../stats/scratch'

/** Options shared by scope forecasts. The same input and seed always give the same answer. */
export interface ScopeForecastOptions {
  scope?: Scope
  /** Monte Carlo trials; default 10,000. */
  trials?: number
  /** Seed of the random source; default 1. */
  seed?: number
  /** Throughput window in days; default 90. */
  windowDays?: number
  /** IANA zone of calendar days; default the mapping's. */
  timezone?: string
}

/**
 * End instants (ms) of the selection's completed Flow Items, in selection order. One pass into
 * scratch memory, then a copy of the right length (hand-written: it reads every item of the scope
 * for each forecast and backtest).
 */
export function listCompletionInstants(input: FlowInput, selection: Selection): Float64Array {
  const { endState, flowItem, endMs } = input.timelines
  const out = scratchFloat64('completion-instants', selection.length)
  let count = 0
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    if (endState[i] === STATE_DONE && flowItem[i]! < 4) out[count++] = endMs[i]!
  }
  return out.slice(0, count)
}

/**
 * Flow times (ms) of the selection's Flow Items completed in the `lookbackDays` before the as-of
 * time (default 365): the distribution item forecasts rest on.
 */
export function listRecentFlowTimes(
  input: FlowInput,
  selection: Selection,
  lookbackDays = 365,
): Float64Array {
  const { timelines } = input
  const since = timelines.asOfMs - lookbackDays * MS_PER_DAY
  const out: number[] = []
  for (const i of selection) {
    const end = timelines.endMs[i]!
    if (timelines.endState[i] === STATE_DONE && timelines.flowItem[i]! < 4 && end >= since) {
      out.push(end - timelines.startMs[i]!)
    }
  }
  return Float64Array.from(out)
}

function prepare(input: FlowInput, options: ScopeForecastOptions) {
  const timezone = options.timezone ?? input.mapping.timezone
  const selection = selectScope(input, options.scope)
  const completionsMs = listCompletionInstants(input, selection)
  const asOfMs = input.timelines.asOfMs
  const throughput = computeDailyThroughput(completionsMs, {
    asOfMs,
    timezone,
    windowDays: options.windowDays,
  })
  const random = () => createSeededRandom(options.seed ?? 1)
  return { timezone, selection, completionsMs, asOfMs, throughput, random, trials: options.trials }
}

/** "When will N items be done" for a scope, with the backtest of the same question beside it. */
export function forecastScopeWhen(
  input: FlowInput,
  options: ScopeForecastOptions & { items: number },
): { forecast: DateForecast | InsufficientData; backtest: WhenBacktest } {
  const p = prepare(input, options)
  const base = { asOfMs: p.asOfMs, timezone: p.timezone, trials: p.trials }
  return {
    forecast: forecastWhen(p.throughput, { ...base, items: options.items, random: p.random() }),
    backtest: backtestWhen({
      ...base,
      completionsMs: p.completionsMs,
      horizonItems: options.items,
      random: p.random(),
      windowDays: options.windowDays,
    }),
  }
}

/** "How many by a date" for a scope, with the backtest over the same horizon beside it. */
export function forecastScopeHowMany(
  input: FlowInput,
  options: ScopeForecastOptions & { untilDate: CalendarDate },
): { forecast: HowManyForecast | InsufficientData; backtest: HowManyBacktest } {
  const p = prepare(input, options)
  const base = { asOfMs: p.asOfMs, timezone: p.timezone, trials: p.trials }
  const horizonDays = Math.max(
    1,
    Math.round((Date.parse(`${options.untilDate}T00:00:00Z`) - p.asOfMs) / MS_PER_DAY),
  )
  return {
    forecast: forecastHowMany(p.throughput, {
      ...base,
      untilDate: options.untilDate,
      random: p.random(),
    }),
    backtest: backtestHowMany({
      ...base,
      completionsMs: p.completionsMs,
      horizonDays,
      random: p.random(),
      windowDays: options.windowDays,
    }),
  }
}

/** The single-item forecast: by age for an item in progress, by queue for one not started. */
export type ItemForecast =
  | { state: 'in_progress'; forecast: ItemInProgressForecast | InsufficientData }
  | {
      state: 'not_started'
      itemsAhead: number
      forecast: ItemNotStartedForecast | InsufficientData
    }
  | { state: 'ended'; endMs: number }

/**
 * Items ahead of a not-started item in its queue: items of the selection in the same tool status,
 * not started, created before it (first come, first served).
 */
export function countItemsAhead(input: FlowInput, selection: Selection, item: number): number {
  const { dataset, timelines } = input
  let ahead = 0
  for (const i of selection) {
    if (i === item || !timelines.included[i] || timelines.startMs[i] === timelines.startMs[i])
      continue
    if (
      timelines.endState[i] !== 255 ||
      timelines.currentStatus[i] !== timelines.currentStatus[item]
    )
      continue
    if (dataset.createdMs[i]! < dataset.createdMs[item]!) ahead++
  }
  return ahead
}

/**
 * **One item** (FLOW-METRICS.md "Forecasts"): for an item in progress with age `a`, the flow times
 * of the scope's completed items (last 365 days) that exceeded `a` give its remaining time; for an
 * item not yet started, the throughput forecast of the items ahead of it in its queue plus the
 * flow-time distribution. Ended items have no forecast.
 */
export function forecastScopeItem(
  input: FlowInput,
  options: ScopeForecastOptions & { item: number },
): ItemForecast {
  const { timelines, dataset } = input
  const i = options.item
  if (i < 0 || i >= dataset.itemCount) {
    throw new VmoError('NOT_FOUND', `item number ${i} is not in the data`)
  }
  if (!timelines.included[i]) {
    const name = `"${dataset.itemKey[i]}" of source "${dataset.sources.valueOf(dataset.itemSource[i]!)}"`
    throw new VmoError(
      'NOT_FOUND',
      `item ${name} was created after the as-of time (${formatInstant(timelines.asOfMs)}): it has no forecast yet`,
    )
  }
  if (timelines.endState[i] !== 255) return { state: 'ended', endMs: timelines.endMs[i]! }
  const p = prepare(input, options)
  const flowTimesMs = listRecentFlowTimes(input, p.selection)
  const start = timelines.startMs[i]!
  if (start === start) {
    return {
      state: 'in_progress',
      forecast: forecastItemInProgress(flowTimesMs, {
        ageMs: p.asOfMs - start,
        asOfMs: p.asOfMs,
        timezone: p.timezone,
      }),
    }
  }
  const itemsAhead = countItemsAhead(input, p.selection, i)
  const params = {
    flowTimesMs,
    itemsAhead,
    asOfMs: p.asOfMs,
    timezone: p.timezone,
    trials: p.trials,
    random: p.random(),
  }
  return {
    state: 'not_started',
    itemsAhead,
    forecast: forecastItemNotStarted(p.throughput, params),
  }
}
