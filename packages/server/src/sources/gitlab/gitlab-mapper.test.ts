import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { gitLabItemToRecord } from './gitlab-mapper'
import type {
  GitLabIssuable,
  GitLabItemPayload,
  GitLabLabelEvent,
  GitLabStateEvent,
} from './gitlab-payloads'

// Payloads in the shapes of GitLab's API docs (issues.md, merge_requests.md, resource_*_events.md,
// issue_links.md); values trimmed to what the mapper reads. The scoped-label sequences are built
// by hand in the documented event shape: GitLab replaces `workflow::a` by `workflow::b` with an
// `add` and a `remove` event of the same `created_at` (no licensed capture of it exists).
const USER = { id: 1, username: 'root', name: 'Administrator' }

function issue(over: Partial<GitLabIssuable> = {}): GitLabIssuable {
  return {
    id: 41,
    iid: 1,
    project_id: 4,
    title: 'Ut commodi ullam eos dolores perferendis nihil sunt.',
    state: 'opened',
    created_at: '2016-01-04T15:31:46.176Z',
    updated_at: '2016-01-04T15:31:46.176Z',
    closed_at: null,
    labels: [],
    milestone: null,
    author: USER,
    assignees: [USER],
    web_url: 'http://gitlab.example.com/my-group/my-project/issues/1',
    references: { short: '#1', relative: '#1', full: 'my-group/my-project#1' },
    issue_type: 'issue',
    type: 'ISSUE',
    ...over,
  }
}

const stateEvent = (id: number, at: string, state: string): GitLabStateEvent => ({
  id,
  user: USER,
  created_at: at,
  resource_type: 'Issue',
  resource_id: 41,
  state,
})

/** A label event: `+name` adds the label, `-name` removes it. */
const labelEvent = (id: number, at: string, change: string): GitLabLabelEvent => ({
  id,
  user: USER,
  created_at: at,
  resource_type: 'Issue',
  resource_id: 41,
  label: { id: 70 + id, name: change.slice(1) },
  action: change.startsWith('+') ? 'add' : 'remove',
})

function payload(over: Partial<GitLabItemPayload>): GitLabItemPayload {
  return {
    kind: 'issues',
    item: issue(),
    stateEvents: [],
    labelEvents: [],
    milestoneEvents: [],
    ...over,
  }
}

const OPTIONS = { source: 'gitlab', workflowScope: 'workflow', typeScope: 'type' }

function record(p: GitLabItemPayload, options = OPTIONS): WorkItemRecord {
  const result = gitLabItemToRecord(p, options)
  if (!result.ok) throw new Error(result.reason)
  return result.record
}

