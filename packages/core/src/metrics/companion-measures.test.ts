import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '../testing/make-work-item'
import { createFlowFixture } from '../testing/flow-fixture'
import { selectItems } from '../engine/selection'
import { indexCompletions } from '../engine/completions'
import { periodBoundaries, dayBoundaries } from '../time/periods'
import { computeCumulativeFlow } from './cumulative-flow'
import { computeTimeInState } from './time-in-state'
import { computeAgingWip } from './aging-wip'
import { computeDailyFlow } from './daily-flow'
import { computeDataQuality } from './data-quality'
import { checkLittlesLaw } from './littles-law'

const day = (d: number, h = 0) =>
  `2024-01-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`

const records = [
  // A: waits 1 day in Ready, 2 days active, 1 day Awaiting QA, 1 day In QA
  makeWorkItem({
    key: 'A',
    path: [
      [day(2), 'Ready'],
      [day(3), 'In Progress'],
      [day(5), 'Awaiting QA'],
      [day(6), 'In QA'],
      [day(7), 'Done'],
    ],
  }),
  // B: waits 3 days in Awaiting QA, visits In Progress twice (1 + 1 days), back in Backlog 1 day
  makeWorkItem({
    key: 'B',
    path: [
      [day(2), 'In Progress'],
      [day(3), 'Backlog'],
      [day(4), 'In Progress'],
      [day(5), 'Awaiting QA'],
      [day(8), 'Done'],
    ],
  }),
  // C: still in progress since the 6th
  makeWorkItem({ key: 'C', path: [[day(6), 'In Progress']] }),
  // D: in the backlog
  makeWorkItem({ key: 'D' }),
]
const asOf = '2024-01-10T00:00:00Z'

function fixture() {
  const input = createFlowFixture(records, asOf)
  const selection = selectItems(input.dataset, input.mapping)
  const weeks = periodBoundaries({ from: '2024-01-01', to: '2024-01-15' }, 'week', 'UTC')
  return { input, selection, index: indexCompletions(input.timelines, selection, weeks), weeks }
}

describe('time in state', () => {
  test('per-state totals, visits and wait shares of completed items', () => {
    const { input, index } = fixture()
    const result = computeTimeInState(input, index, { first: 0, last: 2 })
    const byName = Object.fromEntries(result.states.map((s) => [s.status, s]))
    expect(result.completedItems).toBe(2)
    expect(result.flowDays).toBe(11)
    expect(byName['In Progress']).toMatchObject({
      totalDays: 4,
      visits: 3,
      items: 2,
      waitShare: null,
    })
    // waiting: Ready 1 + Awaiting QA 1 + 3 + Backlog after start 1 = 6 days
    expect(byName['Awaiting QA']!.waitShare).toBeCloseTo(4 / 6, 12)
    expect(byName['Ready']!.waitShare).toBeCloseTo(1 / 6, 12)
    expect(byName['Backlog']).toMatchObject({ totalDays: 1, flowState: 'new' })
    expect(byName['Backlog']!.waitShare).toBeCloseTo(1 / 6, 12)
    expect(result.flowStates.active.totalDays).toBe(5)
    expect(result.flowStates.waiting.share).toBeCloseTo(5 / 11, 12)
  })
})

describe('cumulative flow', () => {
  test('counts items per state at the end of each day in workflow order', () => {
    const { input, selection } = fixture()
    const days = dayBoundaries(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 11), 'UTC')
    const cfd = computeCumulativeFlow(input, selection, days)
    expect(cfd.bands.map((b) => b.status)).toEqual([
      'Backlog',
      'Ready',
      'Awaiting QA',
      'In Progress',
      'In QA',
      'Done',
    ])
    // Jan 1–9: the days begun by the as-of time (Jan 10, midnight); Jan 9 ends exactly then
    expect(Array.from(cfd.byFlowState.done)).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 2])
    expect(cfd.days).toEqual(days.slice(0, 10))
    expect(cfd.lastDayPartial).toBe(false)
    const backlog = cfd.bands[0]!.counts
    // Jan 1: all 4 in Backlog; Jan 2: A Ready, B In Progress -> C, D; Jan 3: B back -> B, C, D
    expect(Array.from(backlog.slice(0, 3))).toEqual([4, 2, 3])
    // Jan 6: A in QA until midnight plus C; then only C
    expect(Array.from(cfd.byFlowState.active.slice(5))).toEqual([2, 1, 1, 1])
  })
})

describe('aging work in progress', () => {
  test('lists items in progress oldest first with their age and band', () => {
    const { input, selection } = fixture()
    const aging = computeAgingWip(input, selection, {
      count: 2,
      mean: 5.5,
      p50: 3,
      p85: 5,
      p95: 6,
      max: 6,
    })
    expect(aging.items.map((i) => [i.key, i.ageDays, i.status, i.band])).toEqual([
      ['C', 4, 'In Progress', 'p50_p85'],
    ])
    expect(aging.items[0]!.daysInStatus).toBe(4)
  })
})

describe('daily throughput and arrivals', () => {
  test('counts completions by end day and starts by start day', () => {
    const { input, selection } = fixture()
    const days = dayBoundaries(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 9), 'UTC')
    const flow = computeDailyFlow(input.timelines, selection, days)
    expect(Array.from(flow.arrivals)).toEqual([0, 2, 0, 0, 0, 1, 0, 0])
    expect(Array.from(flow.throughput)).toEqual([0, 0, 0, 0, 0, 0, 1, 1])
  })
})

describe('data quality', () => {
  test('reports items with findings and the rule applied', () => {
    const skip = makeWorkItem({ key: 'Q', path: [[day(3), 'Done']] })
    const input = createFlowFixture([...records, skip], asOf)
    const report = computeDataQuality(input, selectItems(input.dataset, input.mapping))
    const doneWithoutStart = report.findings.find((f) => f.flag === 'done_without_start')
    expect(doneWithoutStart?.items).toBe(1)
    expect(report.items.find((i) => i.key === 'Q')?.flags).toContain('done_without_start')
  })
})

describe("little's law", () => {
  test('flags a divergence over 25% with reasons', () => {
    const check = checkLittlesLaw({
      averageLoad: 10,
      completed: 10,
      sampledDays: 10,
      meanFlowTimeDays: 5,
      canceled: 2,
      loadAtStart: 4,
      loadAtEnd: 16,
    })
    expect(check.kind).toBe('check')
    if (check.kind !== 'check') return
    expect(check.predictedFlowTimeDays).toBe(10)
    expect(check.divergence).toBe(1)
    expect(check.reasons.join(' ')).toMatch(/not a steady state.*canceled/)
  })

  test('does not flag a consistent system', () => {
    const check = checkLittlesLaw({
      averageLoad: 5,
      completed: 10,
      sampledDays: 10,
      meanFlowTimeDays: 5.5,
      canceled: 0,
      loadAtStart: 5,
      loadAtEnd: 5,
    })
    expect(check.kind === 'check' && check.flagged).toBe(false)
  })

  test('refuses without completions', () => {
    const check = checkLittlesLaw({
      averageLoad: 5,
      completed: 0,
      sampledDays: 10,
      meanFlowTimeDays: null,
      canceled: 0,
      loadAtStart: 5,
      loadAtEnd: 5,
    })
    expect(check.kind).toBe('insufficient_data')
  })
})
