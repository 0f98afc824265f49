import { assertTimeZone, parseInstant } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import type { CsvRow, CsvTable } from '../files/csv-table'
import type { ImportOutcome, ImportResult, MapResult } from '../files/import-result'
import { describeTimestampFailure, normalizeTimestamp } from '../files/local-time'
import {
  findBadName,
  findStatusMismatch,
  nonEmpty,
  nonEmptyFields,
  sortChangesByInstant,
  withoutUndefined,
} from '../files/record-helpers'
import { pickInitialStatus, resynthesize } from '../files/resolution-history'
import type { ColumnIndex } from './generic-csv-columns'
import { GENERIC_ITEM_REQUIRED, assignItemColumns, valueOf } from './generic-csv-columns'
import { indexTransitions, itemId } from './generic-transitions'
import type { TransitionIndex } from './generic-transitions'

/** Options of {@link mapGenericCsv}. */
export interface GenericCsvOptions {
  /** IANA zone for timestamps written without an offset; without it they are rejected. */
  timezone?: string
  /** Role → header name for columns not named as the roles (`{ key: 'issue_key' }`). */
  columns?: Readonly<Record<string, string>>
  /** `source` of every item when the file has no `source` column. */
  source?: string
  /** Status at creation of items without transitions (default: picked from the unresolved items). */
  initialStatus?: string
}

/** The parsed files of a generic CSV import. */
export interface GenericCsvInput {
  items: CsvTable
  transitions?: CsvTable
}

interface ItemContext {
  columns: ColumnIndex
  extras: readonly string[]
  transitions: TransitionIndex | undefined
  timezone: string | undefined
  source: string | undefined
}

/**
 * Maps openvmo's generic CSV, for tools without an importer of their own.
 *
 * Items file, one row per item (header names case-insensitive, any order):
 * - required `source,key,type,status,created`;
 * - optional `id,title,project,team,labels,parent,url,resolved`; `labels` is `;`-separated;
 * - any other column is kept in `fields` under its (lower-cased) name, empty cells left out; the
 *   list of such columns is reported once as an `info` outcome.
 * Transitions file (optional), one row per change: `source,key,at,field,from,to`; `field`
 * defaults to `status`; empty `from`/`to` mean `null`; rows join items on `source` + `key`.
 * Timestamps are ISO-8601 with offset, or local date-times when `timezone` is given.
 *
 * As in docs/importing.md ("NDJSON history"), `status` must equal the `to` of the last status transition: an item that
 * breaks this, has a bad timestamp or a broken transition row is an `error` outcome (not imported);
 * a transition for an unknown item is a `warning`; a repeated source+key keeps the first row.
 */
export function mapGenericCsv(
  input: GenericCsvInput,
  options: GenericCsvOptions = {},
): ImportResult {
  if (options.timezone !== undefined) assertTimeZone(options.timezone)
  const { items } = input
  const transitions = input.transitions && indexTransitions(input.transitions, options.timezone)
  const assignment = assignItemColumns(
    items,
    options.columns,
    options.source === undefined ? [] : ['source'],
  )
  const context: ItemContext = {
    columns: assignment.index,
    extras: assignment.extras,
    transitions,
    timezone: options.timezone,
    source: options.source,
  }
  const outcomes: ImportOutcome[] = [
    ...assignment.assigned
      .filter((a) => a.by === 'alias')
      .map((a) => ({
        file: items.file,
        severity: 'info' as const,
        reason: `column "${a.column}" read as ${a.role} (the date the item ends)`,
      })),
    ...extrasOutcome(items, context.extras),
    ...(transitions?.outcomes ?? []),
  ]
  const records = new Map<string, WorkItemRecord>()
  for (const row of items.rows) {
    const mapped = genericRowToRecord(row, context)
    const id = mapped.ok ? itemId(mapped.record.source, mapped.record.key) : ''
    if (mapped.ok && !records.has(id)) {
      records.set(id, mapped.record)
      continue
    }
    const reason = mapped.ok
      ? `duplicate item "${id.replace('\u0000', ':')}" (first row kept)`
      : mapped.reason
    const key = valueOf(context.columns, row.values, 'key')
    outcomes.push({ file: items.file, line: row.line, key, severity: 'error', reason })
  }
  outcomes.push(...orphanOutcomes(input.transitions, transitions, itemIdsOf(items, context)))
  const ended = endAtResolution([...records.values()], options.initialStatus)
  if (ended.count > 0) {
    outcomes.push({
      file: items.file,
      severity: 'info',
      reason:
        `${ended.count} item(s) without transitions end at their resolved date: one status change ` +
        `from "${ended.initialStatus}" to their status there (no intermediate states are claimed)`,
    })
  }
  return { records: ended.records, outcomes, columns: assignment.assigned }
}