describe('gitLabItemToRecord', () => {
  test('a closed issue gets its key, project and the close from its state events', () => {
    const r = record(
      payload({
        item: issue({ state: 'closed', closed_at: '2018-08-21T14:38:20.077Z' }),
        stateEvents: [
          stateEvent(142, '2018-08-20T13:38:20.077Z', 'opened'),
          stateEvent(143, '2018-08-21T14:38:20.077Z', 'closed'),
        ],
      }),
    )
    expect(r).toMatchObject({
      source: 'gitlab',
      key: 'my-group/my-project#1',
      project: 'my-group/my-project',
      type: 'issue',
      status: 'closed',
      resolved: '2018-08-21T14:38:20.077Z',
      fields: { author: 'root', assignees: ['root'] },
    })
    expect(r.changes).toEqual([
      { at: '2018-08-21T14:38:20.077Z', field: 'status', from: 'opened', to: 'closed' },
    ])
  })

  test('scoped workflow labels are statuses when one replaces another at the same instant', () => {
    const r = record(
      payload({
        item: issue({ labels: ['backend', 'workflow::in review'] }),
        labelEvents: [
          labelEvent(1, '2016-01-05T10:00:00.000Z', '+workflow::doing'),
          labelEvent(2, '2016-01-06T10:00:00.000Z', '+workflow::in review'),
          labelEvent(3, '2016-01-06T10:00:00.000Z', '-workflow::doing'),
        ],
      }),
    )
    expect(r.status).toBe('in review')
    expect(r.labels).toEqual(['backend', 'workflow::in review'])
    expect(r.changes).toEqual([
      { at: '2016-01-05T10:00:00.000Z', field: 'status', from: 'opened', to: 'doing' },
      { at: '2016-01-06T10:00:00.000Z', field: 'status', from: 'doing', to: 'in review' },
    ])
  })

  test('the workflow scope is configurable and labels given at creation are the initial state', () => {
    const r = record(
      payload({
        item: issue({ labels: ['status::Done'], state: 'opened' }),
        labelEvents: [
          labelEvent(1, '2016-01-04T15:31:46.500Z', '+status::Ready'),
          labelEvent(2, '2016-01-07T09:00:00.000Z', '+status::Done'),
          labelEvent(3, '2016-01-07T09:00:00.000Z', '-status::Ready'),
        ],
      }),
      { ...OPTIONS, workflowScope: 'status' },
    )
    expect(r.changes).toEqual([
      { at: '2016-01-07T09:00:00.000Z', field: 'status', from: 'Ready', to: 'Done' },
    ])
  })

  test('a merged merge request is a merge_request that closes its issues', () => {
    const r = record({
      kind: 'merge_requests',
      item: issue({
        id: 1,
        state: 'merged',
        merged_at: '2018-09-07T11:16:17.520Z',
        source_branch: 'test1',
        draft: false,
        web_url: 'http://gitlab.example.com/my-group/my-project/merge_requests/1',
        references: { short: '!1', relative: '!1', full: 'my-group/my-project!1' },
      }),
      stateEvents: [stateEvent(150, '2018-09-07T11:16:17.520Z', 'merged')],
      labelEvents: [],
      milestoneEvents: [],
      closes: [issue({ iid: 11, references: { full: 'my-group/my-project#11' } })],
    })
    expect(r).toMatchObject({
      key: 'my-group/my-project!1',
      type: 'merge_request',
      status: 'merged',
      resolved: '2018-09-07T11:16:17.520Z',
      links: [{ type: 'closes', target: 'my-group/my-project#11' }],
      fields: { draft: false, branch: 'test1' },
    })
    expect(r.changes.map((c) => `${c.from}>${c.to}`)).toEqual(['opened>merged'])
  })

  test('issue links keep their GitLab type and are keyed from their web_url', () => {
    const r = record(
      payload({
        links: [
          {
            id: 84,
            iid: 14,
            project_id: 4,
            web_url: 'http://example.com/example/example/issues/14',
            link_type: 'relates_to',
          },
          { iid: 3, web_url: 'https://gitlab.example.com/g/sub/p/-/issues/3', link_type: 'blocks' },
        ],
      }),
    )
    expect(r.links).toEqual([
      { type: 'relates_to', target: 'example/example#14' },
      { type: 'blocks', target: 'g/sub/p#3' },
    ])
  })

  test('the type comes from a type label, else issue_type, and milestones are a field', () => {
    const r = record(
      payload({
        item: issue({
          issue_type: 'incident',
          labels: ['type::bug'],
          milestone: { title: 'v1.2' },
        }),
        labelEvents: [labelEvent(1, '2016-02-01T00:00:00.000Z', '+type::bug')],
        milestoneEvents: [
          {
            id: 142,
            created_at: '2016-02-02T00:00:00.000Z',
            milestone: { id: 61, iid: 9, title: 'v1.2' },
            action: 'add',
          },
        ],
      }),
    )
    expect(r.type).toBe('bug')
    expect(r.changes).toEqual([
      { at: '2016-02-01T00:00:00.000Z', field: 'type', from: 'incident', to: 'bug' },
      { at: '2016-02-02T00:00:00.000Z', field: 'milestone', from: null, to: 'v1.2' },
    ])
    expect(r.fields?.milestone).toBe('v1.2')
  })

  test('a history that does not end in the state now gets one correcting change', () => {
    const result = gitLabItemToRecord(
      payload({ item: issue({ state: 'closed', closed_at: '2016-03-01T00:00:00.000Z' }) }),
      OPTIONS,
    )
    expect(result.ok && result.record.changes).toEqual([
      { at: '2016-03-01T00:00:00.000Z', field: 'status', from: 'opened', to: 'closed' },
    ])
    expect(result.ok && result.record.fields?.historyCorrected).toBe(true)
  })

  test('an item without a valid created_at or a key is refused with a reason', () => {
    const bad = gitLabItemToRecord(payload({ item: issue({ created_at: 'yesterday' }) }), OPTIONS)
    expect(bad).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/my-group\/my-project#1: created_at/),
    })
    const keyless = gitLabItemToRecord(
      payload({ item: issue({ references: undefined, web_url: undefined }) }),
      OPTIONS,
    )
    expect(keyless.ok).toBe(false)
  })
})
