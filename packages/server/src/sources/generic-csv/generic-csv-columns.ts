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

/** Every role a column of the generic items CSV can play. */
export const GENERIC_ITEM_ROLES = [...GENERIC_ITEM_REQUIRED, ...GENERIC_ITEM_OPTIONAL] as const
export type GenericItemRole = (typeof GENERIC_ITEM_ROLES)[number]

/**
 * Header names read as the `resolved` column when there is none of that name and no column
 * mapping names one: the first of these present ends the item at its date.
 */
export const RESOLVED_ALIASES = [
  'resolved_at',
  'resolution_date',
  'resolutiondate',
  'resolution date',
  'finished',
  'finished_at',
  'completed',
  'completed_at',
  'closed',
  'closed_at',
  'done',
  'done_at',
] as const

/** Columns every generic transitions CSV has (`field` is optional and defaults to `status`). */
export const GENERIC_TRANSITION_REQUIRED = ['source', 'key', 'at', 'from', 'to'] as const

/** A header by lower-cased, trimmed name (or role) → position (the first one when a name repeats). */
export type ColumnIndex = ReadonlyMap<string, number>

/** Which header column each role of the generic items CSV was read from. */
export interface ColumnAssignment {
  role: GenericItemRole
  /** The header name as written in the file. */
  column: string
  /** How it was chosen: its name, the column mapping, or a known alias of `resolved`. */
  by: 'name' | 'mapping' | 'alias'
}

/** The roles' positions in an items CSV, what each column became and the columns left for `fields`. */
export interface ItemColumns {
  index: ColumnIndex
  assigned: ColumnAssignment[]
  extras: string[]
}

function headerIndex(table: CsvTable): Map<string, number> {
  const index = new Map<string, number>()
  table.header.forEach((name, i) => {
    const key = name.trim().toLowerCase()
    if (!index.has(key)) index.set(key, i)
  })
  return index
}

function missingColumnsError(
  table: CsvTable,
  what: { role: string; required: readonly string[] },
  missing: string[],
) {
  return new VmoError(
    'INVALID_INPUT',
    `"${basename(table.file)}": the ${what.role} csv lacks column(s) ${missing.map((c) => `"${c}"`).join(', ')} ` +
      `(required: ${what.required.join(',')}; map other names with --columns, e.g. --columns key=issue_key${missing.includes('source') ? ', or give every item its source with --source' : ''})`,
    { details: { file: table.file, missing } },
  )
}

/**
 * Indexes the header of `table` and checks the `required` columns are there; throws
 * `VmoError('INVALID_INPUT')` naming the file, its role and the missing columns otherwise.
 */
export function indexColumns(
  table: CsvTable,
  required: readonly string[],
  role: string,
): ColumnIndex {
  const index = headerIndex(table)
  const missing = required.filter((c) => !index.has(c))
  if (missing.length > 0) throw missingColumnsError(table, { role, required }, missing)
  return index
}

/** Whether `value` is a role of the generic items CSV. */
export function isGenericItemRole(value: string): value is GenericItemRole {
  return (GENERIC_ITEM_ROLES as readonly string[]).includes(value)
}

/**
 * Assigns the columns of a generic items CSV to their roles: a role named in `mapping`
 * (role → header name, case-insensitive) is read from that column; any other role from the
 * column of its own name; `resolved`, when neither, from the first {@link RESOLVED_ALIASES}
 * column. Every other column goes to `fields`. `optional` lists required roles the caller fills
 * otherwise (`source` given by `--source`). Throws `VmoError('INVALID_INPUT')` naming the file
 * when a mapped column is not in the header or a required role has no column.
 */
export function assignItemColumns(
  table: CsvTable,
  mapping: Readonly<Record<string, string>> = {},
  optional: readonly GenericItemRole[] = [],
): ItemColumns {
  const header = headerIndex(table)
  const index = new Map<string, number>(header)
  const assigned: ColumnAssignment[] = []
  const used = new Set<number>()
  for (const role of GENERIC_ITEM_ROLES) {
    const mapped = mapping[role]
    let position: number | undefined
    let by: ColumnAssignment['by'] = 'name'
    if (mapped !== undefined) {
      position = header.get(mapped.trim().toLowerCase())
      by = 'mapping'
      if (position === undefined) {
        throw new VmoError(
          'INVALID_INPUT',
          `"${basename(table.file)}": the column mapping reads ${role} from "${mapped}", which is not a column ` +
            `(columns: ${table.header.join(', ')})`,
          { details: { file: table.file, role, column: mapped } },
        )
      }
    } else if (
      header.has(role) &&
      !Object.values(mapping).some((c) => c.trim().toLowerCase() === role)
    ) {
      position = header.get(role)
    } else if (role === 'resolved') {
      const alias = RESOLVED_ALIASES.find((name) => header.has(name))
      position = alias === undefined ? undefined : header.get(alias)
      by = 'alias'
    }
    if (position === undefined) {
      index.delete(role)
      continue
    }
    index.set(role, position)
    used.add(position)
    assigned.push({ role, column: table.header[position] ?? role, by })
  }
  const required = GENERIC_ITEM_REQUIRED.filter((r) => !optional.includes(r))
  const missing = required.filter((r) => !assigned.some((a) => a.role === r))
  if (missing.length > 0) throw missingColumnsError(table, { role: 'items', required }, missing)
  const extras = [...header].filter(([, i]) => !used.has(i)).map(([name]) => name)
  return { index, assigned, extras }
}

/** The trimmed value of column `name` in `values`, `undefined` when the column or cell is empty. */
export function valueOf(index: ColumnIndex, values: readonly string[], name: string) {
  const i = index.get(name)
  const value = i === undefined ? undefined : values[i]?.trim()
  return value === '' ? undefined : value
}

/**
 * Parses a column mapping `role=column,role=column` (as `--columns` takes it) into role →
 * column; throws `VmoError('INVALID_INPUT')` naming the bad part and the roles there are.
 */
export function parseColumnMapping(text: string): Record<string, string> {
  const mapping: Record<string, string> = {}
  for (const part of text.split(',')) {
    if (part.trim() === '') continue
    const eq = part.indexOf('=')
    const role = eq < 0 ? '' : part.slice(0, eq).trim().toLowerCase()
    const column = eq < 0 ? '' : part.slice(eq + 1).trim()
    if (!isGenericItemRole(role) || column === '') {
      throw new VmoError(
        'INVALID_INPUT',
        `--columns "${part.trim()}": expected role=column with a role among ${GENERIC_ITEM_ROLES.join(', ')}`,
      )
    }
    mapping[role] = column
  }
  return mapping
}
