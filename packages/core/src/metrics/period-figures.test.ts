import { describe, expect, test } from 'vitest'
import { computeFlowEfficiency, computeFlowEfficiencyByPeriod } from './flow-efficiency'
import { computeFlowVelocity, computeFlowVelocityByPeriod } from './flow-velocity'
import { computeFlowMetricsReport } from './flow-metrics-report'
import { randomHistories } from './history-fixtures'
import { createFlowFixture } from '../testing/flow-fixture'
import { makeWorkItem } from '../testing/make-work-item'
import { indexCompletions } from '../engine/completions'
import { selectItems } from '../engine/selection'
import { periodBoundaries } from '../time/periods'

describe('figures of every period at once', () => {
  const records = randomHistories(2000, 31, { startMs: Date.UTC(2024, 0, 1), spanDays: 60 })
  const input = createFlowFixture(records, '2024-03-15T00:00:00Z')
  const selection = selectItems(input.dataset, input.mapping)

  test('flow efficiency and velocity of each period and of all equal one call per range, to the bit', () => {
    for (const kind of ['day', 'week', 'month'] as const) {
      const periods = periodBoundaries({ from: '2024-01-01', to: '2024-04-01' }, kind, 'UTC')
      const index = indexCompletions(input.timelines, selection, periods)
      const efficiency = computeFlowEfficiencyByPeriod(input.timelines, index)
      const velocity = computeFlowVelocityByPeriod(input.timelines, index)
      for (let p = 0; p < index.periodCount; p++) {
        const range = { first: p, last: p + 1 }
        expect(efficiency.periods[p]).toStrictEqual(
          computeFlowEfficiency(input.timelines, index, range),
        )
        expect(velocity[p]).toStrictEqual(computeFlowVelocity(input.timelines, index, p))
      }
      expect(efficiency.total).toStrictEqual(
        computeFlowEfficiency(input.timelines, index, { first: 0, last: index.periodCount }),
      )
    }
  })
})

describe('report warnings', () => {
  const day = (d: number) => `2024-01-${String(d).padStart(2, '0')}T10:00:00Z`

  test('count the items behind each warning over the scope', () => {
    const records = [
      // two items straight from the backlog to done (flow time 0, no active time)
      makeWorkItem({ key: 'S-1', path: [[day(3), 'Done']] }),
      makeWorkItem({ key: 'S-2', path: [[day(4), 'Closed']] }),
      // one without any status history, still in the backlog
      makeWorkItem({ key: 'N-1' }),
      // one reopened completion with history
      makeWorkItem({
        key: 'R-1',
        path: [
          [day(2), 'In Progress'],
          [day(3), 'Done'],
          [day(4), 'In Progress'],
          [day(5), 'Done'],
        ],
      }),
    ]
    const input = createFlowFixture(records, '2024-01-20T00:00:00Z')
    const report = computeFlowMetricsReport(input, {
      from: '2024-01-01',
      to: '2024-01-15',
      period: 'week',
    })
    const flags = Array.from(input.timelines.quality).filter((bits) => bits !== 0).length
    const warnings = Object.fromEntries(report.warnings.map((w) => [w.code, w.message]))
    expect(warnings.FLOW_TIME_WITHOUT_HISTORY).toMatch(/^most completed items \(2 in scope\)/)
    expect(warnings.DATA_QUALITY).toMatch(new RegExp(`^${flags} of 4 items`))
    expect(flags).toBeGreaterThanOrEqual(2)
    expect(warnings.FLOW_EFFICIENCY_UNAVAILABLE).toBeUndefined()
  })

  test('say how many items have no history when flow efficiency is unavailable', () => {
    const records = [
      makeWorkItem({ key: 'S-1', path: [[day(3), 'Done']] }),
      makeWorkItem({ key: 'S-2', path: [[day(4), 'Done']] }),
      makeWorkItem({ key: 'N-1' }),
    ]
    const input = createFlowFixture(records, '2024-01-20T00:00:00Z')
    const report = computeFlowMetricsReport(input, {
      from: '2024-01-01',
      to: '2024-01-15',
      period: 'week',
    })
    const noHistory = Array.from(input.timelines.quality).filter((bits) => bits !== 0).length
    const unavailable = report.warnings.find((w) => w.code === 'FLOW_EFFICIENCY_UNAVAILABLE')
    expect(unavailable?.message).toContain(`(${noHistory} items in scope have no status history`)
    expect(noHistory).toBe(3)
  })
})
