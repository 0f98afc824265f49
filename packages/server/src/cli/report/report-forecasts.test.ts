import { describe, expect, test } from 'vitest'
import { howManyFigures, whenFigures } from '../../api/views/forecast-views'
import type { ForecastBasis } from '../../api/views/forecast-views'
import { startForecastWorker } from './report-forecasts'

const DAY_MS = 86_400_000
const START_MS = Date.parse('2024-01-01T09:00:00Z')
// Two items done on most days of four months, none on Sundays.
const basis: ForecastBasis = {
  completionsMs: Float64Array.from(
    { length: 240 },
    (_, i) => START_MS + Math.floor(i / 2) * DAY_MS,
  ).filter((ms) => new Date(ms).getUTCDay() !== 0),
  bulkCloseMs: new Float64Array(0),
  asOfMs: Date.parse('2024-05-01T00:00:00Z'),
  timezone: 'Europe/Berlin',
}

describe('the report forecast thread', () => {
  test('answers with the figures computed in this thread when asked both forecasts', async () => {
    const worker = startForecastWorker()
    try {
      const answer = await worker.ask({ basis, whenItems: 50, howManyDate: '2024-05-29' })
      expect(answer).toMatchObject({
        when: { result: { forecast: { kind: 'forecast' } } },
        howMany: { result: { forecast: { kind: 'forecast' } } },
      })
      expect(answer).toEqual({
        when: whenFigures(basis, 50),
        howMany: howManyFigures(basis, '2024-05-29'),
      })
    } finally {
      worker.close()
    }
  }, 60_000)

  test('answers failed when a forecast throws, for the caller to throw it itself', async () => {
    expect(() => whenFigures(basis, 0)).toThrow()
    const worker = startForecastWorker()
    try {
      expect(await worker.ask({ basis, whenItems: 0, howManyDate: '2024-05-29' })).toEqual({
        failed: true,
      })
    } finally {
      worker.close()
    }
  }, 60_000)
})
