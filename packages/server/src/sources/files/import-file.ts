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
  /** Generic CSV: role → header name for columns not named as the roles (`--columns`). */
  columns?: Readonly<Record<string, string>>
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
export async function detectImportFormat(
  path: string,
  columns?: Readonly<Record<string, string>>,
): Promise<ImportFormat> {
  return (await recogniseImportFormat(path, columns)).format
}

/** What each format looks like, for the message about a file that is none of them. */
export const FORMAT_SHAPES =
  'ndjson (one json object per line with "source", "key", "type", "status", "created"), ' +
  'jira_json (a search page with "issues", an array of issues, or one issue with "key" and "fields"), ' +
  'github_json (one github issue per line with its "timeline" or "events"), ' +
  'jira_csv (a header with "Issue key"), ' +
  'generic_csv (a header with source, key, type, status, created, or other names mapped with --columns)'

/** The error for a file whose content is none of the formats: what was seen, and what would do. */
function notAFormat(path: string, seen: string): VmoError {
  return new VmoError(
    'INVALID_INPUT',
    `"${basename(path)}": not a format openvmo reads: ${seen} (expected one of ${FORMAT_SHAPES}); ` +
      `if it is one of them, force it with --format ${IMPORT_FORMATS.join('|')}`,
    { details: { file: path, seen } },
  )
}

/**
 * Tells the format of `path` from its content, not its name, and says what it recognised: a
 * folder is a folder of Jira JSON files; gzip data is NDJSON history; JSON that has Jira's REST
 * shape (an array of issues, a search page with `issues`, an issue with `key` and `fields` but no
 * `source`, `type`, `status` or `created` of its own, or a document spread over lines) is Jira
 * JSON; a GitHub issue with its `timeline` or `events` (or the GitHub connector's payload) is
 * `github_json`; a JSON object with `source` or with two of a history line's members (`key`,
 * `type`, `status`, `created`, `changes`) is NDJSON history, so a line without `source` is reported
 * as a bad history line; a CSV header with the `key` and `created` columns named in `columns`
 * (role → header) or with `source`, `key` and `created` is the generic CSV, one with `Issue key`
 * a Jira CSV export. UTF-16 text with a byte-order mark is read as such. Anything else (GitHub
 * issues without their history, a JSON array of them, other JSON or CSV, a transitions CSV alone)
 * throws `VmoError('INVALID_INPUT')` naming the file, what was seen and the shapes expected
 * ("not a format openvmo reads: …"); the errors of `fileReadError` when it cannot be read.
 */
