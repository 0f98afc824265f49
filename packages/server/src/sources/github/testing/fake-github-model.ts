import type { WorkItemRecord } from '@openvmo/core'
import { gitHubInstant } from './fake-github-json'
/** The fake GitHub's items, in GitHub's terms, with the status history each is meant to have. */

/** How the fake moves items between statuses (the connector is configured to match). */
export type FakeWorkflow = 'state' | 'labels' | 'milestones' | 'project'

/** The values items cycle through in each workflow (labels carry the `status: ` prefix). */
export const FAKE_WORKFLOW_VALUES: Record<Exclude<FakeWorkflow, 'state'>, readonly string[]> = {
  labels: ['todo', 'doing', 'review'],
  milestones: ['needstriage', 'needsdiagnosis', 'sitewait'],
  project: ['Todo', 'In Progress', 'Review'],
}

/** The label prefix of the `labels` workflow. */
export const FAKE_STATUS_PREFIX = 'status: '

/** One timeline event (`kind` is GitHub's `event`) or project value change (`project_value`). */
export interface FakeEvent {
  kind: string
  atMs: number
  label?: string
  milestone?: string
  reason?: string | null
  assignee?: string
  /** `cross-referenced`: the key of the item that mentioned this one. */
  source?: string
  projectValue?: string | null
  /** `issue_type_added`: the issue type set. */
  issueType?: string
}

/** An issue or pull request of the fake. */
export interface FakeItem {
  repo: string
  number: number
  id: number
  nodeId: string
  isPull: boolean
  title: string
  body: string | null
  branch?: string
  createdMs: number
  updatedMs: number
  state: 'open' | 'closed'
  stateReason: string | null
  closedMs: number | null
  mergedMs: number | null
  draft: boolean
  /** The issue type (`Bug`), where the organisation has issue types. */
  issueType?: string
  labels: string[]
  milestone: string | null
  assignees: string[]
  project: { value: string; atMs: number } | null
  events: FakeEvent[]
  /** The status history the connector must find: the first entry is the status at creation. */
  statuses: { atMs: number; status: string }[]
  /** The links the connector must find (`referenced_by acme/web#3`). */
  links: { type: string; target: string }[]
  /** Transferred away or deleted: answered 301 (to `movedTo`) or 410. */
  movedTo?: string
  deleted?: boolean
}

const HOUR = 3_600_000

/** Whole seconds, as GitHub's times have. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

/** A new open issue of `repo` at `createdMs` (a whole second), in the state of `workflow`. */
export function newFakeIssue(
  fields: Pick<FakeItem, 'repo' | 'number' | 'id' | 'createdMs'>,
  workflow: FakeWorkflow,
): FakeItem {
  const item: FakeItem = {
    ...fields,
    nodeId: `I_kwDOFake${fields.id}`,
    isPull: false,
    title: `Item ${fields.number} of ${fields.repo}`,
    body: 'Found while testing.',
    updatedMs: fields.createdMs,
    state: 'open',
    stateReason: null,
    closedMs: null,
    mergedMs: null,
    draft: false,
    labels: [],
    milestone: null,
    assignees: [],
    project: null,
    events: [],
    statuses: [],
    links: [],
  }
  // noise at creation: a label that is neither a type nor a status
  addLabel(item, 'area: payments', item.createdMs)
  if (workflow === 'labels') addLabel(item, `${FAKE_STATUS_PREFIX}todo`, item.createdMs)
  if (workflow === 'milestones') setMilestone(item, 'needstriage', item.createdMs)
  item.statuses.push({ atMs: item.createdMs, status: statusOf(item, workflow) })
  return item
}

function addLabel(item: FakeItem, label: string, atMs: number): void {
  item.labels.push(label)
  item.events.push({ kind: 'labeled', atMs, label })
}

function setMilestone(item: FakeItem, title: string, atMs: number): void {
  if (item.milestone !== null) {
    item.events.push({ kind: 'demilestoned', atMs, milestone: item.milestone })
  }
  item.milestone = title
  item.events.push({ kind: 'milestoned', atMs, milestone: title })
}

