import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { makeWorkItem } from '../testing/make-work-item'
import type { PathStep } from '../testing/make-work-item'
import { createFlowFixture } from '../testing/flow-fixture'
import { computeFlowMetricsReport } from './flow-metrics-report'
import type { WorkItemRecord } from '../model/work-item-record'
import { HISTORY_STATUSES } from './history-fixtures'

const STATUSES = HISTORY_STATUSES
const TYPES = ['Story', 'Bug', 'Vulnerability', 'Tech Debt', 'Sub-task']
const BASE = Date.UTC(2024, 0, 1)

const itemArb = fc.record({
  createdHours: fc.integer({ min: 0, max: 24 * 60 }),
  initialStatus: fc.constantFrom(...STATUSES),
  type: fc.constantFrom(...TYPES),
  steps: fc.array(
    fc.record({
      gapHours: fc.integer({ min: 0, max: 24 * 10 }),
      status: fc.constantFrom(...STATUSES),
      type: fc.option(fc.constantFrom(...TYPES)),
    }),
    { maxLength: 8 },
  ),
})

function toRecords(
  items: fc.Arbitrary<unknown> extends never
    ? never
    : ReturnType<typeof itemArb.generate>['value'][],
): WorkItemRecord[] {
  return items.map((item, n) => {
    let t = BASE + item.createdHours * 3_600_000
    const created = new Date(t).toISOString()
    const path: PathStep[] = item.steps.map((s) => {
      t += s.gapHours * 3_600_000
      const at = new Date(t).toISOString()
      return s.type ? [at, s.status, s.type] : [at, s.status]
    })
    return makeWorkItem({
      key: `P-${n}`,
      created,
      type: item.type,
      initialStatus: item.initialStatus,
      path,
    })
  })
}

const AS_OF = '2024-04-01T00:00:00Z'
const report = (records: WorkItemRecord[]) =>
  computeFlowMetricsReport(createFlowFixture(records, AS_OF), {
    from: '2024-01-01',
    to: '2024-04-01',
    period: 'week',
  })

describe('flow metrics properties', () => {
  test('load is never negative, efficiency is in [0, 1] and velocity by type sums to the total', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 40 }), (items) => {
        const result = report(toRecords(items))
        for (const p of [...result.periods, result.total]) {
          const v = p.velocity
          expect(v.feature + v.defect + v.risk + v.debt).toBe(v.total)
          if (p.flowLoad.average !== null) expect(p.flowLoad.average).toBeGreaterThanOrEqual(0)
          for (const n of Object.values(p.flowLoad.endByType ?? {}))
            expect(n).toBeGreaterThanOrEqual(0)
          for (const e of [p.flowEfficiency.pooled, p.flowEfficiency.meanOfItems]) {
            if (e !== null) expect(e >= 0 && e <= 1).toBe(true)
          }
          if (p.distribution.completed) {
            const sum = Object.values(p.distribution.completed).reduce((a, b) => a + b, 0)
            expect(sum).toBeCloseTo(1, 9)
          }
        }
      }),
      { numRuns: 60 },
    )
  })

  test('results are independent of the order of items and of changes', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 30 }),
        fc.integer(),
        (items, seed) => {
          const records = toRecords(items)
          const shuffled = [...records]
            .sort((a, b) => ((a.key.length * 31 + seed) % 7) - ((b.key.length * 17 + seed) % 5))
            .reverse()
            .map((r) => ({ ...r, changes: [...r.changes].reverse() }))
          const a = report(records)
          const b = report(shuffled)
          expect(b.periods).toEqual(a.periods)
          expect(b.total).toEqual(a.total)
        },
      ),
      { numRuns: 40 },
    )
  })
})
