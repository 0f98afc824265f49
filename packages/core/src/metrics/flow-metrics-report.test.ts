import { describe, expect, test } from 'vitest'
import { makeWorkItem, TEST_MAPPING } from '../testing/make-work-item'
import { createFlowFixture } from '../testing/flow-fixture'
import { computeFlowMetricsReport } from './flow-metrics-report'

const day = (d: number, h = 0) =>
  `2024-01-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`

// Hand-computed: see the comments next to each expectation.
const records = [
  makeWorkItem({
    key: 'A',
    type: 'Story',
    path: [
      [day(2), 'In Progress'],
      [day(5), 'Done'],
    ],
  }),
  makeWorkItem({
    key: 'B',
    type: 'Bug',
    path: [
      [day(3), 'Ready'],
      [day(4), 'In Progress'],
      [day(6, 12), 'Done'],
    ],
  }),
  makeWorkItem({
    key: 'C',
    type: 'Story',
    path: [
      [day(9), 'In Progress'],
      [day(10), "Won't Do"],
    ],
  }),
  makeWorkItem({ key: 'D', type: 'Vulnerability', path: [[day(5), 'In Progress']] }),
  makeWorkItem({
    key: 'E',
    type: 'Sub-task',
    path: [
      [day(2), 'In Progress'],
      [day(3), 'Done'],
    ],
  }),
]

function weeklyReport() {
  const input = createFlowFixture(records, '2024-02-01T00:00:00Z')
  return computeFlowMetricsReport(input, { from: '2024-01-01', to: '2024-01-15', period: 'week' })
}

describe('flow metrics report', () => {
  test('velocity counts each completed flow item once in the week of its end', () => {
    const [w1, w2] = weeklyReport().periods
    expect(w1!.velocity).toEqual({ total: 2, feature: 1, defect: 1, risk: 0, debt: 0 })
    expect(w2!.velocity.total).toBe(0)
  })

  test('flow time and lead time statistics use R-7 percentiles in days', () => {
    const w1 = weeklyReport().periods[0]!
    // flow times: A 3, B 3.5 (from Ready on the 3rd); lead times: A 4, B 5.5
    expect(w1.flowTime).toEqual({
      count: 2,
      mean: 3.25,
      p50: 3.25,
      p85: 3.425,
      p95: 3.475,
      max: 3.5,
    })
    expect(w1.leadTime!.p85).toBeCloseTo(5.275, 9)
    expect(w1.leadTime!.mean).toBe(4.75)
  })

  test('flow efficiency is pooled and the mean of item ratios', () => {
    const w1 = weeklyReport().periods[0]!
    // active: A 3 of 3, B 2.5 of 3.5
    expect(w1.flowEfficiency.pooled).toBeCloseTo(5.5 / 6.5, 12)
    expect(w1.flowEfficiency.meanOfItems).toBeCloseTo((1 + 2.5 / 3.5) / 2, 12)
  })

  test('flow load averages end-of-day samples and reports the period end by type', () => {
    const [w1, w2] = weeklyReport().periods
    // Jan 1..7 samples: 0, A, A+B, A+B, B+D, D, D = 9 / 7; end: D (risk)
    expect(w1!.flowLoad.average).toBeCloseTo(9 / 7, 12)
    expect(w1!.flowLoad.end).toBe(1)
    expect(w1!.flowLoad.endByType).toEqual({ feature: 0, defect: 0, risk: 1, debt: 0 })
    // Jan 8..14: D, C+D (C ends at midnight of the 10th: counts on the 9th), then D = 8 / 7
    expect(w2!.flowLoad.average).toBeCloseTo(8 / 7, 12)
  })

  test('an empty period has null figures, not zeros, and counts its cancellations', () => {
    const w2 = weeklyReport().periods[1]!
    expect(w2.flowTime).toBeNull()
    expect(w2.leadTime).toBeNull()
    expect(w2.flowEfficiency).toEqual({ pooled: null, meanOfItems: null })
    expect(w2.distribution.completed).toBeNull()
    expect(w2.distribution.inProgress).toEqual({ feature: 0, defect: 0, risk: 1, debt: 0 })
    expect(w2.canceled).toBe(1)
  })

  test('total covers the same fields over the whole range', () => {
    const report = weeklyReport()
    expect(report.total.velocity.total).toBe(2)
    expect(report.total.flowLoad.average).toBeCloseTo(17 / 14, 12)
    expect(report.total.start).toBe('2024-01-01T00:00:00Z')
    expect(report.total.end).toBe('2024-01-15T00:00:00Z')
  })

  test('a range starting mid-week reports the whole ISO week', () => {
    const input = createFlowFixture(records, '2024-02-01T00:00:00Z')
    const report = computeFlowMetricsReport(input, {
      from: '2024-01-03',
      to: '2024-01-04',
      period: 'week',
    })
    expect(report.periods.map((p) => p.start)).toEqual(['2024-01-01T00:00:00Z'])
  })

  test('a period not over at the as-of instant is partial, and so is the total that holds it', () => {
    const input = createFlowFixture(records, '2024-01-10T12:00:00Z')
    const report = computeFlowMetricsReport(input, {
      from: '2024-01-01',
      to: '2024-01-22',
      period: 'week',
    })
    // Weeks of 1, 8 and 15 January: the first ended before the 10th, the second holds it, the
    // third has not started.
    expect(report.periods.map((p) => p.partial)).toEqual([false, true, true])
    expect(report.total.partial).toBe(true)
    expect(weeklyReport().total.partial).toBe(false)
  })
})

