import type { WorkItemRecord } from '../model/work-item-record'
import { describe, expect, test } from 'vitest'
import type { FlowInput } from './flow-metrics-report'
import type { TimeInState } from './time-in-state'
import { computeTimeInState } from './time-in-state'
import { visitWalkCounts } from './visit-sums'
import { randomHistories } from './history-fixtures'
import { createFlowFixture } from '../testing/flow-fixture'
import { makeWorkItem } from '../testing/make-work-item'
import { selectItems } from '../engine/selection'
import type { CompletionIndex } from '../engine/completions'
import { indexCompletions } from '../engine/completions'
import { walkStatusStretches } from '../engine/status-walk'
import { periodBoundaries } from '../time/periods'
import { summarizeUnsorted } from '../stats/percentile'
import { unqualify } from '../model/dictionary'
import { FLOW_STATES, STATE_NEW, STATE_WAITING } from '../model/flow-vocabulary'
import { MS_PER_DAY } from '../time/instant'

/**
 * Time in state the plain way: every visit of every completed item kept per status, in walk
 * order, and summarised by selection (the definition the bucketed two-walk computation must match
 * to the bit).
 */
function reference(
  input: FlowInput,
  index: CompletionIndex,
  range: { first: number; last: number },
): TimeInState {
  const { dataset, mapping, timelines } = input
  const visits = new Map<number, { ms: number[]; items: Set<number> }>()
  const byFlow = new Float64Array(5)
  let flowMs = 0
  for (let k = index.offset[range.first]!; k < index.offset[range.last]!; k++) {
    const i = index.items[k]!
    const start = timelines.startMs[i]!
    const end = timelines.endMs[i]!
    const table = mapping.stateTables[mapping.itemStateTable[i]!]!
    flowMs += end - start
    const walk = { dataset, item: i, asOfMs: timelines.asOfMs, openEndMs: end }
    walkStatusStretches(walk, (status, from, to) => {
      const ms = Math.min(to, end) - Math.max(from, start)
      if (!(ms > 0)) return
      const entry = visits.get(status) ?? { ms: [], items: new Set() }
      entry.ms.push(ms)
      entry.items.add(i)
      visits.set(status, entry)
      byFlow[table[status]!]! += ms
    })
  }
  const waitMs = byFlow[STATE_WAITING]! + byFlow[STATE_NEW]!
  const share = (ms: number, of: number) => (of > 0 ? ms / of : null)
  const states = [...mapping.statusOrder]
    .filter((status) => visits.has(status))
    .map((status) => {
      const { ms, items } = visits.get(status)!
      const total = ms.reduce((a, b) => a + b, 0)
      const stats = summarizeUnsorted(Float64Array.from(ms, (v) => v / MS_PER_DAY))!
      const flowState = mapping.stateTables[0]![status]!
      const { source, name } = unqualify(dataset.statuses.valueOf(status))
      return {
        status: name,
        source,
        flowState: FLOW_STATES[flowState]!,
        totalDays: total / MS_PER_DAY,
        visits: ms.length,
        items: items.size,
        visitDays: {
          mean: stats.mean,
          p50: stats.p50,
          p85: stats.p85,
          p95: stats.p95,
          max: stats.max,
        },
        shareOfFlowTime: share(total, flowMs),
        waitShare:
          flowState === STATE_WAITING || flowState === STATE_NEW ? share(total, waitMs) : null,
      }
    })
  const flowState = (s: number) => ({
    totalDays: byFlow[s]! / MS_PER_DAY,
    share: share(byFlow[s]!, flowMs),
  })
  return {
    completedItems: index.offset[range.last]! - index.offset[range.first]!,
    flowDays: flowMs / MS_PER_DAY,
    states,
    flowStates: { new: flowState(0), waiting: flowState(1), active: flowState(2) },
  }
}

