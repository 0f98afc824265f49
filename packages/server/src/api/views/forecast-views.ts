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
import type { BacktestInputs, CalendarDate } from '@openvmo/core'
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

/** What a scope's forecasts are computed from: its completions and bulk closes, as of an instant. */
export interface ForecastBasis {
  completionsMs: Float64Array
  bulkCloseMs: Float64Array
  asOfMs: number
  timezone: string
}

/**
 * The forecast basis of the context's selection. Its completions are a scratch array of the
 * engine, overwritten by the next call: use (or send to a worker) at once.
 */
export function forecastBasisOf(ctx: ViewContext): ForecastBasis {
  return {
    completionsMs: completionInstants(ctx.input, ctx.selection),
    bulkCloseMs: listBulkCloseInstants(ctx.input, ctx.selection),
    asOfMs: ctx.params.asOfMs,
    timezone: ctx.params.zone,
  }
}

/**
 * How a view obtains a backtest's checkpoint forecasts: `compute` them, or recall them from an
 * earlier request with the same `key` and inputs (the API's {@link recallCheckpointForecasts}).
 */
export type CheckpointRecall = <T>(key: string, params: BacktestInputs, compute: () => T) => T

/** How a view keeps its backtests between requests: their keys and where they are kept. */
export interface BacktestMemo {
  keyOf(question: string, horizon: number): string
  recall: CheckpointRecall
}

/** No memo: the checkpoint forecasts are computed every time. */
const COMPUTE_ALWAYS: BacktestMemo = {
  keyOf: () => '',
  recall: (_key, _params, compute) => compute(),
}

/** The calibrated "when will N items be done" forecast and its backtest's score. */
export function whenFigures(
  basis: ForecastBasis,
  items: number,
  memo: BacktestMemo = COMPUTE_ALWAYS,
) {
  const { completionsMs, bulkCloseMs, asOfMs, timezone } = basis
  const result = forecastWhenCalibrated({ completionsMs, asOfMs, timezone, items, bulkCloseMs })
  const params = { completionsMs, asOfMs, timezone, horizonItems: items }
  const backtest = scoreWhenBacktest(
    memo.recall(memo.keyOf('when', items), params, () =>
      forecastWhenCheckpoints({ ...params, random: createSeededRandom(FORECAST_SEED) }),
    ),
    params,
  )
  return { result, backtest: scoreOf(backtest) }
}

/** The calibrated "how many items by the end of `untilDate`" forecast and its backtest's score. */
export function howManyFigures(
  basis: ForecastBasis,
  untilDate: CalendarDate,
  memo: BacktestMemo = COMPUTE_ALWAYS,
) {
  const { completionsMs, bulkCloseMs, asOfMs, timezone } = basis
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
    memo.recall(memo.keyOf('how-many', horizonDays), params, () =>
      forecastHowManyCheckpoints({ ...params, random: createSeededRandom(FORECAST_SEED) }),
    ),
    params,
  )
  return { result, backtest: scoreOf(backtest) }
}

/** The response of a when-forecast from its figures. */
export function whenResponse(
  ctx: ViewContext,
  items: number,
  figures: ReturnType<typeof whenFigures>,
): WhenResponse {
  return { ...resultContext(ctx), items, ...figures.result, backtest: figures.backtest }
}

/** The response of a how-many forecast from its figures. */
export function howManyResponse(
  ctx: ViewContext,
  untilDate: CalendarDate,
  figures: ReturnType<typeof howManyFigures>,
): HowManyResponse {
  return { ...resultContext(ctx), date: untilDate, ...figures.result, backtest: figures.backtest }
}

/** The API's memo: backtests kept by scope, question, horizon, zone, as-of date and seed. */
const keptFor = (ctx: ViewContext): BacktestMemo => ({
  keyOf: (question, horizon) => backtestKey(ctx, question, horizon),
  recall: (key, params, compute) => recallCheckpointForecasts(key, params, compute),
})

/**
 * `GET /forecasts/when?items=N`: dates at 50/70/85/95% calibrated on the backtest, the calibration,
 * warnings and the 85% backtest hit rate (the same engine function as `vmo forecast when`).
 */
export function whenView(ctx: ViewContext, items: number): WhenResponse {
  return whenResponse(ctx, items, whenFigures(forecastBasisOf(ctx), items, keptFor(ctx)))
}

/** `GET /forecasts/how-many?date=`: items by the end of `date` and the backtest hit rate. */
export function howManyView(ctx: ViewContext, untilDate: CalendarDate): HowManyResponse {
  const figures = howManyFigures(forecastBasisOf(ctx), untilDate, keptFor(ctx))
  return howManyResponse(ctx, untilDate, figures)
}
