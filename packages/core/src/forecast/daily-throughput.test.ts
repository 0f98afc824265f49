import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { parseInstant } from '../time/instant'
import { computeDailyThroughput } from './daily-throughput'
import { makeCompletions } from './forecast-fixtures'

const instants = (...texts: string[]) => Float64Array.from(texts.map(parseInstant))

describe('computeDailyThroughput', () => {
  test('counts Berlin calendar days when the window spans the DST change', () => {
    const completions = instants(
      '2024-03-28T09:00:00+01:00', // first completion: the window starts on 03-28
      '2024-03-30T23:30:00+01:00', // 03-30 in Berlin
      '2024-03-31T00:30:00+01:00', // 03-31 in Berlin, still 03-30 in UTC
      '2024-03-31T23:30:00+02:00', // 03-31: the 23-hour day
      '2024-04-01T00:30:00+02:00', // 04-01 in Berlin, 03-31 in UTC
      '2024-04-02T23:59:00+02:00',
      '2024-04-03T08:00:00+02:00', // after the as-of time (midnight)
      '2024-04-05T08:00:00+02:00',
    )
    const throughput = computeDailyThroughput(completions, {
      asOfMs: parseInstant('2024-04-03T00:00:00+02:00'),
      timezone: 'Europe/Berlin',
    })
    expect(throughput.firstDay).toBe('2024-03-28')
    expect(throughput.lastDay).toBe('2024-04-02')
    expect([...throughput.days]).toEqual([1, 0, 1, 2, 1, 1])
    expect(throughput.total).toBe(6)
  })

  test('ends the window at the as-of instant when the as-of time is not midnight', () => {
    const completions = instants(
      '2024-03-28T09:00:00+01:00', // first completion: in the day from 03-27 12:00 to 03-28 12:00
      '2024-03-30T23:30:00+01:00', // the day from 03-30 12:00 to 03-31 12:00 (23 hours: DST)
      '2024-03-31T00:30:00+01:00',
      '2024-03-31T23:30:00+02:00', // the day from 03-31 12:00 to 04-01 12:00
      '2024-04-01T00:30:00+02:00',
      '2024-04-02T23:59:00+02:00', // the day ending at the as-of instant
      '2024-04-03T08:00:00+02:00', // the as-of day before the as-of instant: counted
      '2024-04-03T12:00:00+02:00', // at the as-of instant: not known yet
      '2024-04-03T15:00:00+02:00', // the as-of day after the as-of instant: not known yet
    )
    const throughput = computeDailyThroughput(completions, {
      asOfMs: parseInstant('2024-04-03T12:00:00+02:00'),
      timezone: 'Europe/Berlin',
    })
    expect(throughput.firstDay).toBe('2024-03-27')
    expect(throughput.lastDay).toBe('2024-04-03')
    expect([...throughput.days]).toEqual([1, 0, 0, 2, 2, 0, 2])
    expect(throughput.total).toBe(7)
  })

  test('keeps the last windowDays days when history is longer', () => {
    const completions = makeCompletions('2023-06-01', 300, () => 1)
    const throughput = computeDailyThroughput(completions, {
      asOfMs: parseInstant('2024-01-01T10:00:00Z'),
      timezone: 'UTC',
    })
    expect(throughput.days.length).toBe(90)
    expect(throughput.firstDay).toBe('2023-10-03')
    // The last day runs from 2023-12-31 10:00 to the as-of instant 2024-01-01 10:00.
    expect(throughput.lastDay).toBe('2024-01-01')
    expect(throughput.total).toBe(90)
  })

  test('counts quiet days as zeros when they follow the first completion', () => {
    const completions = instants('2024-01-02T10:00:00Z', '2024-01-02T11:00:00Z')
    const throughput = computeDailyThroughput(completions, {
      asOfMs: parseInstant('2024-01-06T10:00:00Z'),
      timezone: 'UTC',
      windowDays: 30,
    })
    expect([...throughput.days]).toEqual([2, 0, 0, 0])
    expect(throughput.firstDay).toBe('2024-01-02')
  })

  test('returns an empty window when nothing was completed before the as-of instant', () => {
    const completions = instants('2024-01-06T10:00:00Z', '2024-01-06T11:00:00Z')
    const throughput = computeDailyThroughput(completions, {
      asOfMs: parseInstant('2024-01-06T10:00:00Z'),
      timezone: 'UTC',
    })
    expect(throughput).toEqual({
      days: new Int32Array(0),
      firstDay: null,
      lastDay: '2024-01-06',
      fromMs: parseInstant('2024-01-06T10:00:00Z'),
      total: 0,
    })
  })

  test('does not depend on input order when completions are shuffled', () => {
    const completions = makeCompletions('2024-01-01', 40, (i) => i % 3)
    const params = { asOfMs: parseInstant('2024-02-20T00:00:00Z'), timezone: 'UTC' }
    const expected = computeDailyThroughput(completions, params)
    fc.assert(
      fc.property(fc.shuffledSubarray([...completions], { minLength: completions.length }), (s) => {
        expect(computeDailyThroughput(Float64Array.from(s), params)).toEqual(expected)
      }),
      { numRuns: 20 },
    )
  })

  test('throws INVALID_INPUT when the time zone or window is invalid', () => {
    const asOfMs = parseInstant('2024-01-06T10:00:00Z')
    expect(() =>
      computeDailyThroughput(new Float64Array(0), { asOfMs, timezone: 'Mars/Base' }),
    ).toThrow(/unknown time zone "Mars\/Base"/)
    expect(() =>
      computeDailyThroughput(new Float64Array(0), { asOfMs, timezone: 'UTC', windowDays: 0 }),
    ).toThrow(/windowDays/)
  })
})
