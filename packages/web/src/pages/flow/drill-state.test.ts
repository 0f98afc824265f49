import { expect, test } from 'vitest'
import type { AgingWipResponse } from '../../api/types'
import { readDrill, waitingIn, writeDrill } from './drill-state'

test('reads back the drill-down it wrote into the URL and keeps the filters beside it', () => {
  const base = new URLSearchParams('stream=Payments&period=month')
  const written = writeDrill(base, {
    state: { source: 'jira', status: 'Awaiting QA' },
    list: 'completed',
  })
  expect(written.get('stream')).toBe('Payments')
  expect(readDrill(written)).toEqual({
    state: { source: 'jira', status: 'Awaiting QA' },
    list: 'completed',
  })
  const now = writeDrill(written, {
    state: { source: 'github', status: 'in progress' },
    list: 'now',
  })
  expect(now.get('stateList')).toBeNull()
  expect(readDrill(writeDrill(now, undefined))).toBeUndefined()
})

test('lists only the items in that state of that source, longest there first', () => {
  const item = ([key, source, status]: [string, string, string], daysInStatus: number) => ({
    source,
    key,
    title: null,
    url: null,
    flowItem: 'feature' as const,
    status,
    flowState: 'waiting' as const,
    ageDays: 30,
    daysInStatus,
    band: 'unknown' as const,
  })
  const aging = {
    items: [
      item(['A', 'jira', 'In Progress'], 2),
      item(['B', 'github', 'In Progress'], 9),
      item(['C', 'jira', 'In Progress'], 5),
      item(['D', 'jira', 'Done'], 50),
    ],
  } as unknown as AgingWipResponse
  expect(waitingIn(aging, { source: 'jira', status: 'In Progress' }).map((i) => i.key)).toEqual([
    'C',
    'A',
  ])
})
