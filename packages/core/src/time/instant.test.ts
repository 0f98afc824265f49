import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { daysInMonth, findInstantProblem, parseInstant } from './instant'

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Fields of an instant, some out of range (day 31 of April, hour 24, a leap second, …). */
const instantFields = fc.record({
  year: fc.integer({ min: 0, max: 9999 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 24 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 60 }),
  ms: fc.integer({ min: 0, max: 999 }),
  offset: fc.integer({ min: -18 * 60, max: 18 * 60 }),
})

type InstantFields = typeof instantFields extends fc.Arbitrary<infer T> ? T : never

function instantText(f: InstantFields): string {
  const sign = f.offset < 0 ? '-' : '+'
  const abs = Math.abs(f.offset)
  return (
    `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:` +
    `${pad(f.minute, 2)}:${pad(f.second, 2)}.${pad(f.ms, 3)}` +
    (f.offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`)
  )
}

describe('parseInstant', () => {
  test('equals Date.UTC minus the offset when the fields are in range, else NaN', () => {
    fc.assert(
      fc.property(instantFields, (f) => {
        const inRange =
          f.day <= daysInMonth(f.year < 100 ? f.year + 1900 : f.year, f.month) &&
          f.hour <= 23 &&
          f.second <= 59
        const expected = inRange
          ? Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms) -
            f.offset * 60_000
          : NaN
        if (f.year >= 100 || inRange) expect(parseInstant(instantText(f))).toBe(expected)
      }),
      { numRuns: 2000 },
    )
  })

  test('parses the common forms and rejects a time without an offset', () => {
    expect(parseInstant('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59))
    expect(parseInstant('2015-04-24T12:04:05.000+0000')).toBe(Date.UTC(2015, 3, 24, 12, 4, 5))
    expect(parseInstant('1969-12-31T23:00:00-01:00')).toBe(0)
    expect(parseInstant('2024-03-01T09:12:00+18:00')).toBe(Date.UTC(2024, 1, 29, 15, 12))
    expect(parseInstant('2024-03-01T09:12:00')).toBeNaN()
  })

  test('returns NaN when the date or time is not on the calendar', () => {
    for (const text of [
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2024-04-31T00:00:00.000+02:00',
      '2024-13-01T00:00:00Z',
      '2024-01-00T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-12-31T23:59:60Z',
      '2024-01-01T00:00:00+18:01',
      '2024-01-01T00:00:00-1900',
      '2024-01-01T00:00:00+01:60',
      '2024-02-30T00:00Z',
      '2024-01-01T24:00+01:00',
    ])
      expect(parseInstant(text), text).toBeNaN()
  })
})

describe('findInstantProblem', () => {
  test('names the field out of range when the text is shaped like a date-time', () => {
    expect(findInstantProblem('2024-02-30T00:00:00Z')).toBe(
      'day 30 is not in February 2024 (01–29)',
    )
    expect(findInstantProblem('2023-02-29')).toBe('day 29 is not in February 2023 (01–28)')
    expect(findInstantProblem('2024-13-01 10:00')).toBe('month 13 is not 01–12')
    expect(findInstantProblem('2024-01-01T24:00:00Z')).toBe('hour 24 is not 00–23')
    expect(findInstantProblem('2024-01-01T10:61Z')).toBe('minute 61 is not 00–59')
    expect(findInstantProblem('2016-12-31T23:59:60Z')).toBe(
      'second 60 (a leap second) is not accepted: use :59',
    )
    expect(findInstantProblem('2024-01-01T00:00:00+1900')).toBe('offset +1900 is beyond ±18:00')
  })

  test('returns undefined when the fields are in range or the text has another shape', () => {
    expect(findInstantProblem('2024-02-29T00:00:00Z')).toBeUndefined()
    expect(findInstantProblem('2024-02-29 10:00')).toBeUndefined()
    expect(findInstantProblem('yesterday')).toBeUndefined()
    expect(findInstantProblem('30/Feb/24 3:15 PM')).toBeUndefined()
  })
})
