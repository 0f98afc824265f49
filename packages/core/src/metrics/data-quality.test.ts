import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '../testing/make-work-item'
import { at, finished } from '../testing/finished-items'
import { createFlowFixture } from '../testing/flow-fixture'
import { selectItems } from '../engine/selection'
import { computeDataQuality, findBulkCloses } from './data-quality'

function reportOf(records: ReturnType<typeof makeWorkItem>[]) {
  const input = createFlowFixture(records, '2024-03-01T00:00:00Z')
  const selection = selectItems(input.dataset, input.mapping)
  return { input, selection, report: computeDataQuality(input, selection) }
}

describe('bulk closes', () => {
  // a normal pace: 2 items a day for 20 days
  const normal = Array.from({ length: 20 }, (_, d) =>
    finished(`N${d}`, 2, [Date.parse(at(2 + d)), 3_600_000]),
  ).flat()

  test('flags a burst of completions each within a minute of the previous, beyond the daily median', () => {
    const burst = finished('B', 12, [Date.parse(at(25)), 20_000])
    const { report } = reportOf([...normal, ...burst])
    expect(report.findings.find((f) => f.flag === 'bulk_close')?.items).toBe(12)
    const flagged = report.items.filter((i) => i.flags.includes('bulk_close')).map((i) => i.key)
    expect(flagged.sort()).toEqual(burst.map((r) => r.key).sort())
  })

  test('does not flag a burst smaller than ten items, nor completions spread over the day', () => {
    const small = finished('S', 9, [Date.parse(at(25)), 1_000])
    const spread = finished('P', 30, [Date.parse(at(26)), 120_000])
    const { input, selection } = reportOf([...normal, ...small, ...spread])
    expect(findBulkCloses(input.timelines, selection).size).toBe(0)
  })

  test('needs at least the median daily completions when a team finishes many items a day', () => {
    const busy = Array.from({ length: 10 }, (_, d) =>
      finished(`D${d}`, 40, [Date.parse(at(2 + d)), 300_000]),
    ).flat()
    const burst = finished('B', 30, [Date.parse(at(20)), 10_000])
    const { input, selection } = reportOf([...busy, ...burst])
    expect(findBulkCloses(input.timelines, selection).size).toBe(0)
    const bigger = finished('C', 45, [Date.parse(at(21)), 10_000])
    const again = reportOf([...busy, ...bigger])
    expect(findBulkCloses(again.input.timelines, again.selection).size).toBe(45)
  })
})

describe('closed without resolution', () => {
  test('flags an item done since its creation with no status change', () => {
    const closed = makeWorkItem({ key: 'X', initialStatus: 'Done', path: [] })
    const open = makeWorkItem({ key: 'Y', initialStatus: 'Backlog', path: [] })
    const { report } = reportOf([closed, open])
    expect(report.items).toEqual([
      {
        key: 'X',
        source: 'jira',
        flags: ['done_without_start', 'no_status_history', 'closed_without_resolution'],
      },
      { key: 'Y', source: 'jira', flags: ['no_status_history'] },
    ])
  })
})
