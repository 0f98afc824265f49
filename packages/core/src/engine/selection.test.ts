import { describe, expect, test } from 'vitest'
import { selectItems, selectScope } from './selection'
import { createFlowFixture } from '../testing/flow-fixture'
import { makeWorkItem } from '../testing/make-work-item'

describe('selectItems', () => {
  const records = ['A', 'B', 'C'].map((key, n) =>
    makeWorkItem({ key, team: n === 1 ? 'ops' : 'web' }),
  )

  test('selects every item, ascending, for an empty scope, once per dataset', () => {
    const input = createFlowFixture(records, '2024-02-01T00:00:00Z')
    const all = selectItems(input.dataset, input.mapping)
    expect(Array.from(all)).toEqual([0, 1, 2])
    expect(selectItems(input.dataset, input.mapping, {})).toBe(all)
    const other = createFlowFixture(records.slice(0, 2), '2024-02-01T00:00:00Z')
    expect(Array.from(selectItems(other.dataset, other.mapping))).toEqual([0, 1])
  })

  test('selects no item for an empty list of value streams (a reader granted none)', () => {
    const input = createFlowFixture(records, '2024-02-01T00:00:00Z')
    expect(Array.from(selectItems(input.dataset, input.mapping, { valueStreams: [] }))).toEqual([])
  })

  test('selects the items of the teams asked for', () => {
    const input = createFlowFixture(records, '2024-02-01T00:00:00Z')
    expect(Array.from(selectItems(input.dataset, input.mapping, { teams: ['OPS'] }))).toEqual([1])
  })

  test('throws NOT_FOUND listing the known teams when a team is unknown', () => {
    const input = createFlowFixture(records, '2024-02-01T00:00:00Z')
    const select = () => selectItems(input.dataset, input.mapping, { teams: ['web', 'nosuchteam'] })
    expect(select).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(select).toThrow('unknown team "nosuchteam" (known: "ops", "web")')
  })

  test('selects the items whose Flow Item type now is one of the types asked for', () => {
    const typed = [
      makeWorkItem({ key: 'A', type: 'Story' }),
      makeWorkItem({ key: 'B', type: 'Bug' }),
      makeWorkItem({ key: 'C', type: 'Vulnerability' }),
    ]
    const input = createFlowFixture(typed, '2024-02-01T00:00:00Z')
    const select = (types: ('feature' | 'defect' | 'risk')[]) =>
      Array.from(selectScope(input, { types }))
    expect(select(['defect'])).toEqual([1])
    expect(select(['risk', 'feature'])).toEqual([0, 2])
    expect(() => selectItems(input.dataset, input.mapping, { types: ['defect'] })).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    )
  })
})
