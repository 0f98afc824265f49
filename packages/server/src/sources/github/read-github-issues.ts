import { VmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import type { ImportOutcome, ImportResult } from '../files/import-result'
import { readUtf8File } from '../files/text-file'
import { parseGitHubConnectorConfig } from './github-connector-config'
import type { GitHubConnectorConfigInput } from './github-connector-config'
import { keyOfIssue } from './github-links'
import { gitHubItemToRecord } from './github-mapper'
import type { GitHubIssue, GitHubItemPayload, GitHubTimelineEvent } from './github-payloads'

/** Options of {@link readGitHubIssues}: the record source and the mapping settings. */
export interface ReadGitHubIssuesOptions extends Pick<
  GitHubConnectorConfigInput,
  'workflow' | 'types' | 'jiraMentions'
> {
  /** The records' `source` (default `github`). */
  source?: string
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * What a JSON value of a `github_json` line is, in words, or undefined when it is not one: a
 * GitHub REST issue (or pull request) with its `timeline` or `events` embedded, or the
 * connector's own payload (`issue` and `timeline`).
 */
export function describeGitHubLine(value: unknown): string | undefined {
  if (!isObject(value)) return undefined
  if (isObject(value.issue) && Array.isArray(value.timeline)) {
    return 'a github item payload ("issue" and "timeline")'
  }
  const issueLike = typeof value.number === 'number' && typeof value.html_url === 'string'
  if (!issueLike || value.source !== undefined) return undefined
  const history = Array.isArray(value.timeline)
    ? 'timeline'
    : Array.isArray(value.events)
      ? 'events'
      : undefined
  return history && `a github issue with its ${history} ("number", "html_url", "${history}")`
}

// a line too long to sniff whole: a REST issue starts with its API url
const ISSUE_LINE_START = /^\{\s*"url"\s*:\s*"[^"]*\/repos\/[^"/]+\/[^"/]+\/issues\/\d+"/

/** Like {@link describeGitHubLine} for the start of a line too long to parse whole. */
export function describeGitHubLineStart(text: string): string | undefined {
  if (ISSUE_LINE_START.test(text)) return 'a github issue ("url" of an issue first)'
  return /^\{\s*"issue"\s*:\s*\{/.test(text) ? 'a github item payload ("issue" first)' : undefined
}

/** The payload of one line: the connector's payload as it is, or an issue with its events. */
function payloadOf(value: Record<string, unknown>): GitHubItemPayload | undefined {
  if (isObject(value.issue) && Array.isArray(value.timeline))
    return value as unknown as GitHubItemPayload
  const { timeline, events, ...issue } = value
  const history = Array.isArray(timeline) ? timeline : Array.isArray(events) ? events : undefined
  if (history === undefined) return undefined
  return { issue: issue as GitHubIssue, timeline: history as GitHubTimelineEvent[] }
}

/**
 * Reads saved GitHub issues, one JSON object per line (as scripts and archives keep them): REST
 * issues and pull requests with their `timeline` (`/issues/{n}/timeline`) or `events`
 * (`/issues/{n}/events`) embedded, or the connector's raw payloads (`issue`, `timeline`, and
 * optionally `pull` with the branch and `project`). Each is mapped by `gitHubItemToRecord`
 * with the given workflow and type labels (default: GitHub states, `bug`/`enhancement`/
 * `documentation` as types). Blank lines are skipped; a line that is not JSON, has no history or
 * cannot be mapped is an `error` outcome with its line number; a key seen twice keeps the later
 * line (a warning). Throws VmoError INVALID_CONFIG for bad options, and the file errors of
 * `readUtf8File`.
 */
export async function readGitHubIssues(
  path: string,
  options: ReadGitHubIssuesOptions = {},
): Promise<ImportResult> {
  const { source = 'github', ...mapping } = options
  const config = { ...parseGitHubConnectorConfig(mapping), source }
  const text = await readUtf8File(path)
  const byKey = new Map<string, { record: WorkItemRecord; line: number }>()
  const outcomes: ImportOutcome[] = []
  const fail = (line: number, reason: string, key?: string) =>
    outcomes.push({ file: path, line, severity: 'error', reason, ...(key ? { key } : {}) })
  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1
    if (content.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(content)
    } catch (error) {
      return fail(line, `not json: ${(error as Error).message}`)
    }
    const payload = isObject(value) ? payloadOf(value) : undefined
    if (payload === undefined) {
      return fail(line, 'not a github issue with "timeline" or "events", nor an item payload')
    }
    const key = keyOfIssue(payload.issue)
    const result = gitHubItemToRecord(payload, config)
    if (!result.ok) return fail(line, result.reason, key)
    for (const reason of result.warnings) {
      outcomes.push({ file: path, line, severity: 'warning', reason, key: result.record.key })
    }
    const earlier = byKey.get(result.record.key)
    if (earlier !== undefined) {
      const reason = `also on line ${earlier.line}; the later line is kept`
      outcomes.push({ file: path, line, severity: 'warning', reason, key: result.record.key })
    }
    byKey.set(result.record.key, { record: result.record, line })
  })
  if (byKey.size === 0 && outcomes.length === 0) {
    throw new VmoError('INVALID_INPUT', `"${path}" holds no github issues`, {
      details: { file: path },
    })
  }
  return { records: [...byKey.values()].map((v) => v.record), outcomes }
}
