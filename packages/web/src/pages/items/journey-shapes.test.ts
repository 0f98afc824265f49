import { expect, test } from 'vitest'
import { ageBand, journeyLevels, linkLabels, timelineSegments } from './journey-shapes'

test('places stretches between the first start and as-of, the open one ending at as-of', () => {
  const segments = timelineSegments(
    [
      {
        status: 'To Do',
        flowState: 'waiting',
        from: '2024-01-01T00:00:00Z',
        to: '2024-01-02T00:00:00Z',
      },
      { status: 'In Progress', flowState: 'active', from: '2024-01-02T00:00:00Z', to: null },
    ],
    '2024-01-05T00:00:00Z',
  )
  expect(segments.map((s) => [s.days, s.offset, s.width])).toEqual([
    [1, 0, 0.25],
    [3, 0.25, 0.75],
  ])
  expect(timelineSegments([], '2024-01-05T00:00:00Z')).toEqual([])
})

test('ends the bar of an ended item where it ended, however long it has been done since', () => {
  const segments = timelineSegments(
    [
      {
        status: 'In Progress',
        flowState: 'active',
        from: '2024-01-01T00:00:00Z',
        to: '2024-01-03T00:00:00Z',
      },
      { status: 'Done', flowState: 'done', from: '2024-01-03T00:00:00Z', to: null },
    ],
    '2024-12-31T00:00:00Z',
    '2024-01-03T00:00:00Z',
  )
  expect(segments.map((s) => [s.days, s.offset, s.width])).toEqual([
    [2, 0, 1],
    [363, 1, 0],
  ])
})

test('bands an age against p50/p85/p95 and has none without history', () => {
  const summary = { count: 10, mean: 5, p50: 4, p85: 8, p95: 12, max: 20 }
  expect(ageBand(3, summary)).toBe('below_p50')
  expect(ageBand(4, summary)).toBe('p50_p85')
  expect(ageBand(9, summary)).toBe('p85_p95')
  expect(ageBand(12, summary)).toBe('above_p95')
  expect(ageBand(3, null)).toBeNull()
  expect(ageBand(null, summary)).toBeNull()
})

test('groups linked items by distance and describes links both ways', () => {
  const node = (key: string, depth: number) => ({
    source: 'jira',
    key,
    title: null,
    url: null,
    type: null,
    status: null,
    flowState: null,
    known: true,
    depth,
  })
  const links = {
    nodes: [node('PAY-2', 1), node('PAY-1', 0)],
    edges: [{ from: 'jira:PAY-1', to: 'jira:PAY-2', type: 'blocks' }],
  }
  expect(journeyLevels(links).map((l) => [l.depth, l.nodes.map((n) => n.key)])).toEqual([
    [0, ['PAY-1']],
    [1, ['PAY-2']],
  ])
  expect(linkLabels(links).get('jira:PAY-2')).toEqual(['blocks ← PAY-1'])
  expect(linkLabels(links).get('jira:PAY-1')).toEqual(['blocks → PAY-2'])
})
