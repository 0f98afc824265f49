import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { TextDecoder } from 'node:util'
import { parse } from 'csv-parse/sync'
import { VmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { fileReadError } from './file-errors'
import { readHistoryFile } from '../ndjson/read-history-file'
import { readGenericCsv } from '../generic-csv/read-generic-csv'
import type { ImportResult } from './import-result'
import { readJiraCsv } from '../jira/read-jira-csv'
import { readJiraJson } from '../jira/read-jira-json'
import {
  describeGitHubLine,
  describeGitHubLineStart,
  readGitHubIssues,
} from '../github/read-github-issues'
import { findByteOrderMark } from './text-file'

/** The file formats `readImportFile` reads. */
export const IMPORT_FORMATS = [
  'ndjson',
  'jira_json',
  'jira_csv',
  'generic_csv',
  'github_json',
] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** Whether `value` is an {@link ImportFormat}. */
export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value)
}

/** Options of {@link readImportFile}; each reader uses the ones that concern it. */
export interface ImportFileOptions {
  /** Skip sniffing and read the file as this format. */
  format?: ImportFormat
  /** Record `source` for Jira formats (default `jira`) and GitHub issues (default `github`). */
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
 * Members Jira's REST documents start with (a search page, or an issue: `expand`, `self`), and
 * that never start a history line.
 */
const JIRA_DOCUMENT_MEMBERS = new Set([
  'expand',
  'startAt',
  'maxResults',
  'total',
  'issues',
  'nextPageToken',
  'isLast',
  'names',
  'schema',
  'self',
])

/** A format told from a file's content, and what in the content told it. */
export interface DetectedFormat {
  format: ImportFormat
  /** What was recognised, in words (`a jira search page ("issues")`). */
  evidence: string
}

/**
 * Tells the format of `path` from its content, not its name: see {@link recogniseImportFormat}.
 */
export async function detectImportFormat(path: string): Promise<ImportFormat> {
  return (await recogniseImportFormat(path)).format
}

/**
 * Tells the format of `path` from its content, not its name, and says what it recognised: a
 * folder is a folder of Jira JSON files; gzip data is NDJSON history (FORMATS.md §1); JSON that
 * has Jira's REST shape (an array, a search page with `issues`, an issue with `key` and `fields`
 * but no `source`, `type`, `status` or `created` of its own, or a document spread over lines) is
 * Jira JSON; a GitHub issue with its `timeline` or `events` (or the GitHub connector's payload)
 * is `github_json`; any other JSON object on the first line is NDJSON history, so a line without
 * `source` is reported as a bad history line; a CSV header with `Issue key` is a Jira CSV export
 * and one with `source`, `key` and `created` is the generic CSV. UTF-16 text with a byte-order mark
 * is read as such. Throws `VmoError('INVALID_INPUT')` naming the file when it is none of these (a
 * transitions CSV alone included: it goes with `transitions`), and the errors of `fileReadError`
 * when it cannot be read.
 */
export async function recogniseImportFormat(path: string): Promise<DetectedFormat> {
  if ((await statOrThrow(path)).isDirectory()) {
    return { format: 'jira_json', evidence: 'a folder, read as jira json files' }
  }
  const head = await readHead(path)
  if (GZIP_MAGIC.every((b, i) => head[i] === b)) {
    return { format: 'ndjson', evidence: 'gzip data, read as ndjson history' }
  }
  const { text, encoding } = decodeHead(head)
  const newline = text.search(/\r?\n/)
  const complete = newline >= 0 || head.length < SNIFF_BYTES
  const firstLine = newline >= 0 ? text.slice(0, newline) : text
  const detected =
    text.startsWith('{') || text.startsWith('[')
      ? jsonFormatOf(firstLine, complete)
      : csvFormatOf(firstLine, path)
  return encoding === undefined
    ? detected
    : { ...detected, evidence: `${encoding} text: ${detected.evidence}` }
}

/** The text of the first bytes (a multi-byte character cut at the end is replaced). */
function decodeHead(head: Uint8Array): { text: string; encoding?: 'utf-16le' | 'utf-16be' } {
  const bom = findByteOrderMark(head)
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    return { text: new TextDecoder(bom).decode(head).trimStart(), encoding: bom }
  }
  return { text: new TextDecoder('utf-8').decode(head).trimStart() }
}

