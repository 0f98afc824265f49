import { availableParallelism, loadavg } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { CalendarDate } from '@openvmo/core'
import {
  forecastBasisOf,
  howManyResponse,
  howManyView,
  whenResponse,
  whenView,
} from '../../api/views/forecast-views'
import type { ForecastBasis, howManyFigures, whenFigures } from '../../api/views/forecast-views'
import type { HowManyResponse, WhenResponse } from '../../api/schemas/forecast-schemas'
import type { ViewContext } from '../../api/views/view-context'

/** What the report's forecasts ask. */
export interface ReportQuestions {
  /** When will this many items be done. */
  whenItems: number
  /** How many items by the end of this day. */
  howManyDate: CalendarDate
}

/** The report's questions and who computes its forecasts (default {@link forecastInline}). */
export interface ReportRequest extends ReportQuestions {
  forecaster?: ReportForecaster
}

/** The report's two forecasts, as the API answers them. */
export interface ReportForecasts {
  forecastWhen: WhenResponse
  forecastHowMany: HowManyResponse
}

/** Computes the report's forecasts for a context; the report awaits them last. */
export type ReportForecaster = (
  ctx: ViewContext,
  questions: ReportQuestions,
) => Promise<ReportForecasts>

/** The task sent to the forecast thread. */
export interface ReportForecastTask extends ReportQuestions {
  basis: ForecastBasis
}

/** The forecast thread's answer: the figures, or that it failed (then they are computed here). */
export type ReportForecastAnswer =
  | { when: ReturnType<typeof whenFigures>; howMany: ReturnType<typeof howManyFigures> }
  | { failed: true }

/** The forecasts computed in this thread, exactly as the API's views. */
export const forecastInline: ReportForecaster = (ctx, questions) =>
  Promise.resolve({
    forecastWhen: whenView(ctx, questions.whenItems),
    forecastHowMany: howManyView(ctx, questions.howManyDate),
  })

const WORKER_FILE = new URL('./report-forecast-worker.mjs', import.meta.url)

/**
 * Starts the forecast thread: `ask` sends it one task and resolves with its answer (`failed`
 * when it threw, could not start or ended first); `close()` ends it if it is still there.
 */
export function startForecastWorker(): {
  ask(task: ReportForecastTask): Promise<ReportForecastAnswer>
  close(): void
} {
  const worker = new Worker(WORKER_FILE)
  const answer = new Promise<ReportForecastAnswer>((resolve) => {
    worker.once('message', resolve)
    worker.once('error', () => resolve({ failed: true }))
    worker.once('exit', () => resolve({ failed: true }))
  })
  return {
    ask(task) {
      worker.postMessage(task)
      return answer
    },
    close: () => void worker.terminate(),
  }
}

/**
 * Whether a second thread can shorten the report: there is a second core, and it is free (the
 * load average is below the cores). On a busy machine the thread's start and its own copy of the
 * time-zone code only add work (measured: about a tenth more CPU time and no shorter run).
 */
function aCoreIsFree(): boolean {
  const cores = availableParallelism()
  return cores >= 2 && (loadavg()[0] ?? 0) < cores
}

/**
 * A forecaster that computes in a thread of its own, started now so that it loads its modules
 * while this thread reads the history: the forecasts' 2 × (26 × 2,000 calibration and 12 × 10,000
 * backtest trials) then run beside the report's other views. The figures are the same as
 * {@link forecastInline}'s (same functions, same seeds); without a free core, or when the thread
 * fails, the forecasts are computed here. `close()` ends the thread if it is still there.
 */
export function startForecastThread(): { forecast: ReportForecaster; close(): void } {
  if (!aCoreIsFree()) return { forecast: forecastInline, close: () => undefined }
  const worker = startForecastWorker()
  const forecast: ReportForecaster = async (ctx, questions) => {
    const figures = await worker.ask({ basis: forecastBasisOf(ctx), ...questions })
    if ('failed' in figures) return forecastInline(ctx, questions)
    return {
      forecastWhen: whenResponse(ctx, questions.whenItems, figures.when),
      forecastHowMany: howManyResponse(ctx, questions.howManyDate, figures.howMany),
    }
  }
  return { forecast, close: worker.close }
}
