import type { WorkItemChange } from '@openvmo/core'
import type { CsvRow, CsvTable } from '../files/csv-table'
import type { ImportOutcome } from '../files/import-result'
import { describeTimestampFailure, normalizeTimestamp } from '../files/local-time'
import { findBadName } from '../files/record-helpers'
import type { ColumnIndex } from './generic-csv-columns'
import { GENERIC_TRANSITION_REQUIRED, indexColumns, valueOf } from './generic-csv-columns'

/** The key transitions and items are joined on: source and key. */
export function itemId(source: string, key: string): string {
  return `${source}\u0000${key}`
}

/** The transitions of a file grouped by item, and the rows that could not be read. */
export interface TransitionIndex {
  changes: Map<string, WorkItemChange[]>
  /** The line of each item's first transition row. */
  firstLines: Map<string, number>
  /** Items with at least one unreadable transition row → the first such line. */
  broken: Map<string, number>
  outcomes: ImportOutcome[]
}

type RowResult =
  | { ok: true; id: string; change: WorkItemChange }
  | { ok: false; id?: string; key?: string; reason: string }

/**
 * Reads a generic transitions CSV (`source,key,at,field,from,to`; `field` defaults to `status`,
 * empty `from`/`to` mean `null`). `at` needs an offset unless `timezone` is given. A row that
 * cannot be read is an `error` outcome, and its item is marked broken (its history is incomplete).
 */
export function indexTransitions(table: CsvTable, timezone: string | undefined): TransitionIndex {
  const columns = indexColumns(table, GENERIC_TRANSITION_REQUIRED, 'transitions')
  const index: TransitionIndex = {
    changes: new Map(),
    firstLines: new Map(),
    broken: new Map(),
    outcomes: [],
  }
  for (const row of table.rows) {
    const read = readTransitionRow(row, columns, timezone)
    if (read.ok) {
      const list = index.changes.get(read.id)
      if (list) list.push(read.change)
      else {
        index.changes.set(read.id, [read.change])
        index.firstLines.set(read.id, row.line)
      }
      continue
    }
    const { id, key, reason } = read
    index.outcomes.push({ file: table.file, line: row.line, key, severity: 'error', reason })
    if (id !== undefined && !index.broken.has(id)) index.broken.set(id, row.line)
  }
  return index
}

function readTransitionRow(row: CsvRow, columns: ColumnIndex, timezone?: string): RowResult {
  const get = (name: string) => valueOf(columns, row.values, name)
  const source = get('source')
  const key = get('key')
  if (!source || !key) return { ok: false, key, reason: 'column "source" or "key" is empty' }
  const badName = findBadName(source, 'column "source"') ?? findBadName(key, 'column "key"')
  if (badName !== undefined) return { ok: false, key, reason: badName }
  const id = itemId(source, key)
  const text = get('at') ?? ''
  const at = normalizeTimestamp(text, timezone)
  if (!at.ok) {
    return {
      ok: false,
      id,
      key,
      reason: `column "at": ${describeTimestampFailure(text, at.reason)}`,
    }
  }
  const change = {
    at: at.value,
    field: get('field') ?? 'status',
    from: get('from') ?? null,
    to: get('to') ?? null,
  }
  return { ok: true, id, change }
}
