import type { FlowInput } from '../metrics/flow-metrics-report'
import type { Selection } from './selection'
import { selectScope } from './selection'
import { STATE_DONE } from '../model/flow-vocabulary'
import type { DateForecast } from '../forecast/forecast-when'
import type { HowManyForecast } from '../forecast/forecast-how-many'
import { backtestHowMany, backtestWhen, checkpointHorizonDays } from '../forecast/backtest'
import type { HowManyBacktest, WhenBacktest } from '../forecast/backtest'
import { createSeededRandom } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { DEFAULT_FORECAST_SEED } from './forecast-defaults'
import { forecastHowManyCalibrated, forecastWhenCalibrated } from './calibrated-forecasts'
import type { Calibrated } from './calibrated-forecasts'
import type { ForecastOptions } from './forecast-defaults'
import { scratchFloat64 } from '../stats/scratch'
import { listBulkCloseInstants } from './bulk-close-warning'

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
  const selection = selectScope(input, options.scope)
  const completionsMs = listCompletionInstants(input, selection)
  const asOfMs = input.timelines.asOfMs
  const seed = options.seed ?? DEFAULT_FORECAST_SEED
  const bulkCloseMs = listBulkCloseInstants(input, selection)
  const base = { completionsMs, asOfMs, timezone, trials: options.trials, seed, bulkCloseMs }
  return {
    base: { ...base, windowDays: options.windowDays },
    random: () => createSeededRandom(seed),
  }
}

/**
 * "When will N items be done" for a scope, calibrated on its own backtest
 * ({@link forecastWhenCalibrated}), with the 85% backtest of the same question beside it.
 */
export function forecastScopeWhen(
  input: FlowInput,
  options: ScopeForecastOptions & { items: number },
): Calibrated<DateForecast> & { backtest: WhenBacktest } {
  const { base, random } = prepare(input, options)
  const backtest = backtestWhen({ ...base, horizonItems: options.items, random: random() })
  return { ...forecastWhenCalibrated({ ...base, items: options.items }), backtest }
}

/**
 * "How many by a date" for a scope, calibrated as {@link forecastScopeWhen}, with the backtest
 * over the same horizon beside it.
 */
export function forecastScopeHowMany(
  input: FlowInput,
  options: ScopeForecastOptions & { untilDate: CalendarDate },
): Calibrated<HowManyForecast> & { backtest: HowManyBacktest } {
  const { base, random } = prepare(input, options)
  const result = forecastHowManyCalibrated({ ...base, untilDate: options.untilDate })
  const horizonDays = checkpointHorizonDays(options.untilDate, base.asOfMs, base.timezone)
  return { ...result, backtest: backtestHowMany({ ...base, horizonDays, random: random() }) }
}
