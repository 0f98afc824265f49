import { expect, test } from 'vitest'
import { makePeriod, makeReport } from '../test/fixtures'
import { distributionChartRows } from './distribution-target'
import { periodLabel, shownTypes } from './chart-common'
import { TREND_METRICS, trendValues, velocityRows } from './metrics-series'

const empty = makePeriod({
  start: '2024-01-08T00:00:00Z',
  end: '2024-01-15T00:00:00Z',
  velocity: { total: 0, feature: 0, defect: 0, risk: 0, debt: 0 },
  flowTime: null,
  flowEfficiency: { pooled: null, meanOfItems: null },
  distribution: { completed: null, inProgress: null },
})

test('keeps an empty period’s distribution null, not zeros, when nothing completed', () => {
  const rows = distributionChartRows(makeReport([makePeriod(), empty]), null)
  expect(rows[1]).toMatchObject({ period: '2024-01-08', completed: 0, feature: null, defect: null })
})

test('adds the target as a last bar when the stream has one', () => {
  const rows = distributionChartRows(makeReport([makePeriod()]), { feature: 0.6, debt: 0.2 })
  expect(rows.at(-1)).toMatchObject({
    period: 'Target',
    isTarget: true,
    feature: 0.6,
    debt: 0.2,
    defect: null,
  })
  expect(distributionChartRows(makeReport([makePeriod()]), {})).toHaveLength(1)
})

test('reports velocity per type per period with the API’s figures', () => {
  expect(velocityRows(makeReport([makePeriod()]))).toEqual([
    {
      period: '2024-01-01',
      start: '2024-01-01',
      end: '2024-01-08',
      total: 3,
      feature: 3,
      defect: 0,
      risk: 0,
      debt: 0,
      partial: false,
    },
  ])
})

test('labels a partial period "(to date)" and flags it in the rows', () => {
  const rows = velocityRows(makeReport([makePeriod(), makePeriod({ partial: true })]))
  expect(rows.map((r) => [r.period, r.partial])).toEqual([
    ['2024-01-01', false],
    ['2024-01-01 (to date)', true],
  ])
})

test('keeps gaps in trends where a metric cannot be computed', () => {
  const efficiency = TREND_METRICS.find((m) => m.key === 'efficiency')
  expect(efficiency && trendValues([makePeriod(), empty], efficiency)).toEqual([40, null])
})

test('labels periods by kind', () => {
  expect(periodLabel('2024-04-01T00:00:00+02:00', 'quarter')).toBe('Q2 2024')
  expect(periodLabel('2024-02-01T00:00:00Z', 'month')).toBe('Feb 2024')
  expect(periodLabel('2024-02-05T00:00:00Z', 'week')).toBe('2024-02-05')
  expect(shownTypes([])).toEqual(['feature', 'defect', 'risk', 'debt'])
  expect(shownTypes(['debt', 'feature'])).toEqual(['feature', 'debt'])
})
