import { describe, expect, test } from 'vitest'
import type { ResultCorrelationsResponse } from '../api/types'
import { correlationCells, correlationWords, lagWords, strongestHolding } from './correlation-rows'

const c = (over: Partial<ResultCorrelationsResponse['correlations'][number]>) => ({
  metric: 'flow_load',
  result: 'employee_happiness',
  lag: 0,
  pairs: 23,
  rho: -0.7527,
  low: -0.8916,
  high: -0.4843,
  holdsAfterCorrection: true,
  cautions: [] as ('too_few_periods' | 'chance_among_many')[],
  ...over,
})

const data: ResultCorrelationsResponse = {
  stream: 'Payments',
  period: 'month',
  from: '2025-01-01',
  to: '2026-12-01',
  periods: 23,
  maxLag: 3,
  tried: 8,
  metrics: [
    { name: 'throughput', label: 'Flow Velocity' },
    { name: 'flow_load', label: 'Flow Load' },
  ],
  results: ['employee_happiness', 'revenue'],
  correlations: [
    c({}),
    c({ metric: 'throughput', result: 'revenue', rho: 0.3, holdsAfterCorrection: false }),
    c({ metric: 'throughput', result: 'employee_happiness', rho: null, low: null, high: null }),
  ],
}

describe('correlation words and cells', () => {
  test('say "moves against" with the lag, the interval and the periods it rests on', () => {
    expect(correlationWords(c({}), { metricLabel: 'Flow Load', period: 'month' })).toBe(
      'Flow Load moves against employee happiness in the same month: ρ −0.75 (−0.89 to −0.48) over 23 months.',
    )
    expect(lagWords(2, 'week')).toBe('2 weeks later')
    expect(lagWords(1, 'month')).toBe('1 month later')
  })

  test('keep only the pairs that hold after the correction, strongest first', () => {
    expect(strongestHolding(data).map((x) => x.metric)).toEqual(['flow_load'])
  })

  test('place each correlation at its result and metric, a missing one as "-"', () => {
    expect(correlationCells(data).map((cell) => cell.value)).toEqual([
      [0, 1, -0.75],
      [1, 0, 0.3],
      [0, 0, '-'],
    ])
  })
})
