import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { makeWorkItem } from '../testing/make-work-item'
import type { PathStep } from '../testing/make-work-item'
import { createFlowFixture } from '../testing/flow-fixture'
import type { FlowInput } from './flow-metrics-report'
import { computeDailyLoad } from './daily-load'
import { selectItems } from '../engine/selection'
import { flowItemOf } from '../engine/timelines'
import { EVENT_STATUS } from '../model/event-kinds'
import { dayBoundaries } from '../time/periods'
import { STATE_ACTIVE, STATE_CANCELED, STATE_DONE, STATE_WAITING } from '../model/flow-vocabulary'

const STATUSES = ['Backlog', 'Ready', 'In Progress', 'Awaiting QA', 'Done', 'Closed', "Won't Do"]
const TYPES = ['Story', 'Bug', 'Vulnerability', 'Tech Debt', 'Sub-task']
const BASE = Date.UTC(2024, 0, 1)
const HOUR_MS = 3_600_000

const itemArb = fc.record({
  createdHours: fc.integer({ min: 0, max: 24 * 20 }),
  initialStatus: fc.constantFrom(...STATUSES),
  type: fc.constantFrom(...TYPES),
  steps: fc.array(
    fc.record({
      gapHours: fc.constantFrom(0, 1, 12, 24, 30, 48),
      status: fc.constantFrom(...STATUSES),
      type: fc.option(fc.constantFrom(...TYPES), { freq: 4 }),
    }),
    { maxLength: 6 },
  ),
})

function fixture(
  items: fc.Arbitrary<unknown>[] | (typeof itemArb extends fc.Arbitrary<infer T> ? T : never)[],
  asOf: string,
): FlowInput {
  const records = (items as (typeof itemArb extends fc.Arbitrary<infer T> ? T : never)[]).map(
    (item, n) => {
      let t = BASE + item.createdHours * HOUR_MS
      const path: PathStep[] = item.steps.map((s) => {
        t += s.gapHours * HOUR_MS
        const at = new Date(t).toISOString()
        return s.type ? [at, s.status, s.type] : [at, s.status]
      })
      const created = new Date(BASE + item.createdHours * HOUR_MS).toISOString()
      return makeWorkItem({
        key: `L-${n}`,
        created,
        type: item.type,
        initialStatus: item.initialStatus,
        path,
      })
    },
  )
  return createFlowFixture(records, asOf)
}

/** The load of day `d` by brute force: each item's state just before the midnight ending it. */
function referenceLoad(input: FlowInput, days: Float64Array): Int32Array[] {
  const { dataset, mapping, timelines } = input
  const out = [0, 1, 2, 3].map(() => new Int32Array(days.length - 1))
  for (let d = 0; d < days.length - 1; d++) {
    for (let i = 0; i < dataset.itemCount; i++) {
      if (!timelines.included[i] || !(dataset.createdMs[i]! < days[d + 1]!)) continue
      const table = mapping.stateTables[mapping.itemStateTable[i]!]!
      let state = table[dataset.initialStatus[i]!]!
      let type = dataset.initialType[i]!
      let started = state === STATE_WAITING || state === STATE_ACTIVE
      for (let e = dataset.eventOffset[i]!; e < dataset.eventOffset[i + 1]!; e++) {
        const at = dataset.eventAt[e]!
        if (!(at < days[d + 1]!) || at > timelines.asOfMs) break
        if (dataset.eventKind[e] === EVENT_STATUS) {
          state = table[dataset.eventValue[e]!]!
          started ||= state === STATE_WAITING || state === STATE_ACTIVE
        } else type = dataset.eventValue[e]!
      }
      const flowItem = flowItemOf(mapping, i, type)
      if (started && state !== STATE_DONE && state !== STATE_CANCELED && flowItem < 4)
        out[flowItem]![d]!++
    }
  }
  return out
}

describe('computeDailyLoad', () => {
  test('counts each item in its state just before each midnight, for any histories', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 25 }),
        fc.constantFrom('2024-01-10T00:00:00Z', '2024-01-15T13:00:00Z', '2024-03-01T00:00:00Z'),
        (items, asOf) => {
          const input = fixture(items, asOf)
          const days = dayBoundaries(BASE, BASE + 40 * 24 * HOUR_MS, 'UTC')
          const load = computeDailyLoad(input, selectItems(input.dataset, input.mapping), days)
          expect(load.byType.map((row) => Array.from(row))).toEqual(
            referenceLoad(input, days).map((row) => Array.from(row)),
          )
        },
      ),
      { numRuns: 150 },
    )
  })
})
