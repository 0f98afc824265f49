import { describe, expect, test } from 'vitest'
import { createSeededRandom } from '../stats/random'
import { detectChangePoints, pettittTest, suggestChangePoints } from './change-points'
import type { WeekFigures } from './experiment-sample'

const noisy = (seed: number, levels: number[], length: number) => {
  const random = createSeededRandom(seed)
  return levels.flatMap((level) =>
    Array.from({ length }, () => level * (0.8 + 0.4 * random.nextFloat())),
  )
}

describe('change points', () => {
  test('Pettitt finds the step of a two-level series with a small p-value', () => {
    const change = pettittTest(noisy(1, [10, 4], 20))
    expect(change?.index).toBe(20)
    expect(change!.pValue).toBeLessThan(0.001)
  })

  test('binary segmentation finds both steps of a three-level series', () => {
    const indexes = detectChangePoints(noisy(2, [10, 4, 8], 20)).map((c) => c.index)
    expect(indexes).toEqual([20, 40])
  })

  test('a series without a step has no change point at alpha 0.01', () => {
    let found = 0
    for (let seed = 0; seed < 100; seed++) found += detectChangePoints(noisy(seed, [6], 52)).length
    expect(found).toBeLessThanOrEqual(4)
  })

  test('suggestions name the week, the direction and the medians, skipping the week not over', () => {
    const p50 = noisy(3, [9, 3], 16)
    const weeks: WeekFigures[] = p50.map((value, i) => ({
      weekStart: new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10),
      completed: 10,
      flowTimeP50: value,
      flowTimeP85: value * 2,
      complete: true,
    }))
    weeks.push({ ...weeks.at(-1)!, weekStart: '2026-12-07', flowTimeP50: 100, complete: false })
    const [suggestion, ...rest] = suggestChangePoints(weeks)
    expect(rest).toEqual([])
    expect(suggestion).toMatchObject({
      metric: 'flow_time_p50',
      changeDate: '2026-04-27',
      direction: 'decrease',
    })
    expect(suggestion!.changePercent!).toBeLessThan(-50)
  })
})
