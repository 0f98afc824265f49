import { describe, expect, test } from 'vitest'
import { listCompletionInstants } from './scope-forecasts'
import { selectItems } from './selection'
import { randomHistories } from '../metrics/history-fixtures'
import { createFlowFixture } from '../testing/flow-fixture'
import { STATE_DONE } from '../model/flow-vocabulary'

describe('listCompletionInstants', () => {
  test('lists the end of each completed Flow Item in selection order, and only those', () => {
    const records = randomHistories(2000, 41, { startMs: Date.UTC(2024, 0, 1), spanDays: 50 })
    const input = createFlowFixture(records, '2024-03-01T00:00:00Z')
    const { timelines } = input
    const all = selectItems(input.dataset, input.mapping)
    const expected = (selection: Uint32Array) =>
      Array.from(selection)
        .filter((i) => timelines.endState[i] === STATE_DONE && timelines.flowItem[i]! < 4)
        .map((i) => timelines.endMs[i]!)
    const first = listCompletionInstants(input, all)
    const odd = listCompletionInstants(
      input,
      all.filter((i) => i % 2 === 1),
    )
    expect(Array.from(first)).toEqual(expected(all))
    expect(Array.from(odd)).toEqual(expected(all.filter((i) => i % 2 === 1)))
    expect(first.length).toBeGreaterThan(odd.length)
    expect(first.buffer).not.toBe(odd.buffer)
  })
})
