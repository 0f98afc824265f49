import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { makeWorkItem } from '../testing/make-work-item'
import { createFlowFixture, itemIndex } from '../testing/flow-fixture'
import type { FlowInput } from '../metrics/flow-metrics-report'
import { createDependencyPairs } from './dependency-links'
import { computeDependencyWaits } from './dependency-waits'

const DAY = 86_400_000
const at = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * DAY).toISOString()
const BOUNDS = Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 15), Date.UTC(2024, 0, 29))

/** Team A: `wait` waits (Blocked) days 2–10, blocked by B-1 (done day 6) and C-1 (done day 8). */
function fixture(): { input: FlowInput; groups: Int32Array } {
  const records = [
    makeWorkItem({
      key: 'A-1',
      team: 'A',
      path: [
        [at(1), 'In Progress'],
        [at(2), 'Blocked'],
        [at(10), 'In Progress'],
        [at(12), 'Done'],
      ],
    }),
    makeWorkItem({
      key: 'B-1',
      team: 'B',
      path: [
        [at(1), 'In Progress'],
        [at(6), 'Done'],
      ],
    }),
    makeWorkItem({
      key: 'C-1',
      team: 'C',
      path: [
        [at(1), 'In Progress'],
        [at(8), 'Done'],
      ],
    }),
    makeWorkItem({
      key: 'A-2',
      team: 'A',
      path: [
        [at(0), 'In Progress'],
        [at(9), 'Done'],
      ],
    }),
  ]
  const input = createFlowFixture(records, at(20))
  const groups = Int32Array.from(input.dataset.itemTeam)
  return { input, groups }
}

function pairsOf(input: FlowInput, links: [string, string, string][]) {
  const idx = (key: string) => itemIndex(input, key)
  return createDependencyPairs({
    from: Int32Array.from(links, ([from]) => idx(from)),
    to: Int32Array.from(links, ([, , to]) => idx(to)),
    types: links.map(([, type]) => type),
  })
}

describe('computeDependencyWaits', () => {
  test('splits a wait equally among the blockers open at each instant', () => {
    const { input, groups } = fixture()
    const pairs = pairsOf(input, [
      ['B-1', 'blocks', 'A-1'],
      ['A-1', 'is blocked by', 'C-1'],
      ['A-1', 'is blocked by', 'A-2'],
    ])
    const result = computeDependencyWaits(input, {
      pairs,
      itemGroup: groups,
      groupCount: input.dataset.teams.size,
      periods: BOUNDS,
    })
    // Days 2–6: B-1, C-1, A-2 open (4 d / 3 each); 6–8: C-1, A-2 (2 d / 2); 8–9: A-2 alone; 9–10: none.
    const a1 = itemIndex(input, 'A-1')
    expect(result.itemWaitingMs[a1]).toBe(8 * DAY)
    expect(result.itemAttributedMs[a1]! / DAY).toBeCloseTo(4 / 3 + 4 / 3 + 1, 9)
    expect(result.internalWaitMs / DAY).toBeCloseTo(4 / 3 + 1 + 1, 9)
    const names = result.edges.map((e) => [
      input.dataset.teams.valueOf(e.upstream),
      input.dataset.teams.valueOf(e.downstream),
      e.totalWaitMs / DAY,
      e.itemCount,
    ])
    expect(names[0]).toEqual(['C', 'A', expect.closeTo(4 / 3 + 1, 9), 1])
    expect(names[1]).toEqual(['B', 'A', expect.closeTo(4 / 3, 9), 1])
  })

  test('counts waits only inside the periods and splits them at period boundaries', () => {
    const { input, groups } = fixture()
    const pairs = pairsOf(input, [['B-1', 'blocks', 'A-1']])
    const periods = Float64Array.of(
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 0, 5),
      Date.UTC(2024, 0, 6),
    )
    const result = computeDependencyWaits(input, {
      pairs,
      itemGroup: groups,
      groupCount: input.dataset.teams.size,
      periods,
    })
    // Blocked from day 2 (3 January) until B-1 ends on day 6; the periods cover 1–6 January.
    expect(Array.from(result.edges[0]!.periodWaitMs, (ms) => ms / DAY)).toEqual([2, 1])
    expect(result.edges[0]!.totalWaitMs).toBe(3 * DAY)
  })

  test('gives no wait to an item that waits with every blocker already done', () => {
    const { input, groups } = fixture()
    const pairs = pairsOf(input, [['A-2', 'depends on', 'B-1']])
    const result = computeDependencyWaits(input, {
      pairs,
      itemGroup: groups,
      groupCount: input.dataset.teams.size,
      periods: BOUNDS,
    })
    expect(result.edges).toEqual([])
  })

  test('ignores links that are not dependencies and reads delivery both ways', () => {
    const { input } = fixture()
    const pairs = pairsOf(input, [
      ['A-1', 'relates to', 'B-1'],
      ['A-1', 'delivered_by', 'B-1'],
      ['C-1', 'implements', 'A-1'],
    ])
    const key = (i: number) => input.dataset.itemKey[i]
    expect(Array.from(pairs.dependent, key)).toEqual(['A-1', 'A-1'])
    expect(Array.from(pairs.blocker, key)).toEqual(['B-1', 'C-1'])
  })
})

