/** A CSV cell: numbers and strings are written as they are, null/undefined as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined

// Spreadsheet programs run cells that start with these as formulas (a tab or carriage return
// before one is skipped by some of them); a leading apostrophe keeps the cell text.
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * `text` as a spreadsheet shows it as text: prefixed with `'` when it starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return (OWASP's CSV injection rule), unchanged otherwise. Only for text
 * from outside (titles, keys, names); numbers are written as numbers.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

function escapeCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return ''
  const text = typeof cell === 'string' ? neutralizeFormula(cell) : String(cell)
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Formats rows as RFC 4180 CSV (comma separator, CRLF line ends, quotes doubled); the first row
 * is usually the header. Text cells a spreadsheet would run as a formula are made text with
 * {@link neutralizeFormula}; number cells are written as numbers (a negative number stays one).
 */
export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n'
}
