import { basename } from 'node:path'
import { VmoError } from '@openvmo/core'
import type { CsvTable } from '../files/csv-table'

/** Columns a Jira CSV export must have (English column names, as Jira writes them). */
export const REQUIRED_JIRA_CSV_COLUMNS = ['Issue key', 'Issue Type', 'Status', 'Created'] as const

/** A Jira CSV header indexed by lower-cased name; repeated names keep every position. */
export interface JiraCsvColumns {
  header: readonly string[]
  byName: ReadonlyMap<string, readonly number[]>
}

/** One `Inward issue link (Blocks)` / `Outward issue link (Blocks)` column. */
export interface JiraCsvLinkColumn {
  index: number
  type: string
}

// Jira exports only the link type's name; these are the phrases of Jira's default link types,
// so CSV links read like the `issuelinks` of the REST API. Other types keep their name.
const LINK_PHRASES: Readonly<Record<string, { outward: string; inward: string }>> = {
  blocks: { outward: 'blocks', inward: 'is blocked by' },
  cloners: { outward: 'clones', inward: 'is cloned by' },
  duplicate: { outward: 'duplicates', inward: 'is duplicated by' },
  relates: { outward: 'relates to', inward: 'relates to' },
}

const LINK_COLUMN = /^(inward|outward) issue link \((.+)\)$/i
const CUSTOM_FIELD_COLUMN = /^custom field \((.+)\)$/i

/**
 * Indexes the header of a Jira "Export Excel CSV (all fields)" file. Throws
 * `VmoError('INVALID_INPUT')` naming the file and the missing columns.
 */
export function indexJiraCsvColumns(table: CsvTable): JiraCsvColumns {
  const byName = new Map<string, number[]>()
  table.header.forEach((name, i) => {
    const key = name.toLowerCase()
    byName.set(key, [...(byName.get(key) ?? []), i])
  })
  const missing = REQUIRED_JIRA_CSV_COLUMNS.filter((c) => !byName.has(c.toLowerCase()))
  if (missing.length > 0) {
    throw new VmoError(
      'INVALID_INPUT',
      `"${basename(table.file)}": missing jira csv column(s) ${missing.map((c) => `"${c}"`).join(', ')}`,
      { details: { file: table.file, missing } },
    )
  }
  return { header: table.header, byName }
}

/** The non-empty, trimmed values of every column named `name` (one or several), in order. */
export function cellValues(columns: JiraCsvColumns, values: readonly string[], name: string) {
  return (columns.byName.get(name.toLowerCase()) ?? []).flatMap((i) => {
    const value = values[i]?.trim()
    return value ? [value] : []
  })
}

/** The first non-empty value of the columns named `name`, if any. */
export function cellValue(columns: JiraCsvColumns, values: readonly string[], name: string) {
  return cellValues(columns, values, name)[0]
}

/** The first non-empty value among the columns `names`, tried in order. */
export function firstCellValue(
  columns: JiraCsvColumns,
  values: readonly string[],
  names: readonly string[],
): string | undefined {
  for (const name of names) {
    const value = cellValue(columns, values, name)
    if (value !== undefined) return value
  }
  return undefined
}

/** The issue link columns with the link phrase each implies (`blocks`, `is blocked by`). */
export function linkColumns(columns: JiraCsvColumns): JiraCsvLinkColumn[] {
  return columns.header.flatMap((name, index) => {
    const match = LINK_COLUMN.exec(name)
    if (!match?.[1] || !match[2]) return []
    const direction = match[1].toLowerCase() as 'inward' | 'outward'
    const phrases = LINK_PHRASES[match[2].toLowerCase()]
    return [{ index, type: phrases?.[direction] ?? match[2] }]
  })
}

/** `Custom field (Story Points)` columns by field name (`Story Points`), repeats grouped. */
export function customFieldColumns(columns: JiraCsvColumns): Map<string, number[]> {
  const found = new Map<string, number[]>()
  columns.header.forEach((name, index) => {
    const field = CUSTOM_FIELD_COLUMN.exec(name)?.[1]
    if (field) found.set(field, [...(found.get(field) ?? []), index])
  })
  return found
}
