import { describe, expect, test } from 'vitest'
import type { ResultStatusListResponse } from '../../api/types'
import { parseFilters } from '../../state/filters'
import { resultWarnings } from './result-warnings'

const result = (status: 'on_target' | 'off_target', value: number) => ({
  stream: 'Payments',
  metric: 'incidents',
  status,
  latest: { date: '2026-11-30', value },
  definition: {
    stream: 'Payments',
    metric: 'incidents',
    category: 'quality' as const,
    unit: 'count',
    direction: 'lower_is_better' as const,
    target: 2,
    targetDate: '2026-12-31',
    description: null,
  },
})

const DEFAULT_FILTERS = parseFilters(new URLSearchParams())

describe('resultWarnings', () => {
  test('warns of each result off target, with its value, target and date', () => {
    const status: ResultStatusListResponse = {
      results: [result('off_target', 5), { ...result('on_target', 1), metric: 'nps' }],
    }
    const warnings = resultWarnings(status, DEFAULT_FILTERS)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      code: 'RESULT_OFF_TARGET',
      message:
        'Payments: incidents was 5 count on 2026-11-30; the target is at most 2 by 2026-12-31.',
      link: { label: 'Open Payments' },
    })
    expect(warnings[0]?.link?.to).toMatch(/^\/stream\?.*Payments/)
  })

  test('separates thousands and rounds to two decimals', () => {
    const big = { ...result('off_target', 291688.456), metric: 'cost' }
    const [warning] = resultWarnings({ results: [big] }, DEFAULT_FILTERS)
    expect(warning?.message).toContain('cost was 291,688.46 count on')
  })

  test('has no warnings before the status has loaded', () => {
    expect(resultWarnings(undefined, DEFAULT_FILTERS)).toEqual([])
  })
})
