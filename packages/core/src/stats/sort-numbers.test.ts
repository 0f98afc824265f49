import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { sortNumbers, sortWholeAndRuns } from './sort-numbers'

const builtIn = (values: Float64Array) => Array.from(values.slice().sort())

function randomValues(length: number, seed: number, make: (r: number) => number): Float64Array {
  let state = seed
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
  return Float64Array.from({ length }, () => make(next()))
}

describe('sortNumbers', () => {
  test('gives the built-in order when given large arrays of durations, signs, zeros and infinities', () => {
    const cases = [
      randomValues(50_000, 1, (r) => Math.round(r * 5e9) / 86_400_000),
      randomValues(50_000, 2, (r) => (r - 0.5) * 1e12),
      randomValues(40_000, 3, (r) =>
        r < 0.1 ? -0 : r < 0.2 ? 0 : r < 0.25 ? Infinity : r < 0.3 ? -Infinity : Math.round(r * 7),
      ),
      randomValues(30_000, 4, () => 1.5),
      randomValues(30_000, 5, (r) => (r < 0.5 ? 5e-324 : -5e-324)),
    ]
    for (const values of cases) {
      const sorted = Array.from(sortNumbers(values.slice()))
      expect(sorted.map((v) => Object.is(v, -0))).toEqual(
        builtIn(values).map((v) => Object.is(v, -0)),
      )
      expect(sorted).toEqual(builtIn(values))
    }
  })

  test('puts NaN last like the built-in sort when a large array holds NaN', () => {
    const values = randomValues(30_000, 6, (r) => (r < 0.01 ? NaN : r))
    expect(Array.from(sortNumbers(values.slice()))).toEqual(builtIn(values))
  })

  test('gives the built-in order when given any small array', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (values) => {
        const typed = Float64Array.from(values)
        expect(Array.from(sortNumbers(typed.slice()))).toEqual(builtIn(typed))
      }),
    )
  })

  test('sorts a subarray in place without touching the rest when given a view', () => {
    const values = randomValues(60_000, 7, (r) => r * 100)
    const copy = values.slice()
    sortNumbers(values.subarray(10_000, 50_000))
    expect(Array.from(values.subarray(10_000, 50_000))).toEqual(
      builtIn(copy.subarray(10_000, 50_000)),
    )
    expect(Array.from(values.subarray(0, 10_000))).toEqual(Array.from(copy.subarray(0, 10_000)))
    expect(Array.from(values.subarray(50_000))).toEqual(Array.from(copy.subarray(50_000)))
  })
})

/** Each run of `values` sorted by the built-in sort, and the whole. */
function expectedRuns(values: Float64Array, bounds: number[]) {
  const runs = bounds.slice(1).flatMap((end, r) => builtIn(values.subarray(bounds[r], end)))
  return { whole: builtIn(values), runs }
}

/** The first index where `a` and `b` differ (Object.is), -1 when equal: a short failure message. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) if (!Object.is(a[k], b[k])) return k
  return -1
}

function boundsOf(sizes: number[]): number[] {
  const bounds = [0]
  for (const size of sizes) bounds.push(bounds[bounds.length - 1]! + size)
  return bounds
}

describe('sortWholeAndRuns', () => {
  test('sorts the whole and each run like the built-in sort, for any integers and runs', () => {
    const integer = fc.oneof(
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.integer({ min: 0, max: 50 }),
      fc.constantFrom(0, 2 ** 47 - 1, -(2 ** 47) + 1),
    )
    fc.assert(
      fc.property(fc.array(fc.array(integer, { maxLength: 40 }), { maxLength: 12 }), (groups) => {
        const values = Float64Array.from(groups.flat())
        const bounds = boundsOf(groups.map((g) => g.length))
        const sorted = sortWholeAndRuns(values.slice(), bounds)
        const span = values.length > 0 ? Math.max(...values) - Math.min(...values) : 0
        if (groups.length === 0 || span >= 2 ** 48) {
          expect(sorted).toBeNull()
        } else {
          const expected = expectedRuns(values, bounds)
          expect(Array.from(sorted!.whole)).toEqual(expected.whole)
          expect(Array.from(sorted!.runs)).toEqual(expected.runs)
        }
      }),
    )
  })

  test('sorts large inputs over two years of milliseconds, with the buffers given', () => {
    const values = randomValues(90_000, 8, (r) => Math.round(r * r * 6.3e10))
    const bounds = boundsOf(
      Array.from({ length: 105 }, (_, r) => (r < 104 ? 857 : 90_000 - 104 * 857)),
    )
    const buffers = {
      spare: new Float64Array(values.length),
      run: new Uint16Array(values.length),
      runSpare: new Uint16Array(values.length),
    }
    const sorted = sortWholeAndRuns(values.slice(), bounds, buffers)!
    const expected = expectedRuns(values, bounds)
    expect(firstDifference(sorted.whole, expected.whole)).toBe(-1)
    expect(firstDifference(sorted.runs, expected.runs)).toBe(-1)
    expect([sorted.whole, sorted.runs]).toContain(buffers.spare)
  })

  test('declines what it cannot sort: fractions, NaN, -0, spans from 2^48, bounds not covering the values', () => {
    for (const values of [
      [1.5, 2],
      [NaN, 1],
      [-0, 1],
      [0, 2 ** 48],
      [Infinity, 1],
    ])
      expect(sortWholeAndRuns(Float64Array.from(values), [0, 2])).toBeNull()
    expect(sortWholeAndRuns(Float64Array.of(3, 1), [0, 1])).toBeNull()
    expect(sortWholeAndRuns(Float64Array.of(3, 1), [0])).toBeNull()
    expect(sortWholeAndRuns(Float64Array.of(3, 1), [0, 2])).not.toBeNull()
  })
})
