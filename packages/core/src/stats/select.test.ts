import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { selectInPlace } from './select'

describe('selectInPlace', () => {
  test('puts the k-th smallest value at k with smaller values before it, for any input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (values, n) => {
          const k = n % values.length
          const array = Float64Array.from(values)
          selectInPlace(array, k)
          const sorted = Float64Array.from(values).sort()
          expect(array[k]).toBe(sorted[k])
          for (let i = 0; i < k; i++) expect(array[i]! <= array[k]!).toBe(true)
          for (let i = k + 1; i < array.length; i++) expect(array[i]! >= array[k]!).toBe(true)
        },
      ),
    )
  })

  test('handles many equal values', () => {
    const array = new Float64Array(1000).fill(3)
    array[500] = 1
    selectInPlace(array, 0)
    expect(array[0]).toBe(1)
  })
})
