import {
  DEFAULT_FORECAST_SEED,
  listBulkCloseInstants,
  listCompletionInstants,
  checkpointHorizonDays,
  createSeededRandom,
  dateOfInstant,
  forecastHowManyCalibrated,
  forecastHowManyCheckpoints,
  forecastWhenCalibrated,
  forecastWhenCheckpoints,
  scoreHowManyBacktest,
  scoreWhenBacktest,
} from '@openvmo/core'
import type { CalendarDate } from '@openvmo/core'
import { cacheKey } from '../analysis-params'
import type { HowManyResponse, WhenResponse } from '../schemas/forecast-schemas'
import { recallCheckpointForecasts } from './backtest-memo'
import type { ViewContext } from './view-context'
import { resultContext, scopeWire } from './view-context'

/** The seed of every API forecast: the engine's default, so the CLI gives the same answer. */
export const FORECAST_SEED = DEFAULT_FORECAST_SEED

/** The end instants of the selection's completed Flow Items (as of the timelines). */
export const completionInstants = listCompletionInstants

const scoreOf = (b: { evaluated: number; hits: number; hitRate: number | null }) => ({
  evaluated: b.evaluated,
  hits: b.hits,
  hitRate: b.hitRate,
})

/**
 * What a backtest's checkpoint forecasts depend on besides the completions: the question, its
 * horizon, the time zone, the as-of date (its checkpoints) and the seed; the scope keeps streams
 * from displacing each other.
 */
function backtestKey(ctx: ViewContext, question: string, horizon: number): string {
  const { asOfMs, zone, scope } = ctx.params
  const asOfDate = dateOfInstant(asOfMs, zone)
  return cacheKey(question, scopeWire(scope), zone, horizon, asOfDate, FORECAST_SEED)
}

/**
 * `GET /forecasts/when?items=N`: dates at 50/70/85/95% calibrated on the backtest, the calibration,
 * warnings and the 85% backtest hit rate (the same engine function as `vmo forecast when`).
 */
export function whenView(ctx: ViewContext, items: number): WhenResponse {
  const { asOfMs, zone: timezone } = ctx.params
  const completionsMs = completionInstants(ctx.input, ctx.selection)
  const bulkCloseMs = listBulkCloseInstants(ctx.input, ctx.selection)
  const result = forecastWhenCalibrated({ completionsMs, asOfMs, timezone, items, bulkCloseMs })
  const params = { completionsMs, asOfMs, timezone, horizonItems: items }
  const backtest = scoreWhenBacktest(
    recallCheckpointForecasts(backtestKey(ctx, 'when', items), params, () =>
      forecastWhenCheckpoints({ ...params, random: createSeededRandom(FORECAST_SEED) }),
    ),
    params,
  )
  return { ...resultContext(ctx), items, ...result, backtest: scoreOf(backtest) }
}

/** `GET /forecasts/how-many?date=`: items by the end of `date` and the backtest hit rate. */
export function howManyView(ctx: ViewContext, untilDate: CalendarDate): HowManyResponse {
  const { asOfMs, zone: timezone } = ctx.params
  const completionsMs = completionInstants(ctx.input, ctx.selection)
  const bulkCloseMs = listBulkCloseInstants(ctx.input, ctx.selection)
  const result = forecastHowManyCalibrated({
    completionsMs,
    asOfMs,
    timezone,
    untilDate,
    bulkCloseMs,
  })
  const horizonDays = checkpointHorizonDays(untilDate, asOfMs, timezone)
  const params = { completionsMs, asOfMs, timezone, horizonDays }
  const backtest = scoreHowManyBacktest(
    recallCheckpointForecasts(backtestKey(ctx, 'how-many', horizonDays), params, () =>
      forecastHowManyCheckpoints({ ...params, random: createSeededRandom(FORECAST_SEED) }),
    ),
    params,
  )
  return { ...resultContext(ctx), date: untilDate, ...result, backtest: scoreOf(backtest) }
}
