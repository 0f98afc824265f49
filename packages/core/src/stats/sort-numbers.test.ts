import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { sortNumbers } from './sort-numbers'

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
