import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import {
  dayBoundaries,
  EvenPeriodIndex,
  findPeriodIndex,
  periodBoundaries,
  startOfDate,
} from '../time/periods'

// EvenPeriodIndex (time/periods.ts) is the day and period lookup of the engine's walks.
describe('EvenPeriodIndex', () => {
  const range = { from: '2023-01-01', to: '2025-01-01' }
  const cases = {
    days: dayBoundaries(
      startOfDate('2023-01-01', 'Europe/Berlin'),
      startOfDate('2025-01-01', 'Europe/Berlin'),
      'Europe/Berlin',
    ),
    weeks: periodBoundaries(range, 'week', 'Europe/Berlin'),
    months: periodBoundaries(range, 'month', 'America/New_York'),
    custom: periodBoundaries(range, 'custom', 'Europe/Berlin'),
    uneven: Float64Array.from([0, 1, 2, 1000, 1e9, 1e9 + 1]),
    one: Float64Array.of(10),
    none: new Float64Array(0),
  }

  test('equals the binary search for values on, beside and between boundaries and outside', () => {
    for (const boundaries of Object.values(cases)) {
      const index = new EvenPeriodIndex(boundaries)
      const indexOf = (v: number) => index.indexOf(v)
      const first = boundaries[0] ?? 0
      const span = (boundaries[boundaries.length - 1] ?? 0) - first || 1
      const values = [NaN, Infinity, -Infinity, first - 1, first + span + 1]
      for (const b of boundaries) values.push(b - 1, b - 0.5, b, b + 1)
      for (const v of values) expect(indexOf(v)).toBe(findPeriodIndex(boundaries, v))
      fc.assert(
        fc.property(fc.double({ min: first - span, max: first + 2 * span, noNaN: true }), (v) => {
          expect(indexOf(v)).toBe(findPeriodIndex(boundaries, v))
        }),
      )
    }
  })
})
