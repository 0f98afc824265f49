import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { parseInstant } from './instant'

const pad = (n: number, width: number) => String(n).padStart(width, '0')

describe('parseInstant', () => {
  test('equals Date.UTC minus the offset for any fields, including days past the month end', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 0, max: 9999 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
          hour: fc.integer({ min: 0, max: 24 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 60 }),
          ms: fc.integer({ min: 0, max: 999 }),
          offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
        }),
        (f) => {
          const sign = f.offset < 0 ? '-' : '+'
          const abs = Math.abs(f.offset)
          const text =
            `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:` +
            `${pad(f.minute, 2)}:${pad(f.second, 2)}.${pad(f.ms, 3)}` +
            (f.offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`)
          const expected =
            Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms) -
            f.offset * 60_000
          expect(parseInstant(text)).toBe(expected)
        },
      ),
      { numRuns: 2000 },
    )
  })

  test('parses the common forms and rejects a time without an offset', () => {
    expect(parseInstant('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59))
    expect(parseInstant('2015-04-24T12:04:05.000+0000')).toBe(Date.UTC(2015, 3, 24, 12, 4, 5))
    expect(parseInstant('1969-12-31T23:00:00-01:00')).toBe(0)
    expect(parseInstant('2024-03-01T09:12:00')).toBeNaN()
  })
})
