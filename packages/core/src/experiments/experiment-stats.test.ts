import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { createSeededRandom } from '../stats/random'
import { normalQuantile, zOfLevel } from '../stats/normal-quantile'
import { bootstrapChange, pooledRatioOf, quantileOf, rateRatio } from './experiment-stats'

describe('rateRatio', () => {
  test('is the ratio of rates with the log-scale Poisson interval', () => {
    const ratio = rateRatio({ before: { count: 100, days: 50 }, after: { count: 150, days: 50 } })
    const spread = 1.959963984540054 * Math.sqrt(1 / 100 + 1 / 150)
    expect(ratio.estimate).toBeCloseTo(1.5, 12)
    expect(ratio.low).toBeCloseTo(1.5 * Math.exp(-spread), 8)
    expect(ratio.high).toBeCloseTo(1.5 * Math.exp(spread), 8)
  })

  test('divides by the control ratio and widens the interval by its counts', () => {
    const scope = { before: { count: 100, days: 50 }, after: { count: 150, days: 50 } }
    const control = { before: { count: 80, days: 50 }, after: { count: 120, days: 50 } }
    const did = rateRatio({ ...scope, control })
    expect(did.estimate).toBeCloseTo(1, 12)
    expect(did.low!).toBeLessThan(1)
    expect(did.high!).toBeGreaterThan(1)
  })

  test('is null when a window has no completion', () => {
    expect(rateRatio({ before: { count: 0, days: 50 }, after: { count: 3, days: 50 } })).toEqual({
      estimate: null,
      low: null,
      high: null,
    })
  })

  test('z of 0.95 is 1.96', () => {
    expect(zOfLevel(0.95)).toBeCloseTo(1.96, 2)
  })
})

describe('bootstrapChange', () => {
  const before = Float64Array.from({ length: 60 }, (_, i) => 1 + (i % 20))
  const after = before.map((v) => v / 2)

  test('gives the ratio of the percentiles and an interval around it, the same for the same seed', () => {
    const run = () =>
      bootstrapChange(
        { before: quantileOf(before, 0.85), after: quantileOf(after, 0.85) },
        { random: createSeededRandom(7), resamples: 400 },
      )
    const first = run()
    expect(first.estimate).toBeCloseTo(0.5, 12)
    expect(first.low!).toBeLessThanOrEqual(0.5)
    expect(first.high!).toBeGreaterThanOrEqual(0.5)
    expect(run()).toEqual(first)
  })

  test('is null for a group without items', () => {
    const empty = quantileOf(new Float64Array(0), 0.5)
    const result = bootstrapChange(
      { before: empty, after: quantileOf(after, 0.5) },
      { random: createSeededRandom(1) },
    )
    expect(result).toEqual({ estimate: null, low: null, high: null })
  })

  test('the interval holds the estimate and pooled efficiency stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.1, max: 50, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: 5,
            maxLength: 40,
          },
        ),
        fc.integer(),
        (items, seed) => {
          const flow = Float64Array.from(items.map(([f]) => f))
          const active = Float64Array.from(items.map(([f, share]) => f * share))
          const all = Uint32Array.from(items.map((_, i) => i))
          const efficiency = pooledRatioOf(active, flow).statistic(all)!
          expect(efficiency).toBeGreaterThanOrEqual(0)
          expect(efficiency).toBeLessThanOrEqual(1)
          const change = bootstrapChange(
            {
              before: quantileOf(flow, 0.5),
              after: quantileOf(
                flow.map((v) => v * 1.3),
                0.5,
              ),
            },
            { random: createSeededRandom(seed), resamples: 50 },
          )
          expect(change.estimate).toBeCloseTo(1.3, 9)
          expect(change.low!).toBeLessThanOrEqual(change.high!)
        },
      ),
      { numRuns: 50 },
    )
  })
})

describe('normalQuantile', () => {
  test.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.995, 2.5758293035489],
    [0.01, -2.3263478740408408],
    [0.001, -3.090232306167813],
  ])('of %f is %f to 1e-8', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8)
  })
})
