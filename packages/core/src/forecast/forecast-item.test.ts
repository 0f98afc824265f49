import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { createSeededRandom } from '../stats/random'
import { MS_PER_DAY, parseInstant } from '../time/instant'
import { forecastItemInProgress, forecastItemNotStarted, simulateNotStarted } from './forecast-item'
import { calibrationOf } from './calibration'
import { makeThroughput } from './forecast-fixtures'

const asOfMs = parseInstant('2024-01-01T00:00:00Z')
const base = { asOfMs, timezone: 'UTC' }
const daysToMs = (days: number[]) => Float64Array.from(days, (d) => d * MS_PER_DAY)

describe('forecastItemInProgress', () => {
  test('uses the flow times above the age when the item is 4 days old', () => {
    // Above 4 days: 5, 8, 13, 21, 34 -> remaining 1, 4, 9, 17, 30 (days).
    // p50 = 9; p70: h = 2.8 -> 9 + 0.8 x 8 = 15.4; p85: h = 3.4 -> 17 + 0.4 x 13 = 22.2;
    // p95: h = 3.8 -> 17 + 0.8 x 13 = 27.4.
    const flowTimesMs = daysToMs([21, 1, 2, 3, 5, 8, 13, 34, 4])
    const result = forecastItemInProgress(flowTimesMs, { ...base, ageMs: 4 * MS_PER_DAY })
    if (result.kind !== 'forecast') throw new Error(result.reason)
    expect(result.sample).toEqual({ items: 5, ageDays: 4 })
    expect(result.confidence.map((c) => c.remainingDays)).toEqual([
      9,
      expect.closeTo(15.4, 9),
      expect.closeTo(22.2, 9),
      expect.closeTo(27.4, 9),
    ])
    expect(result.confidence.map((c) => c.date)).toEqual([
      '2024-01-10',
      '2024-01-16',
      '2024-01-23',
      '2024-01-28',
    ])
  })

  test('refuses with a reason when few completed items took longer than the age', () => {
    const flowTimesMs = daysToMs([1, 2, 3, 41.2, 50, 60])
    const ageMs = 41.2 * MS_PER_DAY
    expect(forecastItemInProgress(flowTimesMs, { ...base, ageMs })).toEqual({
      kind: 'insufficient_data',
      reason: 'only 2 completed items took longer than 41.2 days (at least 5 needed)',
      sampleSize: 2,
      required: 5,
    })
  })

  test('throws INVALID_INPUT when the age is negative', () => {
    expect(() => forecastItemInProgress(daysToMs([1]), { ...base, ageMs: -1 })).toThrow(
      /ageMs must be a finite number >= 0, got -1/,
    )
  })

  test('gives later-or-equal dates when confidence is higher', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { maxLength: 40 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (days, ageDays) => {
          const result = forecastItemInProgress(daysToMs(days), {
            ...base,
            ageMs: ageDays * MS_PER_DAY,
          })
          if (result.kind !== 'forecast') return
          const remaining = result.confidence.map((c) => c.remainingDays)
          expect(remaining).toEqual([...remaining].sort((a, b) => a - b))
          expect(remaining[0]).toBeGreaterThan(0)
        },
      ),
    )
  })
})

describe('forecastItemNotStarted', () => {
  const throughput = makeThroughput(Array(30).fill(1), '2024-01-01')

  test('adds the flow time to the start day when throughput and flow times are constant', () => {
    // 1 item a day, 2 ahead: the 3rd completion (day 3) frees the slot, plus 1.5 days of flow
    // time = 4.5 days -> day 5 at every level; the as-of time is midnight of 01-01, so day 1 is
    // 01-01 and day 5 ends with 01-05.
    const result = forecastItemNotStarted(throughput, {
      ...base,
      itemsAhead: 2,
      flowTimesMs: daysToMs([1.5, 1.5, 1.5, 1.5, 1.5]),
      random: createSeededRandom(5),
    })
    expect(result).toEqual({
      kind: 'forecast',
      confidence: [0.5, 0.7, 0.85, 0.95].map((level) => ({ level, days: 5, date: '2024-01-05' })),
      sample: { days: 30, completions: 30, from: '2023-12-02', to: '2023-12-31', flowTimes: 5 },
      trials: 10_000,
    })
  })

  test('refuses with a reason when fewer than 5 flow times are given', () => {
    const result = forecastItemNotStarted(throughput, {
      ...base,
      itemsAhead: 0,
      flowTimesMs: daysToMs([1, 2]),
      random: createSeededRandom(5),
    })
    expect(result).toEqual({
      kind: 'insufficient_data',
      reason: 'only 2 completed items with a flow time (at least 5 needed)',
      sampleSize: 2,
      required: 5,
    })
  })

  test('refuses with a reason when the throughput window is too short', () => {
    const result = forecastItemNotStarted(makeThroughput([1, 1], '2024-01-01'), {
      ...base,
      itemsAhead: 0,
      flowTimesMs: daysToMs([1, 2, 3, 4, 5]),
      random: createSeededRandom(5),
    })
    expect(result).toMatchObject({ kind: 'insufficient_data', sampleSize: 2, required: 14 })
  })

  test('gives the same forecast when run twice with the same seed', () => {
    const varied = makeThroughput([0, 2, 1, 0, 3, 1, 0, 0, 2, 1, 1, 0, 4, 1], '2024-01-01')
    const run = () =>
      forecastItemNotStarted(varied, {
        ...base,
        itemsAhead: 4,
        flowTimesMs: daysToMs([0.5, 2, 3.25, 7, 11, 1]),
        trials: 1000,
        random: createSeededRandom(77),
      })
    const first = run()
    expect(first.kind).toBe('forecast')
    expect(run()).toEqual(first)
  })
})

describe('simulateNotStarted with a queue calibration', () => {
  test('narrows only the queue: the flow times keep their spread', () => {
    // A steady 2 items a day; flow times 1 to 40 days.
    const days = new Int32Array(90).fill(2)
    const flowTimesMs = Float64Array.from({ length: 40 }, (_, k) => (k + 1) * MS_PER_DAY)
    // A calibration that answers every level at the simulation's median.
    const narrow = calibrationOf([]).levels.map((l) => ({ ...l, adjustedLevel: 0.5 }))
    const queueCalibration = { checkpoints: 26, independent: 26, adjusted: true, levels: narrow }
    const run = { items: 20, maxDays: 1096, flowTimesMs }
    const plain = new Float64Array(4000)
    const calibrated = new Float64Array(4000)
    simulateNotStarted(days, plain, { ...run, random: createSeededRandom(3) })
    simulateNotStarted(days, calibrated, {
      ...run,
      random: createSeededRandom(3),
      queueCalibration,
    })
    const spread = (a: Float64Array) => {
      const s = a.slice().sort()
      return s[Math.floor(s.length * 0.95)]! - s[Math.floor(s.length * 0.05)]!
    }
    // The queue of 20 items at 2 a day takes 10 days either way; the 5–95% spread is the flow
    // times' (about 34 days), not squashed by the calibration.
    expect(spread(calibrated)).toBeGreaterThan(30)
    expect(Math.abs(spread(calibrated) - spread(plain))).toBeLessThan(3)
  })
})
