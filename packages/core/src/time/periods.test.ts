import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import {
  dayBoundaries,
  findEvenPeriodIndex,
  findPeriodIndex,
  periodBoundaries,
  startOfDate,
} from './periods'

// The definition dayBoundaries must keep: Luxon's next local midnight, day after day.
function luxonDays(fromMs: number, toMs: number, zone: string): number[] {
  const out = [fromMs]
  let cursor = DateTime.fromMillis(fromMs, { zone })
  while (out[out.length - 1]! < toMs) {
    cursor = cursor.plus({ days: 1 }).startOf('day')
    out.push(cursor.toMillis())
  }
  return out
}

// Zones with DST, including ones whose clocks change at midnight (no local midnight that day).
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Australia/Lord_Howe',
]

describe('dayBoundaries', () => {
  test('gives Luxon’s next local midnights when the range crosses DST changes', () => {
    for (const zone of ZONES) {
      const from = startOfDate('2022-01-01', zone)
      const to = startOfDate('2025-01-01', zone)
      expect(Array.from(dayBoundaries(from, to, zone))).toEqual(luxonDays(from, to, zone))
    }
  })

  test('gives Luxon’s boundaries when the start is not a midnight', () => {
    const from = startOfDate('2024-03-30', 'Europe/Berlin') + 5 * 3_600_000
    const to = startOfDate('2024-04-03', 'Europe/Berlin')
    expect(Array.from(dayBoundaries(from, to, 'Europe/Berlin'))).toEqual(
      luxonDays(from, to, 'Europe/Berlin'),
    )
  })
})

describe('findEvenPeriodIndex', () => {
  const days = dayBoundaries(
    startOfDate('2023-01-01', 'Europe/Berlin'),
    startOfDate('2025-01-01', 'Europe/Berlin'),
    'Europe/Berlin',
  )
  const range = { from: '2023-01-01', to: '2025-01-01' }
  const cases = {
    days,
    weeks: periodBoundaries(range, 'week', 'Europe/Berlin'),
    months: periodBoundaries(range, 'month', 'Europe/Berlin'),
    custom: periodBoundaries(range, 'custom', 'Europe/Berlin'),
    uneven: Float64Array.from([0, 1, 2, 1000, 1e9, 1e9 + 1]),
  }

  test('equals the binary search when given boundaries, values on them, beside them and outside', () => {
    for (const boundaries of Object.values(cases)) {
      const first = boundaries[0]!
      const span = boundaries[boundaries.length - 1]! - first
      const values = [NaN, Infinity, -Infinity, first - 1, first + span + 1]
      for (const b of boundaries) values.push(b - 1, b, b + 1)
      for (const v of values) {
        expect(findEvenPeriodIndex(boundaries, v)).toBe(findPeriodIndex(boundaries, v))
      }
      fc.assert(
        fc.property(fc.double({ min: first - span, max: first + 2 * span, noNaN: true }), (v) => {
          expect(findEvenPeriodIndex(boundaries, v)).toBe(findPeriodIndex(boundaries, v))
        }),
      )
    }
  })

  test('returns -1 when there are no boundaries', () => {
    expect(findEvenPeriodIndex(new Float64Array(0), 5)).toBe(-1)
  })
})

describe('kept calendar arithmetic', () => {
  test('hands out a new copy of the boundaries on every call', () => {
    const range = { from: '2024-01-01', to: '2024-03-01' }
    const first = periodBoundaries(range, 'week', 'Europe/Berlin')
    const expected = Float64Array.from(first)
    first.fill(0)
    expect(periodBoundaries(range, 'week', 'Europe/Berlin')).toEqual(expected)
    const days = dayBoundaries(expected[0]!, expected[2]!, 'Europe/Berlin')
    days.fill(0)
    expect(dayBoundaries(expected[0]!, expected[2]!, 'Europe/Berlin')[1]).toBe(
      expected[0]! + 86_400_000,
    )
  })

  test('throws again for the same invalid range when asked again', () => {
    const range = { from: '2024-03-01', to: '2024-01-01' }
    expect(() => periodBoundaries(range, 'week', 'UTC')).toThrow(/empty range/)
    expect(() => periodBoundaries(range, 'week', 'UTC')).toThrow(/empty range/)
  })
})
