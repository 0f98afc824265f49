import { basename } from 'node:path'
import { VmoError } from '@openvmo/core'
import type { CsvTable } from '../files/csv-table'

/** Columns every generic items CSV has. */
export const GENERIC_ITEM_REQUIRED = ['source', 'key', 'type', 'status', 'created'] as const
/** Columns of the generic items CSV that map to record properties; others go to `fields`. */
export const GENERIC_ITEM_OPTIONAL = [
  'id',
  'title',
  'project',
  'team',
  'labels',
  'parent',
  'url',
  'resolved',
] as const
/** Columns every generic transitions CSV has (`field` is optional and defaults to `status`). */
export const GENERIC_TRANSITION_REQUIRED = ['source', 'key', 'at', 'from', 'to'] as const

/** A header by lower-cased, trimmed name → position (the first one when a name repeats). */
export type ColumnIndex = ReadonlyMap<string, number>

/**
 * Indexes the header of `table` and checks the `required` columns are there; throws
 * `VmoError('INVALID_INPUT')` naming the file, its role and the missing columns otherwise.
 */
export function indexColumns(
  table: CsvTable,
  required: readonly string[],
  role: string,
): ColumnIndex {
  const index = new Map<string, number>()
  table.header.forEach((name, i) => {
    const key = name.toLowerCase()
    if (!index.has(key)) index.set(key, i)
  })
  const missing = required.filter((c) => !index.has(c))
  if (missing.length > 0) {
    throw new VmoError(
      'INVALID_INPUT',
      `"${basename(table.file)}": the ${role} csv lacks column(s) ${missing.map((c) => `"${c}"`).join(', ')} ` +
        `(required: ${required.join(',')})`,
      { details: { file: table.file, missing } },
    )
  }
  return index
}

/** The trimmed value of column `name` in `values`, `undefined` when the column or cell is empty. */
export function valueOf(index: ColumnIndex, values: readonly string[], name: string) {
  const i = index.get(name)
  const value = i === undefined ? undefined : values[i]?.trim()
  return value === '' ? undefined : value
}

/** The header names of `table` that are neither required nor optional: they go to `fields`. */
export function extraColumns(table: CsvTable): string[] {
  const known = new Set<string>([...GENERIC_ITEM_REQUIRED, ...GENERIC_ITEM_OPTIONAL])
  return [...new Set(table.header.map((h) => h.toLowerCase()))].filter((h) => !known.has(h))
}
