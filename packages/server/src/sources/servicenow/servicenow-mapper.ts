import { parseInstant } from '@openvmo/core'
import type { WorkItemChange, WorkItemLink, WorkItemRecord } from '@openvmo/core'
import type { MapResult } from '../files/import-result'
import {
  findStatusMismatch,
  nonEmpty,
  nonEmptyFields,
  sortChangesByInstant,
  withoutUndefined,
} from '../files/record-helpers'
import { keyOfRecord } from './servicenow-keys'
import type { ServiceNowItemPayload, ServiceNowRecord } from './servicenow-payloads'

/** The record type of each default table; other tables are typed by their own name. */
export const SERVICENOW_TYPES: Readonly<Record<string, string>> = {
  incident: 'incident',
  problem: 'problem',
  sc_request: 'request',
  sc_req_item: 'requested_item',
  change_request: 'change',
}

/**
 * Reference fields that become links, with their link type (targets are the referenced records'
 * numbers, bare keys of the same source). `parent`, `parent_incident` and `request` (a requested
 * item's request) also set the record's `parent`.
 */
export const SERVICENOW_REFERENCE_LINKS: Readonly<Record<string, string>> = {
  parent: 'parent',
  parent_incident: 'parent',
  request: 'parent',
  problem_id: 'problem',
  rfc: 'change',
  change_request: 'change',
  caused_by: 'caused_by',
}

/** The fields the connector asks for (`sysparm_fields`), keeping pages small. */
export const SERVICENOW_FIELDS = [
  'sys_id',
  'number',
  'short_description',
  'description',
  'state',
  'priority',
  'assignment_group',
  'assigned_to',
  'sys_created_on',
  'sys_updated_on',
  'resolved_at',
  'closed_at',
  'sys_mod_count',
  ...Object.keys(SERVICENOW_REFERENCE_LINKS),
] as const

/** A ServiceNow UTC date-time (`2016-01-19 04:52:04`) as ISO-8601 (`2016-01-19T04:52:04Z`). */
export function serviceNowInstant(text: string | undefined): string | undefined {
  if (text === undefined || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text)) return undefined
  const iso = `${text.replace(' ', 'T')}Z`
  return Number.isFinite(parseInstant(iso)) ? iso : undefined
}

