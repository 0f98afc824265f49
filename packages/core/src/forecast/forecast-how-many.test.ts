import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { createSeededRandom } from '../stats/random'
import { parseInstant } from '../time/instant'
import { addDaysToDate } from './forecast-common'
import { forecastHowMany } from './forecast-how-many'
import { createCyclingRandom, makeThroughput } from './forecast-fixtures'

const asOfMs = parseInstant('2024-03-01T10:00:00Z')
const base = { asOfMs, timezone: 'UTC' }

describe('forecastHowMany', () => {
  test('answers with the (1 - L) quantile of trial totals when the totals are known', () => {
    // From midnight of 03-01 to the end of 03-02: 2 days, drawn in turn from days 0..19, so
    // trial totals are 0+1, 2+3, ..., 18+19 twice: 1, 1, 5, 5, ..., 37, 37.
    // 85% -> 15th percentile: h = 19 x 0.15 = 2.85 -> 5; 50% -> h = 9.5 -> 19;
    // 70% -> 30th: h = 5.7 -> 9 + 0.7 x 4 = 11.8 -> 11; 95% -> 5th: h = 0.95 -> 1.
    const throughput = makeThroughput(
      Array.from({ length: 20 }, (_, i) => i),
      '2024-03-01',
    )
    const result = forecastHowMany(throughput, {
      ...base,
      asOfMs: parseInstant('2024-03-01T00:00:00Z'),
      untilDate: '2024-03-02',
      trials: 20,
      random: createCyclingRandom(),
    })
    expect(result).toMatchObject({
      kind: 'forecast',
      horizonDays: 2,
      confidence: [
        { level: 0.5, items: 19 },
        { level: 0.7, items: 11 },
        { level: 0.85, items: 5 },
        { level: 0.95, items: 1 },
      ],
    })
  })

  test('counts through the end of untilDate when throughput is a constant 2 per day', () => {
    const throughput = makeThroughput(Array(30).fill(2), '2024-03-01')
    const result = forecastHowMany(throughput, {
      ...base,
      asOfMs: parseInstant('2024-03-01T00:00:00Z'),
      untilDate: '2024-03-06',
      random: createSeededRandom(3),
    })
    // From the as-of instant (midnight of 03-01, so the as-of day counts) to the end of 03-06.
    expect(result).toEqual({
      kind: 'forecast',
      confidence: [0.5, 0.7, 0.85, 0.95].map((level) => ({ level, items: 12 })),
      horizonDays: 6,
      sample: { days: 30, completions: 60, from: '2024-01-31', to: '2024-02-29' },
      trials: 10_000,
    })
  })

  test('counts the rest of the as-of day as a fraction of a day', () => {
    const throughput = makeThroughput(Array(30).fill(4), '2024-03-01')
    const result = forecastHowMany(throughput, {
      ...base,
      asOfMs: parseInstant('2024-03-01T18:00:00Z'),
      untilDate: '2024-03-02',
      random: createSeededRandom(3),
    })
    // 6 hours of 03-01 left and all of 03-02: 1.25 days, so each trial does 4 items plus each of
    // 4 more with probability 0.25 (none of them in 32% of trials, at most one in 74%).
    expect(result).toMatchObject({
      kind: 'forecast',
      horizonDays: 1.25,
      confidence: [
        { level: 0.5, items: 5 },
        { level: 0.7, items: 4 },
        { level: 0.85, items: 4 },
        { level: 0.95, items: 4 },
      ],
    })
  })

  test('refuses with a reason when the window has fewer than 14 days', () => {
    const result = forecastHowMany(makeThroughput(Array(13).fill(1), '2024-03-01'), {
      ...base,
      untilDate: '2024-03-10',
      random: createSeededRandom(1),
    })
    expect(result).toMatchObject({ kind: 'insufficient_data', sampleSize: 13, required: 14 })
  })

  test('throws INVALID_INPUT when untilDate is not after the as-of date', () => {
    const throughput = makeThroughput(Array(30).fill(2), '2024-03-01')
    const run = (untilDate: string) => () =>
      forecastHowMany(throughput, { ...base, untilDate, random: createSeededRandom(1) })
    expect(run('2024-03-01')).toThrow(/"2024-03-01" must be after the as-of date 2024-03-01/)
    expect(run('2024-3-5')).toThrow(/invalid date "2024-3-5"/)
  })

  test('throws INVALID_INPUT naming the limit when untilDate is beyond the horizon', () => {
    const throughput = makeThroughput(Array(30).fill(2), '2024-03-01')
    const run = (untilDate: string, maxDays?: number) => () =>
      forecastHowMany(throughput, { ...base, untilDate, maxDays, random: createSeededRandom(1) })
    expect(run('9999-12-31')).toThrow(/forecasts look at most 1096 days ahead/)
    expect(run('2024-03-12', 10)).toThrow(/"2024-03-12" is 11 days after the as-of date/)
    // From 03-01 10:00 to the end of 03-11: 10 days and 14 hours.
    expect(run('2024-03-11', 10)()).toMatchObject({
      kind: 'forecast',
      horizonDays: expect.closeTo(10 + 14 / 24, 9) as number,
    })
  })

  test('gives fewer-or-equal items when confidence is higher', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 14, maxLength: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        (counts, horizon, seed) => {
          fc.pre(counts.reduce((a, b) => a + b, 0) >= 5)
          const untilDate = addDaysToDate('2024-03-01', horizon)
          const result = forecastHowMany(makeThroughput(counts, '2024-03-01'), {
            ...base,
            untilDate,
            trials: 300,
            random: createSeededRandom(seed),
          })
          if (result.kind !== 'forecast') throw new Error(result.reason)
          const items = result.confidence.map((c) => c.items)
          expect(items).toEqual([...items].sort((a, b) => b - a))
        },
      ),
      { numRuns: 50 },
    )
  })

  test('gives the same forecast when run twice with the same seed', () => {
    const throughput = makeThroughput([0, 1, 4, 2, 0, 0, 3, 1, 1, 5, 0, 2, 2, 1], '2024-03-01')
    const run = () =>
      forecastHowMany(throughput, {
        ...base,
        untilDate: '2024-04-01',
        random: createSeededRandom(9),
      })
    expect(run()).toEqual(run())
  })
})
