import { describe, expect, test } from 'vitest'
import { detectThroughputShift, mannWhitneyPValue } from './throughput-shift'
import { makeThroughput } from './forecast-fixtures'

describe('mannWhitneyPValue', () => {
  test('is 1 when every value ties and small when one sample is always larger', () => {
    expect(mannWhitneyPValue(Int32Array.of(2, 2, 2), Int32Array.of(2, 2))).toBe(1)
    const low = new Int32Array(20).fill(1)
    const high = new Int32Array(20).fill(4)
    expect(mannWhitneyPValue(low, high)).toBeLessThan(1e-6)
  })

  test('matches the normal approximation by hand for a small case', () => {
    // a = {0, 1}, b = {2, 3}: U = 0, mean 2, variance 2·2·5/12 = 5/3, z = 2/√(5/3) = 1.549.
    expect(mannWhitneyPValue(Int32Array.of(0, 1), Int32Array.of(2, 3))).toBeCloseTo(0.1213, 3)
  })
})

describe('detectThroughputShift', () => {
  test('reports the rates of both halves when throughput doubled within the window', () => {
    const counts = Array.from({ length: 90 }, (_, i) => (i < 45 ? i % 2 : 2 + (i % 2)))
    const shift = detectThroughputShift(makeThroughput(counts, '2024-04-01'))
    expect(shift).toMatchObject({ olderPerDay: 22 / 45, recentPerDay: 113 / 45 })
    expect(shift!.pValue).toBeLessThan(0.01)
  })

  test('finds none in a steady window or one too short to split', () => {
    const steady = Array.from({ length: 90 }, (_, i) => [0, 3, 1, 2][i % 4]!)
    expect(detectThroughputShift(makeThroughput(steady, '2024-04-01'))).toBeUndefined()
    expect(detectThroughputShift(makeThroughput([0, 9, 0, 9], '2024-04-01'))).toBeUndefined()
  })
})
