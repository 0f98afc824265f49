import { neutralizeFormula } from '@openvmo/core'

/** A CSV cell: numbers are written as-is, `null`/`undefined` as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined
export type CsvRow = Readonly<Record<string, CsvCell>>

function escapeCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  if (typeof cell === 'boolean') return cell ? 'true' : 'false'
  const text = neutralizeFormula(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * Writes rows as RFC 4180 CSV (comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled). The header is `columns`, or the keys of all rows in
 * first-seen order. Text that a spreadsheet would run as a formula is prefixed with `'`.
 *
 * `preamble` lines come first, each as one unquoted cell starting with `# ` (what the file shows:
 * title, filters, period, as-of; commas and quotes in them become `;`): a spreadsheet shows them
 * as text in the first column, and readers with a comment character
 * (`pandas.read_csv(comment='#')`, R's `comment.char`) skip them.
 */
export function toCsv(
  rows: readonly CsvRow[],
  columns?: readonly string[],
  preamble: readonly string[] = [],
): string {
  const header = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))]
  // Commas and quotes would make a line a quoted cell that comment-skipping readers do not skip.
  const lines = preamble.map((line) => `# ${line.replace(/[\r\n]+/g, ' ').replace(/[,"]/g, ';')}`)
  lines.push(header.map(escapeCell).join(','))
  for (const row of rows) lines.push(header.map((column) => escapeCell(row[column])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** A file name safe on every OS, from a chart title: `Flow time (days)` → `flow-time-days`. */
export function fileSlug(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug || 'chart'
}
