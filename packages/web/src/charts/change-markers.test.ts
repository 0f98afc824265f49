import { describe, expect, test } from 'vitest'
import { dayChangeLines, periodChangeLines, timeAxisChangeLines } from './change-markers'

const wip = { date: '2026-03-02', name: 'WIP limit' }

describe('change markers', () => {
  test('a change marks the period that holds its date, and none outside the periods', () => {
    const periods = [
      { period: 'Feb', start: '2026-02-01', end: '2026-03-01' },
      { period: 'Mar', start: '2026-03-01', end: '2026-04-01' },
    ]
    expect(periodChangeLines([wip, { date: '2025-01-01', name: 'old' }], periods)).toMatchObject([
      { xAxis: 'Mar', name: 'WIP limit', label: { formatter: 'change: WIP limit' } },
    ])
  })

  test('on a time axis only changes inside the range are marked', () => {
    expect(timeAxisChangeLines([wip], { from: '2026-01-01', to: '2026-02-01' })).toEqual([])
    expect(timeAxisChangeLines([wip])[0]).toMatchObject({ xAxis: '2026-03-02' })
  })

  test('a change lands on its day, or on the next day drawn, and only within the days', () => {
    const days = ['2026-03-01', '2026-03-03', '2026-03-04']
    const on = (date: string) => dayChangeLines([{ date, name: 'x' }], days)
    expect(on('2026-03-03')[0]).toMatchObject({ xAxis: '2026-03-03' })
    expect(on('2026-03-02')[0]).toMatchObject({ xAxis: '2026-03-03' })
    expect(on('2026-02-28')).toEqual([])
    expect(on('2026-03-05')).toEqual([])
  })
})
