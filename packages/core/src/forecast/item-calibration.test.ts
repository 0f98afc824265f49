import { describe, expect, test } from 'vitest'
import { calibrationOf } from './calibration'
import { calibrateInProgress, calibratedLevelAt, recalibrateSample } from './item-calibration'
import { createSeededRandom } from '../stats/random'

const DAY = 86_400_000
const asOfMs = Date.UTC(2024, 6, 1)

/**
 * Items starting every day for two years with exponential flow times of mean `meanDays(start)`;
 * ends after the as-of time are open (NaN).
 */
function items(meanDays: (startMs: number) => number, seed = 1) {
  const random = createSeededRandom(seed)
  const startMs: number[] = []
  const endMs: number[] = []
  for (let t = asOfMs - 730 * DAY; t < asOfMs; t += DAY / 4) {
    const end = t - Math.log(1 - random.nextFloat()) * meanDays(t) * DAY
    startMs.push(t)
    endMs.push(end < asOfMs ? end : NaN)
  }
  const done = Uint8Array.from(endMs, (e) => (e === e ? 1 : 0))
  return { startMs: Float64Array.from(startMs), endMs: Float64Array.from(endMs), done }
}

const level = (c: ReturnType<typeof calibrateInProgress>, l: number) =>
  c.levels.find((x) => x.level === l)!

describe('calibrateInProgress', () => {
  test('keeps a forecast whose flow times do not change about where it was', () => {
    const c = calibrateInProgress(
      items(() => 10),
      { asOfMs, lookbackDays: 365 },
    )
    expect(c.adjusted).toBe(true)
    expect(c.independent).toBeGreaterThan(100)
    expect(level(c, 0.85).hitRate).toBeGreaterThan(0.8)
    expect(level(c, 0.85).hitRate).toBeLessThan(0.9)
    expect(Math.abs(level(c, 0.85).adjustedLevel - 0.85)).toBeLessThan(0.05)
  })

  test('widens when items have been getting slower than the year before shows', () => {
    // The mean flow time grows from 5 to 25 days over the two years.
    const slower = items((t) => 5 + (20 * (t - (asOfMs - 730 * DAY))) / (730 * DAY))
    const c = calibrateInProgress(slower, { asOfMs, lookbackDays: 365 })
    expect(level(c, 0.85).hitRate).toBeLessThan(0.8)
    expect(level(c, 0.85).adjustedLevel).toBeGreaterThan(0.88)
  })

  test('scores an item still open long after every remaining time as a miss, and skips canceled ones', () => {
    const base = items(() => 10)
    // One item started 300 days ago and never done; one canceled.
    const startMs = Float64Array.from([...base.startMs, asOfMs - 300 * DAY, asOfMs - 300 * DAY])
    const endMs = Float64Array.from([...base.endMs, NaN, asOfMs - 200 * DAY])
    const done = Uint8Array.from([...base.done, 0, 0])
    const withOpen = calibrateInProgress({ startMs, endMs, done }, { asOfMs, lookbackDays: 365 })
    const without = calibrateInProgress(base, { asOfMs, lookbackDays: 365 })
    // The open item is scored (1) at every checkpoint where it was in progress with a sample.
    expect(withOpen.checkpoints).toBeGreaterThan(without.checkpoints)
    expect(withOpen.independent).toBe(without.independent + 1)
  })
})

describe('recalibrateSample', () => {
  const sorted = Float64Array.from({ length: 1000 }, (_, k) => k)

  test('leaves a sample as it is when the calibration keeps every level', () => {
    const levels = calibrationOf([]).levels.map((l) => ({ ...l, adjustedLevel: l.level }))
    const out = recalibrateSample(sorted, {
      checkpoints: 0,
      independent: 0,
      adjusted: false,
      levels,
    })
    for (let k = 0; k < sorted.length; k++) expect(out[k]).toBeCloseTo(sorted[k]!, 6)
  })

  test('draws each level at its calibrated quantile', () => {
    // 40 scores spread over [0.3, 0.95]: every level narrows.
    const scores = Array.from({ length: 40 }, (_, k) => 0.3 + (0.65 * k) / 39)
    const calibration = calibrationOf(scores)
    const out = recalibrateSample(sorted, calibration)
    for (const { level, adjustedLevel } of calibration.levels) {
      expect(calibratedLevelAt(calibration, level)).toBeCloseTo(adjustedLevel, 10)
      // The level-L entry of the recalibrated sample is the original's adjusted quantile.
      expect(Math.abs(out[Math.round(level * 999)]! - adjustedLevel * 999)).toBeLessThan(1)
    }
    for (let k = 1; k < out.length; k++) expect(out[k]!).toBeGreaterThanOrEqual(out[k - 1]!)
  })
})
