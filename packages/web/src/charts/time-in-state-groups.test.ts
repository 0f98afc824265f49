import { expect, test } from 'vitest'
import type { TimeInStateResponse } from '../api/types'
import { largestShare, shareAxisMax, timeInStateGroups } from './time-in-state-groups'

const state = ([source, status, flowState]: [string, string, string], share: number) => ({
  source,
  status,
  flowState,
  totalDays: share * 100,
  visits: 1,
  items: 1,
  visitDays: null,
  shareOfFlowTime: share,
  waitShare: flowState === 'waiting' ? share * 2 : null,
})

const data = {
  flowStates: {
    new: { totalDays: 0, share: 0 },
    waiting: { totalDays: 30, share: 0.3 },
    active: { totalDays: 60, share: 0.6 },
  },
  states: [
    state(['github', 'in progress', 'active'], 0.1),
    state(['jira', 'Done', 'done'], 0.1),
    state(['jira', 'Awaiting QA', 'waiting'], 0.3),
    state(['jira', 'In Progress', 'active'], 0.27),
  ],
} as unknown as TimeInStateResponse

test('groups tool states under their flow state with the source of each, done left out', () => {
  const rows = timeInStateGroups(data)
  expect(
    rows.map((r) =>
      r.kind === 'group' ? `# ${r.flowState} ${r.share}` : `${r.state.status} (${r.state.source})`,
    ),
  ).toEqual([
    '# waiting 0.3',
    'Awaiting QA (jira)',
    '# active 0.6',
    'In Progress (jira)',
    'in progress (github)',
  ])
})

test('scales the axis to the largest bar, not to 100%', () => {
  expect(largestShare(timeInStateGroups(data))).toBe(0.6) // the wait share of Awaiting QA
  expect(shareAxisMax(0.27)).toBe(0.3)
  expect(shareAxisMax(0.6)).toBe(0.65)
  expect(shareAxisMax(0.01)).toBe(0.1)
  expect(shareAxisMax(0.99)).toBe(1)
})
