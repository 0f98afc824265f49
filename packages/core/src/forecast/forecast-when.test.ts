import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { createSeededRandom } from '../stats/random'
import { parseInstant } from '../time/instant'
import { forecastWhen } from './forecast-when'
import { createCyclingRandom, makeThroughput } from './forecast-fixtures'

const asOfMs = parseInstant('2024-03-01T10:00:00Z')
const base = { asOfMs, timezone: 'UTC' }

describe('forecastWhen', () => {
  test('finishes in exactly 5 days at every level when throughput is a constant 2 per day', () => {
    const throughput = makeThroughput(Array(30).fill(2), '2024-03-01')
    const result = forecastWhen(throughput, { ...base, items: 10, random: createSeededRandom(1) })
    expect(result).toEqual({
      kind: 'forecast',
      confidence: [0.5, 0.7, 0.85, 0.95].map((level) => ({ level, days: 5, date: '2024-03-06' })),
      sample: { days: 30, completions: 60, from: '2024-01-31', to: '2024-02-29' },
      trials: 10_000,
    })
  })

  test('takes the level quantile of trial days when the draws are known', () => {
    // Days [0, 1, 2, 3] x 14 drawn in order 0, 1, 2, 3, 0, 1, ...: for N = 3 every trial takes
    // draws until 3 items: trial 1 draws 0,1,2 (3 days), trial 2 draws 3 (1 day), then repeats.
    const throughput = makeThroughput(
      Array.from({ length: 16 }, (_, i) => i % 4),
      '2024-03-01',
    )
    const result = forecastWhen(throughput, {
      ...base,
      items: 3,
      trials: 4,
      random: createCyclingRandom(),
    })
    // Outcomes sorted: 1, 1, 3, 3 -> p50 = 2, p70 = 3, p85 = 3, p95 = 3.
    expect(result.kind === 'forecast' && result.confidence.map((c) => c.days)).toEqual([2, 3, 3, 3])
  })

  test('refuses with a reason when the window has fewer than 14 days', () => {
    const throughput = makeThroughput(Array(10).fill(3), '2024-03-01')
    expect(forecastWhen(throughput, { ...base, items: 5, random: createSeededRandom(1) })).toEqual({
      kind: 'insufficient_data',
      reason: 'only 10 days of completion history (at least 14 needed)',
      sampleSize: 10,
      required: 14,
    })
  })

  test('refuses with a reason when the window has fewer than 5 completions', () => {
    const counts = Array(30).fill(0)
    counts[3] = 4
    const result = forecastWhen(makeThroughput(counts, '2024-03-01'), {
      ...base,
      items: 5,
      random: createSeededRandom(1),
    })
    expect(result).toEqual({
      kind: 'insufficient_data',
      reason: 'only 4 completions in the last 30 days (at least 5 needed)',
      sampleSize: 4,
      required: 5,
    })
  })

  test('uses the given minimums when they are lowered', () => {
    const throughput = makeThroughput([1, 1, 1], '2024-03-01')
    const result = forecastWhen(throughput, {
      ...base,
      items: 3,
      random: createSeededRandom(1),
      minDays: 3,
      minCompletions: 3,
    })
    expect(result.kind).toBe('forecast')
  })

  test('refuses when the window is empty even if the minimums are set to 0', () => {
    const result = forecastWhen(makeThroughput([], '2024-03-01'), {
      ...base,
      items: 1,
      random: createSeededRandom(1),
      minDays: 0,
      minCompletions: 0,
    })
    expect(result).toMatchObject({ kind: 'insufficient_data', sampleSize: 0, required: 1 })
  })

  test('refuses instead of looping when throughput is too low for N', () => {
    const counts = Array(90).fill(0)
    counts[0] = 5
    const result = forecastWhen(makeThroughput(counts, '2024-03-01'), {
      ...base,
      items: 10_000,
      random: createSeededRandom(1),
    })
    expect(result).toMatchObject({
      kind: 'insufficient_data',
      reason:
        'throughput too low: at 0.06 items per day, 10000 items take longer than 1096 days in some trials',
      sampleSize: 0,
      required: 10_000,
    })
  })

  test('throws INVALID_INPUT when N is below 1', () => {
    const throughput = makeThroughput(Array(30).fill(2), '2024-03-01')
    expect(() =>
      forecastWhen(throughput, { ...base, items: 0, random: createSeededRandom(1) }),
    ).toThrow(/items must be an integer >= 1, got 0/)
  })

  test('gives later-or-equal dates when confidence is higher', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 14, maxLength: 60 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer(),
        (counts, items, seed) => {
          fc.pre(counts.reduce((a, b) => a + b, 0) >= 5)
          const throughput = makeThroughput(counts, '2024-03-01')
          const result = forecastWhen(throughput, {
            ...base,
            items,
            trials: 300,
            random: createSeededRandom(seed),
          })
          if (result.kind !== 'forecast') return
          const days = result.confidence.map((c) => c.days)
          expect(days).toEqual([...days].sort((a, b) => a - b))
        },
      ),
      { numRuns: 50 },
    )
  })

  test('gives the same forecast when run twice with the same seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 14, maxLength: 60 }),
        fc.integer(),
        (counts, seed) => {
          fc.pre(counts.reduce((a, b) => a + b, 0) >= 5)
          const throughput = makeThroughput(counts, '2024-03-01')
          const run = () =>
            forecastWhen(throughput, {
              ...base,
              items: 20,
              trials: 200,
              random: createSeededRandom(seed),
            })
          expect(run()).toEqual(run())
        },
      ),
      { numRuns: 30 },
    )
  })
})
