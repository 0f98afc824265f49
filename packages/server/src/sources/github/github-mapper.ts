import { parseInstant } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import type { MapResult } from '../files/import-result'
import {
  describeInstantText,
  findStatusMismatch,
  nonEmpty,
  nonEmptyFields,
  withoutUndefined,
} from '../files/record-helpers'
import type { GitHubConnectorConfig } from './github-connector-config'
import { replayGitHubHistory } from './github-history'
import type { GitHubHistory } from './github-history'
import { labelNamesOf } from './github-item-state'
import { gitHubKey, gitHubLinksOf, keyOfItemUrl, repoOfIssue } from './github-links'
import type { GitHubItemPayload } from './github-payloads'

/** Options of {@link gitHubItemToRecord}: the record's source and the connector's settings. */
export interface GitHubMapOptions extends Pick<
  GitHubConnectorConfig,
  'workflow' | 'types' | 'jiraMentions'
> {
  /** The record's `source` (the source's name, `github` for an import by default). */
  source: string
}

/**
 * Maps an issue or pull request with its timeline (and branch and project values, when read)
 * to a {@link WorkItemRecord}:
 * - `key` `owner/repo#12`, `id`, `url` (`html_url`), `project` (`owner/repo`), `title`,
 *   `created`, `labels` (every label), `resolved` (`closed_at` of a closed item);
 * - `status`, `type` and their `changes` from {@link replayGitHubHistory} (same-second bursts
 *   are one transition; a history that does not end in the state now gets one correcting change
 *   and `fields.historyCorrected: true`);
 * - `parent` (the parent issue of a sub-issue) and `links` (see `gitHubLinksOf`);
 * - `fields`: `author`, `assignees`, `milestone`, `stateReason`, `draft` and `branch` (pull
 *   requests), which the import's link detection searches for Jira keys with the title.
 * Never throws: a payload without a number, repository, valid `created_at` or state is
 * `{ ok: false, reason }`.
 */
export function gitHubItemToRecord(
  payload: GitHubItemPayload,
  options: GitHubMapOptions,
): MapResult {
  const issue = payload?.issue
  if (typeof issue !== 'object' || issue === null) return { ok: false, reason: 'no issue object' }
  const repo = repoOfIssue(issue)
  if (repo === undefined) return { ok: false, reason: 'the repository is missing (repository_url)' }
  if (!Number.isInteger(issue.number)) return { ok: false, reason: 'number is missing' }
  const key = gitHubKey(repo, issue.number as number)
  if (typeof issue.created_at !== 'string')
    return { ok: false, reason: `${key}: created_at is missing` }
  if (!Number.isFinite(parseInstant(issue.created_at))) {
    return { ok: false, reason: `${key}: created_at ${describeInstantText(issue.created_at)}` }
  }
  if (issue.state !== 'open' && issue.state !== 'closed') {
    return {
      ok: false,
      reason: `${key}: state ${JSON.stringify(issue.state)} is not open or closed`,
    }
  }
  const timeline = Array.isArray(payload.timeline) ? payload.timeline : []
  const history = replayGitHubHistory({ ...payload, timeline }, options)
  const record = buildRecord({ ...payload, timeline }, { key, repo, history, options })
  const mismatch = findStatusMismatch(record)
  const warnings = mismatch ? [...history.warnings, mismatch] : history.warnings
  return { ok: true, record, warnings }
}

interface Built {
  key: string
  repo: string
  history: GitHubHistory
  options: GitHubMapOptions
}

function buildRecord(payload: GitHubItemPayload, built: Built): WorkItemRecord {
  const { issue } = payload
  const { key, history } = built
  const record: WorkItemRecord = {
    source: built.options.source,
    key,
    id: issue.id === undefined ? undefined : String(issue.id),
    url: typeof issue.html_url === 'string' ? issue.html_url : undefined,
    project: built.repo,
    type: history.type,
    title: typeof issue.title === 'string' ? issue.title : undefined,
    created: issue.created_at as string,
    status: history.status,
    labels: nonEmpty(labelNamesOf(issue.labels)),
    parent: keyOfItemUrl(issue.parent_issue_url),
    links: nonEmpty(gitHubLinksOf(payload, key, built.options)),
    resolved: issue.state === 'closed' ? (issue.closed_at ?? undefined) : undefined,
    fields: extraFields(payload, history),
    changes: history.changes,
  }
  return withoutUndefined(record)
}

function extraFields(payload: GitHubItemPayload, history: GitHubHistory) {
  const { issue } = payload
  const isPull = issue.pull_request != null
  const logins = (issue.assignees ?? []).flatMap((a) => (a?.login ? [a.login] : []))
  return nonEmptyFields(
    withoutUndefined({
      author: issue.user?.login,
      assignees: nonEmpty(logins),
      milestone: issue.milestone?.title,
      stateReason:
        !isPull && issue.state === 'closed' ? (issue.state_reason ?? undefined) : undefined,
      draft: isPull ? issue.draft === true : undefined,
      branch: payload.pull?.head?.ref,
      historyCorrected: history.corrected ? true : undefined,
    }),
  )
}
