import { finished } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

const SPECIAL = /[\\\n\r\t]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * One value in COPY's text format: `\N` for null and undefined, numbers as written, text with
 * backslash, tab, newline and carriage return escaped.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  return copyText(String(value))
}

/** Text in COPY's text format (backslash, tab, newline and carriage return escaped). */
export function copyText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] ?? c) : text
}

/** Nullable text in COPY's text format: `\N` for null. */
export function copyNullable(text: string | null): string {
  return text === null ? '\\N' : copyText(text)
}

/** Collects rows as COPY text (tab-separated, newline-terminated) for one table. */
export class CopyRows {
  text = ''
  count = 0

  /** Appends one row; `values` are in the column order of the COPY statement. */
  add(values: readonly unknown[]): void {
    let line = copyValue(values[0])
    for (let i = 1; i < values.length; i++) line += '\t' + copyValue(values[i])
    this.text += line + '\n'
    this.count++
  }

  /** Appends one row already in COPY text (values escaped, tab-separated, `\n`-terminated). */
  addLine(line: string): void {
    this.text += line
    this.count++
  }
}

/**
 * Streams `rows` into `table (columns)` with `COPY … FROM STDIN` on `client`, inside whatever
 * transaction the client has open (so the rows roll back with it). Resolves once the server has
 * confirmed the COPY; a server error (constraint, type) rejects.
 */
export async function copyInto(
  client: pg.PoolClient,
  table: string,
  input: { columns: readonly string[]; rows: CopyRows },
): Promise<void> {
  if (input.rows.count === 0) return
  const stream = client.query(copyFrom(`copy ${table} (${input.columns.join(', ')}) from stdin`))
  stream.end(input.rows.text)
  await finished(stream)
}
