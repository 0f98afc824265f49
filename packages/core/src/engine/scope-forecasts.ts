import type { FlowInput } from '../metrics/flow-metrics-report'
import type { Selection } from './selection'
import { selectItems } from './selection'
import { STATE_DONE } from '../model/flow-vocabulary'
import { computeDailyThroughput } from '../forecast/daily-throughput'
import { forecastWhen } from '../forecast/forecast-when'
import type { DateForecast } from '../forecast/forecast-when'
import { forecastHowMany } from '../forecast/forecast-how-many'
import type { HowManyForecast } from '../forecast/forecast-how-many'
import type { InsufficientData } from '../forecast/forecast-types'
import { backtestHowMany, backtestWhen } from '../forecast/backtest'
import type { HowManyBacktest, WhenBacktest } from '../forecast/backtest'
import { createSeededRandom } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { MS_PER_DAY } from '../time/instant'
import { DEFAULT_FORECAST_SEED } from './forecast-defaults'
import type { ForecastOptions } from './forecast-defaults'
import { scratchFloat64 } from '../stats/scratch'

/** Options shared by scope forecasts (the scope defaults to every item). */
export type ScopeForecastOptions = ForecastOptions

/**
 * End instants (ms) of the selection's completed Flow Items, in selection order. One pass into
 * scratch memory, then a copy of the right length (hand-written: it reads every item of the scope
 * for each forecast and backtest).
 */
export function listCompletionInstants(input: FlowInput, selection: Selection): Float64Array {
  const { endState, flowItem, endMs, included } = input.timelines
  const out = scratchFloat64('completion-instants', selection.length)
  let count = 0
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s]!
    if (included[i] === 1 && endState[i] === STATE_DONE && flowItem[i]! < 4)
      out[count++] = endMs[i]!
  }
  return out.slice(0, count)
}

function prepare(input: FlowInput, options: ScopeForecastOptions) {
  const timezone = options.timezone ?? input.mapping.timezone
  const selection = selectItems(input.dataset, input.mapping, options.scope)
  const completionsMs = listCompletionInstants(input, selection)
  const asOfMs = input.timelines.asOfMs
  const throughput = computeDailyThroughput(completionsMs, {
    asOfMs,
    timezone,
    windowDays: options.windowDays,
  })
  const random = () => createSeededRandom(options.seed ?? DEFAULT_FORECAST_SEED)
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