describe('computeTimeInState', () => {
  test('equals keeping every visit, to the bit, for random histories of any size', () => {
    const startMs = Date.UTC(2024, 0, 1)
    for (const [count, seed] of [
      [0, 1],
      [1, 2],
      [40, 3],
      [700, 4],
      [6000, 5],
    ] as const) {
      const records = randomHistories(count, seed, { startMs, spanDays: 80 })
      const input = createFlowFixture(records, '2024-03-20T00:00:00Z')
      const selection = selectItems(input.dataset, input.mapping)
      for (const kind of ['month', 'custom'] as const) {
        const periods = periodBoundaries({ from: '2024-01-01', to: '2024-04-01' }, kind, 'UTC')
        const index = indexCompletions(input.timelines, selection, periods)
        for (const range of [
          { first: 0, last: index.periodCount },
          { first: index.periodCount - 1, last: index.periodCount },
        ]) {
          expect(computeTimeInState(input, index, range)).toStrictEqual(
            reference(input, index, range),
          )
        }
      }
    }
  })

  test('finds the percentiles when every visit of a state lasts as long (one bucket)', () => {
    const startMs = Date.UTC(2024, 0, 1)
    const records = randomHistories(3000, 9, { startMs, spanDays: 30, maxSteps: 3 }).map(
      (record, n) => ({
        ...record,
        created: new Date(startMs + n * 60_000).toISOString(),
        changes: [
          {
            at: new Date(startMs + n * 60_000 + 3_600_000).toISOString(),
            field: 'status' as const,
            from: 'Ready',
            to: 'In Progress',
          },
          {
            at: new Date(startMs + n * 60_000 + 5 * 3_600_000).toISOString(),
            field: 'status' as const,
            from: 'In Progress',
            to: 'Done',
          },
        ],
        type: 'Story',
        status: 'Done',
      }),
    )
    const { input, index } = completedBetween(records, '2024-01-01', '2024-03-01')
    const result = computeTimeInState(input, index, { first: 0, last: 1 })
    expect(result).toStrictEqual(reference(input, index, { first: 0, last: 1 }))
    const inProgress = result.states.find((s) => s.status === 'In Progress')!
    expect(inProgress.visits).toBe(3000)
    expect(inProgress.visitDays).toMatchObject({
      p50: 4 / 24,
      p85: 4 / 24,
      p95: 4 / 24,
      max: 4 / 24,
    })
    expect(inProgress.visitDays!.mean).toBeCloseTo(4 / 24, 12)
  })

  /** The fixture of `records` as of `to`, and its items completed in [from, to) as one range. */
  function completedBetween(records: WorkItemRecord[], from: string, to: string) {
    const input = createFlowFixture(records, `${to}T00:00:00Z`)
    const periods = periodBoundaries({ from, to }, 'custom', 'UTC')
    const selection = selectItems(input.dataset, input.mapping)
    return { input, index: indexCompletions(input.timelines, selection, periods) }
  }

  test('finds the visits near the percentiles in one walk when the sample tells their buckets', () => {
    const records = randomHistories(30000, 7, { startMs: Date.UTC(2024, 0, 1), spanDays: 60 })
    const { input, index } = completedBetween(records, '2024-01-01', '2024-04-01')
    expect(index.items.length).toBeGreaterThan(4096)
    const before = { ...visitWalkCounts }
    const result = computeTimeInState(input, index, { first: 0, last: 1 })
    expect(visitWalkCounts).toEqual({ full: before.full + 1, sampled: before.sampled + 1 })
    expect(result).toStrictEqual(reference(input, index, { first: 0, last: 1 }))
  })

  test('walks again, with the same figures, when the sample misleads', () => {
    // every 16th item (the sample) spends an hour in progress, the others ten days
    const startMs = Date.UTC(2024, 0, 1)
    const at = (ms: number) => new Date(ms).toISOString()
    const records = Array.from({ length: 8000 }, (_, n) => {
      const created = startMs + n * 60_000
      const active = n % 16 === 0 ? 3_600_000 : 10 * 86_400_000
      return makeWorkItem({
        key: `M-${n}`,
        created: at(created),
        initialStatus: 'Ready',
        path: [
          [at(created + 60_000), 'In Progress'],
          [at(created + 60_000 + active), 'Done'],
        ],
      })
    })
    const { input, index } = completedBetween(records, '2024-01-01', '2024-03-01')
    expect(index.items.length).toBe(8000)
    const before = { ...visitWalkCounts }
    const result = computeTimeInState(input, index, { first: 0, last: 1 })
    expect(visitWalkCounts).toEqual({ full: before.full + 2, sampled: before.sampled + 1 })
    expect(result).toStrictEqual(reference(input, index, { first: 0, last: 1 }))
    expect(result.states.find((s) => s.status === 'In Progress')!.visitDays!.p50).toBe(10)
  })
})
