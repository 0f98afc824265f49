import {
  FAKE_STATE_CHOICES,
  fakeDateTime,
  fakeStateLabel,
  fakeTaskRow,
} from './fake-servicenow-model'
import type { FakeTask } from './fake-servicenow-model'
import { queryRows } from './fake-servicenow-query'
import type { FakeRow } from './fake-servicenow-query'

/** An answer of the fake: status, JSON body (or raw text) and extra headers. */
export interface FakeServiceNowAnswer {
  status: number
  body?: unknown
  text?: string
  headers?: Record<string, string>
}

/** Whether sys_audit holds state changes (`on`), holds none (`off`) or answers 403. */
export type FakeAuditMode = 'on' | 'off' | 'forbidden'

/** What the routes read: the tasks by table and how auditing is set. */
export interface FakeServiceNowData {
  tasks: Map<string, FakeTask[]>
  audit: FakeAuditMode
  /** The most rows a page holds whatever `sysparm_limit` asks (ServiceNow's cap is 10,000). */
  maxLimit: number
  base: string
  /** Bumped by every change of the tasks: list queries are cached per version. */
  version: number
}

const cached = new WeakMap<
  FakeServiceNowData,
  { version: number; rows: Map<string, FakeRow[]>; byId?: Map<string, FakeTask> }
>()

function cacheOf(data: FakeServiceNowData) {
  let cache = cached.get(data)
  if (cache?.version !== data.version) {
    cache = { version: data.version, rows: new Map() }
    cached.set(data, cache)
  }
  return cache
}

/** Every task by sys_id, once per data version. */
function taskById(data: FakeServiceNowData, sysId: string): FakeTask | undefined {
  const cache = cacheOf(data)
  cache.byId ??= new Map([...data.tasks.values()].flat().map((t) => [t.sysId, t]))
  return cache.byId.get(sysId)
}

/** The matching rows of a task table, computed once per query and data version. */
function taskRows(data: FakeServiceNowData, table: string, query: string): FakeRow[] {
  const cache = cacheOf(data)
  const key = `${table}|${query}`
  let rows = cache.rows.get(key)
  if (rows === undefined) {
    rows = queryRows((data.tasks.get(table) ?? []).map(fakeTaskRow), query)
    cache.rows.set(key, rows)
  }
  return rows
}

/** The tasks an `IN` condition on `field` names, or every task (a fast path for audit reads). */
function namedTasks(data: FakeServiceNowData, query: string, field: string): FakeTask[] {
  const named = new RegExp(`(?:^|\\^)${field.replace('.', '\\.')}IN([^^]*)`).exec(query)?.[1]
  if (named === undefined) return [...data.tasks.values()].flat()
  return named.split(',').flatMap((id) => taskById(data, id) ?? [])
}

/** The Table API's error envelope (c_CustomWebServices.md): `{"error": {…}, "status": "failure"}`. */
export function fakeServiceNowError(status: number, message: string, detail: string | null) {
  return { status, body: { error: { message, detail }, status: 'failure' } }
}

function groupId(name: string): string {
  return `grp${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`.padEnd(32, '0').slice(0, 32)
}

/** A task's field as `sysparm_display_value=all` gives it (`false`: the stored value only). */
function fieldOf(
  at: { data: FakeServiceNowData; task: FakeTask; row: FakeRow; all: boolean },
  field: string,
): unknown {
  const { data, task, row, all } = at
  const pair = (value: string, display = value) => (all ? { display_value: display, value } : value)
  if (field === 'state') return pair(task.state, fakeStateLabel(task.table, task.state))
  if (field === 'assignment_group') return pair(groupId(task.group), task.group)
  if (field === 'description') return pair(task.description)
  if (
    field in task.refs ||
    [
      'parent',
      'request',
      'problem_id',
      'rfc',
      'caused_by',
      'parent_incident',
      'change_request',
    ].includes(field)
  ) {
    const number = task.refs[field]
    const target = number === undefined ? undefined : findTask(data, number)
    return pair(target?.sysId ?? '', number ?? '')
  }
  if (field === 'priority') return pair('4', '4 - Low')
  if (field in row) return pair(row[field] ?? '')
  return undefined // a field the table does not have is left out, as ServiceNow does
}

function findTask(data: FakeServiceNowData, number: string): FakeTask | undefined {
  for (const list of data.tasks.values()) {
    const found = list.find((t) => t.number === number)
    if (found) return found
  }
  return undefined
}

