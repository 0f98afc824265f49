import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import type { MapResult } from '../files/import-result'
import { jiraIssueToRecord } from './jira-json-mapper'
import type { JiraIssue, JiraSearchPage } from './jira-json-payloads'

const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url)),
      'utf8',
    ),
  )

function expectRecord(result: MapResult): WorkItemRecord {
  if (!result.ok) throw new Error(`expected a record, got "${result.reason}"`)
  return result.record
}

describe('jiraIssueToRecord with a v2 search page', () => {
  const page = fixture('jira-v2-search-page.json') as JiraSearchPage
  const [story, task, broken] = page.issues as [JiraIssue, JiraIssue, JiraIssue]
  const mapped = jiraIssueToRecord(story, { names: page.names })
  const record = expectRecord(mapped)

  test('maps the identity and current values when the issue is complete', () => {
    expect(record).toMatchObject({
      source: 'jira',
      key: 'PAY-123',
      id: '10042',
      url: 'https://jira.example.com/browse/PAY-123',
      project: 'PAY',
      type: 'Story',
      title: 'Refund button',
      created: '2024-03-01T09:12:00.000+0000',
      resolved: '2024-03-05T08:00:00.000+0000',
      status: 'Done',
      labels: ['web'],
    })
  })

  test('finds team, epic link and sprints through names when they are custom fields', () => {
    expect(record.team).toBe('payments')
    expect(record.parent).toBe('PAY-100')
    expect(record.fields).toEqual({
      priority: 'Medium',
      resolution: 'Done',
      statusCategory: 'done',
      components: ['Checkout'],
      fixVersions: ['2024.03'],
      sprints: ['PAY Sprint 9', 'PAY Sprint 10'],
    })
  })

  test('writes changes sorted by instant with display values when histories come newest first', () => {
    expect(record.changes).toEqual([
      { at: '2024-03-02T10:00:00.000+0000', field: 'status', from: 'Backlog', to: 'In Progress' },
      { at: '2024-03-02T10:00:00.000+0000', field: 'sprint', from: null, to: 'PAY Sprint 9' },
      { at: '2024-03-04T16:30:00.000+0100', field: 'type', from: 'Bug', to: 'Story' },
      { at: '2024-03-05T08:00:00.000+0000', field: 'status', from: 'In Progress', to: 'Done' },
      { at: '2024-03-05T08:00:00.000+0000', field: 'resolution', from: null, to: 'Done' },
    ])
    expect(mapped.ok && mapped.warnings).toEqual([])
  })

  test('maps outward and inward links with their phrases when issuelinks are present', () => {
    expect(record.links).toEqual([{ type: 'blocks', target: 'PAY-130' }])
    const inward = expectRecord(jiraIssueToRecord(task))
    expect(inward.links).toEqual([{ type: 'is blocked by', target: 'PAY-123' }])
    expect(inward.changes).toEqual([])
    expect(inward.team).toBeUndefined()
  })

  test('rejects the issue naming the path when created has no offset', () => {
    expect(jiraIssueToRecord(broken)).toEqual({
      ok: false,
      reason: 'fields.created "03/Mar/24 11:00 AM" is not an instant with offset',
    })
  })
})

