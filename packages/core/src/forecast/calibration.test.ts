import { describe, expect, test } from 'vitest'
import { createSeededRandom } from '../stats/random'
import { calibrateHowMany, calibrateWhen, calibrationOf } from './calibration'
import { forecastHowMany } from './forecast-how-many'
import { computeDailyThroughput } from './daily-throughput'
import { makeCompletions } from './forecast-fixtures'

const asOfMs = Date.parse('2024-01-01T00:00:00Z')
const timezone = 'UTC'
const random = () => createSeededRandom(7)

/** Two years of completions that swing between 45-day bursts of 8 a day and lulls of 1 a day. */
const swinging = makeCompletions('2022-01-01', 730, (i) => (Math.floor(i / 45) % 2 === 0 ? 8 : 1))
/** Two years of 3 completions every day. */
const steady = makeCompletions('2022-01-01', 730, () => 3)

describe('calibrationOf', () => {
  test('measures the hit rate per level and answers with the conformal quantile of the scores', () => {
    const scores = Array.from({ length: 19 }, (_, k) => (k + 1) / 20) // 0.05, 0.10, …, 0.95
    const calibration = calibrationOf(scores)
    expect(calibration.checkpoints).toBe(19)
    expect(calibration.adjusted).toBe(true)
    // 50%: the ⌈20 × 0.5⌉ = 10th smallest score; 95%: the 19th; hit rates count scores ≤ level.
    expect(calibration.levels.map((l) => [l.level, l.adjustedLevel, l.hitRate])).toEqual([
      [0.5, 0.5, 10 / 19],
      [0.7, 0.7, 14 / 19],
      [0.85, 0.85, 17 / 19],
      [0.95, 0.95, 19 / 19],
    ])
  })

  test('widens to the largest simulated outcome when the outcomes were later than every score allows', () => {
    const calibration = calibrationOf(Array.from({ length: 12 }, () => 0.99))
    expect(calibration.levels.every((l) => l.adjustedLevel === 0.99 || l.adjustedLevel === 1)).toBe(
      true,
    )
    expect(calibration.levels.find((l) => l.level === 0.95)?.adjustedLevel).toBe(1)
    expect(calibration.levels.find((l) => l.level === 0.5)?.hitRate).toBe(0)
  })

  test('answers a tail that too few independent checkpoints can resolve at least halfway to certainty', () => {
    const scores = Array.from({ length: 26 }, (_, k) => 0.3 + k / 100) // all below 0.56
    const at = (independent: number, level: number) =>
      calibrationOf(scores, independent).levels.find((l) => l.level === level)!.adjustedLevel
    // 26 independent checkpoints resolve the 95% tail: narrowed to the 26th score.
    expect(at(26, 0.95)).toBeCloseTo(0.55, 10)
    // 12 (overlapping horizons) do not: 95% is answered at 97.5%, 85% (resolved by 6) is
    // still narrowed.
    expect(at(12, 0.95)).toBeCloseTo(0.975, 10)
    expect(at(12, 0.85)).toBeLessThan(0.85)
    expect(calibrationOf(scores, 12).independent).toBe(12)
  })

  test('adjusts nothing from fewer than 10 scores, but answers the unresolvable tails late', () => {
    const calibration = calibrationOf([0.1, 0.9, 0.99])
    expect(calibration.adjusted).toBe(false)
    // 3 independent scores resolve 50% and 70% (kept as they are), not 85% or 95%.
    expect(calibration.levels.map((l) => l.adjustedLevel)).toEqual([0.5, 0.7, 0.925, 0.975])
    expect(calibrationOf([]).levels[0]?.hitRate).toBeNull()
  })
})

describe('calibrateHowMany', () => {
  test('scores only checkpoints whose horizon has ended', () => {
    const base = { completionsMs: steady, asOfMs, timezone, random: random() }
    // 26 checkpoints 14 days apart; a 30-day horizon has not ended for the 2 latest ones.
    const calibration = calibrateHowMany({ ...base, horizonDays: 30 })
    expect(calibration.checkpoints).toBe(24)
    // 31-day horizons 14 days apart: every third checkpoint is independent of the others.
    expect(calibration.independent).toBe(8)
  })

  test('widens the 85% answer when throughput swings more than daily sampling shows', () => {
    const base = { completionsMs: swinging, asOfMs, timezone }
    const calibration = calibrateHowMany({ ...base, horizonDays: 30, random: random() })
    const at85 = calibration.levels.find((l) => l.level === 0.85)!
    expect(at85.hitRate).toBeLessThan(0.85)
    expect(at85.adjustedLevel).toBeGreaterThan(0.85)
    const throughput = computeDailyThroughput(swinging, base)
    const forecast = (quantiles?: number[]) =>
      forecastHowMany(throughput, { ...base, untilDate: '2024-01-31', random: random(), quantiles })
    const raw = forecast()
    const adjusted = forecast(calibration.levels.map((l) => l.adjustedLevel))
    if (raw.kind !== 'forecast' || adjusted.kind !== 'forecast') throw new Error('refused')
    expect(adjusted.confidence[2]!.items).toBeLessThan(raw.confidence[2]!.items)
  })
})

describe('calibrateWhen', () => {
  test('scores a steady history as calibrated or close to it', () => {
    const calibration = calibrateWhen({
      completionsMs: steady,
      asOfMs,
      timezone,
      items: 30,
      random: random(),
    })
    expect(calibration.checkpoints).toBeGreaterThanOrEqual(20)
    // Every day alike: the N-th item is done on the same day in every trial and in reality.
    expect(calibration.levels.map((l) => l.hitRate)).toEqual([1, 1, 1, 1])
  })

  test('widens the 85% date when throughput swings', () => {
    const base = { completionsMs: swinging, asOfMs, timezone, items: 60, random: random() }
    const at85 = calibrateWhen(base).levels.find((l) => l.level === 0.85)!
    expect(at85.adjustedLevel).toBeGreaterThan(0.85)
  })
})
