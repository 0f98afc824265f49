import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { makeWorkItem } from '@openvmo/core'
import { withCrossSourceLinks } from '../links/detect-links'
import { parseGitHubConnectorConfig } from './github-connector-config'
import type { GitHubConnectorConfigInput } from './github-connector-config'
import { gitHubItemToRecord } from './github-mapper'
import type { GitHubItemPayload } from './github-payloads'
import { GITHUB_SHAPES } from './testing/fake-github-json'
import {
  labelEvent,
  milestoneEvent,
  payloadOf,
  pullRequestMember,
  recordedIssue,
  timelineEvent,
} from './testing/github-payload-builders'

function map(payload: GitHubItemPayload, config: GitHubConnectorConfigInput = {}) {
  const result = gitHubItemToRecord(payload, {
    ...parseGitHubConnectorConfig(config),
    source: 'github',
  })
  if (!result.ok) throw new Error(result.reason)
  return result
}

function statusPath(record: WorkItemRecord) {
  return record.changes.filter((c) => c.field === 'status').map((c) => `${c.at} ${c.from}>${c.to}`)
}

const T = (hhmmss: string) => `2024-03-04T${hhmmss}Z`

describe('gitHubItemToRecord', () => {
  test('keeps the recorded issue as key, url, project, title and times when it has no events', () => {
    const { record, warnings } = map(payloadOf(GITHUB_SHAPES.issue, []))
    expect(record).toMatchObject({
      source: 'github',
      key: 'octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe#10',
      project: 'octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe',
      url: 'https://github.com/octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe/issues/10',
      id: '1308968954',
      type: 'Issue',
      title: 'Test issue 10',
      created: '2022-07-19T04:39:07Z',
      status: 'open',
      changes: [],
      fields: { author: 'octokit-fixture-user-a' },
    })
    expect(warnings).toEqual([])
  })

  test('takes status labels as states and a same-second swap as one transition when labels are the workflow', () => {
    const issue = recordedIssue(7, {
      created_at: T('09:00:00'),
      state: 'closed',
      closed_at: T('12:00:00'),
      labels: [{ name: 'status: in progress' }, { name: 'area: payments' }],
    })
    const { record } = map(
      payloadOf(issue, [
        labelEvent('labeled', T('09:00:00'), 'status: todo'),
        labelEvent('labeled', T('09:00:00'), 'area: payments'),
        labelEvent('unlabeled', T('10:00:00'), 'status: todo'),
        labelEvent('labeled', T('10:00:00'), 'status: in progress'),
        timelineEvent('closed', T('12:00:00'), { state_reason: 'completed' }),
      ]),
      { workflow: { kind: 'labels', prefix: 'status:' } },
    )
    expect(statusPath(record)).toEqual([
      `${T('10:00:00')} todo>in progress`,
      `${T('12:00:00')} in progress>closed`,
    ])
    expect(record.status).toBe('closed')
    expect(record.resolved).toBe(T('12:00:00'))
    expect(record.fields?.historyCorrected).toBeUndefined()
  })

  test('takes the latest status label when a new one is added before the old one is removed', () => {
    const issue = recordedIssue(8, {
      created_at: T('09:00:00'),
      labels: [{ name: 'Status: Review' }],
    })
    const { record } = map(
      payloadOf(issue, [
        labelEvent('labeled', T('09:30:00'), 'Status: Doing'),
        labelEvent('labeled', T('11:00:00'), 'Status: Review'),
        labelEvent('unlabeled', T('11:00:00'), 'Status: Doing'),
      ]),
      { workflow: { kind: 'labels', prefix: 'status:' } },
    )
    expect(statusPath(record)).toEqual([
      `${T('09:30:00')} open>Doing`,
      `${T('11:00:00')} Doing>Review`,
    ])
  })

  test('makes a demilestone, milestone and close in one second one transition when milestones are the workflow', () => {
    const issue = recordedIssue(9, {
      created_at: T('09:00:00'),
      state: 'closed',
      closed_at: T('12:00:05'),
      milestone: { title: 'fixed' },
    })
    const timeline = [
      milestoneEvent('milestoned', T('09:00:00'), 'needstriage'),
      milestoneEvent('demilestoned', T('10:00:00'), 'needstriage'),
      milestoneEvent('milestoned', T('10:00:00'), 'needsdiagnosis'),
      milestoneEvent('demilestoned', T('12:00:05'), 'needsdiagnosis'),
      milestoneEvent('milestoned', T('12:00:05'), 'fixed'),
      timelineEvent('closed', T('12:00:05'), { state_reason: null }),
    ]
    const webcompat = map(payloadOf(issue, timeline), {
      workflow: { kind: 'milestones', closedStatus: 'workflow' },
    }).record
    expect(statusPath(webcompat)).toEqual([
      `${T('10:00:00')} needstriage>needsdiagnosis`,
      `${T('12:00:05')} needsdiagnosis>fixed`,
    ])
    const byState = map(payloadOf(issue, timeline), { workflow: { kind: 'milestones' } }).record
    expect(statusPath(byState).at(-1)).toBe(`${T('12:00:05')} needsdiagnosis>closed`)
    const instants = webcompat.changes.map((c) => `${c.field} ${c.at}`)
    expect(new Set(instants).size).toBe(instants.length)
  })

  test('follows a pull request from draft to review to merged when its merge and close share a second', () => {
    const issue = recordedIssue(21, {
      created_at: T('09:00:00'),
      state: 'closed',
      closed_at: T('15:00:00'),
      draft: false,
      pull_request: pullRequestMember(T('15:00:00')),
      body: 'Refund flow.\n\nFixes #12, closes acme/web#3 and resolves https://github.com/acme/pay/issues/14.',
    })
    const { record } = map(
      payloadOf(
        issue,
        [
          timelineEvent('ready_for_review', T('11:00:00')),
          timelineEvent('converted_to_draft', T('12:00:00')),
          timelineEvent('ready_for_review', T('13:00:00')),
          timelineEvent('merged', T('15:00:00')),
          timelineEvent('closed', T('15:00:00')),
        ],
        { pull: { head: { ref: 'feature/PAY-123-refund' } } },
      ),
    )
    expect(record.type).toBe('Pull Request')
    expect(statusPath(record)).toEqual([
      `${T('11:00:00')} draft>open`,
      `${T('12:00:00')} open>draft`,
      `${T('13:00:00')} draft>open`,
      `${T('15:00:00')} open>merged`,
    ])
    expect(record.links).toEqual([
      { type: 'closes', target: 'acme/pay#12' },
      { type: 'closes', target: 'acme/web#3' },
      { type: 'closes', target: 'acme/pay#14' },
    ])
    expect(record.fields).toMatchObject({ branch: 'feature/PAY-123-refund', draft: false })
  })

  test('links an issue to the pull requests that mentioned it when its timeline has cross-references', () => {
    const pull = recordedIssue(30, { pull_request: pullRequestMember() })
    const issue = recordedIssue(12, { created_at: T('09:00:00') })
    const { record } = map(
      payloadOf(issue, [
        {
          event: 'cross-referenced',
          created_at: T('10:00:00'),
          source: { type: 'issue', issue: pull },
        },
        {
          event: 'cross-referenced',
          created_at: T('10:05:00'),
          source: { type: 'issue', issue: pull },
        },
        timelineEvent('connected', T('10:06:00')),
      ]),
    )
    expect(record.links).toEqual([{ type: 'referenced_by', target: 'acme/pay#30' }])
  })

  test('links Jira keys of the title and branch as mentions when jiraMentions is set, else leaves them to link detection', () => {
    const issue = recordedIssue(22, {
      title: 'PAY-7: refunds (see UTF-8 handling)',
      pull_request: pullRequestMember(),
    })
    const payload = payloadOf(issue, [], { pull: { head: { ref: 'ops-2/OPS-44-retry' } } })
    const configured = map(payload, {
      jiraMentions: { source: 'acme-jira', projects: ['PAY', 'OPS'] },
    })
    expect(configured.record.links).toEqual([
      { type: 'mentions', target: 'acme-jira:PAY-7' },
      { type: 'mentions', target: 'acme-jira:OPS-44' },
    ])
    const plain = map(payload).record
    expect(plain.links).toBeUndefined()
    const jira = makeWorkItem({ source: 'jira', key: 'OPS-44' })
    const [linked] = withCrossSourceLinks([plain, jira])
    expect(linked?.links).toEqual([{ type: 'mentions', target: 'jira:OPS-44' }])
  })

  test('names an issue closed as not planned and keeps the reason when it was closed so', () => {
    const issue = recordedIssue(5, {
      created_at: T('09:00:00'),
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: T('10:00:00'),
    })
    const { record } = map(
      payloadOf(issue, [timelineEvent('closed', T('10:00:00'), { state_reason: 'not_planned' })]),
    )
    expect(statusPath(record)).toEqual([`${T('10:00:00')} open>not planned`])
    expect(record.fields?.stateReason).toBe('not_planned')
  })

  test('takes the type from the GitHub issue type and from type labels, with their changes', () => {
    const typed = recordedIssue(40, { created_at: T('09:00:00'), type: { name: 'Feature' } })
    const { record } = map(
      payloadOf(typed, [
        timelineEvent('issue_type_added', T('09:30:00'), { issue_type: { name: 'Bug' } }),
        timelineEvent('issue_type_changed', T('10:00:00'), {
          issue_type: { name: 'Feature' },
          prev_issue_type: { name: 'Bug' },
        }),
      ]),
    )
    expect(
      record.changes.filter((c) => c.field === 'type').map((c) => `${c.from}>${c.to}`),
    ).toEqual(['Issue>Bug', 'Bug>Feature'])
    const labelled = recordedIssue(41, {
      created_at: T('09:00:00'),
      labels: [{ name: 'kind/bug' }],
    })
    const byLabel = map(payloadOf(labelled, [labelEvent('labeled', T('11:00:00'), 'kind/bug')]), {
      types: { labels: [], prefix: 'kind/' },
    }).record
    expect(byLabel.type).toBe('bug')
    expect(byLabel.changes).toEqual([
      { at: T('11:00:00'), field: 'type', from: 'Issue', to: 'bug' },
    ])
  })

  test('adds one correcting change at closed_at when the timeline lacks the close', () => {
    const issue = recordedIssue(6, {
      created_at: T('09:00:00'),
      updated_at: T('18:00:00'),
      state: 'closed',
      closed_at: T('16:00:00'),
    })
    const { record, warnings } = map(payloadOf(issue, []))
    expect(statusPath(record)).toEqual([`${T('16:00:00')} open>closed`])
    expect(record.fields?.historyCorrected).toBe(true)
    expect(warnings).toEqual([])
  })

  test('maps the recorded timeline example (locked, labeled, renamed, commented) without changes', () => {
    const example = [GITHUB_SHAPES.timelineEvent]
    const issue = recordedIssue(493, {
      created_at: '2022-04-13T20:49:00Z',
      labels: [{ name: 'beta' }],
    })
    const { record } = map(payloadOf(issue, example as never))
    expect(record.status).toBe('open')
    expect(record.labels).toEqual(['beta'])
    expect(record.changes).toEqual([])
  })

  test('refuses an issue without a valid created_at or number, naming what is wrong', () => {
    const config = { ...parseGitHubConnectorConfig({}), source: 'github' }
    const noDate = gitHubItemToRecord(
      payloadOf(recordedIssue(3, { created_at: '2024-02-30T10:00:00Z' }), []),
      config,
    )
    expect(noDate).toEqual({
      ok: false,
      reason:
        'acme/pay#3: created_at "2024-02-30T10:00:00Z" is not a valid date and time: day 30 is not in February 2024 (01–29)',
    })
    const noNumber = gitHubItemToRecord(
      payloadOf(recordedIssue(3, { number: undefined }), []),
      config,
    )
    expect(noNumber).toEqual({ ok: false, reason: 'number is missing' })
  })
})
