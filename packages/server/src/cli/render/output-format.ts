import { formatCsv, roundFigures } from '@openvmo/core'
import type { CsvCell } from '@openvmo/core'
import type { CliIo } from '../cli-io'

/** How a command prints: a readable table (default), JSON or CSV. */
export type OutputFormat = 'table' | 'json' | 'csv'

/** Picks the output format from `--json` / `--csv`. */
export function outputFormatOf(options: { json?: boolean; csv?: boolean }): OutputFormat {
  return options.json ? 'json' : options.csv ? 'csv' : 'table'
}

/** `value` as JSON with figures rounded to 6 decimals (the same rounding as the API). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(roundFigures(value), null, 2)}\n`
}

/** Rows as CSV, figures rounded as in {@link jsonText}. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return formatCsv(roundFigures(rows))
}

/** Prints `value` as {@link jsonText}. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(jsonText(value))
}

/** Prints rows as {@link csvText}. */
export function printCsv(io: CliIo, rows: readonly (readonly CsvCell[])[]): void {
  io.stdout(csvText(rows))
}
