import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { sharedDataPath } from '../../../test/shared-data'
import { changedAtOf } from './azure-devops-history'
import { azureItemToRecord, flowStateOfAzureCategory } from './azure-devops-mapper'
import type { AzureItemPayload, AzureWorkItem, AzureWorkItemUpdate } from './azure-devops-payloads'

// Microsoft's own example of `GET …/workItems/1/updates` (Work Item Tracking 7.1 Swagger,
// httpExamples/updates): 13 updates of Bug 1, New → Active, relation-only updates among them.
function exampleUpdates(): AzureWorkItemUpdate[] {
  const path = sharedDataPath(
    'azure-devops-openapi/wit/7.1/httpExamples/updates/GET__list_of_workitem_updates.json',
  )
  const example = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as {
    responses: { 200: { body: { value: AzureWorkItemUpdate[] } } }
  }
  return example.responses[200].body.value
}

function workItem(fields: Record<string, unknown> = {}, over: Partial<AzureWorkItem> = {}) {
  return {
    id: 1,
    rev: 9,
    fields: {
      'System.TeamProject': 'MyAgilePro1',
      'System.AreaPath': 'MyAgilePro1',
      'System.WorkItemType': 'Bug',
      'System.State': 'Active',
      'System.Title': 'Sample task',
      'System.CreatedDate': '2017-09-04T02:08:16.6Z',
      'System.ChangedDate': '2017-09-04T02:43:24.21Z',
      ...fields,
    },
    _links: { html: { href: 'https://dev.azure.com/fabrikam/web/wi.aspx?id=1' } },
    ...over,
  } satisfies AzureWorkItem
}

const update = (rev: number, fields: AzureWorkItemUpdate['fields']): AzureWorkItemUpdate => ({
  id: rev,
  workItemId: 1,
  rev,
  revisedDate: '9999-01-01T00:00:00Z',
  fields,
})

function map(payload: AzureItemPayload) {
  const result = azureItemToRecord(payload, { source: 'ado' })
  if (!result.ok) throw new Error(result.reason)
  return result
}

