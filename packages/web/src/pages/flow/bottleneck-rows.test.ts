import { expect, test } from 'vitest'
import type { AgingWipResponse } from '../../api/types'
import { makeTimeInState } from '../../test/fixtures'
import { bottleneckRows } from './bottleneck-rows'

const state = (
  status: string,
  flowState: 'waiting' | 'active' | 'new',
  waitShare: number | null,
) => ({
  status,
  source: 'jira',
  flowState,
  totalDays: 10,
  visits: 4,
  items: 3,
  visitDays: { mean: 2.5, p50: 2, p85: 4, p95: 5, max: 6 },
  shareOfFlowTime: 0.1,
  waitShare,
})

test('lists waiting states by wait share with the items waiting there now', () => {
  const tis = makeTimeInState([
    state('In Progress', 'active', null),
    state('Ready', 'waiting', 0.2),
    state('Review', 'waiting', 0.7),
  ])
  const item = (key: string, status: string, daysInStatus: number) => ({
    source: 'jira',
    key,
    title: null,
    url: null,
    flowItem: 'feature' as const,
    status,
    flowState: 'waiting' as const,
    ageDays: 10,
    daysInStatus,
    band: 'below_p50' as const,
  })
  const aging: AgingWipResponse = {
    ...tis,
    items: [item('A-1', 'Review', 2), item('A-2', 'Review', 4)],
    flowTime: null,
  }
  const rows = bottleneckRows(tis, aging)
  expect(rows.map((r) => [r.status, r.waitShare, r.waitingNow, r.meanDaysInStatusNow])).toEqual([
    ['Review', 0.7, 2, 3],
    ['Ready', 0.2, 0, null],
  ])
})
