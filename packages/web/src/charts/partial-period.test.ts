import { expect, test } from 'vitest'
import { PARTIAL_NOTE, partialBar, partialLineSeries, periodTooltip } from './partial-period'

test('draws the line solid through full periods and dashed from the last full one on', () => {
  const [solid, dashed] = partialLineSeries(
    { name: 'Payments', color: '#123456' },
    [1, 2, 3, 4],
    [false, false, false, true],
  )
  expect(solid?.data).toEqual([1, 2, 3, null])
  expect(dashed?.lineStyle).toEqual({ type: 'dashed' })
  expect(dashed?.data).toEqual([null, null, 3, { value: 4, symbol: 'emptyCircle' }])
  expect(dashed?.name).toBe('Payments')
})

test('draws one plain line when every period is full', () => {
  expect(partialLineSeries({ name: 'A', color: '#000' }, [1, 2], [false, false])).toHaveLength(1)
})

test('fades only the bars of partial periods', () => {
  expect(partialBar(3, '#000', false)).toBe(3)
  expect(partialBar(3, '#000', true)).toMatchObject({
    value: 3,
    itemStyle: { borderType: 'dashed' },
  })
})

test('the tooltip notes a partial period, lists each series once and escapes names', () => {
  const format = periodTooltip([false, true])
  const params = (dataIndex: number) => [
    { seriesName: '<b>A</b>', value: 5, dataIndex, color: '#111', axisValueLabel: 'Q4 2026' },
    { seriesName: '<b>A</b>', value: 5, dataIndex, color: '#111' },
  ]
  const partial = format(params(1))
  expect(partial).toContain(PARTIAL_NOTE)
  expect(partial.match(/&lt;b&gt;A&lt;\/b&gt;/g)).toHaveLength(1)
  expect(format(params(0))).not.toContain(PARTIAL_NOTE)
})