async function statOrThrow(path: string) {
  try {
    return await stat(path)
  } catch (cause) {
    throw fileReadError(path, cause)
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r')
    try {
      const buffer = new Uint8Array(SNIFF_BYTES)
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0)
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  } catch (cause) {
    throw fileReadError(path, cause)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Jira's REST shape of one issue: `key` and a `fields` object, and none of a history line's own
 * members (`source`, `type`, `status`, `created`: Jira has them inside `fields`).
 */
function isJiraIssue(o: Record<string, unknown>): boolean {
  if (typeof o.key !== 'string' || !isObject(o.fields)) return false
  return ['source', 'type', 'status', 'created'].every((name) => o[name] === undefined)
}

const NDJSON_EVIDENCE = 'a json object on the first line, read as ndjson history'

function jsonFormatOf(firstLine: string, complete: boolean): DetectedFormat {
  if (firstLine.startsWith('[')) {
    return { format: 'jira_json', evidence: 'a json array, read as jira issues' }
  }
  if (/^\{\s*"source"\s*:/.test(firstLine)) return { format: 'ndjson', evidence: NDJSON_EVIDENCE }
  let value: unknown
  try {
    value = JSON.parse(firstLine)
  } catch {
    return unparsedFirstLine(firstLine, complete)
  }
  if (isObject(value) && Array.isArray(value.issues)) {
    return { format: 'jira_json', evidence: 'a jira search page ("issues")' }
  }
  if (isObject(value) && isJiraIssue(value)) {
    return { format: 'jira_json', evidence: 'a jira issue ("key" and "fields")' }
  }
  const github = describeGitHubLine(value)
  if (github !== undefined) return { format: 'github_json', evidence: github }
  return { format: 'ndjson', evidence: NDJSON_EVIDENCE }
}

/**
 * A first line that is not JSON on its own: a document spread over lines (`{` alone, as Jira's
 * pretty-printed JSON starts), a first line longer than the sniffed bytes (told by its first
 * member), or a broken history line (reported as such by the NDJSON reader).
 */
function unparsedFirstLine(firstLine: string, complete: boolean): DetectedFormat {
  const multiLine = {
    format: 'jira_json' as const,
    evidence: 'a json document over several lines, read as jira json',
  }
  if (complete && firstLine.trim() === '{') return multiLine
  const firstMember = /^\{\s*"([^"\\]*)"/.exec(firstLine)?.[1]
  if (firstMember !== undefined && JIRA_DOCUMENT_MEMBERS.has(firstMember)) {
    return { format: 'jira_json', evidence: `a jira json document ("${firstMember}" first)` }
  }
  const github = describeGitHubLineStart(firstLine)
  if (github !== undefined) return { format: 'github_json', evidence: github }
  return { format: 'ndjson', evidence: NDJSON_EVIDENCE }
}

function csvFormatOf(headerLine: string, path: string): DetectedFormat {
  const header = parseHeader(headerLine)
  if (header.has('issue key')) {
    return { format: 'jira_csv', evidence: 'a csv header with "Issue key"' }
  }
  if (header.has('source') && header.has('key') && header.has('created')) {
    return { format: 'generic_csv', evidence: 'a csv header with "source", "key" and "created"' }
  }
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
 * `readGenericCsv`, `readGitHubIssues`, and `readHistoryFile` for NDJSON (read with `skipBad`, so bad lines are
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
    case 'github_json':
      return readGitHubIssues(path, { source: options.source })
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
