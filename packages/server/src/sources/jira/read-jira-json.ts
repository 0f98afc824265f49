import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { VmoError, isVmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import type { ImportOutcome, ImportResult } from '../files/import-result'
import {
  DEFAULT_INITIAL_STATUS,
  pickInitialStatus,
  resynthesize,
} from '../files/resolution-history'
import { fileReadError } from '../files/file-errors'
import { readUtf8File } from '../files/text-file'
import { jiraIssueToRecord } from './jira-json-mapper'
import type { JiraMapOptions } from './jira-json-mapper'
import type { JiraIssue } from './jira-json-payloads'

/** Options of {@link readJiraJson}: the mapper's, applied to every issue. */
export type ReadJiraJsonOptions = JiraMapOptions

/** The issues of one JSON document with the JSON path of each. */
interface IssueBatch {
  issues: { issue: JiraIssue; path: string }[]
  names?: Record<string, string>
}

/**
 * Reads Jira issues from a JSON file or a folder of them (every `*.json`, sorted by name). A
 * file may hold a search page of `GET /rest/api/2|3/search` (`issues` + `startAt`/`total`), of
 * `GET /rest/api/3/search/jql` (`issues` + `nextPageToken`/`isLast`), one issue (`key` +
 * `fields`, like the appcelerator dump) or an array of issues. Pages are not followed: that is
 * the connector's job. Issues without a changelog get the batch's initial status (the most
 * frequent "new"-category status of all issues read, unless `initialStatus` is given).
 * A key seen twice keeps the later issue (a warning). For a single file, an unreadable file
 * throws `VmoError('INVALID_INPUT')` (NOT_FOUND when missing); in a folder it becomes an `error`
 * outcome for that file. A folder without `*.json` files throws INVALID_INPUT.
 */
export async function readJiraJson(
  path: string,
  options: ReadJiraJsonOptions = {},
): Promise<ImportResult> {
  const isFolder = (await statOrThrow(path)).isDirectory()
  const files = isFolder ? await listJsonFiles(path) : [path]
  const collector = new IssueCollector(options)
  for (const file of files) {
    try {
      collector.add(file, parseIssueBatch(await readUtf8File(file), file))
    } catch (error) {
      if (!isFolder || !isVmoError(error)) throw error
      collector.fail(file, error.message)
    }
  }
  return collector.result()
}

async function statOrThrow(path: string) {
  try {
    return await stat(path)
  } catch (cause) {
    throw fileReadError(path, cause)
  }
}

async function listJsonFiles(folder: string): Promise<string[]> {
  let entries: Dirent[]
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (cause) {
    throw fileReadError(folder, cause)
  }
  const names = entries.filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
  if (names.length === 0) {
    throw new VmoError(
      'INVALID_INPUT',
      `"${folder}" is a folder without .json files (a folder is read as jira json files)`,
      { details: { file: folder } },
    )
  }
  return names
    .map((e) => e.name)
    .sort()
    .map((name) => join(folder, name))
}

/**
 * Parses one JSON document into its issues. Throws `VmoError('INVALID_INPUT')` naming the file
 * and the line and column of a syntax error, or saying which shapes were expected.
 */
export function parseIssueBatch(text: string, file: string): IssueBatch {
  const doc = parseJson(text, file)
  if (Array.isArray(doc)) return { issues: doc.map((issue, i) => ({ issue, path: `[${i}]` })) }
  if (typeof doc === 'object' && doc !== null) {
    const o = doc as { issues?: unknown; key?: unknown; names?: Record<string, string> }
    if (Array.isArray(o.issues)) {
      return {
        issues: o.issues.map((issue, i) => ({ issue, path: `issues[${i}]` })),
        names: o.names,
      }
    }
    if (typeof o.key === 'string') return { issues: [{ issue: doc as JiraIssue, path: '$' }] }
  }
  throw new VmoError(
    'INVALID_INPUT',
    `"${basename(file)}": not a jira search response, issue or array of issues ` +
      '(expected "issues", or "key" and "fields", at the top level)',
    { details: { file } },
  )
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    const position = /position (\d+)/.exec(message)?.[1]
    const where = position === undefined ? '' : ` at ${lineAndColumn(text, Number(position))}`
    throw new VmoError('INVALID_INPUT', `"${basename(file)}": malformed json${where}: ${message}`, {
      cause,
      details: { file },
    })
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`
}

// Accumulates the records of every file; a later issue with the same key replaces the earlier.
class IssueCollector {
  readonly #byKey = new Map<string, WorkItemRecord>()
  readonly #outcomes: ImportOutcome[] = []
  readonly #newStatuses: string[] = []
  readonly #withoutHistory = new Set<string>()
  readonly #options: ReadJiraJsonOptions

  constructor(options: ReadJiraJsonOptions) {
    this.#options = options
  }

  add(file: string, batch: IssueBatch): void {
    const options = {
      ...this.#options,
      initialStatus: this.#options.initialStatus ?? DEFAULT_INITIAL_STATUS,
      names: batch.names,
    }
    for (const { issue, path } of batch.issues) {
      this.#noteInitialStatus(issue)
      const mapped = jiraIssueToRecord(issue, options)
      const at = { file, path, key: typeof issue?.key === 'string' ? issue.key : undefined }
      if (!mapped.ok) {
        this.#outcomes.push({ ...at, severity: 'error', reason: mapped.reason })
        continue
      }
      for (const reason of mapped.warnings)
        this.#outcomes.push({ ...at, severity: 'warning', reason })
      this.#keep(mapped.record, at)
      if (issue.changelog) this.#withoutHistory.delete(mapped.record.key)
      else this.#withoutHistory.add(mapped.record.key)
    }
  }

  fail(file: string, reason: string): void {
    this.#outcomes.push({ file, severity: 'error', reason })
  }

  result(): ImportResult {
    const initial = this.#options.initialStatus ?? pickInitialStatus(this.#newStatuses)
    const records = [...this.#byKey.values()].map((r) =>
      this.#withoutHistory.has(r.key) ? resynthesize(r, initial) : r,
    )
    return { records, outcomes: this.#outcomes }
  }

  #noteInitialStatus(issue: JiraIssue | undefined): void {
    const status = issue?.fields?.status
    if (status?.statusCategory?.key === 'new' && typeof status.name === 'string') {
      this.#newStatuses.push(status.name)
    }
  }

  #keep(record: WorkItemRecord, at: Pick<ImportOutcome, 'file' | 'path' | 'key'>): void {
    if (this.#byKey.has(record.key)) {
      this.#outcomes.push({
        ...at,
        severity: 'warning',
        reason: 'duplicate key, kept the later issue',
      })
    }
    this.#byKey.set(record.key, record)
  }
}
