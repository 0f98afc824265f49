import type { FlowInput } from '../metrics/flow-metrics-report'
import type { Timelines } from './timelines'
import type { Selection } from './selection'
import { STATE_DONE } from '../model/flow-vocabulary'
import type { Calibration } from '../forecast/calibration'
import { calibrateWhen } from '../forecast/calibration'
import { calibrateInProgress } from '../forecast/item-calibration'
import { createSeededRandom } from '../stats/random'
import {
  DEFAULT_FORECAST_SEED,
  DEFAULT_WINDOW_DAYS,
  ITEM_FLOW_TIME_DAYS,
} from './forecast-defaults'
import type { ForecastOptions } from './forecast-defaults'
import { listCompletionInstants } from './scope-forecasts'

/** Per timelines (one as-of instant), per selection: its in-progress calibration. */
const inProgressCache = new WeakMap<Timelines, WeakMap<Selection, Calibration>>()

/**
 * The calibration of in-progress item forecasts in a selection ({@link calibrateInProgress} over
 * its Flow Items), computed once per selection and as-of instant.
 */
export function inProgressCalibration(input: FlowInput, selection: Selection): Calibration {
  const { timelines } = input
  let bySelection = inProgressCache.get(timelines)
  if (!bySelection) inProgressCache.set(timelines, (bySelection = new WeakMap()))
  const cached = bySelection.get(selection)
  if (cached) return cached
  const n = selection.length
  const startMs = new Float64Array(n)
  const endMs = new Float64Array(n)
  const done = new Uint8Array(n)
  let count = 0
  for (let s = 0; s < n; s++) {
    const i = selection[s]!
    if (!timelines.included[i] || timelines.flowItem[i]! >= 4) continue
    const open = timelines.endState[i] === 255
    startMs[count] = timelines.startMs[i]!
    endMs[count] = open ? NaN : timelines.endMs[i]!
    done[count] = !open && timelines.endState[i] === STATE_DONE ? 1 : 0
    count++
  }
  const calibration = calibrateInProgress(
    {
      startMs: startMs.subarray(0, count),
      endMs: endMs.subarray(0, count),
      done: done.subarray(0, count),
    },
    { asOfMs: timelines.asOfMs, lookbackDays: ITEM_FLOW_TIME_DAYS },
  )
  bySelection.set(selection, calibration)
  return calibration
}

/**
 * The calibration of a not-started item's forecast: its queue (the items ahead of it plus itself)
 * is a "when will N items be done" on the selection's throughput, calibrated on its own backtest
 * ({@link calibrateWhen}); the flow time added after the queue is not recalibrated.
 */
export function queueCalibration(
  input: FlowInput,
  selection: Selection,
  options: ForecastOptions & { items: number },
): Calibration {
  return calibrateWhen({
    completionsMs: listCompletionInstants(input, selection),
    asOfMs: input.timelines.asOfMs,
    timezone: options.timezone ?? input.mapping.timezone,
    windowDays: options.windowDays ?? DEFAULT_WINDOW_DAYS,
    items: options.items,
    random: createSeededRandom((options.seed ?? DEFAULT_FORECAST_SEED) + 1),
  })
}
