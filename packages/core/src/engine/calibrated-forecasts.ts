import {
  adjustedLevels,
  calibrateHowMany,
  calibrateWhen,
  calibrationOf,
} from '../forecast/calibration'
import type { Calibration } from '../forecast/calibration'
import { computeDailyThroughput } from '../forecast/daily-throughput'
import type { DailyThroughput } from '../forecast/daily-throughput'
import { checkpointHorizonDays } from '../forecast/backtest'
import { forecastHowMany } from '../forecast/forecast-how-many'
import type { HowManyForecast } from '../forecast/forecast-how-many'
import type { InsufficientData } from '../forecast/forecast-types'
import { DEFAULT_TRIALS } from '../forecast/forecast-types'
import { forecastWhen } from '../forecast/forecast-when'
import type { DateForecast } from '../forecast/forecast-when'
import { detectThroughputShift } from '../forecast/throughput-shift'
import { createSeededRandom } from '../stats/random'
import type { CalendarDate } from '../time/periods'
import { dateOfInstant } from '../time/periods'
import { DEFAULT_FORECAST_SEED, DEFAULT_WINDOW_DAYS } from './forecast-defaults'
import type { ForecastWarning } from './forecast-defaults'
import { bulkCloseWarning } from './bulk-close-warning'

/** What a calibrated scope forecast starts from: the scope's completions and the options. */
export interface CalibratedForecastInput {
  /** Completion instants of the scope's Flow Items, epoch ms, any order. */
  completionsMs: Float64Array
  asOfMs: number
  timezone: string
  trials?: number
  seed?: number
  windowDays?: number
  /**
   * Completion instants of bulk closes among `completionsMs` (`listBulkCloseInstants`):
   * those in the throughput sample get a `bulk_close_in_sample` warning.
   */
  bulkCloseMs?: Float64Array
}

/** A forecast with the calibration that adjusted it and what its reader should know. */
export interface Calibrated<F> {
  forecast: F | InsufficientData
  calibration: Calibration
  warnings: ForecastWarning[]
}

function prepare(input: CalibratedForecastInput) {
  const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS
  const { asOfMs, timezone } = input
  const throughput = computeDailyThroughput(input.completionsMs, { asOfMs, timezone, windowDays })
  const seed = input.seed ?? DEFAULT_FORECAST_SEED
  const common = { asOfMs, timezone, windowDays, completionsMs: input.completionsMs }
  return { throughput, seed, common, trials: input.trials ?? DEFAULT_TRIALS }
}

/**
 * "When will N items be done", calibrated on its own backtest ({@link calibrateWhen}): the
 * 50/70/85/95% dates are the simulated quantiles at the calibration's adjusted levels. Warns when
 * throughput shifted within the window.
 */
export function forecastWhenCalibrated(
  input: CalibratedForecastInput & { items: number },
): Calibrated<DateForecast> {
  const { throughput, seed, common, trials } = prepare(input)
  const calibration = calibrateWhen({
    ...common,
    items: input.items,
    random: createSeededRandom(seed + 1),
  })
  const forecast = forecastWhen(throughput, {
    ...common,
    items: input.items,
    trials,
    random: createSeededRandom(seed),
    quantiles: adjustedLevels(calibration),
  })
  const warnings = forecast.kind === 'forecast' ? warningsOf(throughput, calibration, input) : []
  return { forecast, calibration, warnings }
}

/** "How many items by a date", calibrated on its own backtest as {@link forecastWhenCalibrated}. */
export function forecastHowManyCalibrated(
  input: CalibratedForecastInput & { untilDate: CalendarDate },
): Calibrated<HowManyForecast> {
  const { throughput, seed, common, trials } = prepare(input)
  const afterAsOf = input.untilDate > dateOfInstant(input.asOfMs, input.timezone)
  const horizonDays = checkpointHorizonDays(input.untilDate, input.asOfMs, input.timezone)
  // A date not after the as-of date is refused by forecastHowMany below, with its own message.
  const calibration = afterAsOf
    ? calibrateHowMany({ ...common, horizonDays, random: createSeededRandom(seed + 1) })
    : calibrationOf([])
  const forecast = forecastHowMany(throughput, {
    ...common,
    untilDate: input.untilDate,
    trials,
    random: createSeededRandom(seed),
    quantiles: adjustedLevels(calibration),
  })
  const warnings = forecast.kind === 'forecast' ? warningsOf(throughput, calibration, input) : []
  return { forecast, calibration, warnings }
}

/**
 * Warnings of a throughput forecast: a throughput shift, a calibration on too few checkpoints,
 * bulk closes in the sample.
 */
export function warningsOf(
  throughput: DailyThroughput,
  calibration: Calibration,
  input: CalibratedForecastInput,
): ForecastWarning[] {
  const warnings: ForecastWarning[] = []
  const bulk = input.bulkCloseMs && bulkCloseWarning(input.bulkCloseMs, throughput, input)
  if (bulk) warnings.push(bulk)
  const shift = detectThroughputShift(throughput)
  if (shift) {
    const half = Math.floor(throughput.days.length / 2)
    warnings.push({
      code: 'throughput_shift',
      message: `throughput has shifted: ${shift.recentPerDay.toFixed(2)} items per day in the last ${half} days against ${shift.olderPerDay.toFixed(2)} in the ${half} days before (p = ${shift.pValue.toPrecision(2)}); the forecast mixes both`,
    })
  }
  if (!calibration.adjusted) {
    warnings.push({
      code: 'not_calibrated',
      message: `only ${calibration.checkpoints} past checkpoints could be checked (at least 10 needed): the percentiles are not calibrated`,
    })
  }
  return warnings
}
