import type { WorkItemRecord } from '@openvmo/core'

// The fake's items and their history, kept in GitLab's terms: a state, labels, and the resource
// events that led there. JSON is rendered per request in the shapes of GitLab's API docs
// (issues.md, merge_requests.md, resource_*_events.md; fake-gitlab-shapes.test.ts checks them).
// Where the recorded examples have no shape, the fake uses GitLab's documented one and says so:
// the scoped-label replacement (an `add` and a `remove` event of one instant, which no licensed
// capture shows), `moved_to_id` of a moved issue (in the issues API's attribute list, not in
// its examples), and the `closes_issues` list (documented as a list of issues).

/** The workflow states the fake's items move through, as `workflow::<state>` labels. */
export const FAKE_WORKFLOW = ['to do', 'doing', 'in review'] as const

export type FakeKind = 'issues' | 'merge_requests'

/** One resource event of a fake item. */
export type FakeEvent =
  | { type: 'state'; id: number; atMs: number; state: string }
  | { type: 'label'; id: number; atMs: number; name: string; action: 'add' | 'remove' }

/** An issue or merge request of the fake. */
export interface FakeGitLabItem {
  kind: FakeKind
  id: number
  iid: number
  project: FakeProject
  title: string
  createdMs: number
  updatedMs: number
  state: 'opened' | 'closed' | 'merged'
  labels: string[]
  events: FakeEvent[]
  /** The status after each change, from creation: what the connector must find. */
  statuses: { atMs: number; status: string }[]
  movedToId?: number
  /** Merge requests: keys of the issues they close. */
  closes: string[]
}

/** A project of the fake (in the group `acme` when its path starts with `acme/`). */
export interface FakeProject {
  id: number
  path: string
  nextIid: { issues: number; merge_requests: number }
}

const iso = (ms: number) => new Date(ms).toISOString()
const HOUR = 3_600_000

/** The key of an item: `acme/pay#3` or `acme/pay!2`. */
export function fakeKeyOf(item: FakeGitLabItem): string {
  return `${item.project.path}${item.kind === 'issues' ? '#' : '!'}${item.iid}`
}

function workflowLabel(item: FakeGitLabItem): string | undefined {
  return item.labels.find((l) => l.startsWith('workflow::'))
}

function statusNow(item: FakeGitLabItem): string {
  if (item.state !== 'opened') return item.state
  return workflowLabel(item)?.slice('workflow::'.length) ?? 'opened'
}

/**
 * Moves an item one step at `atMs`: a closed item is reopened; an open one gets the next
 * workflow label (replacing the last one: an `add` and a `remove` event of the same instant), or
 * is closed when `close`. Records the status it then has.
 */
export function advanceFakeItem(
  item: FakeGitLabItem,
  at: { atMs: number; close: boolean; nextId: () => number },
): void {
  const { atMs } = at
  if (item.state !== 'opened') {
    item.state = 'opened'
    item.events.push({ type: 'state', id: at.nextId(), atMs, state: 'reopened' })
  } else if (at.close) {
    item.state = 'closed'
    item.events.push({ type: 'state', id: at.nextId(), atMs, state: 'closed' })
  } else {
    const old = workflowLabel(item)
    const index = old === undefined ? 0 : FAKE_WORKFLOW.indexOf(old.slice(10) as never) + 1
    const name = `workflow::${FAKE_WORKFLOW[index % FAKE_WORKFLOW.length] ?? 'to do'}`
    item.events.push({ type: 'label', id: at.nextId(), atMs, name, action: 'add' })
    if (old !== undefined) {
      item.events.push({ type: 'label', id: at.nextId(), atMs, name: old, action: 'remove' })
    }
    item.labels = [...item.labels.filter((l) => l !== old), name]
  }
  item.updatedMs = Math.max(item.updatedMs, atMs)
  item.statuses.push({ atMs, status: statusNow(item) })
}