export async function recogniseImportFormat(
  path: string,
  columns?: Readonly<Record<string, string>>,
): Promise<DetectedFormat> {
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
      ? jsonFormatOf(firstLine, complete, path)
      : csvFormatOf(firstLine, path, columns)
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

/** Members of a history line besides `source`: two of them make an object history (see below). */
const HISTORY_MEMBERS = ['key', 'type', 'status', 'created', 'changes']

function isGitHubIssue(value: unknown): boolean {
  return isObject(value) && typeof value.number === 'number' && typeof value.html_url === 'string'
}

function membersOf(value: Record<string, unknown>): string {
  const names = Object.keys(value)
  const shown = names.slice(0, 5).map((n) => `"${n}"`)
  return `${shown.join(', ')}${names.length > 5 ? ', …' : ''}`
}

function jsonFormatOf(firstLine: string, complete: boolean, path: string): DetectedFormat {
  if (/^\{\s*"source"\s*:/.test(firstLine)) return { format: 'ndjson', evidence: NDJSON_EVIDENCE }
  let value: unknown
  try {
    value = JSON.parse(firstLine)
  } catch {
    return unparsedFirstLine(firstLine, complete, path)
  }
  if (Array.isArray(value)) return jsonArrayFormatOf(value, path)
  if (!isObject(value)) throw notAFormat(path, `a json ${typeof value} on the first line`)
  if (Array.isArray(value.issues)) {
    return { format: 'jira_json', evidence: 'a jira search page ("issues")' }
  }
  if (isJiraIssue(value)) {
    return { format: 'jira_json', evidence: 'a jira issue ("key" and "fields")' }
  }
  const github = describeGitHubLine(value)
  if (github !== undefined) return { format: 'github_json', evidence: github }
  if (isGitHubIssue(value)) {
    throw notAFormat(path, 'a github issue without its "timeline" or "events" on the first line')
  }
  if (HISTORY_MEMBERS.filter((name) => value[name] !== undefined).length >= 2) {
    return { format: 'ndjson', evidence: NDJSON_EVIDENCE }
  }
  throw notAFormat(path, `a json object with ${membersOf(value)} on the first line`)
}

/** A json array on the first line: jira issues, or (refused) github issues without history. */
function jsonArrayFormatOf(value: unknown[], path: string): DetectedFormat {
  const first: unknown = value[0]
  if (isGitHubIssue(first)) {
    throw notAFormat(
      path,
      'a json array of github issues (github_json is one issue per line with its "timeline" or "events")',
    )
  }
  if (first === undefined || (isObject(first) && isJiraIssue(first))) {
    return { format: 'jira_json', evidence: 'a json array of jira issues ("key" and "fields")' }
  }
  throw notAFormat(path, 'a json array whose first element is not a jira issue')
}

/**
 * A first line that is not JSON on its own: a document spread over lines (`{` or `[` alone, as
 * Jira's pretty-printed JSON starts), a first line longer than the sniffed bytes (told by its
 * first member), or a broken history line (reported as such by the NDJSON reader).
 */
function unparsedFirstLine(firstLine: string, complete: boolean, path: string): DetectedFormat {
  const multiLine = {
    format: 'jira_json' as const,
    evidence: 'a json document over several lines, read as jira json',
  }
  if (complete && (firstLine.trim() === '{' || firstLine.trim() === '[')) return multiLine
  if (firstLine.startsWith('[')) {
    return { format: 'jira_json', evidence: 'a json array, read as jira issues' }
  }
  const firstMember = /^\{\s*"([^"\\]*)"/.exec(firstLine)?.[1]
  if (firstMember !== undefined && JIRA_DOCUMENT_MEMBERS.has(firstMember)) {
    return { format: 'jira_json', evidence: `a jira json document ("${firstMember}" first)` }
  }
  const github = describeGitHubLineStart(firstLine)
  if (github !== undefined) return { format: 'github_json', evidence: github }
  if (firstMember === undefined || HISTORY_MEMBERS.includes(firstMember) || !complete) {
    return { format: 'ndjson', evidence: NDJSON_EVIDENCE }
  }
  throw notAFormat(path, `a first line that is not json ("${firstLine.slice(0, 40)}")`)
}

function csvFormatOf(
  headerLine: string,
  path: string,
  columns: Readonly<Record<string, string>> = {},
): DetectedFormat {
  const header = parseHeader(headerLine)
  const has = (role: string) => header.has((columns[role] ?? role).trim().toLowerCase())
  if (Object.keys(columns).length > 0 && has('key') && has('created')) {
    const named = ['key', 'created'].map((r) => `"${columns[r] ?? r}"`).join(' and ')
    return { format: 'generic_csv', evidence: `a csv header with ${named} (--columns)` }
  }
  if (header.has('issue key')) {
    return { format: 'jira_csv', evidence: 'a csv header with "Issue key"' }
  }
  if (header.has('source') && header.has('key') && header.has('created')) {
    return { format: 'generic_csv', evidence: 'a csv header with "source", "key" and "created"' }
  }
  if (header.has('at') && header.has('to')) {
    throw new VmoError(
      'INVALID_INPUT',
      `"${basename(path)}": this looks like a transitions csv ("at", "to"): pass it with --transitions next to a generic items csv`,
      { details: { file: path } },
    )
  }
  const names = [...header].slice(0, 6).map((n) => `"${n}"`)
  const seen =
    header.size > 1
      ? `a csv header with ${names.join(', ')}${header.size > 6 ? ', …' : ''} (map its columns with --columns key=…,created=…)`
      : `text starting "${headerLine.slice(0, 40)}"`
  throw notAFormat(path, seen)
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
  const format = options.format ?? (await detectImportFormat(path, options.columns))
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
