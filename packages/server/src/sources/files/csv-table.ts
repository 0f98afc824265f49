import { basename } from 'node:path'
import { parse } from 'csv-parse/sync'
import { VmoError } from '@openvmo/core'

/** One data row of a CSV file with the 1-based line it starts on (for error messages). */
export interface CsvRow {
  line: number
  values: string[]
}

/** A CSV file as its header and rows; header names are kept as written (repeats included). */
export interface CsvTable {
  file: string
  header: string[]
  rows: CsvRow[]
}

/**
 * Parses CSV `text` (RFC 4180: quoted fields may hold commas, quotes and newlines). Columns are
 * not keyed by name because Jira repeats names (`Labels`, `Sprint`); callers index by position.
 * Blank lines are skipped. Throws `VmoError('INVALID_INPUT')` naming the file and line when the
 * quoting is broken or a row has a different number of fields than the header.
 */
export function parseCsvTable(text: string, file: string): CsvTable {
  let parsed: ParsedRecord[]
  try {
    parsed = parse(text, {
      columns: false,
      info: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as ParsedRecord[]
  } catch (cause) {
    throw csvError(file, cause)
  }
  const [head, ...rest] = parsed
  if (!head)
    throw new VmoError('INVALID_INPUT', `"${basename(file)}" is empty`, { details: { file } })
  const header = head.record.map((name) => name.trim())
  return { file, header, rows: withStartLines(head, rest) }
}

interface ParsedRecord {
  record: string[]
  info: { lines: number; empty_lines: number }
}

// csv-parse reports the line a record ends on; a quoted newline makes it differ from the start.
function withStartLines(head: ParsedRecord, rest: ParsedRecord[]): CsvRow[] {
  let previous = head.info
  return rest.map(({ record, info }) => {
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines)
    previous = info
    return { line, values: record }
  })
}

function csvError(file: string, cause: unknown): VmoError {
  const line = (cause as { lines?: number }).lines
  const message = cause instanceof Error ? cause.message : String(cause)
  const where = line === undefined ? '' : ` line ${line}`
  return new VmoError('INVALID_INPUT', `"${basename(file)}"${where}: ${lowerFirst(message)}`, {
    cause,
    details: { file, line },
  })
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** Positions of the columns named `name` (case-insensitive, trimmed), in header order. */
export function columnIndexes(header: readonly string[], name: string): number[] {
  const wanted = name.toLowerCase()
  const found: number[] = []
  header.forEach((h, i) => {
    if (h.toLowerCase() === wanted) found.push(i)
  })
  return found
}
