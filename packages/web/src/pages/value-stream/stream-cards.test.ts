import { expect, test } from 'vitest'
import { makePeriod, makeReport } from '../../test/fixtures'
import { coveredPeriodLabel, lastCompleteIndex, streamCards } from './stream-cards'

const week = (start: string, end: string, total: number) =>
  makePeriod({ start, end, velocity: { total, feature: total, defect: 0, risk: 0, debt: 0 } })

test('shows the last complete period, not the partial one in progress at the as-of time', () => {
  const report = {
    ...makeReport([
      week('2024-03-18T00:00:00Z', '2024-03-25T00:00:00Z', 4),
      week('2024-03-25T00:00:00Z', '2024-04-01T00:00:00Z', 6),
      { ...week('2024-04-01T00:00:00Z', '2024-04-08T00:00:00Z', 1), partial: true },
    ]),
    asOf: '2024-04-03T12:00:00Z',
  }
  expect(lastCompleteIndex(report)).toBe(1)
  const velocity = streamCards(report).find((c) => c.key === 'velocity')
  // The sparkline leaves the partial week out: without axes it would read as a fall.
  expect(velocity).toMatchObject({ value: 6, previous: 4, spark: [4, 6] })
  expect(coveredPeriodLabel(report)).toBe('2024-03-25 (last full week)')
})

test('says the cards cover a partial period when no period of the range is over', () => {
  const report = makeReport([
    { ...week('2024-04-01T00:00:00Z', '2024-04-08T00:00:00Z', 1), partial: true },
  ])
  expect(coveredPeriodLabel(report)).toBe('2024-04-01 (to date, partial)')
})

test('keeps null figures null when a metric cannot be computed', () => {
  const empty = makePeriod({ flowTime: null, flowEfficiency: { pooled: null, meanOfItems: null } })
  const cards = streamCards(makeReport([empty]))
  expect(cards.find((c) => c.key === 'flowTime')?.value).toBeNull()
  expect(cards.find((c) => c.key === 'efficiency')?.value).toBeNull()
  expect(cards.find((c) => c.key === 'flowTime')?.previous).toBeNull()
})
