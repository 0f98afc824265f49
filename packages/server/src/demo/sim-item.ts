import type { WorkItemChange, WorkItemLink, WorkItemRecord } from '@openvmo/core'
import type { DemoStream } from './organisation'

/** A change with a numeric instant, formatted only when the record is built. */
export interface SimChange {
  atMs: number
  field: string
  from: string | null
  to: string | null
}

/** A link to another simulated item, visible from `sinceMs` on. */
export interface SimLink {
  type: string
  target: SimItem
  sinceMs: number
}

/** The three demo sources. */
export type DemoSource = 'jira' | 'github' | 'servicenow'

/**
 * A work item while the demo is simulated: its whole future history (also after the as-of time),
 * milestones other sources hang their items on, and object links resolved to keys at the end.
 */
export interface SimItem {
  source: DemoSource
  /** Assigned once a project's or repository's items are all known (numbers follow creation). */
  key: string
  id: string
  url: string
  project: string
  stream: DemoStream
  initialTeam: string
  initialType: string
  initialStatus: string
  title: string
  createdMs: number
  labels: string[]
  fields: Record<string, unknown>
  parent?: SimItem
  links: SimLink[]
  changes: SimChange[]
  /** The status after the last change written so far, and that change's instant. */
  status: string
  lastMs: number
  milestones: Milestones
  /** The assignee after the last change written so far. */
  assignee?: string
  /** Epics: the planned end (NaN for other items). */
  dueMs: number
}

/** Instants of a Jira item's journey that GitHub and ServiceNow items follow (NaN = never). */
export interface Milestones {
  startedMs: number
  reviewQueueMs: number[]
  reworkMs: number[]
  reviewEndMs: number
  doneMs: number
  canceledMs: number
}

/** Fields of a new item; the rest start empty. */
export type NewSimItem = Pick<
  SimItem,
  | 'source'
  | 'stream'
  | 'project'
  | 'initialTeam'
  | 'initialType'
  | 'initialStatus'
  | 'title'
  | 'createdMs'
> &
  Partial<Pick<SimItem, 'labels' | 'fields' | 'parent'>>

/** Creates a simulated item in its initial status, without history. */
export function createSimItem(spec: NewSimItem): SimItem {
  return {
    key: '',
    id: '',
    url: '',
    labels: [],
    fields: {},
    links: [],
    changes: [],
    status: spec.initialStatus,
    lastMs: spec.createdMs,
    dueMs: NaN,
    milestones: {
      startedMs: NaN,
      reviewQueueMs: [],
      reworkMs: [],
      reviewEndMs: NaN,
      doneMs: NaN,
      canceledMs: NaN,
    },
    ...spec,
  }
}

/** Records a status change to `to` at `atMs` (never before the previous change). */
export function moveTo(item: SimItem, to: string, atMs: number): number {
  const at = Math.max(atMs, item.lastMs + 60_000)
  item.changes.push({ atMs: at, field: 'status', from: item.status, to })
  item.status = to
  item.lastMs = at
  return at
}

/** Records a change of another field at `atMs` (never before the previous change). */
export function setField(item: SimItem, change: Omit<SimChange, 'atMs'>, atMs: number): void {
  const at = Math.max(atMs, item.lastMs + 1000)
  item.changes.push({ atMs: at, ...change })
  item.lastMs = at
}

function formatInstant(ms: number, source: DemoSource): string {
  const iso = new Date(ms).toISOString()
  // GitHub and ServiceNow report whole seconds; Jira keeps milliseconds.
  return source === 'jira' ? iso : `${iso.slice(0, 19)}Z`
}

function initialValue(item: SimItem, field: string): string {
  if (field === 'status') return item.initialStatus
  if (field === 'type') return item.initialType
  return field === 'team' ? item.initialTeam : ''
}

/** The value of `field` after the changes up to `asOfMs` ('' for a field never set). */
function valueAt(item: SimItem, field: string, asOfMs: number): string {
  let value = initialValue(item, field)
  for (const change of item.changes) {
    if (change.atMs > asOfMs) break
    if (change.field === field && change.to !== null) value = change.to
  }
  return value
}

function visibleLinks(item: SimItem, asOfMs: number): WorkItemLink[] | undefined {
  const links = item.links
    .filter((link) => link.sinceMs <= asOfMs && link.target.createdMs <= asOfMs)
    .map((link) => ({ type: link.type, target: `${link.target.source}:${link.target.key}` }))
  return links.length > 0 ? links : undefined
}

/**
 * The item as its tools would export it at `asOfMs` (docs/importing.md ("NDJSON history")): later changes and links are
 * cut off, so work in flight stays in flight. Undefined when the item did not exist yet.
 */
export function toWorkItemRecord(item: SimItem, asOfMs: number): WorkItemRecord | undefined {
  if (item.createdMs > asOfMs) return undefined
  const changes: WorkItemChange[] = []
  for (const { atMs, field, from, to } of item.changes) {
    if (atMs > asOfMs) break
    changes.push({ at: formatInstant(atMs, item.source), field, from, to })
  }
  const record: WorkItemRecord = {
    source: item.source,
    key: item.key,
    id: item.id,
    url: item.url,
    project: item.project,
    type: valueAt(item, 'type', asOfMs),
    title: item.title,
    created: formatInstant(item.createdMs, item.source),
    status: valueAt(item, 'status', asOfMs),
    team: valueAt(item, 'team', asOfMs),
    labels: item.labels,
    changes,
  }
  if (item.parent !== undefined) record.parent = item.parent.key
  const links = visibleLinks(item, asOfMs)
  if (links !== undefined) record.links = links
  const assignee = valueAt(item, 'assignee', asOfMs)
  record.fields = assignee === '' ? item.fields : { ...item.fields, assignee }
  return record
}
