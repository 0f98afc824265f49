import { parseCsvTable } from '../files/csv-table'
import type { ImportResult } from '../files/import-result'
import { readUtf8File } from '../files/text-file'
import { mapGenericCsv } from './generic-csv-mapper'
import type { GenericCsvOptions } from './generic-csv-mapper'

/** Options of {@link readGenericCsv}. */
export interface ReadGenericCsvOptions extends GenericCsvOptions {
  /** Path of the transitions CSV (`source,key,at,field,from,to`), if there is one. */
  transitions?: string
}

/**
 * Reads openvmo's generic items CSV and, when given, its transitions CSV (both strict UTF-8)
 * and maps them with {@link mapGenericCsv}. Throws `VmoError('INVALID_INPUT')` naming the file
 * (and line) for a bad encoding, broken quoting or missing columns.
 */
export async function readGenericCsv(
  path: string,
  options: ReadGenericCsvOptions = {},
): Promise<ImportResult> {
  const items = parseCsvTable(await readUtf8File(path), path)
  const transitions = options.transitions
    ? parseCsvTable(await readUtf8File(options.transitions), options.transitions)
    : undefined
  return mapGenericCsv({ items, transitions }, options)
}
