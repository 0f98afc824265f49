import type { CalendarDate } from '../time/periods'

/** The confidence levels every forecast reports (FLOW-METRICS.md: dates at 50/70/85/95%). */
export const CONFIDENCE_LEVELS = [0.5, 0.7, 0.85, 0.95] as const
/** One of {@link CONFIDENCE_LEVELS}. */
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number]

/**
 * A refused forecast: "cannot compute" is a value. `sampleSize` is what the forecast would rest
 * on and `required` the minimum it needs, in the unit named by `reason`.
 */
export interface InsufficientData {
  kind: 'insufficient_data'
  reason: string
  sampleSize: number
  required: number
}

/** The throughput window a simulation sampled from: its day count, completions and dates. */
export interface ThroughputSample {
  days: number
  completions: number
  from: CalendarDate | null
  to: CalendarDate
}

/** Minimum sample sizes of throughput forecasts; defaults 14 days and 5 completions. */
export interface ThroughputMinimums {
  minDays?: number
  minCompletions?: number
}

/** Default minimum number of days in a throughput window. */
export const DEFAULT_MIN_DAYS = 14
/** Default minimum number of completions in a throughput window. */
export const DEFAULT_MIN_COMPLETIONS = 5
/**
 * How far ahead a forecast looks, in days (three years): the cap on simulated days per trial
 * (so a near-zero throughput cannot loop for ever) and the furthest date a how-many forecast
 * accepts. It also bounds a forecast's cost: trials × days × 13 (with the backtest).
 */
export const DEFAULT_MAX_DAYS = 1096
/** Default minimum number of flow times an item forecast rests on. */
export const DEFAULT_MIN_FLOW_TIMES = 5
/** Default number of Monte Carlo trials. */
export const DEFAULT_TRIALS = 10_000

/** One confidence level of a date forecast: `days` after the as-of date, i.e. on `date`. */
export interface DateAtLevel {
  level: ConfidenceLevel
  days: number
  date: CalendarDate
}

/** One confidence level of a how-many forecast: at least `items` done by the date. */
export interface ItemsAtLevel {
  level: ConfidenceLevel
  items: number
}
