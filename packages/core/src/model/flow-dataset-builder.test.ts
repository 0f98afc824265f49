import { describe, expect, test } from 'vitest'
import { createFlowDataset } from './flow-dataset'
import { makeWorkItem } from '../testing/make-work-item'
import type { PathStep } from '../testing/make-work-item'
import { unqualify } from './dictionary'

const STATUSES = ['Ready', 'In Progress', 'Awaiting QA', 'In QA', 'Done']

function records(count: number) {
  return Array.from({ length: count }, (_, n) => {
    const steps = n % STATUSES.length
    const path: PathStep[] = STATUSES.slice(0, steps).map((status, k) => [
      `2024-01-${String(2 + k).padStart(2, '0')}T00:00:00Z`,
      status,
    ])
    return makeWorkItem({ key: `B-${n}`, source: n % 3 === 0 ? 'github' : 'jira', path })
  })
}

describe('flow dataset builder', () => {
  test('keeps every item and event when the arrays grow many times', () => {
    const input = records(20_000)
    const dataset = createFlowDataset(input)
    expect(dataset.itemCount).toBe(20_000)
    expect(dataset.eventOffset).toHaveLength(20_001)
    expect(dataset.eventOffset[20_000]).toBe(dataset.eventAt.length)
    const total = input.reduce((sum, r) => sum + r.changes.length, 0)
    expect(dataset.eventAt.length).toBe(total)
    for (const i of [0, 1023, 1024, 2047, 2048, 2049, 4097, 19_999]) {
      const events = dataset.eventOffset[i + 1]! - dataset.eventOffset[i]!
      expect(events).toBe(input[i]!.changes.length)
      const last = dataset.eventOffset[i + 1]! - 1
      if (events > 0)
        expect(unqualify(dataset.statuses.valueOf(dataset.eventValue[last]!)).name).toBe(
          input[i]!.status,
        )
    }
  })

  test('interns statuses per source in order of first appearance', () => {
    const dataset = createFlowDataset(records(10))
    expect(dataset.statuses.values.slice(0, 3).map((v) => unqualify(v))).toEqual([
      { source: 'github', name: 'Backlog' },
      { source: 'jira', name: 'Backlog' },
      { source: 'jira', name: 'Ready' },
    ])
  })
})
