/** A CSV cell: numbers and strings are written as they are, null/undefined as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined

function escapeCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return ''
  const text = String(cell)
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Formats rows as RFC 4180 CSV (comma separator, CRLF line ends, quotes doubled); the first row
 * is usually the header. Cells that could be read as formulas by spreadsheets are left as they are:
 * the values come from our own reports.
 */
export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n'
}