describe('jiraIssueToRecord with other shapes', () => {
  test('reads parent and IssueParentAssociation changes and ignores ADF when the page is v3', () => {
    const page = fixture('jira-v3-search-jql-page.json') as { issues: JiraIssue[] }
    const record = expectRecord(jiraIssueToRecord(page.issues[0] as JiraIssue))
    expect(record).toMatchObject({
      key: 'WEB-7',
      parent: 'WEB-1',
      status: 'In Review',
      team: 'Frontend',
    })
    expect(record.url).toBe('https://acme.atlassian.net/browse/WEB-7')
    expect(record.changes.map((c) => [c.field, c.to])).toEqual([
      ['status', 'In Progress'],
      ['parent', 'WEB-1'],
      ['status', 'In Review'],
    ])
    expect(JSON.stringify(record)).not.toContain('dark theme')
  })

  test('warns with the counts when the changelog is truncated', () => {
    const result = jiraIssueToRecord(fixture('jira-truncated-changelog.json') as JiraIssue)
    expect(result.ok && result.warnings).toEqual(['changelog truncated: 2 of 250 histories'])
    expect(expectRecord(result).changes[1]).toMatchObject({
      field: 'assignee',
      from: null,
      to: 'Kim',
    })
  })

  test('synthesises one resolution change when there is no changelog but a resolutiondate', () => {
    const issue: JiraIssue = {
      key: 'AC-1',
      fields: {
        issuetype: { name: 'Bug' },
        status: { name: 'Closed' },
        created: '2015-04-24T12:04:05.000+0000',
        resolutiondate: '2015-05-12T21:25:49.000+0000',
      },
    }
    const record = expectRecord(jiraIssueToRecord(issue, { initialStatus: 'To Do' }))
    expect(record.changes).toEqual([
      { at: '2015-05-12T21:25:49.000+0000', field: 'status', from: 'To Do', to: 'Closed' },
    ])
    expect(record.fields?.historySynthesized).toBe(true)
    expect(record.project).toBe('AC')
  })

  test('writes no change when there is neither changelog nor resolutiondate', () => {
    const issue: JiraIssue = {
      key: 'AC-2',
      fields: {
        issuetype: { name: 'Bug' },
        status: { name: 'Open' },
        created: '2015-04-24T12:04:05.000+0000',
      },
    }
    const record = expectRecord(jiraIssueToRecord(issue, { baseUrl: 'https://jira.example.com/' }))
    expect(record.changes).toEqual([])
    expect(record.fields).toBeUndefined()
    expect(record.url).toBe('https://jira.example.com/browse/AC-2')
  })

  test('warns when the current status differs from the last status change', () => {
    const issue: JiraIssue = {
      key: 'X-1',
      fields: {
        issuetype: { name: 'Bug' },
        status: { name: 'Done' },
        created: '2024-01-01T00:00:00Z',
      },
      changelog: {
        total: 1,
        histories: [
          {
            created: '2024-01-02T00:00:00Z',
            items: [{ field: 'status', fromString: 'Open', toString: 'Doing' }],
          },
        ],
      },
    }
    const result = jiraIssueToRecord(issue)
    expect(result.ok && result.warnings[0]).toContain('differs from the last status change')
  })

  test('rejects without throwing when required values are missing or fields are malformed', () => {
    expect(jiraIssueToRecord({ fields: {} })).toEqual({ ok: false, reason: 'key is missing' })
    expect(jiraIssueToRecord(null as unknown as JiraIssue)).toEqual({
      ok: false,
      reason: 'not an object',
    })
    const odd = {
      key: 'X-2',
      fields: {
        issuetype: { name: 'Bug' },
        status: { name: 'Open' },
        created: '2024-01-01T00:00:00Z',
        labels: 'x',
        components: 3,
        issuelinks: {},
      },
    }
    expect(expectRecord(jiraIssueToRecord(odd as unknown as JiraIssue)).labels).toBeUndefined()
  })

  test('rejects the issue naming the field when created is not on the calendar or the key has a control character', () => {
    const fields = { issuetype: { name: 'Bug' }, status: { name: 'Open' } }
    expect(
      jiraIssueToRecord({
        key: 'X-4',
        fields: { ...fields, created: '2023-02-29T10:00:00.000+0100' },
      }),
    ).toEqual({
      ok: false,
      reason:
        'fields.created "2023-02-29T10:00:00.000+0100" is not a valid date and time: day 29 is not in February 2023 (01–28)',
    })
    expect(
      jiraIssueToRecord({
        key: 'X-\u00015',
        fields: { ...fields, created: '2024-01-01T00:00:00Z' },
      }),
    ).toEqual({ ok: false, reason: 'key "X-\\u00015" contains a control character U+0001' })
  })

  test('names the history when a changelog timestamp is invalid', () => {
    const issue: JiraIssue = {
      key: 'X-3',
      fields: {
        issuetype: { name: 'Bug' },
        status: { name: 'Open' },
        created: '2024-01-01T00:00:00Z',
      },
      changelog: { histories: [{ created: 'yesterday', items: [] }] },
    }
    expect(jiraIssueToRecord(issue)).toEqual({
      ok: false,
      reason: 'changelog.histories[0].created "yesterday" is not an instant with offset',
    })
  })
})

describe('jiraIssueToRecord with a custom-field allow-list', () => {
  const issue: JiraIssue = {
    key: 'PAY-9',
    names: { customfield_10050: 'Team' },
    fields: {
      issuetype: { name: 'Story' },
      status: { name: 'Done' },
      created: '2024-01-01T09:00:00.000+0100',
      priority: { name: 'High' },
      components: [{ name: 'Checkout' }],
      customfield_10001: { id: 'a1', name: 'payments', title: 'payments' },
      customfield_10050: { value: 'an older team field' },
      customfield_10016: 5,
      customfield_10030: [{ value: 'EMEA' }, { value: 'APAC' }],
      customfield_10031: null,
    },
    changelog: {
      histories: [
        {
          created: '2024-01-02T09:00:00.000+0100',
          items: [
            {
              field: 'Squad',
              fieldId: 'customfield_10001',
              fromString: 'web',
              toString: 'payments',
            },
            {
              field: 'Story point estimate',
              fieldId: 'customfield_10016',
              fromString: '3',
              toString: '5',
            },
          ],
        },
      ],
    },
  }
  const customFields = {
    team: 'customfield_10001',
    'Story Points': 'customfield_10016',
    Regions: 'customfield_10030',
    Empty: 'customfield_10031',
  }
  const record = expectRecord(jiraIssueToRecord(issue, { customFields }))

  test('takes the team from the allow-listed field when one is named Team', () => {
    expect(record.team).toBe('payments')
  })

  test('writes the other allow-listed values into fields under their names when present', () => {
    expect(record.fields).toEqual({
      priority: 'High',
      components: ['Checkout'],
      'Story Points': 5,
      Regions: ['EMEA', 'APAC'],
    })
  })

  test('writes the changelog entries of allow-listed fields under their names', () => {
    expect(record.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['team', 'web', 'payments'],
      ['Story Points', '3', '5'],
    ])
  })

  test('keeps the named team field when there is no allow-list', () => {
    expect(expectRecord(jiraIssueToRecord(issue)).team).toBe('an older team field')
  })
})
