import { formatCsv, roundFigures } from '@openvmo/core'
import type { CsvCell } from '@openvmo/core'
import type { CliIo } from '../cli-io'

/** How a command prints: a readable table (default), JSON or CSV. */
export type OutputFormat = 'table' | 'json' | 'csv'

/** Picks the output format from `--json` / `--csv`. */
export function outputFormatOf(options: { json?: boolean; csv?: boolean }): OutputFormat {
  return options.json ? 'json' : options.csv ? 'csv' : 'table'
}

/** Prints `value` as JSON with figures rounded to 6 decimals (the same rounding as the API). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(roundFigures(value), null, 2)}\n`)
}

/** Prints rows as CSV. */
export function printCsv(io: CliIo, rows: readonly (readonly CsvCell[])[]): void {
  io.stdout(formatCsv(roundFigures(rows)))
}
