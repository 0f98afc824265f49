import { describe, expect, test } from 'vitest'
import type { ResultDefinition } from './business-results'
import {
  checkResultDefinition,
  checkResultValues,
  isCalendarDate,
  resultStatus,
} from './business-results'

const definition = (over: Partial<ResultDefinition> = {}): ResultDefinition => ({
  stream: 'Payments',
  metric: 'incidents',
  category: 'quality',
  unit: 'count',
  direction: 'lower_is_better',
  target: 2,
  targetDate: '2026-12-31',
  description: null,
  ...over,
})

describe('resultStatus', () => {
  test('meets a lower-is-better target when the latest value is at or below it', () => {
    expect(resultStatus(definition(), { date: '2026-01-01', value: 2 })).toBe('on_target')
    expect(resultStatus(definition(), { date: '2026-01-01', value: 3 })).toBe('off_target')
  })

  test('meets a higher-is-better target when the latest value is at or above it', () => {
    const nps = definition({ direction: 'higher_is_better', target: 30 })
    expect(resultStatus(nps, { date: '2026-01-01', value: 31 })).toBe('on_target')
    expect(resultStatus(nps, { date: '2026-01-01', value: -5 })).toBe('off_target')
  })

  test('has no status without a definition, a target or a point', () => {
    expect(resultStatus(undefined, { date: '2026-01-01', value: 1 })).toBe('no_target')
    expect(resultStatus(definition({ target: null }), { date: '2026-01-01', value: 1 })).toBe(
      'no_target',
    )
    expect(resultStatus(definition(), undefined)).toBe('no_target')
  })
})

describe('checks', () => {
  test('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2023-02-29')).toBe(false)
    expect(isCalendarDate('2024-2-1')).toBe(false)
  })

  test('refuses a repeated date, a bad date and a non-finite value naming the point', () => {
    const ok = { date: '2026-01-01', value: 1 }
    expect(() => checkResultValues('x', [ok, { date: '2026-01-01', value: 2 }])).toThrow(
      'x: point 2 repeats the date 2026-01-01',
    )
    expect(() => checkResultValues('x', [{ date: '2026-13-01', value: 1 }])).toThrow(
      'x: point 1 has date "2026-13-01", not a YYYY-MM-DD date',
    )
    expect(() => checkResultValues('x', [ok, { date: '2026-01-02', value: NaN }])).toThrow(
      'x: point 2 has value NaN, not a number',
    )
    expect(() => checkResultValues('x', [ok])).not.toThrow()
  })

  test('refuses a definition with a bad direction, a dateless target or a percentage over 100', () => {
    expect(() => checkResultDefinition(definition())).not.toThrow()
    expect(() =>
      checkResultDefinition(definition({ direction: 'up' as ResultDefinition['direction'] })),
    ).toThrow('direction "up" is not one of higher_is_better, lower_is_better')
    expect(() => checkResultDefinition(definition({ target: null }))).toThrow(
      'a target date needs a target',
    )
    expect(() => checkResultDefinition(definition({ unit: '%', target: 120 }))).toThrow(
      'target 120 is not a percentage in % (0 to 100)',
    )
  })
})
