import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { parse } from 'csv-parse/sync'
import { VmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { readHistoryFile } from '../ndjson/read-history-file'
import { readGenericCsv } from './generic/read-generic-csv'
import type { ImportResult } from './import-result'
import { readJiraCsv } from './jira/read-jira-csv'
import { readJiraJson } from './jira/read-jira-json'

/** The file formats `readImportFile` reads. */
export const IMPORT_FORMATS = ['ndjson', 'jira_json', 'jira_csv', 'generic_csv'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** Whether `value` is an {@link ImportFormat}. */
export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value)
}

/** Options of {@link readImportFile}; each reader uses the ones that concern it. */
export interface ImportFileOptions {
  /** Skip sniffing and read the file as this format. */
  format?: ImportFormat
  /** Record `source` for Jira formats (default `jira`). */
  source?: string
  /** Jira site for `url` (`<baseUrl>/browse/KEY`). */
  baseUrl?: string
  /** IANA zone of timestamps without offset (Jira CSV requires it). */
  timezone?: string
  /** Status at creation for Jira items without history (default: picked from the batch). */
  initialStatus?: string
  /** The transitions CSV of a generic CSV import. */
  transitions?: string
}

const SNIFF_BYTES = 64 * 1024
const GZIP_MAGIC = [0x1f, 0x8b]

/**
 * Tells the format of `path` from its content, not its name: a folder is a folder of Jira JSON
 * files; gzip data, or a first line that is a JSON object with `source` and `key`, is NDJSON
 * history (FORMATS.md §1); other JSON is Jira JSON; a CSV header with `Issue key` is a Jira CSV
 * export and one with `source`, `key` and `created` is the generic CSV. Throws
 * `VmoError('INVALID_INPUT')` naming the file when it is none of these (a transitions CSV alone
 * included: it goes with `transitions`).
 */
export async function detectImportFormat(path: string): Promise<ImportFormat> {
  if ((await statOrThrow(path)).isDirectory()) return 'jira_json'
  const head = await readHead(path)
  if (GZIP_MAGIC.every((b, i) => head[i] === b)) return 'ndjson'
  const text = new TextDecoder('utf-8')
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart()
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  if (text.startsWith('{') || text.startsWith('[')) {
    return isHistoryLine(firstLine) ? 'ndjson' : 'jira_json'
  }
  return csvFormatOf(firstLine, path)
}

async function statOrThrow(path: string) {
  try {
    return await stat(path)
  } catch (cause) {
    throw new VmoError('INVALID_INPUT', `cannot read "${path}"`, { cause, details: { file: path } })
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = new Uint8Array(SNIFF_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

function isHistoryLine(line: string): boolean {
  if (/^\{\s*"source"\s*:/.test(line)) return true
  try {
    const value = JSON.parse(line) as Record<string, unknown>
    return typeof value?.source === 'string' && typeof value.key === 'string'
  } catch {
    return false
  }
}

function csvFormatOf(headerLine: string, path: string): ImportFormat {
  const header = parseHeader(headerLine)
  if (header.has('issue key')) return 'jira_csv'
  if (header.has('source') && header.has('key') && header.has('created')) return 'generic_csv'
  const hint = header.has('at')
    ? ' it looks like a transitions csv: pass it as the transitions of a generic items csv'
    : ' expected ndjson history, jira json, a jira csv export (with "Issue key") or a generic csv (source,key,type,status,created)'
  throw new VmoError('INVALID_INPUT', `"${basename(path)}": unknown import format;${hint}`, {
    details: { file: path },
  })
}

function parseHeader(line: string): Set<string> {
  try {
    const [names = []] = parse(line, { columns: false, relax_quotes: true }) as string[][]
    return new Set(names.map((n) => n.trim().toLowerCase()))
  } catch {
    return new Set()
  }
}

/**
 * Reads an import file (or a folder of Jira JSON files) in the given or detected format and
 * returns its records and per-item outcomes; see `readJiraJson`, `readJiraCsv`,
 * `readGenericCsv`, and `readHistoryFile` for NDJSON (read with `skipBad`, so bad lines are
 * `error` outcomes). Cross-source links are not detected here: that needs every source, see
 * `detectCrossSourceLinks`.
 */
export async function readImportFile(
  path: string,
  options: ImportFileOptions = {},
): Promise<ImportResult> {
  const format = options.format ?? (await detectImportFormat(path))
  switch (format) {
    case 'ndjson':
      return readNdjson(path, options.timezone)
    case 'jira_json':
      return readJiraJson(path, options)
    case 'jira_csv':
      return readJiraCsv(path, options)
    case 'generic_csv':
      return readGenericCsv(path, options)
  }
}

async function readNdjson(path: string, timezone: string | undefined): Promise<ImportResult> {
  const records: WorkItemRecord[] = []
  const result = await readHistoryFile(path, (record) => records.push(record), {
    skipBad: true,
    timezone,
  })
  const outcomes = result.skipped.map(({ line, reason }) => ({
    file: path,
    line,
    severity: 'error' as const,
    reason,
  }))
  return { records, outcomes }
}
