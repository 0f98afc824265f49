import type { WorkItemRecord } from '@openvmo/core'

// The fake's work items and their history, kept in Azure DevOps' terms: fields, and the updates
// (revisions) that led there. JSON is rendered per request in the shapes of Microsoft's
// Work Item Tracking 7.1 Swagger and its examples (`workitems?ids=…&$expand=all`,
// `workItems/{id}/updates`); fake-azure-devops-shapes.test.ts checks them. As in the examples,
// an update's `revisedDate` is when the *next* revision replaced it (9999-01-01 on the latest),
// some seconds after that revision's `System.ChangedDate`: a connector that took `revisedDate`
// as the time of a transition would be caught.

/** The states the fake's items move through, with their categories (Agile process). */
export const FAKE_STATES = [
  { name: 'New', category: 'Proposed' },
  { name: 'Active', category: 'InProgress' },
  { name: 'Resolved', category: 'Resolved' },
  { name: 'Closed', category: 'Completed' },
  { name: 'Removed', category: 'Removed' },
] as const

/** Board columns beside the states (the Kanban board's `System.BoardColumn`). */
const COLUMNS: Readonly<Record<string, string>> = {
  New: 'New',
  Active: 'Doing',
  Resolved: 'Review',
  Closed: 'Closed',
  Removed: 'Closed',
}

/** One revision of a fake work item: its number, when it happened, and what it set. */
export interface FakeRevision {
  rev: number
  atMs: number
  fields: Record<string, { oldValue?: unknown; newValue?: unknown }>
  relationsAdded?: { rel: string; id: number }[]
}

/** A work item of the fake. */
export interface FakeWorkItem {
  id: number
  project: string
  type: 'User Story' | 'Bug'
  title: string
  createdMs: number
  state: string
  relations: { rel: string; id: number }[]
  revisions: FakeRevision[]
  /** The status after each change, from creation: what the connector must find. */
  statuses: { atMs: number; status: string }[]
}

const iso = (ms: number) => new Date(ms).toISOString()
const HOUR = 3_600_000
const FOREVER = '9999-01-01T00:00:00Z'
const USER = {
  displayName: 'Jamal Hartnett',
  url: 'https://vssps.dev.azure.com/fabrikam/_apis/Identities/d291b0c4-a05c-4ea6-8df1-4b41d5f39eff',
  id: 'd291b0c4-a05c-4ea6-8df1-4b41d5f39eff',
  uniqueName: 'fabrikamfiber4@hotmail.com',
  descriptor: 'aad.YTkzODFkODYtNTYxYS03ZDdiLWJjM2QtZDUzMjllMjM5OTAz',
}

function changedMs(item: FakeWorkItem): number {
  return item.revisions.at(-1)?.atMs ?? item.createdMs
}

/** The next state: New → Active → Resolved → Closed → Active …; `remove` ends in Removed. */
function nextState(state: string, remove: boolean): string {
  if (remove) return 'Removed'
  const order = ['New', 'Active', 'Resolved', 'Closed']
  const k = order.indexOf(state)
  return k < 0 || k === order.length - 1 ? 'Active' : (order[k + 1] as string)
}

/** Moves an item one state on at `atMs` (a new revision), or to Removed when `remove`. */
export function advanceFakeWorkItem(item: FakeWorkItem, atMs: number, remove = false): void {
  const from = item.state
  const to = nextState(from, remove)
  const last = changedMs(item)
  item.revisions.push({
    rev: item.revisions.length + 1,
    atMs,
    fields: {
      'System.Rev': { oldValue: item.revisions.length, newValue: item.revisions.length + 1 },
      'System.State': { oldValue: from, newValue: to },
      'System.BoardColumn': { oldValue: COLUMNS[from], newValue: COLUMNS[to] },
      'System.ChangedDate': { oldValue: iso(last), newValue: iso(atMs) },
    },
  })
  item.state = to
  item.statuses.push({ atMs, status: to })
}

/** A new work item created at `createdMs` with `changes` state changes an hour apart. */
export function newFakeWorkItem(
  at: { id: number; project: string; createdMs: number; parentId?: number },
  changes: number,
): FakeWorkItem {
  const type = at.id % 4 === 0 ? 'Bug' : 'User Story'
  const item: FakeWorkItem = {
    id: at.id,
    project: at.project,
    type,
    title: `${type} ${at.id} of ${at.project}`,
    createdMs: at.createdMs,
    state: 'New',
    relations: [],
    revisions: [],
    statuses: [{ atMs: at.createdMs, status: 'New' }],
  }
  item.revisions.push({
    rev: 1,
    atMs: at.createdMs,
    fields: {
      'System.Id': { newValue: at.id },
      'System.Rev': { newValue: 1 },
      'System.WorkItemType': { newValue: type },
      'System.State': { newValue: 'New' },
      'System.BoardColumn': { newValue: 'New' },
      'System.AreaPath': { newValue: at.project },
      'System.IterationPath': { newValue: `${at.project}\\Sprint 1` },
      'System.CreatedDate': { newValue: iso(at.createdMs) },
      'System.ChangedDate': { newValue: iso(at.createdMs) },
    },
  })
  for (let k = 1; k <= changes; k++) {
    advanceFakeWorkItem(item, at.createdMs + k * HOUR, k === changes && at.id % 7 === 0)
  }
  return item
}