describe('time zones', () => {
  const berlin = { ...TEST_MAPPING, timezone: 'Europe/Berlin' }
  const newYork = { ...TEST_MAPPING, timezone: 'America/New_York' }

  test('an item ending on the DST Sunday evening in Berlin counts in that ISO week', () => {
    const items = [
      makeWorkItem({
        key: 'IN',
        created: '2024-03-25T08:00:00Z',
        path: [
          ['2024-03-26T08:00:00Z', 'In Progress'],
          ['2024-03-31T21:30:00Z', 'Done'],
        ],
      }),
      makeWorkItem({
        key: 'OUT',
        created: '2024-03-25T08:00:00Z',
        path: [
          ['2024-03-26T08:00:00Z', 'In Progress'],
          ['2024-03-31T22:30:00Z', 'Done'],
        ],
      }),
    ]
    const input = createFlowFixture(items, '2024-05-01T00:00:00Z', berlin)
    const report = computeFlowMetricsReport(input, {
      from: '2024-03-25',
      to: '2024-04-08',
      period: 'week',
    })
    expect(report.periods.map((p) => [p.start, p.velocity.total])).toEqual([
      ['2024-03-25T00:00:00+01:00', 1],
      ['2024-04-01T00:00:00+02:00', 1],
    ])
    // the DST week is 167 hours long: its end is 22:00 UTC on Sunday
    expect(report.periods[0]!.end).toBe('2024-04-01T00:00:00+02:00')
  })

  test('an item ending late on the DST Sunday in New York counts in that week, not the next', () => {
    const items = [
      makeWorkItem({
        key: 'NY',
        created: '2024-03-04T15:00:00Z',
        path: [
          ['2024-03-05T15:00:00Z', 'In Progress'],
          ['2024-03-11T03:30:00Z', 'Done'],
        ],
      }),
    ]
    const input = createFlowFixture(items, '2024-05-01T00:00:00Z', newYork)
    const report = computeFlowMetricsReport(input, {
      from: '2024-03-04',
      to: '2024-03-18',
      period: 'week',
    })
    expect(report.periods.map((p) => p.velocity.total)).toEqual([1, 0])
    expect(report.periods[0]!.flowTime!.max).toBeCloseTo((5 * 24 + 12.5) / 24, 9)
  })

  test('daily load samples follow local midnights across the autumn DST change in Berlin', () => {
    // in progress from 2024-10-27 00:30 CEST (22:30Z on the 26th) to 2024-10-28 00:00 CET (23:00Z on the 27th)
    const items = [
      makeWorkItem({
        key: 'Z',
        created: '2024-10-20T08:00:00Z',
        path: [
          ['2024-10-26T22:30:00Z', 'In Progress'],
          ['2024-10-27T23:00:00Z', 'Done'],
        ],
      }),
    ]
    const input = createFlowFixture(items, '2024-12-01T00:00:00Z', berlin)
    const report = computeFlowMetricsReport(input, {
      from: '2024-10-26',
      to: '2024-10-29',
      period: 'day',
    })
    expect(report.periods.map((p) => p.flowLoad.end)).toEqual([0, 1, 0])
    expect(report.periods[1]!.end).toBe('2024-10-28T00:00:00+01:00')
  })
})
