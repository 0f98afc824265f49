import type { WorkItemRecord } from '@openvmo/core'
import type { FakeRow } from './fake-servicenow-query'

/**
 * State choices as an instance's sys_choice holds them (value, label), from ServiceNow's docs:
 * incident (GlideForm getOptions example: 1 New … 8 Canceled), change_request (change state
 * model: -5 New … 4 Canceled), problem (101 New … 107 Closed) and `task` (the requested item
 * states of req-item-state-mapping: Open, Work in Progress, Pending, Closed Complete / Skipped /
 * Incomplete), which sc_request and sc_req_item inherit (they have no rows of their own).
 */
export const FAKE_STATE_CHOICES: Readonly<Record<string, readonly (readonly [string, string])[]>> =
  {
    incident: [
      ['1', 'New'],
      ['2', 'In Progress'],
      ['3', 'On Hold'],
      ['6', 'Resolved'],
      ['7', 'Closed'],
      ['8', 'Canceled'],
    ],
    change_request: [
      ['-5', 'New'],
      ['-4', 'Assess'],
      ['-3', 'Authorize'],
      ['-2', 'Scheduled'],
      ['-1', 'Implement'],
      ['0', 'Review'],
      ['3', 'Closed'],
      ['4', 'Canceled'],
    ],
    problem: [
      ['101', 'New'],
      ['102', 'Assess'],
      ['103', 'Root Cause Analysis'],
      ['104', 'Fix in Progress'],
      ['106', 'Resolved'],
      ['107', 'Closed'],
    ],
    task: [
      ['-5', 'Pending'],
      ['1', 'Open'],
      ['2', 'Work in Progress'],
      ['3', 'Closed Complete'],
      ['4', 'Closed Incomplete'],
      ['7', 'Closed Skipped'],
    ],
  }

/** The number prefix of each fake table. */
export const FAKE_PREFIXES: Readonly<Record<string, string>> = {
  incident: 'INC',
  sc_request: 'REQ',
  sc_req_item: 'RITM',
  change_request: 'CHG',
  problem: 'PRB',
}

/** The path through each table's states that new items and edits walk (cyclic). */
const WALKS: Readonly<Record<string, readonly string[]>> = {
  incident: ['1', '2', '3', '2', '6', '7'],
  change_request: ['-5', '-4', '-3', '-2', '-1', '0', '3'],
  problem: ['101', '102', '103', '104', '106', '107'],
  task: ['1', '2', '-5', '2', '3'],
}

/** One state change of a fake record: stored values, UTC ms. */
export interface FakeStateChange {
  atMs: number
  from: string
  to: string
}

/** A record of a fake task table (incident, problem …). */
export interface FakeTask {
  table: string
  sysId: string
  number: string
  createdMs: number
  updatedMs: number
  state: string
  group: string
  title: string
  description: string
  /** Reference fields (`parent`, `problem_id` …) by name: the referenced record's number. */
  refs: Record<string, string>
  changes: FakeStateChange[]
  /** Edits of other fields (assignment group moves), counted in sys_mod_count. */
  otherEdits: number
}

/** `2026-01-02 03:04:05`: a UTC instant as ServiceNow stores it. */
export function fakeDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/** The label of a stored state value of `table`. */
export function fakeStateLabel(table: string, value: string): string {
  const choices = FAKE_STATE_CHOICES[table] ?? FAKE_STATE_CHOICES.task ?? []
  return choices.find(([v]) => v === value)?.[1] ?? value
}

function walkOf(table: string): readonly string[] {
  return WALKS[table] ?? WALKS.task ?? []
}

/** Moves `task` one step along its table's walk at `atMs`. */
export function advanceFakeTask(task: FakeTask, anyMs: number): void {
  // ServiceNow keeps whole seconds
  const atMs = Math.floor(anyMs / 1000) * 1000
  const walk = walkOf(task.table)
  const at = walk.indexOf(task.state)
  const to = walk[(at + 1) % walk.length] ?? task.state
  const from = task.state === to ? (walk[0] ?? '') : task.state
  task.changes.push({ atMs, from, to })
  task.state = to
  task.updatedMs = atMs
}

/** A new task at `createdMs`, then `changes` state steps a minute apart. */
export function newFakeTask(
  at: { table: string; sysId: string; number: string; createdMs: number; group: string },
  changes: number,
): FakeTask {
  const task: FakeTask = {
    ...at,
    updatedMs: at.createdMs,
    state: walkOf(at.table)[0] ?? '1',
    title: `${at.number}: printer on floor 3 is out of toner`,
    description: '',
    refs: {},
    changes: [],
    otherEdits: 0,
  }
  for (let i = 1; i <= changes; i++) advanceFakeTask(task, at.createdMs + i * 60_000)
  return task
}

/** The stored values of a task as encoded queries see them (dot-walked group name included). */
export function fakeTaskRow(task: FakeTask): FakeRow {
  return {
    sys_id: task.sysId,
    number: task.number,
    state: task.state,
    short_description: task.title,
    'assignment_group.name': task.group,
    sys_created_on: fakeDateTime(task.createdMs),
    sys_updated_on: fakeDateTime(task.updatedMs),
    sys_mod_count: String(task.changes.length + task.otherEdits),
  }
}

/** The record the connector must make of `task`, from the fake's own state. */
export function expectedFakeTaskRecord(task: FakeTask, source: string): WorkItemRecord {
  const types: Record<string, string> = {
    incident: 'incident',
    problem: 'problem',
    sc_request: 'request',
    sc_req_item: 'requested_item',
    change_request: 'change',
  }
  const label = (v: string) => fakeStateLabel(task.table, v)
  const links = Object.entries(task.refs).map(([field, target]) => ({
    type:
      { problem_id: 'problem', rfc: 'change', change_request: 'change', caused_by: 'caused_by' }[
        field
      ] ?? 'parent',
    target,
  }))
  const parent = task.refs.parent ?? task.refs.parent_incident ?? task.refs.request
  return {
    source,
    key: task.number,
    type: types[task.table] ?? task.table,
    title: task.title,
    project: task.table,
    created: new Date(task.createdMs).toISOString(),
    status: label(task.state),
    ...(parent === undefined ? {} : { parent }),
    ...(links.length === 0 ? {} : { links }),
    changes: task.changes.map((c) => ({
      at: `${fakeDateTime(c.atMs).replace(' ', 'T')}Z`,
      field: 'status',
      from: label(c.from),
      to: label(c.to),
    })),
  }
}
