import { describe, expect, it } from 'vitest'
import { createFlowDataset } from '../model/flow-dataset'
import { makeWorkItem } from '../testing/make-work-item'
import { countItemsWithoutStatusHistory, latestDataInstant } from './history-coverage'

describe('countItemsWithoutStatusHistory', () => {
  const dataset = createFlowDataset([
    // created and resolved only: one change at the resolved date
    makeWorkItem({ key: 'A', path: [['2024-01-09T00:00:00Z', 'Done']] }),
    // no change at all
    makeWorkItem({ key: 'B', status: 'Done' }),
    // a real history: through In Progress
    makeWorkItem({
      key: 'C',
      path: [
        ['2024-01-02T00:00:00Z', 'In Progress'],
        ['2024-01-05T00:00:00Z', 'Done'],
      ],
    }),
    // type changes are not status history
    makeWorkItem({
      key: 'D',
      path: [
        ['2024-01-02T00:00:00Z', 'Backlog', 'Bug'],
        ['2024-01-06T00:00:00Z', 'Done'],
      ],
    }),
  ])
  const index = (key: string) => dataset.itemKey.indexOf(key)

  it('counts items with at most one status change, type changes aside', () => {
    expect(countItemsWithoutStatusHistory(dataset, [0, 1, 2, 3])).toBe(3)
    expect(countItemsWithoutStatusHistory(dataset, [index('C')])).toBe(0)
    expect(countItemsWithoutStatusHistory(dataset, new Uint32Array([index('A'), index('D')]))).toBe(
      2,
    )
    expect(countItemsWithoutStatusHistory(dataset, [])).toBe(0)
  })

  it('finds the latest creation, resolution or change', () => {
    expect(new Date(latestDataInstant(dataset)).toISOString()).toBe('2024-01-09T00:00:00.000Z')
    const resolvedLater = createFlowDataset([
      makeWorkItem({ status: 'Done', resolved: '2024-03-01T12:00:00Z' }),
    ])
    expect(new Date(latestDataInstant(resolvedLater)).toISOString()).toBe(
      '2024-03-01T12:00:00.000Z',
    )
    expect(latestDataInstant(createFlowDataset([]))).toBeNaN()
  })
})
