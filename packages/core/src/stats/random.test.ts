import { describe, expect, test } from 'vitest'
import { createSeededRandom } from './random'

function draw(seed: number, count: number): number[] {
  const random = createSeededRandom(seed)
  return Array.from({ length: count }, () => random.nextInt(1000))
}

describe('createSeededRandom', () => {
  test('repeats the sequence when given the same seed', () => {
    expect(draw(42, 20)).toEqual(draw(42, 20))
  })

  test('gives another sequence when given another seed', () => {
    expect(draw(42, 20)).not.toEqual(draw(43, 20))
  })

  test('stays in [0, max) and covers every value when drawing integers', () => {
    const random = createSeededRandom(7)
    const counts = new Int32Array(6)
    for (let i = 0; i < 60_000; i++) counts[random.nextInt(6)]!++
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500)
  })

  test('stays in [0, 1) when drawing floats', () => {
    const random = createSeededRandom(7)
    let sum = 0
    for (let i = 0; i < 10_000; i++) {
      const x = random.nextFloat()
      expect(x >= 0 && x < 1).toBe(true)
      sum += x
    }
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02)
  })

  test('throws INVALID_INPUT when the seed is not an integer', () => {
    expect(() => createSeededRandom(1.5)).toThrow(/seed 1.5/)
  })
})