/** The item's status now, in openvmo's terms for `workflow` (closed items: their state). */
export function statusOf(item: FakeItem, workflow: FakeWorkflow): string {
  if (item.mergedMs !== null) return 'merged'
  if (item.state === 'closed') {
    if (item.isPull) return 'closed'
    return item.stateReason === 'not_planned' ? 'not planned' : 'closed'
  }
  const open = item.draft ? 'draft' : 'open'
  if (workflow === 'labels') {
    const label = statusLabelOf(item)
    return label === undefined ? open : label.slice(FAKE_STATUS_PREFIX.length)
  }
  if (workflow === 'milestones') return item.milestone ?? open
  if (workflow === 'project') return item.project?.value ?? open
  return open
}

function statusLabelOf(item: FakeItem): string | undefined {
  return [...item.labels].reverse().find((l) => l.startsWith(FAKE_STATUS_PREFIX))
}

function nextValue(values: readonly string[], current: string): string {
  return values[(values.indexOf(current) + 1) % values.length] as string
}

/**
 * Moves the item to its workflow's next status at `atMs` (a whole second; it becomes the
 * item's update time): `state` closes or reopens it; `labels` swaps its status label and
 * `milestones` its milestone in one same-second burst; `project` sets its project value.
 */
export function advanceFakeItem(item: FakeItem, workflow: FakeWorkflow, atMs: number): void {
  const before = statusOf(item, workflow)
  if (workflow === 'state') {
    if (item.state === 'open') closeItem(item, atMs, 'completed')
    else reopenItem(item, atMs)
  } else if (workflow === 'labels') {
    const old = statusLabelOf(item)
    if (old !== undefined) {
      item.labels = item.labels.filter((l) => l !== old)
      item.events.push({ kind: 'unlabeled', atMs, label: old })
    }
    addLabel(item, `${FAKE_STATUS_PREFIX}${nextValue(FAKE_WORKFLOW_VALUES.labels, before)}`, atMs)
  } else if (workflow === 'milestones') {
    setMilestone(item, nextValue(FAKE_WORKFLOW_VALUES.milestones, before), atMs)
  } else {
    const value = nextValue(FAKE_WORKFLOW_VALUES.project, before)
    item.project = { value, atMs }
    item.events.push({ kind: 'project_value', atMs, projectValue: value })
  }
  item.updatedMs = atMs
  recordStatus(item, workflow, atMs)
}

/** Appends the item's status now to its expected history, when it changed. */
export function recordStatus(item: FakeItem, workflow: FakeWorkflow, atMs: number): void {
  const status = statusOf(item, workflow)
  if (item.statuses.at(-1)?.status !== status) item.statuses.push({ atMs, status })
}

/** Closes the item (`reason`: completed, not_planned, duplicate) with a `closed` event. */
export function closeItem(item: FakeItem, atMs: number, reason: string | null): void {
  item.state = 'closed'
  item.stateReason = item.isPull ? null : reason
  item.closedMs = atMs
  item.events.push({ kind: 'closed', atMs, reason: item.stateReason })
}

/** Reopens the item with a `reopened` event. */
export function reopenItem(item: FakeItem, atMs: number): void {
  item.state = 'open'
  item.stateReason = item.isPull ? null : 'reopened'
  item.closedMs = null
  item.events.push({ kind: 'reopened', atMs, reason: null })
}

/** Creates `changes` status changes an hour apart after creation, plus an assignment. */
export function growHistory(item: FakeItem, workflow: FakeWorkflow, changes: number): void {
  item.assignees = ['octocat']
  item.events.push({ kind: 'assigned', atMs: item.createdMs + 600_000, assignee: 'octocat' })
  item.updatedMs = item.createdMs + 600_000
  for (let k = 1; k <= changes; k++) advanceFakeItem(item, workflow, item.createdMs + k * HOUR)
}

/** The record the connector must make of a fake item, from the fake's own account of it. */
export function expectedFakeRecord(item: FakeItem, source: string): WorkItemRecord {
  const changes = item.statuses.slice(1).map((s, k) => ({
    at: gitHubInstant(s.atMs),
    field: 'status',
    from: (item.statuses[k] as { status: string }).status,
    to: s.status,
  }))
  return {
    source,
    key: `${item.repo}#${item.number}`,
    project: item.repo,
    type: item.isPull ? 'Pull Request' : 'Issue',
    title: item.title,
    created: gitHubInstant(item.createdMs),
    status: item.statuses.at(-1)?.status ?? 'open',
    labels: [...item.labels],
    links: item.links.map((l) => ({ ...l })),
    changes,
  }
}
