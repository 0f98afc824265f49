import { describe, expect, test } from 'vitest'
import type { PeriodMetrics } from '../engine'
import { agingWarning, distributionWarnings, trendWarnings } from './portfolio-warnings'

function week(n: number, figures: { load: number; done?: number; defect?: number }): PeriodMetrics {
  const start = new Date(Date.UTC(2024, 0, 1 + 7 * n)).toISOString().replace('.000Z', 'Z')
  const end = new Date(Date.UTC(2024, 0, 8 + 7 * n)).toISOString().replace('.000Z', 'Z')
  const done = figures.done ?? 10
  const defect = figures.defect ?? 0
  return {
    start,
    end,
    velocity: { total: done, feature: done - defect, defect, risk: 0, debt: 0 },
    flowTime: null,
    leadTime: null,
    flowEfficiency: { pooled: 0.5, meanOfItems: 0.5 },
    flowLoad: { average: figures.load, end: figures.load, endByType: null },
    distribution: { completed: null, inProgress: null },
    canceled: 0,
    reopened: 0,
    partial: false,
  }
}

describe('trend warnings compare like with like', () => {
  test('the last full week against the three full weeks before it, both windows named', () => {
    const periods = [week(0, { load: 1 }), ...[1, 2, 3].map((n) => week(n, { load: 10 }))]
    periods.push(week(4, { load: 15 }), { ...week(5, { load: 1 }), partial: true })
    const [warning] = trendWarnings(periods, 4, 0)
    expect(warning?.code).toBe('LOAD_RISING')
    expect(warning?.message).toBe(
      'flow load rising: 15.0 on average in 2024-01-29 – 2024-02-04 against 2024-01-08 – 2024-01-28 (3 full periods before): 10.0',
    )
  })

  test('nothing when the earlier periods started before the data did', () => {
    const periods = [week(0, { load: 1 }), week(1, { load: 1 }), week(2, { load: 80 })]
    const dataStart = Date.parse('2024-01-05T00:00:00Z')
    expect(trendWarnings(periods, 2, dataStart)).toEqual([])
    expect(trendWarnings(periods, 2, 0)).toHaveLength(1)
  })

  test('nothing when a compared period has too few completions', () => {
    const periods = [week(0, { load: 1, done: 2 }), week(1, { load: 1 }), week(2, { load: 80 })]
    expect(trendWarnings(periods, 2, 0)).toEqual([])
  })
})

test('distribution off target names the type, its share over the full periods and the target', () => {
  const periods = [week(0, { load: 1, defect: 3 }), week(1, { load: 1, defect: 3 })]
  periods.push({ ...week(2, { load: 1, defect: 10 }), partial: true })
  const warnings = distributionWarnings(periods, { feature: 0.8, defect: 0.15 })
  expect(warnings.map((w) => [w.code, w.type])).toEqual([['DISTRIBUTION_OFF_TARGET', 'defect']])
  expect(warnings[0]?.message).toBe(
    'distribution off target: defect 30% of the 20 items completed in 2024-01-01 – 2024-01-14 against a 15% target',
  )
  expect(distributionWarnings(periods, null)).toEqual([])
})

test('aging items beyond p95 are counted against the p95', () => {
  expect(agingWarning(3, 12.04)[0]?.message).toBe(
    "3 items in progress for longer than the stream's flow-time p95 (12.0 days)",
  )
  expect(agingWarning(0, 12)).toEqual([])
})
