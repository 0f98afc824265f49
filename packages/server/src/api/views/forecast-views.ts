import {
  STATE_DONE,
  backtestHowMany,
  backtestWhen,
  computeDailyThroughput,
  createSeededRandom,
  forecastHowMany,
  forecastWhen,
} from '@openvmo/core'
import type { CalendarDate } from '@openvmo/core'
import type { FlowInput, Selection } from '../engine'
import type { HowManyResponse, WhenResponse } from '../schemas/forecast-schemas'
import type { ViewContext } from './view-context'
import { resultContext } from './view-context'

/** The seed of every API forecast: the same data gives the same answer. */
export const FORECAST_SEED = 20_240_401

/** The end instants of the selection's completed Flow Items (as of the timelines). */
export function completionInstants(input: FlowInput, selection: Selection): Float64Array {
  const { timelines } = input
  const out: number[] = []
  for (const i of selection) {
    if (!timelines.included[i] || (timelines.flowItem[i] ?? 0) >= 4) continue
    if (timelines.endState[i] === STATE_DONE) out.push(timelines.endMs[i] ?? 0)
  }
  return Float64Array.from(out)
}

const scoreOf = (b: { evaluated: number; hits: number; hitRate: number | null }) => ({
  evaluated: b.evaluated,
  hits: b.hits,
  hitRate: b.hitRate,
})

/** `GET /forecasts/when?items=N`: dates at 50/70/85/95% and the backtest hit rate. */
export function whenView(ctx: ViewContext, items: number): WhenResponse {
  const { asOfMs, zone: timezone } = ctx.params
  const completionsMs = completionInstants(ctx.input, ctx.selection)
  const throughput = computeDailyThroughput(completionsMs, { asOfMs, timezone })
  const random = createSeededRandom(FORECAST_SEED)
  const forecast = forecastWhen(throughput, { items, asOfMs, timezone, random })
  const backtest = backtestWhen({
    completionsMs,
    asOfMs,
    timezone,
    horizonItems: items,
    random: createSeededRandom(FORECAST_SEED),
  })
  return { ...resultContext(ctx), items, forecast, backtest: scoreOf(backtest) }
}

/** `GET /forecasts/how-many?date=`: items by the end of `date` and the backtest hit rate. */
export function howManyView(ctx: ViewContext, untilDate: CalendarDate): HowManyResponse {
  const { asOfMs, zone: timezone } = ctx.params
  const completionsMs = completionInstants(ctx.input, ctx.selection)
  const throughput = computeDailyThroughput(completionsMs, { asOfMs, timezone })
  const random = createSeededRandom(FORECAST_SEED)
  const forecast = forecastHowMany(throughput, { untilDate, asOfMs, timezone, random })
  const horizonDays = forecast.kind === 'forecast' ? forecast.horizonDays : 1
  const backtest = backtestHowMany({
    completionsMs,
    asOfMs,
    timezone,
    horizonDays,
    random: createSeededRandom(FORECAST_SEED),
  })
  return { ...resultContext(ctx), date: untilDate, forecast, backtest: scoreOf(backtest) }
}