describe('azureItemToRecord', () => {
  test('dates a transition at System.ChangedDate, not at the revisedDate of its update', () => {
    const updates = exampleUpdates()
    const transition = updates.find((u) => u.fields?.['System.State']?.oldValue === 'New')
    // the example's own figures: changed 02:36:18.75, superseded 02:36:25.3
    expect(changedAtOf(transition as AzureWorkItemUpdate)).toBe('2017-09-04T02:36:18.75Z')
    expect(transition?.revisedDate).toBe('2017-09-04T02:36:25.3Z')
    const { record, warnings } = map({ item: workItem(), updates })
    expect(record.changes.filter((c) => c.field === 'status')).toEqual([
      { at: '2017-09-04T02:36:18.75Z', field: 'status', from: 'New', to: 'Active' },
    ])
    expect(warnings).toEqual([])
    expect(record).toMatchObject({
      source: 'ado',
      key: '1',
      type: 'Bug',
      status: 'Active',
      project: 'MyAgilePro1',
      created: '2017-09-04T02:08:16.6Z',
      url: 'https://dev.azure.com/fabrikam/web/wi.aspx?id=1',
    })
  })

  test('replays state, type, board column and iteration in rev order, the first revision being the start', () => {
    const updates = [
      update(3, {
        'System.State': { oldValue: 'Active', newValue: 'Removed' },
        'System.BoardColumn': { oldValue: 'Doing', newValue: 'Closed' },
        'System.ChangedDate': { newValue: '2024-01-03T00:00:00Z' },
      }),
      update(1, {
        'System.State': { newValue: 'New' },
        'System.WorkItemType': { newValue: 'User Story' },
        'System.BoardColumn': { newValue: 'New' },
        'System.IterationPath': { newValue: 'Pay\\Sprint 1' },
        'System.ChangedDate': { newValue: '2024-01-01T00:00:00Z' },
      }),
      update(2, {
        'System.State': { oldValue: 'New', newValue: 'Active' },
        'System.WorkItemType': { oldValue: 'User Story', newValue: 'Bug' },
        'System.BoardColumn': { oldValue: 'New', newValue: 'Doing' },
        'System.IterationPath': { oldValue: 'Pay\\Sprint 1', newValue: 'Pay\\Sprint 2' },
        'System.ChangedDate': { newValue: '2024-01-02T00:00:00Z' },
      }),
    ]
    const item = workItem({
      'System.State': 'Removed',
      'System.CreatedDate': '2024-01-01T00:00:00Z',
    })
    const { record } = map({ item, updates })
    const at = (day: number) => `2024-01-0${day}T00:00:00Z`
    expect(record.changes).toEqual([
      { at: at(2), field: 'status', from: 'New', to: 'Active' },
      { at: at(2), field: 'type', from: 'User Story', to: 'Bug' },
      { at: at(2), field: 'column', from: 'New', to: 'Doing' },
      { at: at(2), field: 'iteration', from: 'Pay\\Sprint 1', to: 'Pay\\Sprint 2' },
      { at: at(3), field: 'status', from: 'Active', to: 'Removed' },
      { at: at(3), field: 'column', from: 'Doing', to: 'Closed' },
    ])
  })

  test('ignores a field update without a ChangedDate and corrects the end state, saying so', () => {
    const updates = [
      update(1, {
        'System.State': { newValue: 'New' },
        'System.ChangedDate': { newValue: '2024-01-01T00:00:00Z' },
      }),
      update(2, { 'System.State': { oldValue: 'New', newValue: 'Active' } }),
    ]
    const item = workItem({
      'System.State': 'Active',
      'System.CreatedDate': '2024-01-01T00:00:00Z',
      'System.ChangedDate': '2024-01-05T00:00:00Z',
    })
    const { record, warnings } = map({ item, updates })
    expect(record.changes).toEqual([
      { at: '2024-01-05T00:00:00Z', field: 'status', from: 'New', to: 'Active' },
    ])
    expect(record.fields?.historyCorrected).toBe(true)
    expect(warnings.join('\n')).toMatch(/update 2 has no valid System.ChangedDate/)
  })

  test('turns hierarchy, related and dependency relations into links and the parent', () => {
    const url = (id: number) => `https://dev.azure.com/fabrikam/_apis/wit/workItems/${id}`
    const relations = [
      { rel: 'System.LinkTypes.Hierarchy-Reverse', url: url(7) },
      { rel: 'System.LinkTypes.Hierarchy-Forward', url: url(8) },
      { rel: 'System.LinkTypes.Related', url: url(9) },
      { rel: 'System.LinkTypes.Dependency-Forward', url: url(10) },
      { rel: 'System.LinkTypes.Dependency-Reverse', url: url(11) },
      { rel: 'AttachedFile', url: 'https://dev.azure.com/fabrikam/_apis/wit/attachments/098a' },
    ]
    const { record } = map({ item: workItem({}, { relations }), updates: [] })
    expect(record.parent).toBe('7')
    expect(record.links).toEqual([
      { type: 'parent', target: '7' },
      { type: 'child', target: '8' },
      { type: 'related', target: '9' },
      { type: 'successor', target: '10' },
      { type: 'predecessor', target: '11' },
    ])
  })

  test('reads tags as labels and keeps area, iteration, column and assignee as fields', () => {
    const item = workItem({
      'System.Tags': 'backend; urgent',
      'System.IterationPath': 'MyAgilePro1\\Iteration 1',
      'System.BoardColumn': 'Doing',
      'System.AssignedTo': { displayName: 'Jamal Hartnett' },
    })
    const { record } = map({ item, updates: [] })
    expect(record.labels).toEqual(['backend', 'urgent'])
    expect(record.fields).toMatchObject({
      areaPath: 'MyAgilePro1',
      iterationPath: 'MyAgilePro1\\Iteration 1',
      boardColumn: 'Doing',
      assignedTo: 'Jamal Hartnett',
    })
  })

  test.each([
    ['no id', workItem({}, { id: undefined }), /no id/],
    ['no created date', workItem({ 'System.CreatedDate': undefined }), /CreatedDate is missing/],
    ['a bad created date', workItem({ 'System.CreatedDate': 'yesterday' }), /CreatedDate/],
    ['no state', workItem({ 'System.State': undefined }), /System.State is missing/],
  ])('refuses a work item with %s', (_, item, reason) => {
    const result = azureItemToRecord({ item, updates: [] }, { source: 'ado' })
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.reason).toMatch(reason)
  })
})

describe('flowStateOfAzureCategory', () => {
  test.each([
    ['Proposed', 'new'],
    ['InProgress', 'active'],
    ['Resolved', 'done'],
    ['Completed', 'done'],
    ['Removed', 'canceled'],
    ['Unknown', undefined],
  ])('maps the state category %s to %s', (category, state) => {
    expect(flowStateOfAzureCategory(category)).toBe(state)
  })
})
