import { parseCsvTable } from '../files/csv-table'
import type { ImportResult } from '../files/import-result'
import { readUtf8File } from '../files/text-file'
import { mapJiraCsvTable } from './jira-csv-mapper'
import type { JiraCsvOptions } from './jira-csv-mapper'

/**
 * Reads a Jira CSV export (strict UTF-8, as Jira writes it) and maps it with
 * {@link mapJiraCsvTable}. Throws `VmoError('INVALID_INPUT')` naming the file (and line) for a
 * bad encoding, broken quoting, missing columns, or dates without offset and no `timezone`.
 */
export async function readJiraCsv(
  path: string,
  options: JiraCsvOptions = {},
): Promise<ImportResult> {
  return mapJiraCsvTable(parseCsvTable(await readUtf8File(path), path), options)
}
