import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { pickInitialStatus, resynthesize, synthesizeResolutionChange } from './resolution-history'

describe('synthesizeResolutionChange', () => {
  test('writes no change when the item is not resolved', () => {
    expect(
      synthesizeResolutionChange({ status: 'Open', resolved: undefined, initialStatus: 'Open' }),
    ).toEqual([])
  })

  test('writes no change when the current status is the initial one', () => {
    const input = { status: 'Open', resolved: '2024-01-02T00:00:00Z', initialStatus: undefined }
    expect(synthesizeResolutionChange(input)).toEqual([])
  })
})

describe('pickInitialStatus', () => {
  test('picks the most frequent name and breaks ties alphabetically', () => {
    expect(pickInitialStatus(['Reopened', 'Open', 'Open'])).toBe('Open')
    expect(pickInitialStatus(['To Do', 'Backlog'])).toBe('Backlog')
  })

  test('falls back to Open when no item is in the new category', () => {
    expect(pickInitialStatus([])).toBe('Open')
  })
})

describe('resynthesize', () => {
  const record: WorkItemRecord = {
    source: 'jira',
    key: 'A-1',
    type: 'Bug',
    created: '2024-01-01T00:00:00Z',
    resolved: '2024-01-02T00:00:00Z',
    status: 'Backlog',
    fields: { historySynthesized: true, priority: 'High' },
    changes: [{ at: '2024-01-02T00:00:00Z', field: 'status', from: 'Open', to: 'Backlog' }],
  }

  test('drops the change and the mark when the batch initial status is the current status', () => {
    const result = resynthesize(record, 'Backlog')
    expect(result.changes).toEqual([])
    expect(result.fields).toEqual({ priority: 'High' })
  })

  test('rewrites the from of the change when the batch initial status differs', () => {
    expect(resynthesize({ ...record, status: 'Done' }, 'To Do').changes[0]).toMatchObject({
      from: 'To Do',
      to: 'Done',
    })
  })

  test('adds the change and the mark when the record had none', () => {
    const plain = { ...record, status: 'Open', fields: undefined, changes: [] }
    expect(resynthesize(plain, 'To Do')).toMatchObject({
      changes: [{ at: '2024-01-02T00:00:00Z', field: 'status', from: 'To Do', to: 'Open' }],
      fields: { historySynthesized: true },
    })
  })
})