/** A new item with `changes` steps an hour apart after its creation (the last closes some). */
export function newFakeItem(
  at: { kind: FakeKind; id: number; project: FakeProject; createdMs: number; nextId: () => number },
  changes: number,
): FakeGitLabItem {
  const iid = at.project.nextIid[at.kind]++
  const item: FakeGitLabItem = {
    kind: at.kind,
    id: at.id,
    iid,
    project: at.project,
    title: `${at.kind === 'issues' ? 'Issue' : 'Merge request'} ${iid} of ${at.project.path}`,
    createdMs: at.createdMs,
    updatedMs: at.createdMs,
    state: 'opened',
    labels: iid % 2 === 0 ? ['backend'] : [],
    events: [],
    statuses: [{ atMs: at.createdMs, status: 'opened' }],
    closes: [],
  }
  for (let k = 1; k <= changes; k++) {
    const close = k === changes && iid % 3 === 0
    advanceFakeItem(item, { atMs: at.createdMs + k * HOUR, close, nextId: at.nextId })
  }
  return item
}

/** The record the connector must return for an item. */
export function expectedFakeRecord(item: FakeGitLabItem, source: string): WorkItemRecord {
  const changes = item.statuses.slice(1).map((s, k) => ({
    at: iso(s.atMs),
    field: 'status',
    from: (item.statuses[k] as { status: string }).status,
    to: s.status,
  }))
  return {
    source,
    key: fakeKeyOf(item),
    project: item.project.path,
    type: item.kind === 'issues' ? 'issue' : 'merge_request',
    title: item.title,
    created: iso(item.createdMs),
    status: item.statuses.at(-1)?.status ?? 'opened',
    labels: [...item.labels],
    links: item.closes.map((target) => ({ type: 'closes', target })),
    changes,
  }
}

const USER = { id: 1, username: 'root', name: 'Administrator', state: 'active' }

/** The issue or merge request as GitLab's list and single endpoints render it. */
export function renderFakeItem(item: FakeGitLabItem, webBase: string): Record<string, unknown> {
  const key = fakeKeyOf(item)
  const closedAtMs = item.state === 'opened' ? undefined : item.statuses.at(-1)?.atMs
  const common = {
    id: item.id,
    iid: item.iid,
    project_id: item.project.id,
    title: item.title,
    description: null,
    state: item.state,
    created_at: iso(item.createdMs),
    updated_at: iso(item.updatedMs),
    closed_at: item.state === 'closed' && closedAtMs ? iso(closedAtMs) : null,
    labels: [...item.labels],
    milestone: null,
    author: USER,
    assignees: [],
    web_url: `${webBase}/${item.project.path}/-/${item.kind}/${item.iid}`,
    references: {
      short: key.slice(item.project.path.length),
      relative: key.slice(item.project.path.length),
      full: key,
    },
  }
  if (item.kind === 'issues') {
    return { ...common, issue_type: 'issue', type: 'ISSUE', moved_to_id: item.movedToId ?? null }
  }
  return {
    ...common,
    merged_at: null,
    source_branch: `branch-${item.iid}`,
    target_branch: 'main',
    draft: false,
  }
}

/** The item's events of one kind, as `resource_<kind>_events` renders them. */
export function renderFakeEvents(item: FakeGitLabItem, which: 'state' | 'label' | 'milestone') {
  const resource = item.kind === 'issues' ? 'Issue' : 'MergeRequest'
  const base = (e: FakeEvent) => ({
    id: e.id,
    user: USER,
    created_at: iso(e.atMs),
    resource_type: resource,
    resource_id: item.id,
  })
  return item.events.flatMap((e): Record<string, unknown>[] => {
    if (which === 'state' && e.type === 'state') return [{ ...base(e), state: e.state }]
    if (which === 'label' && e.type === 'label') {
      return [
        {
          ...base(e),
          label: { id: 70, name: e.name, color: '#34495E', description: '' },
          action: e.action,
        },
      ]
    }
    return []
  })
}
