import { describe, expect, test } from 'vitest'
import { computeLaggedCorrelations, spearmanRho } from './lagged-correlation'
import type { PeriodSeries } from './lagged-correlation'
import { createSeededRandom } from './random'

function noise(seed: number, n: number): number[] {
  const random = createSeededRandom(seed)
  return Array.from({ length: n }, () => random.nextFloat())
}

/** A result that follows `driver` `lag` periods later, with noise of `weight`. */
function follows(
  driver: readonly number[],
  lag: number,
  at: { seed: number; weight?: number },
): number[] {
  const extra = noise(at.seed, driver.length)
  const weight = at.weight ?? 0.3
  return driver.map((_, t) => (t >= lag ? (driver[t - lag] ?? 0) : 0.5) + weight * (extra[t] ?? 0))
}

describe('lagged rank correlations', () => {
  test('finds the lag a generated result follows its metric by', () => {
    const debt = noise(1, 36)
    const incidents = follows(debt, 2, { seed: 2 })
    const { strongest, tried } = computeLaggedCorrelations(
      [{ name: 'debt', values: debt }],
      [{ name: 'incidents', values: incidents }],
      { maxLag: 4 },
    )
    expect(tried).toBe(5)
    const [found] = strongest
    expect(found?.lag).toBe(2)
    expect(found?.rho).toBeGreaterThan(0.7)
    expect(found?.low).toBeGreaterThan(0.4)
    expect(found?.holdsAfterCorrection).toBe(true)
    expect(found?.cautions).toEqual([])
    expect(found?.pairs).toBe(34)
  })

  test('an unrelated pair does not hold once every pair tried is counted', () => {
    let held = 0
    for (let seed = 0; seed < 200; seed++) {
      const { strongest } = computeLaggedCorrelations(
        [{ name: 'a', values: noise(1000 + seed, 24) }],
        [{ name: 'b', values: noise(5000 + seed, 24) }],
        { maxLag: 3 },
      )
      if (strongest[0]?.holdsAfterCorrection) held++
    }
    // the corrected level is 5 % over the 4 lags tried: about 5 % of unrelated pairs at most
    expect(held / 200).toBeLessThan(0.09)
  })

  test('too few periods are said, and a constant series has no correlation', () => {
    const short: PeriodSeries = { name: 'x', values: [1, 2, 3, 4, 5, 6] }
    const { strongest } = computeLaggedCorrelations(
      [short],
      [{ name: 'y', values: [2, 1, 4, 3, 6, 5] }],
      {
        maxLag: 0,
      },
    )
    expect(strongest[0]?.cautions).toContain('too_few_periods')
    expect(spearmanRho([1, 1, 1, 1, 1], [1, 2, 3, 4, 5])).toBeNull()
  })

  test('ties get their average rank and gaps are skipped, not paired', () => {
    expect(spearmanRho([1, 2, 2, 3, 4], [1, 2, 2, 3, 4])).toBeCloseTo(1, 10)
    const { strongest } = computeLaggedCorrelations(
      [{ name: 'x', values: [1, null, 3, 4, 5, 6, 7, 8, 9, 10] }],
      [{ name: 'y', values: [1, 2, 3, null, 5, 6, 7, 8, 9, 10] }],
      { maxLag: 0 },
    )
    expect(strongest[0]?.pairs).toBe(8)
    expect(strongest[0]?.rho).toBeCloseTo(1, 10)
  })

  test('rho is the same whatever order the periods are given in, when both are reordered alike', () => {
    const x = noise(7, 20)
    const y = follows(x, 0, { seed: 8, weight: 1 })
    const order = x.map((_, i) => i).reverse()
    expect(
      spearmanRho(
        order.map((i) => x[i] ?? 0),
        order.map((i) => y[i] ?? 0),
      ),
    ).toBeCloseTo(spearmanRho(x, y) ?? NaN, 12)
  })
})
