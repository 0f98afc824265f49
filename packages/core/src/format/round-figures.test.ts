import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { roundFigures } from './round-figures'

/** The definition: a deep copy through entries, every non-integer number rounded. */
function reference(value: unknown, scale = 1e6): unknown {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value : Math.round(value * scale) / scale
  }
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number>, (x) => reference(x, scale))
  }
  if (Array.isArray(value)) return value.map((x) => reference(x, scale))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, reference(x, scale)]))
  }
  return value
}

describe('roundFigures', () => {
  test('rounds non-integers to 6 decimals and keeps integers, strings, null and key order', () => {
    const value = {
      b: 3.4250000000000003,
      a: [1, 0.1 + 0.2, null, 'x', { c: -2.0000004 }],
      t: Float64Array.of(1.5, 2 / 3),
      n: { nan: NaN, inf: Infinity },
    }
    const rounded = roundFigures(value)
    expect(rounded).toEqual({
      b: 3.425,
      a: [1, 0.3, null, 'x', { c: -2 }],
      t: [1.5, 0.666667],
      n: { nan: NaN, inf: Infinity },
    })
    expect(Object.keys(rounded)).toEqual(['b', 'a', 't', 'n'])
    expect(value.b).toBe(3.4250000000000003)
  })

  test('keeps a "__proto__" data key as a key when an object carries one', () => {
    const value = JSON.parse('{"__proto__": {"x": 0.1234567}, "y": 1}') as object
    const rounded = roundFigures(value)
    expect(Object.keys(rounded)).toEqual(['__proto__', 'y'])
    expect(JSON.stringify(rounded)).toBe('{"__proto__":{"x":0.123457},"y":1}')
  })

  test('gives the same JSON as a copy through entries when values are any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.stringify(roundFigures(value))).toBe(JSON.stringify(reference(value)))
      }),
    )
  })
})
