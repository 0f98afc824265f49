import { describe, expect, test } from 'vitest'
import { indexCompletions } from './completions'
import { selectItems } from './selection'
import { randomHistories } from '../metrics/history-fixtures'
import { createFlowFixture } from '../testing/flow-fixture'
import { findPeriodIndex, periodBoundaries } from '../time/periods'
import { STATE_CANCELED, STATE_DONE } from '../model/flow-vocabulary'
import type { Timelines } from './timelines'

/** The index the plain way: per period, the completed Flow Items in selection order. */
function reference(timelines: Timelines, selection: Uint32Array, boundaries: Float64Array) {
  const periodCount = boundaries.length - 1
  const items: number[][] = Array.from({ length: periodCount }, () => [])
  const canceled = new Array<number>(periodCount).fill(0)
  const reopened = new Array<number>(periodCount).fill(0)
  for (const i of selection) {
    const p = findPeriodIndex(boundaries, timelines.endMs[i]!)
    if (timelines.flowItem[i]! >= 4 || p < 0 || p >= periodCount) continue
    if (timelines.endState[i] === STATE_CANCELED && timelines.startMs[i] === timelines.startMs[i])
      canceled[p]!++
    if (timelines.endState[i] !== STATE_DONE) continue
    items[p]!.push(i)
    if (timelines.reopenCount[i]! > 0) reopened[p]!++
  }
  const offset = [0]
  for (const list of items) offset.push(offset[offset.length - 1]! + list.length)
  return { periodCount, offset, items: items.flat(), canceled, reopened }
}

describe('indexCompletions', () => {
  test('groups completions by the period of their end, with canceled and reopened counts', () => {
    const records = randomHistories(3000, 21, { startMs: Date.UTC(2024, 0, 1), spanDays: 70 })
    const input = createFlowFixture(records, '2024-03-10T12:00:00Z')
    const all = selectItems(input.dataset, input.mapping)
    const odd = all.filter((i) => i % 2 === 1)
    for (const kind of ['day', 'week', 'month', 'custom'] as const) {
      // a range that leaves out completions before and after it
      const boundaries = periodBoundaries({ from: '2024-01-20', to: '2024-03-01' }, kind, 'UTC')
      for (const selection of [all, odd]) {
        const index = indexCompletions(input.timelines, selection, boundaries)
        expect({
          periodCount: index.periodCount,
          offset: Array.from(index.offset),
          items: Array.from(index.items),
          canceled: Array.from(index.canceled),
          reopened: Array.from(index.reopened),
        }).toEqual(reference(input.timelines, selection, boundaries))
      }
    }
  })
})
