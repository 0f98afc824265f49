import { assertTimeZone } from '@openvmo/core'
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
import type { ColumnIndex } from './generic-csv-columns'
import { GENERIC_ITEM_REQUIRED, extraColumns, indexColumns, valueOf } from './generic-csv-columns'
import { indexTransitions, itemId } from './generic-transitions'
import type { TransitionIndex } from './generic-transitions'

/** Options of {@link mapGenericCsv}. */
export interface GenericCsvOptions {
  /** IANA zone for timestamps written without an offset; without it they are rejected. */
  timezone?: string
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
 * As in FORMATS.md §1, `status` must equal the `to` of the last status transition: an item that
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
  const context: ItemContext = {
    columns: indexColumns(items, GENERIC_ITEM_REQUIRED, 'items'),
    extras: extraColumns(items),
    transitions,
    timezone: options.timezone,
  }
  const outcomes: ImportOutcome[] = [
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
  outcomes.push(
    ...orphanOutcomes(input.transitions, transitions, itemIdsOf(items, context.columns)),
  )
  return { records: [...records.values()], outcomes }
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

function itemIdsOf(items: CsvTable, columns: ColumnIndex): Set<string> {
  return new Set(
    items.rows.map((row) =>
      itemId(
        valueOf(columns, row.values, 'source') ?? '',
        valueOf(columns, row.values, 'key') ?? '',
      ),
    ),
  )
}

/** Maps one items row with its transitions; see {@link mapGenericCsv}. */
function genericRowToRecord(row: CsvRow, context: ItemContext): MapResult {
  const get = (name: string) => valueOf(context.columns, row.values, name)
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