function auditRows(data: FakeServiceNowData, query: string): FakeRow[] {
  if (data.audit !== 'on') return []
  return namedTasks(data, query, 'documentkey').flatMap((task) =>
    task.changes.map((c, i) => ({
      sys_id: `${task.sysId.slice(0, 28)}${String(i).padStart(4, '0')}`,
      tablename: task.table,
      documentkey: task.sysId,
      fieldname: 'state',
      oldvalue: c.from,
      newvalue: c.to,
      user: 'admin',
      reason: '',
      record_checkpoint: String(i + 1),
      internal_checkpoint: '',
      sys_created_on: fakeDateTime(c.atMs),
    })),
  )
}

// sys_history_line has no licensed JSON sample: columns as the docs name them (set, field,
// old/new labels, old_value/new_value stored values, update_time), `set.id` dot-walked
function historyLines(data: FakeServiceNowData, query: string): FakeRow[] {
  return namedTasks(data, query, 'set.id').flatMap((task) =>
    task.changes.map((c) => ({
      'set.id': task.sysId,
      field: 'state',
      label: 'State',
      old: fakeStateLabel(task.table, c.from),
      new: fakeStateLabel(task.table, c.to),
      old_value: c.from,
      new_value: c.to,
      update_time: fakeDateTime(c.atMs),
    })),
  )
}

// no sys_choice Table API sample either: the documented columns
function choiceRows(): FakeRow[] {
  return Object.entries(FAKE_STATE_CHOICES).flatMap(([name, choices]) =>
    choices.map(([value, label], i) => ({
      name,
      element: 'state',
      value,
      label,
      sequence: String(i),
      inactive: 'false',
      language: 'en',
    })),
  )
}

/** `Link` as live instances send it: `<url>;rel="first",<url>;rel="next",<url>;rel="last"`. */
function linkHeader(url: URL, page: { offset: number; limit: number; total: number }): string {
  const { offset, limit, total } = page
  const at = (o: number) => {
    const u = new URL(url)
    u.searchParams.set('sysparm_offset', String(o))
    return `<${u.href}>`
  }
  const last = Math.max(0, Math.floor((total - 1) / limit) * limit)
  const links = [`${at(0)};rel="first"`]
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))};rel="prev"`)
  if (offset + limit < total) links.push(`${at(offset + limit)};rel="next"`)
  links.push(`${at(last)};rel="last"`)
  return links.join(',')
}

/** The answer to `GET /api/now/table/{table}` (and `/{sys_id}` records are not used). */
export function answerFakeTableGet(data: FakeServiceNowData, url: URL): FakeServiceNowAnswer {
  const table = /^\/api\/now\/table\/([a-z0-9_]+)$/.exec(url.pathname)?.[1]
  if (table === undefined)
    return fakeServiceNowError(400, 'Requested URI does not represent any resource', null)
  const params = url.searchParams
  const query = params.get('sysparm_query') ?? ''
  const all = params.get('sysparm_display_value') === 'all'
  const fields = (params.get('sysparm_fields') ?? '').split(',').filter(Boolean)
  const offset = Number(params.get('sysparm_offset') ?? 0)
  const limit = Math.min(Number(params.get('sysparm_limit') ?? 10_000), data.maxLimit)
  let rendered: (row: FakeRow) => unknown
  let rows: FakeRow[]
  if (table === 'sys_audit') {
    if (data.audit === 'forbidden')
      return fakeServiceNowError(403, 'User Not Authorized', 'ACL restricts the record retrieval')
    rows = queryRows(auditRows(data, query), query)
    rendered = (row) => pick(row, fields)
  } else if (table === 'sys_history_line' || table === 'sys_choice') {
    rows = queryRows(table === 'sys_choice' ? choiceRows() : historyLines(data, query), query)
    rendered = (row) => pick(row, fields)
  } else if (data.tasks.has(table)) {
    rows = taskRows(data, table, query)
    rendered = (row) => {
      const task = taskById(data, row.sys_id ?? '') as FakeTask
      const names = fields.length > 0 ? fields : Object.keys(row)
      return Object.fromEntries(
        names.flatMap((f) => {
          const value = fieldOf({ data, task, row, all }, f)
          return value === undefined ? [] : [[f, value]]
        }),
      )
    }
  } else {
    return fakeServiceNowError(400, `Invalid table ${table}`, null)
  }
  const headers: Record<string, string> = {}
  if (params.get('sysparm_no_count') !== 'true') headers['x-total-count'] = String(rows.length)
  if (params.get('sysparm_suppress_pagination_header') !== 'true') {
    headers.link = linkHeader(url, { offset, limit, total: rows.length })
  }
  return {
    status: 200,
    body: { result: rows.slice(offset, offset + limit).map(rendered) },
    headers,
  }
}

function pick(row: FakeRow, fields: readonly string[]): Record<string, string> {
  if (fields.length === 0) return { ...row }
  return Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f] ?? '']))
}