/** Links the item to its parent (Hierarchy-Reverse) in a revision of its own, a minute on. */
export function linkFakeParent(child: FakeWorkItem, parent: FakeWorkItem): void {
  child.relations.push({ rel: 'System.LinkTypes.Hierarchy-Reverse', id: parent.id })
  parent.relations.push({ rel: 'System.LinkTypes.Hierarchy-Forward', id: child.id })
  // a relation-only update: no fields, no System.ChangedDate (as in the recorded examples)
  child.revisions.push({
    rev: child.revisions.length,
    atMs: changedMs(child),
    fields: {},
    relationsAdded: [{ rel: 'System.LinkTypes.Hierarchy-Reverse', id: parent.id }],
  })
}

/** The record the connector must return for an item. */
export function expectedFakeRecord(item: FakeWorkItem, source: string): WorkItemRecord {
  const changes = item.statuses.slice(1).map((s, k) => ({
    at: iso(s.atMs),
    field: 'status',
    from: (item.statuses[k] as { status: string }).status,
    to: s.status,
  }))
  const names: Record<string, string> = {
    'System.LinkTypes.Hierarchy-Reverse': 'parent',
    'System.LinkTypes.Hierarchy-Forward': 'child',
  }
  const links = item.relations.map((r) => ({ type: names[r.rel] ?? r.rel, target: String(r.id) }))
  const parent = item.relations.find((r) => r.rel === 'System.LinkTypes.Hierarchy-Reverse')
  return {
    source,
    key: String(item.id),
    project: item.project,
    type: item.type,
    title: item.title,
    created: iso(item.createdMs),
    status: item.state,
    parent: parent === undefined ? undefined : String(parent.id),
    links,
    changes,
  }
}

function relationOf(base: string, r: { rel: string; id: number }) {
  return { rel: r.rel, url: `${base}/_apis/wit/workItems/${r.id}`, attributes: { isLocked: false } }
}

/** The work item as `GET _apis/wit/workitems?ids=…&$expand=relations` renders it. */
export function renderFakeWorkItem(item: FakeWorkItem, base: string): Record<string, unknown> {
  const changed = iso(changedMs(item))
  const done = item.state === 'Closed' || item.state === 'Resolved'
  return {
    id: item.id,
    rev: item.revisions.length,
    fields: {
      'System.Id': item.id,
      'System.AreaPath': item.project,
      'System.TeamProject': item.project,
      'System.IterationPath': `${item.project}\\Sprint 1`,
      'System.WorkItemType': item.type,
      'System.State': item.state,
      'System.Reason': item.state === 'New' ? 'New' : `Moved to ${item.state}`,
      'System.BoardColumn': COLUMNS[item.state],
      'System.CreatedDate': iso(item.createdMs),
      'System.CreatedBy': USER,
      'System.ChangedDate': changed,
      'System.ChangedBy': USER,
      'System.Title': item.title,
      ...(done ? { 'Microsoft.VSTS.Common.ClosedDate': changed } : {}),
    },
    relations: item.relations.map((r) => relationOf(base, r)),
    _links: {
      self: { href: `${base}/_apis/wit/workItems/${item.id}` },
      html: { href: `${base}/${encodeURIComponent(item.project)}/_workitems/edit/${item.id}` },
    },
    url: `${base}/_apis/wit/workItems/${item.id}`,
  }
}

/** The item's updates as `GET _apis/wit/workItems/{id}/updates` renders them. */
export function renderFakeUpdates(item: FakeWorkItem, base: string): Record<string, unknown>[] {
  return item.revisions.map((r, k) => {
    const next = item.revisions[k + 1]
    return {
      id: k + 1,
      workItemId: item.id,
      rev: r.rev,
      revisedBy: USER,
      // superseded when the next revision came, some seconds after this one's change
      revisedDate: next === undefined ? FOREVER : iso(next.atMs + 7_000),
      ...(Object.keys(r.fields).length === 0 ? {} : { fields: r.fields }),
      ...(r.relationsAdded
        ? { relations: { added: r.relationsAdded.map((x) => relationOf(base, x)) } }
        : {}),
      url: `${base}/_apis/wit/workItems/${item.id}/updates/${k + 1}`,
    }
  })
}
