import { basename } from 'node:path'
import { VmoError, assertTimeZone } from '@openvmo/core'
import type { WorkItemLink, WorkItemRecord } from '@openvmo/core'
import type { CsvRow, CsvTable } from '../files/csv-table'
import type { ImportOutcome, ImportResult, MapResult } from '../files/import-result'
import { describeTimestampFailure, normalizeTimestamp } from '../files/local-time'
import { findBadName, nonEmpty, nonEmptyFields, withoutUndefined } from '../files/record-helpers'
import { pickInitialStatus, synthesizeResolutionChange } from '../files/resolution-history'
import {
  cellValue,
  cellValues,
  customFieldColumns,
  firstCellValue,
  indexJiraCsvColumns,
  linkColumns,
} from './jira-csv-columns'
import type { JiraCsvColumns } from './jira-csv-columns'
import { JIRA_KEY, browseUrl, projectOfKey } from './jira-field-values'

/** Options of {@link mapJiraCsvTable}. */
export interface JiraCsvOptions {
  /** The records' `source`; default `jira`. */
  source?: string
  /** The Jira site; `url` is `<baseUrl>/browse/KEY` (the CSV has no URL column). */
  baseUrl?: string
  /** IANA zone of the exporting user; required because Jira writes CSV dates without offset. */
  timezone?: string
  /** Status at creation; default: the most frequent status whose `Status Category` is To Do. */
  initialStatus?: string
}

const DATE_COLUMNS = ['Created', 'Resolved'] as const
const PARENT_COLUMNS = ['Parent key', 'Parent', 'Parent id', 'Custom field (Epic Link)']
// The CSV writes the category's display name; records carry the REST API's key, as the JSON does.
const CATEGORY_KEYS: Readonly<Record<string, string>> = {
  'to do': 'new',
  new: 'new',
  'in progress': 'indeterminate',
  indeterminate: 'indeterminate',
  done: 'done',
}

interface RowContext {
  columns: JiraCsvColumns
  options: JiraCsvOptions
  idToKey: ReadonlyMap<string, string>
  links: ReturnType<typeof linkColumns>
  custom: Map<string, number[]>
  initialStatus: string
}

/**
 * Maps a Jira CSV export ("Export Excel CSV (all fields)", English headers) to records. Repeated
 * columns (`Labels`, `Sprint`, `Component/s`, `Fix Version/s`) become arrays; `Inward/Outward
 * issue link (<type>)` become links; `Custom field (<name>)` values go to `fields[<name>]`;
 * `Parent` may be a key or an issue id of the same file. Dates (`25/Nov/24 3:15 PM`,
 * `2024-11-25 15:15`) are in the exporting user's zone: without `timezone` the file is rejected.
 * The CSV has no history: a resolved issue gets the one synthesised resolution change
 * (`synthesizeResolutionChange`) and `fields.historySynthesized`. Rows that cannot be mapped are
 * `error` outcomes with their line; a missing column or time zone throws
 * `VmoError('INVALID_INPUT')` for the file.
 */
export function mapJiraCsvTable(table: CsvTable, options: JiraCsvOptions = {}): ImportResult {
  const columns = indexJiraCsvColumns(table)
  if (options.timezone !== undefined) assertTimeZone(options.timezone)
  else assertOffsets(table, columns)
  const context: RowContext = {
    columns,
    options,
    idToKey: idToKeyMap(table.rows, columns),
    links: linkColumns(columns),
    custom: customFieldColumns(columns),
    initialStatus: options.initialStatus ?? initialStatusOf(table.rows, columns),
  }
  const records: WorkItemRecord[] = []
  const outcomes: ImportOutcome[] = []
  for (const row of table.rows) {
    const mapped = jiraCsvRowToRecord(row, context)
    const key = cellValue(columns, row.values, 'Issue key')
    if (mapped.ok) records.push(mapped.record)
    else
      outcomes.push({
        file: table.file,
        line: row.line,
        key,
        severity: 'error',
        reason: mapped.reason,
      })
  }
  return { records, outcomes }
}

function assertOffsets(table: CsvTable, columns: JiraCsvColumns): void {
  for (const column of DATE_COLUMNS) {
    for (const row of table.rows) {
      const text = cellValue(columns, row.values, column)
      if (text === undefined) continue
      const result = normalizeTimestamp(text, undefined)
      if (!result.ok && result.reason === 'no_offset')
        throw missingZone(table.file, { column, line: row.line, text })
    }
  }
}

function missingZone(
  file: string,
  { column, line, text }: { column: string; line: number; text: string },
): VmoError {
  return new VmoError(
    'INVALID_INPUT',
    `"${basename(file)}": column "${column}" has dates without a time zone offset ` +
      `(line ${line}: "${text}"); jira writes csv dates in the exporting user's time zone, ` +
      'pass it with --timezone (e.g. Europe/Berlin)',
    { details: { file, column, line } },
  )
}

