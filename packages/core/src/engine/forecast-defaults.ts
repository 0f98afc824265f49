import type { Scope } from './selection'

/** The seed of every forecast unless one is asked for: the same data gives the same answer. */
export const DEFAULT_FORECAST_SEED = 20_240_401
/** Days of completions whose flow times an item forecast rests on (before the as-of time). */
export const ITEM_FLOW_TIME_DAYS = 365
/** Default throughput window of forecasts, in days (FLOW-METRICS.md "Forecasts"). */
export const DEFAULT_WINDOW_DAYS = 90

/**
 * Options of every forecast of the engine (CLI, API and dashboard pass the same ones); the same
 * input and options give the same answer.
 */
export interface ForecastOptions {
  /** What the forecast rests on; default: the item's first value stream (every item if none). */
  scope?: Scope
  /** Monte Carlo trials; default 10,000. */
  trials?: number
  /** Seed of the random source; default {@link DEFAULT_FORECAST_SEED}. */
  seed?: number
  /** Throughput window in days; default 90. */
  windowDays?: number
  /** IANA zone of calendar days; default the mapping's. */
  timezone?: string
}

/** Something the reader of a forecast should know (a throughput shift, a bulk close, …). */
export interface ForecastWarning {
  code: string
  message: string
}
