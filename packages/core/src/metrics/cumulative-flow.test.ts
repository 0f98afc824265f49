import { describe, expect, test } from 'vitest'
import { makeWorkItem, TEST_MAPPING } from '../testing/make-work-item'
import { createFlowFixture } from '../testing/flow-fixture'
import { randomHistories } from './history-fixtures'
import type { FlowInput } from './flow-metrics-report'
import { computeCumulativeFlow } from './cumulative-flow'
import { selectItems } from '../engine/selection'
import { EVENT_STATUS } from '../model/event-kinds'
import { FLOW_STATES } from '../model/flow-vocabulary'
import { dayBoundaries } from '../time/periods'

/** Per flow state and day, by brute force: each item's state (by its own table) before midnight. */
function referenceByFlowState(input: FlowInput, days: Float64Array): number[][] {
  const { dataset, mapping, timelines } = input
  const out = FLOW_STATES.map(() => new Array<number>(days.length - 1).fill(0))
  for (let d = 0; d < days.length - 1; d++) {
    for (let i = 0; i < dataset.itemCount; i++) {
      if (!timelines.included[i] || !(dataset.createdMs[i]! < days[d + 1]!)) continue
      let status = dataset.initialStatus[i]!
      for (let e = dataset.eventOffset[i]!; e < dataset.eventOffset[i + 1]!; e++) {
        const at = dataset.eventAt[e]!
        if (!(at < days[d + 1]!) || at > timelines.asOfMs) break
        if (dataset.eventKind[e] === EVENT_STATUS) status = dataset.eventValue[e]!
      }
      out[mapping.stateTables[mapping.itemStateTable[i]!]![status]!]![d]!++
    }
  }
  return out
}

describe('cumulative flow with state rules', () => {
  test('counts flow states by each item’s own state table when a rule overrides states', () => {
    const path = (...steps: [string, string][]) =>
      steps.map(([day, s]) => [`2024-01-${day}T10:00:00Z`, s] as [string, string])
    const records = [
      makeWorkItem({
        key: 'A-1',
        team: 'ops',
        path: path(['02', 'Ready'], ['04', 'In Progress'], ['06', 'Done']),
      }),
      makeWorkItem({ key: 'A-2', team: 'ops', path: path(['03', 'Blocked'], ['05', 'In QA']) }),
      makeWorkItem({ key: 'A-3', path: path(['02', 'Ready'], ['03', 'Blocked'], ['07', 'Done']) }),
      makeWorkItem({ key: 'A-4', path: path(['04', 'In QA'], ['05', "Won't Do"]) }),
    ]
    const mapping = {
      ...TEST_MAPPING,
      rules: [
        {
          when: { team: 'ops' },
          states: { Ready: 'active', 'In QA': 'waiting', Done: 'canceled' } as const,
        },
      ],
    }
    const input = createFlowFixture(records, '2024-01-08T12:00:00Z', mapping)
    expect(new Set(input.mapping.itemStateTable).size).toBe(2)
    const days = dayBoundaries(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 11), 'UTC')
    const cfd = computeCumulativeFlow(input, selectItems(input.dataset, input.mapping), days)
    // Jan 1–8: the days begun by the as-of time, Jan 8 not over (sampled at noon)
    expect(cfd.days).toEqual(days.slice(0, 9))
    expect(cfd.lastDayPartial).toBe(true)
    expect(FLOW_STATES.map((s) => Array.from(cfd.byFlowState[s]))).toEqual(
      referenceByFlowState(input, cfd.days),
    )
    // A-1 is active in Ready (Jan 2–3) and In Progress (Jan 4–5); A-4 is active in In QA on Jan 4
    expect(Array.from(cfd.byFlowState.active)).toEqual([0, 1, 1, 2, 1, 0, 0, 0])
  })
})

/**
 * Per tool status and per flow state (by each item's own table) and day, by brute force: each Flow
 * Item's status just before midnight (supporting and ignored types left out).
 */
function referenceCounts(input: FlowInput, days: Float64Array) {
  const { dataset, mapping, timelines } = input
  const byStatus = new Map<number, number[]>()
  const byFlowState = FLOW_STATES.map(() => new Array<number>(days.length - 1).fill(0))
  for (let d = 0; d < days.length - 1; d++) {
    for (let i = 0; i < dataset.itemCount; i++) {
      if (!timelines.included[i] || timelines.flowItem[i]! >= 4) continue
      if (!(dataset.createdMs[i]! < days[d + 1]!)) continue
      let status = dataset.initialStatus[i]!
      for (let e = dataset.eventOffset[i]!; e < dataset.eventOffset[i + 1]!; e++) {
        const at = dataset.eventAt[e]!
        if (!(at < days[d + 1]!) || at > timelines.asOfMs) break
        if (dataset.eventKind[e] === EVENT_STATUS) status = dataset.eventValue[e]!
      }
      if (!byStatus.has(status)) byStatus.set(status, new Array<number>(days.length - 1).fill(0))
      byStatus.get(status)![d]!++
      byFlowState[mapping.stateTables[mapping.itemStateTable[i]!]![status]!]![d]!++
    }
  }
  return { byStatus, byFlowState }
}

describe('cumulative flow of random histories', () => {
  test('counts each status and flow state like a day-by-day count, with and without state rules', () => {
    const records = randomHistories(400, 11, { startMs: Date.UTC(2024, 0, 3), spanDays: 40 })
    const rules = [
      { when: { type: 'Bug' }, states: { Ready: 'active', Done: 'canceled' } as const },
    ]
    // Days from after the first creations to after the first as-of time; days after most items
    // have settled (their last change before the first day), also after an as-of time.
    const ranges = [
      [Date.UTC(2024, 0, 10), Date.UTC(2024, 2, 1)],
      [Date.UTC(2024, 2, 20), Date.UTC(2024, 4, 1)],
    ] as const
    for (const mapping of [TEST_MAPPING, { ...TEST_MAPPING, rules }]) {
      for (const [asOf, [fromMs, toMs]] of ['2024-01-20T12:00:00Z', '2024-04-01T00:00:00Z'].flatMap(
        (asOf) => ranges.map((range) => [asOf, range] as const),
      )) {
        const input = createFlowFixture(records, asOf, mapping)
        expect(new Set(input.mapping.itemStateTable).size).toBe(mapping.rules.length + 1)
        const days = dayBoundaries(fromMs, toMs, 'UTC')
        const cfd = computeCumulativeFlow(input, selectItems(input.dataset, input.mapping), days)
        // only the days begun by the as-of time, the last one flagged when it is not over
        const begun = days.filter((day, d) => d === 0 || days[d - 1]! < input.timelines.asOfMs)
        expect(cfd.days).toEqual(begun.length > 1 ? begun : days.slice(0, 1))
        const last = cfd.days.length - 1
        expect(cfd.lastDayPartial).toBe(last > 0 && cfd.days[last]! > input.timelines.asOfMs)
        const expected = referenceCounts(input, cfd.days)
        const zeros = new Array<number>(cfd.days.length - 1).fill(0)
        input.mapping.statusOrder.forEach((status, k) => {
          expect(Array.from(cfd.bands[k]!.counts)).toEqual(expected.byStatus.get(status) ?? zeros)
        })
        expect(FLOW_STATES.map((s) => Array.from(cfd.byFlowState[s]))).toEqual(expected.byFlowState)
      }
    }
  })
})
