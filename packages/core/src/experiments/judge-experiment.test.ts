import { describe, expect, test } from 'vitest'
import type { RandomSource } from '../stats/random'
import { createSeededRandom } from '../stats/random'
import type { ExperimentTarget } from './experiment'
import type { WindowSample } from './experiment-sample'
import { judgeExperiment } from './judge-experiment'

/** A lognormal flow time (median 5 days) by Box–Muller. */
function flowTime(random: RandomSource, scale: number): number {
  const u = 1 - random.nextFloat()
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextFloat())
  return scale * 5 * Math.exp(0.8 * z)
}

/** A window of `days` with completions arriving at `perDay` (Poisson) and active ≈ 30% of flow. */
function window(
  random: RandomSource,
  at: { days: number; perDay: number; scale?: number },
): WindowSample {
  const times: number[] = []
  let t = -Math.log(1 - random.nextFloat()) / at.perDay
  while (t < at.days) {
    times.push(flowTime(random, at.scale ?? 1))
    t += -Math.log(1 - random.nextFloat()) / at.perDay
  }
  const flowTimesDays = Float64Array.from(times)
  return {
    from: '2026-01-01',
    to: '2026-03-01',
    days: at.days,
    completed: times.length,
    flowTimesDays,
    activeDays: flowTimesDays.map((f) => f * (0.2 + 0.2 * random.nextFloat())),
    completedByType: { feature: times.length, defect: 0, risk: 0, debt: 0 },
    averageLoad: null,
  }
}

const p85Down: ExperimentTarget = {
  metric: 'flow_time_p85',
  direction: 'decrease',
  expectedChangePercent: null,
}
const throughputUp: ExperimentTarget = {
  metric: 'throughput',
  direction: 'increase',
  expectedChangePercent: null,
}

describe('judgeExperiment', () => {
  test('data without an effect comes out supported at most at the stated alpha (0.05) plus tolerance', () => {
    const random = createSeededRandom(2026)
    const runs = 300
    const counts = { supported: 0, not_supported: 0, inconclusive: 0 }
    for (let run = 0; run < runs; run++) {
      const samples = {
        before: window(random, { days: 60, perDay: 1 }),
        after: window(random, { days: 60, perDay: 1 }),
        control: null,
      }
      const judged = judgeExperiment({ targets: [p85Down, throughputUp] }, samples, {
        random,
        resamples: 300,
      })
      for (const target of judged.targets) counts[target.verdict]++
    }
    const alpha = 0.05
    expect(counts.supported / (2 * runs)).toBeLessThanOrEqual(alpha + 0.02)
    expect(counts.not_supported).toBeGreaterThan(2 * runs * 0.85)
  })

  test('a halved flow time and a doubled throughput come out supported with the reasons', () => {
    const random = createSeededRandom(3)
    const judged = judgeExperiment(
      { targets: [{ ...p85Down, expectedChangePercent: 33 }, throughputUp] },
      {
        before: window(random, { days: 90, perDay: 1 }),
        after: window(random, { days: 90, perDay: 2, scale: 0.5 }),
        control: null,
      },
      { random },
    )
    expect(judged.verdict).toBe('supported')
    const p85 = judged.metrics.find((m) => m.metric === 'flow_time_p85')!
    expect(p85.effect.estimate!).toBeLessThan(0.67)
    expect(p85.effect.high!).toBeLessThan(1)
    expect(judged.reasons.map((r) => r.code)).toEqual(['change_as_expected', 'change_as_expected'])
  })

  test('a change opposite to the expected one is not supported', () => {
    const random = createSeededRandom(4)
    const judged = judgeExperiment(
      { targets: [p85Down] },
      {
        before: window(random, { days: 90, perDay: 1 }),
        after: window(random, { days: 90, perDay: 1, scale: 2 }),
        control: null,
      },
      { random },
    )
    expect(judged.verdict).toBe('not_supported')
    expect(judged.reasons[0]?.code).toBe('opposite_change')
  })

  test('too few items or too short a window make it inconclusive', () => {
    const random = createSeededRandom(5)
    const few = judgeExperiment(
      { targets: [p85Down] },
      {
        before: window(random, { days: 90, perDay: 0.1 }),
        after: window(random, { days: 90, perDay: 1, scale: 0.2 }),
        control: null,
      },
      { random },
    )
    expect(few.verdict).toBe('inconclusive')
    expect(few.reasons[0]?.code).toBe('too_few_items')
    const short = judgeExperiment(
      { targets: [p85Down] },
      {
        before: window(random, { days: 90, perDay: 2 }),
        after: window(random, { days: 10, perDay: 5, scale: 0.2 }),
        control: null,
      },
      { random },
    )
    expect(short.reasons.map((r) => r.code)).toEqual(['window_too_short'])
    expect(short.verdict).toBe('inconclusive')
  })

  test('a control that improved as much is a confounding shift: inconclusive, judged net of it', () => {
    const random = createSeededRandom(6)
    const judged = judgeExperiment(
      { targets: [p85Down] },
      {
        before: window(random, { days: 90, perDay: 1 }),
        after: window(random, { days: 90, perDay: 1, scale: 0.5 }),
        control: {
          before: window(random, { days: 90, perDay: 1 }),
          after: window(random, { days: 90, perDay: 1, scale: 0.5 }),
        },
      },
      { random },
    )
    const p85 = judged.metrics.find((m) => m.metric === 'flow_time_p85')!
    expect(p85.change.high!).toBeLessThan(1)
    expect(p85.effect.low!).toBeLessThan(1)
    expect(p85.effect.high!).toBeGreaterThan(1)
    expect(judged.verdict).toBe('inconclusive')
    expect(judged.reasons.map((r) => r.code)).toEqual(['control_shift'])
  })
})