function idToKeyMap(rows: readonly CsvRow[], columns: JiraCsvColumns): Map<string, string> {
  const map = new Map<string, string>()
  for (const row of rows) {
    const id = cellValue(columns, row.values, 'Issue id')
    const key = cellValue(columns, row.values, 'Issue key')
    if (id && key) map.set(id, key)
  }
  return map
}

function initialStatusOf(rows: readonly CsvRow[], columns: JiraCsvColumns): string {
  return pickInitialStatus(
    rows.flatMap((row) => {
      const category = categoryKey(cellValue(columns, row.values, 'Status Category'))
      const status = cellValue(columns, row.values, 'Status')
      return category === 'new' && status ? [status] : []
    }),
  )
}

function categoryKey(name: string | undefined): string | undefined {
  return name === undefined ? undefined : (CATEGORY_KEYS[name.toLowerCase()] ?? name)
}

interface RowCore {
  key: string
  type: string
  status: string
  created: string
  resolved: string | undefined
}

// The values a record cannot do without, or why the row has none.
function rowCoreOf(row: CsvRow, context: RowContext): RowCore | { reason: string } {
  const at = (name: string) => cellValue(context.columns, row.values, name)
  const [key, type, status] = [at('Issue key'), at('Issue Type'), at('Status')]
  if (!key) return { reason: 'column "Issue key" is empty' }
  const badKey = findBadName(key, 'column "Issue key"')
  if (badKey !== undefined) return { reason: badKey }
  if (!type) return { reason: 'column "Issue Type" is empty' }
  if (!status) return { reason: 'column "Status" is empty' }
  const created = dateOf(at('Created'), 'Created', context.options.timezone)
  if (!created.ok) return created
  if (created.value === undefined) return { reason: 'column "Created" is empty' }
  const resolved = dateOf(at('Resolved'), 'Resolved', context.options.timezone)
  if (!resolved.ok) return resolved
  return { key, type, status, created: created.value, resolved: resolved.value }
}

// Maps one row of a Jira CSV export; see mapJiraCsvTable.
function jiraCsvRowToRecord(row: CsvRow, context: RowContext): MapResult {
  const core = rowCoreOf(row, context)
  if ('reason' in core) return { ok: false, reason: core.reason }
  const { columns, options } = context
  const at = (name: string) => cellValue(columns, row.values, name)
  const changes = synthesizeResolutionChange({ ...core, initialStatus: context.initialStatus })
  const record: WorkItemRecord = withoutUndefined({
    source: options.source ?? 'jira',
    key: core.key,
    id: at('Issue id'),
    url: browseUrl(core.key, options.baseUrl),
    project: at('Project key') ?? projectOfKey(core.key),
    type: core.type,
    title: at('Summary'),
    created: core.created,
    status: core.status,
    team: firstCellValue(columns, row.values, ['Team', 'Custom field (Team)', 'Component/s']),
    labels: nonEmpty(cellValues(columns, row.values, 'Labels')),
    parent: parentOf(row, context),
    links: nonEmpty(linksOf(row, context)),
    resolved: core.resolved,
    fields: extraFields(row, context, changes.length > 0),
    changes,
  })
  return { ok: true, record, warnings: [] }
}

type DateResult = { ok: true; value: string | undefined } | { ok: false; reason: string }

function dateOf(text: string | undefined, column: string, zone: string | undefined): DateResult {
  if (text === undefined) return { ok: true, value: undefined }
  const result = normalizeTimestamp(text, zone)
  if (result.ok) return result
  return {
    ok: false,
    reason: `column "${column}": ${describeTimestampFailure(text, result.reason)}`,
  }
}

function parentOf(row: CsvRow, context: RowContext): string | undefined {
  for (const column of PARENT_COLUMNS) {
    const value = cellValue(context.columns, row.values, column)
    if (value === undefined) continue
    if (JIRA_KEY.test(value)) return value
    const key = context.idToKey.get(value)
    if (key) return key
  }
  return undefined
}

function linksOf(row: CsvRow, context: RowContext): WorkItemLink[] {
  return context.links.flatMap(({ index, type }) => {
    const target = row.values[index]?.trim()
    return target ? [{ type, target }] : []
  })
}

function extraFields(row: CsvRow, context: RowContext, synthesized: boolean) {
  const values = (name: string) => cellValues(context.columns, row.values, name)
  const category = categoryKey(values('Status Category')[0])
  const custom = [...context.custom].flatMap(([name, indexes]) => {
    const found = indexes.flatMap((i) => row.values[i]?.trim() || [])
    return found.length === 0 ? [] : [[name, found.length === 1 ? found[0] : found] as const]
  })
  return nonEmptyFields(
    withoutUndefined({
      ...Object.fromEntries(custom),
      priority: values('Priority')[0],
      resolution: values('Resolution')[0],
      statusCategory: category,
      components: nonEmpty(values('Component/s')),
      fixVersions: nonEmpty([...values('Fix Version/s'), ...values('Fix versions')]),
      sprints: nonEmpty(values('Sprint')),
      historySynthesized: synthesized || undefined,
    }),
  )
}
