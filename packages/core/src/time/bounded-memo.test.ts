import { describe, expect, test } from 'vitest'
import { BoundedMemo } from './bounded-memo'

describe('BoundedMemo', () => {
  test('computes a key once and returns the kept value after', () => {
    const memo = new BoundedMemo<number>(10)
    let calls = 0
    const twice = (n: number) => memo.get(String(n), () => (calls++, n * 2))
    expect([twice(1), twice(2), twice(1)]).toEqual([2, 4, 2])
    expect(calls).toBe(2)
  })

  test('keeps nothing of a computation that throws', () => {
    const memo = new BoundedMemo<number>(10)
    expect(() =>
      memo.get('k', () => {
        throw new Error('bad')
      }),
    ).toThrow('bad')
    expect(memo.get('k', () => 7)).toBe(7)
  })

  test('starts afresh when full, so at most limit values are kept', () => {
    const memo = new BoundedMemo<number>(2)
    let calls = 0
    const get = (key: string) => memo.get(key, () => ++calls)
    get('a')
    get('b')
    get('c') // full: emptied, then c kept
    expect(get('c')).toBe(3)
    expect(get('a')).toBe(4)
  })
})
