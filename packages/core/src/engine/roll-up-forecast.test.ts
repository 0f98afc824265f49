import { describe, expect, test } from 'vitest'
import { makeWorkItem, TEST_MAPPING } from '../testing/make-work-item'
import { createFlowFixture, itemIndex } from '../testing/flow-fixture'
import type { FlowInput } from '../metrics/flow-metrics-report'
import { forecastThroughLinks } from './roll-up-forecast'
import type { DeliveryGraph } from './roll-up-forecast'

const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString()
const AS_OF = day(120)

/** 60 stories done over four months (flow times 2–11 days), a request, an epic and its stories. */
function fixture(): FlowInput {
  const history = Array.from({ length: 60 }, (_, n) =>
    makeWorkItem({
      key: `H-${n}`,
      created: day(n * 2),
      path: [
        [day(n * 2 + 0.5), 'In Progress'],
        [day(n * 2 + 2.5 + (n % 10)), 'Done'],
      ],
    }),
  )
  const work = [
    makeWorkItem({ key: 'REQ-1', type: 'Request', created: day(100) }),
    makeWorkItem({ key: 'REQ-2', type: 'Request', created: day(100) }),
    makeWorkItem({ key: 'EPIC-1', type: 'Sub-task', created: day(100) }),
    makeWorkItem({ key: 'S-1', created: day(101), path: [[day(119), 'In Progress']] }),
    makeWorkItem({ key: 'S-2', created: day(101) }),
    // In progress for 100 days: older than every completed story (flow times 2–11 days).
    makeWorkItem({ key: 'S-OLD', created: day(18), path: [[day(20), 'In Progress']] }),
    makeWorkItem({ key: 'S-OLD2', created: day(18), path: [[day(21), 'In Progress']] }),
    makeWorkItem({
      key: 'S-3',
      created: day(101),
      path: [
        [day(102), 'In Progress'],
        [day(105), 'Done'],
      ],
    }),
  ]
  const mapping = {
    ...TEST_MAPPING,
    flowItems: { ...TEST_MAPPING.flowItems, supporting: ['Sub-task', 'Request'] },
  }
  return createFlowFixture([...history, ...work], AS_OF, mapping)
}

function graph(input: FlowInput, edges: Record<string, string[]>): DeliveryGraph {
  const i = (key: string) => itemIndex(input, key)
  return new Map(Object.entries(edges).map(([from, to]) => [i(from), to.map(i)]))
}

describe('forecastThroughLinks', () => {
  test('a request waits on the open stories of the epic that delivers it, the critical one first', () => {
    const input = fixture()
    const delivery = graph(input, { 'REQ-1': ['EPIC-1'], 'EPIC-1': ['S-1', 'S-2', 'S-3'] })
    const result = forecastThroughLinks(input, { item: itemIndex(input, 'REQ-1'), delivery })
    if (result.kind !== 'forecast' || result.rollUp === null) throw new Error(result.kind)
    expect(result.basis).toBe('roll_up')
    const { items, critical, done } = result.rollUp
    expect(done).toBe(1)
    expect(items.map((w) => w.key).sort()).toEqual(['S-1', 'S-2'])
    expect(critical).toBe(`jira:${items[0]!.key}`)
    expect(items[0]!.criticalShare).toBeGreaterThanOrEqual(items[1]!.criticalShare)
    expect(items[0]!.criticalShare + items[1]!.criticalShare).toBeCloseTo(1, 10)
    // Done when the last is done: never before any of the items it waits on.
    const date85 = result.confidence.find((c) => c.level === 0.85)!.date
    for (const w of items) expect(date85 >= w.date85).toBe(true)
    expect(result.warnings).toEqual([])
  })

  test('says so when nothing delivering has started and forecasts from the queue', () => {
    const input = fixture()
    const delivery = graph(input, { 'REQ-1': ['S-2'] })
    const result = forecastThroughLinks(input, { item: itemIndex(input, 'REQ-1'), delivery })
    if (result.kind !== 'forecast') throw new Error(result.kind)
    expect(result.rollUp?.items.map((w) => w.basis)).toEqual(['not_started'])
    expect(result.warnings.map((w) => w.code)).toEqual(['nothing_started'])
  })

  test('names what to link when no delivering work is linked to a request', () => {
    const input = fixture()
    const result = forecastThroughLinks(input, {
      item: itemIndex(input, 'REQ-2'),
      delivery: new Map(),
    })
    expect(result).toMatchObject({
      kind: 'no_delivering_work',
      reason: expect.stringMatching(/^no delivering work is linked: link the epic, stories/),
    })
  })

  test('says what to link when the epic delivering a request has no stories yet', () => {
    const input = fixture()
    const result = forecastThroughLinks(input, {
      item: itemIndex(input, 'REQ-2'),
      delivery: graph(input, { 'REQ-2': ['EPIC-1'] }),
    })
    expect(result).toEqual({
      kind: 'no_delivering_work',
      reason:
        'no delivering work is linked below jira:EPIC-1: it has no open stories, bugs or other Flow Items yet; link or create the work that delivers it',
    })
  })

  test('leaves out an item older than its whole history, names it and dates the rest', () => {
    const input = fixture()
    const delivery = graph(input, { 'REQ-1': ['S-1', 'S-2', 'S-OLD'] })
    const result = forecastThroughLinks(input, { item: itemIndex(input, 'REQ-1'), delivery })
    if (result.kind !== 'forecast' || result.rollUp === null) throw new Error(result.kind)
    expect(result.rollUp.items.map((w) => w.key).sort()).toEqual(['S-1', 'S-2'])
    expect(result.rollUp.leftOut).toEqual([
      {
        source: 'jira',
        key: 'S-OLD',
        reason: expect.stringMatching(/took longer than jira:S-OLD so far/),
      },
    ])
    const warning = result.warnings.find((w) => w.code === 'left_out')
    expect(warning?.message).toMatch(
      /^the date leaves out 1 open item that history cannot forecast \(jira:S-OLD\)/,
    )
  })

  test('refuses when most open items cannot be forecast from their history', () => {
    const input = fixture()
    const delivery = graph(input, { 'REQ-1': ['S-1', 'S-OLD', 'S-OLD2'] })
    const result = forecastThroughLinks(input, { item: itemIndex(input, 'REQ-1'), delivery })
    expect(result).toMatchObject({
      kind: 'insufficient_data',
      reason: expect.stringMatching(/^2 of the 3 open items cannot be forecast from their history/),
    })
  })

  test('a story with nothing linked gets its own forecast', () => {
    const input = fixture()
    const result = forecastThroughLinks(input, {
      item: itemIndex(input, 'S-1'),
      delivery: new Map(),
    })
    expect(result).toMatchObject({ kind: 'forecast', basis: 'in_progress', rollUp: null })
  })
})
