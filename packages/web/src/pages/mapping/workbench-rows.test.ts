import { expect, test } from 'vitest'
import { workbenchRows } from './workbench-rows'

test('lists unmapped values first by item count and merges names case-insensitively', () => {
  const saved = new Map([
    ['Done', 'done'],
    ['Backlog', 'new'],
  ] as const)
  const draft = new Map([
    ['Done', 'done'],
    ['Backlog', 'new'],
    ['QA', 'active'],
  ] as const)
  const rows = workbenchRows(new Map(saved), new Map(draft), [
    { source: 'jira', name: 'QA', items: 4 },
    { source: 'github', name: 'qa', items: 2 },
    { source: 'jira', name: 'Blocked', items: 9 },
  ])
  expect(rows.map((r) => [r.name, r.unmappedItems, r.saved, r.draft])).toEqual([
    ['Blocked', 9, undefined, undefined],
    ['QA', 6, undefined, 'active'],
    ['Backlog', undefined, 'new', 'new'],
    ['Done', undefined, 'done', 'done'],
  ])
  expect(rows[1]?.sources).toEqual(['jira', 'github'])
})