/**
 * Items without transitions get the history rule of {@link resynthesize}: one status change at
 * `resolved` from the initial status (given, or the most frequent status of unresolved items) to
 * the current one, so lead time and the week of completion are the resolution's.
 */
function endAtResolution(records: WorkItemRecord[], initialStatus: string | undefined) {
  const initial =
    initialStatus ??
    pickInitialStatus(records.filter((r) => r.resolved === undefined).map((r) => r.status))
  let count = 0
  const result = records.map((record) => {
    if (record.changes.length > 0 || record.resolved === undefined) return record
    // a resolution before creation cannot end the item: the data-quality report flags it
    if (parseInstant(record.resolved) < parseInstant(record.created)) return record
    const ended = resynthesize(record, initial)
    if (ended.changes.length > 0) count++
    return ended
  })
  return { records: result, count, initialStatus: initial }
}

function extrasOutcome(items: CsvTable, extras: readonly string[]): ImportOutcome[] {
  if (extras.length === 0) return []
  const reason = `columns kept in fields: ${extras.map((c) => `"${c}"`).join(', ')}`
  return [{ file: items.file, severity: 'info', reason }]
}

function orphanOutcomes(
  table: CsvTable | undefined,
  index: TransitionIndex | undefined,
  items: ReadonlySet<string>,
): ImportOutcome[] {
  if (!table || !index) return []
  return [...index.changes.keys()]
    .filter((id) => !items.has(id))
    .map((id) => ({
      file: table.file,
      line: index.firstLines.get(id),
      key: id.split('\u0000')[1],
      severity: 'warning' as const,
      reason: 'transitions of an item that is not in the items file (ignored)',
    }))
}

function itemIdsOf(items: CsvTable, context: ItemContext): Set<string> {
  return new Set(
    items.rows.map((row) =>
      itemId(
        context.source ?? valueOf(context.columns, row.values, 'source') ?? '',
        valueOf(context.columns, row.values, 'key') ?? '',
      ),
    ),
  )
}

/** Maps one items row with its transitions; see {@link mapGenericCsv}. */
function genericRowToRecord(row: CsvRow, context: ItemContext): MapResult {
  const get = (name: string) =>
    name === 'source' && context.source !== undefined
      ? context.source
      : valueOf(context.columns, row.values, name)
  const missing = GENERIC_ITEM_REQUIRED.find((c) => get(c) === undefined)
  if (missing) return { ok: false, reason: `column "${missing}" is empty` }
  const source = get('source') ?? ''
  const key = get('key') ?? ''
  const badName = findBadName(source, 'column "source"') ?? findBadName(key, 'column "key"')
  if (badName !== undefined) return { ok: false, reason: badName }
  const brokenLine = context.transitions?.broken.get(itemId(source, key))
  if (brokenLine !== undefined) {
    return { ok: false, reason: `its transition at line ${brokenLine} could not be read` }
  }
  const created = timestampOf(get('created'), 'created', context.timezone)
  const resolved = timestampOf(get('resolved'), 'resolved', context.timezone)
  if (typeof created === 'object') return created
  if (typeof resolved === 'object') return resolved
  const record: WorkItemRecord = withoutUndefined({
    source,
    key,
    id: get('id'),
    url: get('url'),
    project: get('project'),
    type: get('type') ?? '',
    title: get('title'),
    created: created ?? '',
    status: get('status') ?? '',
    team: get('team'),
    labels: splitLabels(get('labels')),
    parent: get('parent'),
    resolved,
    fields: nonEmptyFields(Object.fromEntries(context.extras.map((c) => [c, get(c)]))),
    changes: sortChangesByInstant(context.transitions?.changes.get(itemId(source, key)) ?? []),
  })
  const mismatch = findStatusMismatch(record)
  return mismatch ? { ok: false, reason: mismatch } : { ok: true, record, warnings: [] }
}

function splitLabels(text: string | undefined): string[] | undefined {
  return nonEmpty(text?.split(';').flatMap((label) => label.trim() || []))
}

function timestampOf(text: string | undefined, column: string, zone: string | undefined) {
  if (text === undefined) return undefined
  const result = normalizeTimestamp(text, zone)
  if (result.ok) return result.value
  const reason = `column "${column}": ${describeTimestampFailure(text, result.reason)}`
  return { ok: false as const, reason }
}
