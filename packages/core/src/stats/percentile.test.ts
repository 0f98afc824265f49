import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { mean, percentileSorted, summarize, summarizeUnsorted } from './percentile'

// R's quantile(x, p, type = 7), written out: h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

describe('percentileSorted', () => {
  test('interpolates between closest ranks when p50 of {2, 5} is asked', () => {
    expect(percentileSorted([2, 5], 0.5)).toBe(3.5)
  })

  test('matches R type 7 when given 1..10 at 85%', () => {
    // R: quantile(1:10, 0.85) == 8.65
    expect(percentileSorted(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.85)).toBeCloseTo(
      8.65,
      12,
    )
  })

  test('equals the R type 7 formula when given any sorted values and level', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const sorted = Float64Array.from(values).sort()
          const expected = type7([...sorted], p)
          expect(percentileSorted(sorted, p)).toBeCloseTo(expected, 6)
        },
      ),
    )
  })

  test('returns the extremes when p is 0 or 1', () => {
    expect(percentileSorted([1, 4, 9], 0)).toBe(1)
    expect(percentileSorted([1, 4, 9], 1)).toBe(9)
  })

  test('returns null when there are no values', () => {
    expect(percentileSorted(new Float64Array(0), 0.5)).toBeNull()
  })

  test('throws INVALID_INPUT when the level is outside [0, 1]', () => {
    expect(() => percentileSorted([1], 1.5)).toThrow(/1.5 is outside/)
    expect(() => percentileSorted([1], Number.NaN)).toThrow(/outside/)
  })
})

describe('summarize', () => {
  test('reports count, mean, percentiles and max when given unsorted values', () => {
    expect(summarize(Float64Array.from([4, 1, 3, 2]))).toEqual({
      count: 4,
      mean: 2.5,
      p50: 2.5,
      p85: expect.closeTo(3.55, 12),
      p95: expect.closeTo(3.85, 12),
      max: 4,
    })
  })

  test('leaves the input order unchanged when it sorts', () => {
    const values = Float64Array.from([3, 1, 2])
    summarize(values)
    expect([...values]).toEqual([3, 1, 2])
  })

  test('returns null when there are no values', () => {
    expect(summarize(new Float64Array(0))).toBeNull()
    expect(mean([])).toBeNull()
  })
})

describe('summarizeUnsorted', () => {
  test('gives the same percentiles and max as sorting when values come in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const sorted = summarize(Float64Array.from(values))!
          const selected = summarizeUnsorted(Float64Array.from(values))!
          expect({ ...selected, mean: 0 }).toEqual({ ...sorted, mean: 0 })
          expect(selected.mean).toBeCloseTo(sorted.mean, 6)
        },
      ),
    )
  })

  test('gives the same percentiles as sorting when many values are equal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const sorted = summarize(Float64Array.from(values))!
          const selected = summarizeUnsorted(Float64Array.from(values))!
          expect({ ...selected, mean: 0 }).toEqual({ ...sorted, mean: 0 })
        },
      ),
    )
  })

  test('returns null for no values', () => {
    expect(summarizeUnsorted(new Float64Array())).toBeNull()
  })
})
