// The thread that computes `vmo report`'s two forecasts (see report-forecasts.ts): one task, one
// answer, then it ends.
import { parentPort } from 'node:worker_threads'
import { howManyFigures, whenFigures } from '../../api/views/forecast-views'
import type { ReportForecastAnswer, ReportForecastTask } from './report-forecasts'

parentPort?.once('message', (task: ReportForecastTask) => {
  let answer: ReportForecastAnswer
  try {
    answer = {
      when: whenFigures(task.basis, task.whenItems),
      howMany: howManyFigures(task.basis, task.howManyDate),
    }
  } catch {
    // the caller computes them again in its own thread, where the error is thrown as it is
    answer = { failed: true }
  }
  parentPort?.postMessage(answer)
})