const valueOf = (record: ServiceNowRecord, field: string) => {
  const value = record[field]?.value
  return typeof value === 'string' && value !== '' ? value : undefined
}
const displayOf = (record: ServiceNowRecord, field: string) => {
  const value = record[field]?.display_value
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** A state's label: the instance's own (sys_choice), else the record's, else the stored value. */
function labelOf(payload: ServiceNowItemPayload, value: string): string {
  return payload.stateLabels[value] ?? value
}

/**
 * Maps a Table API record with its state changes to a {@link WorkItemRecord}:
 * - `key` the record's number (`INC0012345`; `table/sys_id` without one), `id` its sys_id,
 *   `url` the instance's form of it, `project` the table, `type` per {@link SERVICENOW_TYPES};
 * - `title` `short_description`, `created` `sys_created_on`, `resolved` `resolved_at` or
 *   `closed_at` (UTC);
 * - `status` the state's label from sys_choice (the instance's own words; the record's display
 *   value when sys_choice lacks it), with one status change per state change read from sys_audit
 *   or the history sets; when they do not end in the state now (history sets expire, auditing
 *   was off a while), one change to it at `sys_updated_on` is added and `historyCorrected` set;
 * - `parent` and `links` from the reference fields of {@link SERVICENOW_REFERENCE_LINKS} (none
 *   when `links` is false);
 * - `fields`: `body` (description, read for keys of other tools), `priority`, `assignmentGroup`,
 *   `assignedTo`, `historyFrom`, `historyCorrected`.
 * Never throws: a record without a key, a valid `sys_created_on` or a state is `{ ok: false }`.
 */
export function serviceNowItemToRecord(
  payload: ServiceNowItemPayload,
  options: { source: string; instanceUrl: string; links?: boolean },
): MapResult {
  const record = payload?.record
  if (typeof record !== 'object' || record === null) return { ok: false, reason: 'no record' }
  const key = keyOfRecord(payload.table, record as never)
  if (key === undefined)
    return { ok: false, reason: `${payload.table} record without number or sys_id` }
  const created = serviceNowInstant(valueOf(record, 'sys_created_on'))
  if (created === undefined) {
    return {
      ok: false,
      reason: `${key}: sys_created_on ${JSON.stringify(valueOf(record, 'sys_created_on') ?? null)} is not a date`,
    }
  }
  const state = valueOf(record, 'state')
  if (state === undefined) return { ok: false, reason: `${key}: state is missing` }
  const status = payload.stateLabels[state] ?? displayOf(record, 'state') ?? state
  const warnings: string[] = []
  const history = stateHistory(payload, { status, key }, warnings)
  const built: WorkItemRecord = withoutUndefined({
    source: options.source,
    key,
    id: valueOf(record, 'sys_id'),
    url: urlOf(options.instanceUrl, payload.table, valueOf(record, 'sys_id')),
    project: payload.table,
    type: SERVICENOW_TYPES[payload.table] ?? payload.table,
    title: displayOf(record, 'short_description'),
    created,
    status,
    parent: options.links === false ? undefined : parentOf(record),
    links: options.links === false ? undefined : nonEmpty(serviceNowLinksOf(record)),
    resolved: serviceNowInstant(valueOf(record, 'resolved_at') ?? valueOf(record, 'closed_at')),
    fields: nonEmptyFields(
      withoutUndefined({
        body: displayOf(record, 'description'),
        priority: displayOf(record, 'priority'),
        assignmentGroup: displayOf(record, 'assignment_group'),
        assignedTo: displayOf(record, 'assigned_to'),
        historyFrom: payload.historyFrom,
        historyCorrected: history.corrected ? true : undefined,
      }),
    ),
    changes: sortChangesByInstant(history.changes),
  })
  const mismatch = findStatusMismatch(built)
  return { ok: true, record: built, warnings: mismatch ? [...warnings, mismatch] : warnings }
}

function stateHistory(
  payload: ServiceNowItemPayload,
  now: { status: string; key: string },
  warnings: string[],
): { changes: WorkItemChange[]; corrected: boolean } {
  const changes: WorkItemChange[] = []
  for (const change of payload.stateChanges ?? []) {
    const at = serviceNowInstant(change.at)
    if (at === undefined) {
      warnings.push(`${now.key}: a state change at ${JSON.stringify(change.at)} was ignored`)
      continue
    }
    if (change.from === change.to) continue
    const from = change.from === '' ? null : labelOf(payload, change.from)
    changes.push({ at, field: 'status', from, to: labelOf(payload, change.to) })
  }
  const sorted = sortChangesByInstant(changes)
  const last = sorted.at(-1)
  if (last === undefined || last.to === now.status) return { changes: sorted, corrected: false }
  const updated = serviceNowInstant(valueOf(payload.record, 'sys_updated_on')) ?? last.at
  const at = parseInstant(updated) >= parseInstant(last.at) ? updated : last.at
  sorted.push({ at, field: 'status', from: last.to, to: now.status })
  return { changes: sorted, corrected: true }
}

function parentOf(record: ServiceNowRecord): string | undefined {
  return (
    displayOf(record, 'parent') ??
    displayOf(record, 'parent_incident') ??
    displayOf(record, 'request')
  )
}

/** The links of a record's reference fields, one per field and target. */
export function serviceNowLinksOf(record: ServiceNowRecord): WorkItemLink[] {
  const links: WorkItemLink[] = []
  const seen = new Set<string>()
  for (const [field, type] of Object.entries(SERVICENOW_REFERENCE_LINKS)) {
    const target = displayOf(record, field)
    if (target === undefined || seen.has(`${type}>${target}`)) continue
    seen.add(`${type}>${target}`)
    links.push({ type, target })
  }
  return links
}

function urlOf(instanceUrl: string, table: string, sysId: string | undefined): string | undefined {
  return sysId === undefined ? undefined : `${instanceUrl}/${table}.do?sys_id=${sysId}`
}