const linkArb = fc.record({
  from: fc.nat({ max: 7 }),
  to: fc.nat({ max: 7 }),
  type: fc.constantFrom('blocks', 'is blocked by', 'depends on', 'relates to', 'implements'),
})
const itemArb = fc.record({
  team: fc.constantFrom('A', 'B', 'C'),
  steps: fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 6 }),
      status: fc.constantFrom('Ready', 'In Progress', 'Blocked', 'Backlog', 'Done'),
    }),
    { maxLength: 6 },
  ),
})

describe('createDependencyPairs', () => {
  test('a parent waits on its children; duplicates and self-links are dropped', () => {
    const pairs = createDependencyPairs(
      {
        from: Int32Array.of(0, 0, 2),
        to: Int32Array.of(1, 1, 2),
        types: ['is blocked by', 'Depends On', 'blocks'],
      },
      Int32Array.of(-1, -1, 0),
    )
    expect(Array.from(pairs.dependent)).toEqual([0, 0])
    expect(Array.from(pairs.blocker)).toEqual([1, 2])
  })
})

describe('computeDependencyWaits properties', () => {
  test('attributed wait never exceeds waiting time, sums agree, neither link nor item order matters', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 8, maxLength: 8 }),
        fc.array(linkArb, { maxLength: 20 }),
        (items, links) => {
          const records = items.map((item, n) => {
            let day = n % 3
            const path = item.steps.map((s) => [at((day += s.gap)), s.status] as const)
            return makeWorkItem({ key: `K-${n}`, team: item.team, created: at(n % 3), path })
          })
          const input = createFlowFixture(records, at(30))
          const groups = Int32Array.from(input.dataset.itemTeam)
          const run = (order: typeof links) =>
            computeDependencyWaits(input, {
              pairs: createDependencyPairs({
                from: Int32Array.from(order, (l) => l.from),
                to: Int32Array.from(order, (l) => l.to),
                types: order.map((l) => l.type),
              }),
              itemGroup: groups,
              groupCount: input.dataset.teams.size,
              periods: BOUNDS,
            })
          const result = run(links)
          for (let i = 0; i < 8; i++) {
            expect(result.itemAttributedMs[i]!).toBeLessThanOrEqual(result.itemWaitingMs[i]! + 1e-6)
          }
          const edges = result.edges.reduce((sum, e) => sum + e.totalWaitMs, 0)
          const items_ = result.itemAttributedMs.reduce((sum, ms) => sum + ms, 0)
          const pairs = result.pairWaitMs.reduce((sum, ms) => sum + ms, 0)
          expect(edges).toBeCloseTo(items_, 3)
          expect(pairs).toBeCloseTo(items_, 3)
          for (const e of result.edges) {
            const periods = e.periodWaitMs.reduce((sum, ms) => sum + ms, 0)
            expect(periods).toBeCloseTo(e.totalWaitMs, 3)
          }
          const reversed = run([...links].reverse())
          expect(reversed.edges).toEqual(result.edges)
          expect(reversed.pairWaitMs).toEqual(result.pairWaitMs)
          // the same items in the opposite order give the same edges (named by team)
          const flipped = createFlowFixture([...records].reverse(), at(30))
          const back = (i: number) => 7 - i
          const other = computeDependencyWaits(flipped, {
            pairs: createDependencyPairs({
              from: Int32Array.from(links, (l) => back(l.from)),
              to: Int32Array.from(links, (l) => back(l.to)),
              types: links.map((l) => l.type),
            }),
            itemGroup: Int32Array.from(flipped.dataset.itemTeam),
            groupCount: flipped.dataset.teams.size,
            periods: BOUNDS,
          })
          const named = (r: typeof result, ds: typeof input.dataset) =>
            r.edges
              .map(
                (e) =>
                  `${ds.teams.valueOf(e.upstream)}>${ds.teams.valueOf(e.downstream)}:${(e.totalWaitMs / 1000).toFixed(3)}`,
              )
              .sort()
          expect(named(other, flipped.dataset)).toEqual(named(result, input.dataset))
        },
      ),
      { numRuns: 150 },
    )
  })
})
