import { basename } from 'node:path'
import type { ResultDefinition } from '@openvmo/core'
import { VmoError, isCalendarDate } from '@openvmo/core'
import type { CsvRow } from '../../sources/files/csv-table'
import { columnIndexes, parseCsvTable } from '../../sources/files/csv-table'
import type { BusinessResultPoint } from '../../store/store-types'

/** What a results CSV is checked against: the stream names and the stored definitions. */
export interface ResultsCsvContext {
  streams: readonly string[]
  definitions: readonly ResultDefinition[]
}

const REQUIRED = ['stream', 'metric', 'date', 'value'] as const

function columnsOf(header: readonly string[], file: string) {
  const at = (name: string) => columnIndexes(header, name)[0]
  const missing = REQUIRED.filter((name) => at(name) === undefined)
  if (missing.length > 0) {
    throw new VmoError(
      'INVALID_INPUT',
      `"${basename(file)}" has no column ${missing.join(', ')} (needs stream, metric, date, value; unit is optional)`,
    )
  }
  return {
    stream: at('stream') as number,
    metric: at('metric') as number,
    date: at('date') as number,
    value: at('value') as number,
    unit: at('unit'),
  }
}

type Columns = ReturnType<typeof columnsOf>

function readRow(row: CsvRow, columns: Columns, context: ResultsCsvContext) {
  const cell = (i: number | undefined) => (i === undefined ? '' : (row.values[i] ?? '').trim())
  const streamText = cell(columns.stream)
  const stream = context.streams.find((s) => s.toLowerCase() === streamText.toLowerCase())
  if (stream === undefined) return { error: `unknown value stream "${streamText}"` }
  const metric = cell(columns.metric)
  if (!/^[a-z0-9][a-z0-9_.-]{0,62}$/.test(metric))
    return { error: `metric "${metric}" must be lowercase letters, digits, "_", "." or "-"` }
  const date = cell(columns.date)
  if (!isCalendarDate(date)) return { error: `date "${date}" is not a YYYY-MM-DD date` }
  const valueText = cell(columns.value)
  const value = valueText === '' ? Number.NaN : Number(valueText)
  if (!Number.isFinite(value)) return { error: `value "${valueText}" is not a number` }
  const unit = cell(columns.unit)
  const definition = context.definitions.find((d) => d.stream === stream && d.metric === metric)
  if (unit !== '' && definition !== undefined && unit !== definition.unit)
    return { error: `unit "${unit}" differs from ${metric}'s unit "${definition.unit}"` }
  return { point: { stream, metric, date, value } }
}

/**
 * Reads a results CSV (columns `stream, metric, date, value`, optionally `unit`, in any order)
 * into points, all or nothing: the first bad row is `INVALID_INPUT` naming its line — an unknown
 * stream, a bad date or value, a unit other than the definition's, a (stream, metric, date)
 * that an earlier line already has.
 */
export function readResultsCsv(
  text: string,
  file: string,
  context: ResultsCsvContext,
): BusinessResultPoint[] {
  const table = parseCsvTable(text, file)
  const columns = columnsOf(table.header, file)
  const lineOf = new Map<string, number>()
  return table.rows.map((row) => {
    const fail = (message: string): never => {
      throw new VmoError('INVALID_INPUT', `"${basename(file)}" line ${row.line}: ${message}`, {
        details: { file, line: row.line },
      })
    }
    const read = readRow(row, columns, context)
    if (read.error !== undefined) return fail(read.error)
    const { point } = read as { point: BusinessResultPoint }
    const key = JSON.stringify([point.stream, point.metric, point.date])
    const earlier = lineOf.get(key)
    if (earlier !== undefined)
      fail(`${point.metric} of ${point.stream} on ${point.date} is already on line ${earlier}`)
    lineOf.set(key, row.line)
    return point
  })
}
