import { describe, expect, test } from 'vitest'
import type { DataQualityResponse } from '../../api/types'
import { findingGroups, findingTitle } from './finding-groups'

const report = {
  asOf: '2024-03-01T00:00:00Z',
  timezone: 'UTC',
  from: '2024-01-01',
  to: '2024-03-01',
  scope: {},
  itemsChecked: 4,
  itemsWithFindings: 3,
  findings: [
    { flag: 'done_without_start', items: 2, rule: 'starts at its end' },
    { flag: 'bulk_close', items: 1, rule: 'inflates throughput' },
  ],
  items: [
    { source: 'jira', key: 'A-1', flags: ['done_without_start'] },
    { source: 'jira', key: 'A-2', flags: ['done_without_start', 'bulk_close'] },
    { source: 'csv', key: 'C-1', flags: ['no_status_history'] },
  ],
} as DataQualityResponse

describe('finding groups of the Data quality page', () => {
  test('lists each finding with its items in the report order', () => {
    expect(findingGroups(report)).toEqual([
      {
        flag: 'done_without_start',
        title: 'Done without start',
        items: 2,
        rule: 'starts at its end',
        listed: [
          { source: 'jira', key: 'A-1' },
          { source: 'jira', key: 'A-2' },
        ],
        treatable: true,
      },
      {
        flag: 'bulk_close',
        title: 'Bulk close',
        items: 1,
        rule: 'inflates throughput',
        listed: [{ source: 'jira', key: 'A-2' }],
        treatable: true,
      },
    ])
  })

  test('names a finding for people', () => {
    expect(findingTitle('closed_without_resolution')).toBe('Closed without resolution')
  })
})
