import { parseInstant } from '@openvmo/core'
import type { WorkItemLink, WorkItemRecord } from '@openvmo/core'
import type { MapResult } from '../files/import-result'
import {
  describeInstantText,
  findStatusMismatch,
  nonEmpty,
  nonEmptyFields,
  sortChangesByInstant,
  withoutUndefined,
} from '../files/record-helpers'
import { replayGitLabHistory } from './gitlab-history'
import type { GitLabHistory, GitLabHistoryOptions } from './gitlab-history'
import { keyOfIssuable, projectOfKey } from './gitlab-keys'
import type { GitLabItemPayload } from './gitlab-payloads'

/** Link types the GitLab mapper writes (targets are bare keys of the same source). */
export const GITLAB_LINK_TYPES = {
  /** A merge request closes the issue when merged (`Closes #12`, or linked by hand). */
  closes: 'closes',
  /** Issue links: `relates_to`, `blocks`, `is_blocked_by`, as GitLab names them. */
  relatesTo: 'relates_to',
  blocks: 'blocks',
  isBlockedBy: 'is_blocked_by',
} as const

/** Options of {@link gitLabItemToRecord}: the record's source and the label scopes. */
export interface GitLabMapOptions extends GitLabHistoryOptions {
  /** The record's `source` (the source's name). */
  source: string
}

/**
 * Maps an issue or merge request with its resource events and links to a {@link WorkItemRecord}:
 * - `key` `group/project#12` (issue) or `group/project!7` (merge request), `id`, `url`
 *   (`web_url`), `project` (the project path), `title`, `created`, `labels` (every label),
 *   `resolved` (`merged_at` or `closed_at` of an item that is no longer open);
 * - `status`, `type` and their `changes`, and `milestone` changes, from
 *   {@link replayGitLabHistory};
 * - `links`: `closes` from a merge request to the issues it closes, and an issue's issue links
 *   under their GitLab type (`relates_to`, `blocks`, `is_blocked_by`);
 * - `fields`: `author`, `assignees`, `milestone`, `draft`, `branch` (merge requests),
 *   `historyCorrected`.
 * Never throws: a payload without a key, a valid `created_at` or a state is `{ ok: false }`.
 */
export function gitLabItemToRecord(
  payload: GitLabItemPayload,
  options: GitLabMapOptions,
): MapResult {
  const item = payload?.item
  if (typeof item !== 'object' || item === null) return { ok: false, reason: 'no item object' }
  const key = keyOfIssuable(item, payload.kind)
  if (key === undefined) {
    return {
      ok: false,
      reason: `${payload.kind} ${String(item.id)}: no references.full or web_url`,
    }
  }
  if (typeof item.created_at !== 'string')
    return { ok: false, reason: `${key}: created_at is missing` }
  if (!Number.isFinite(parseInstant(item.created_at))) {
    return { ok: false, reason: `${key}: created_at ${describeInstantText(item.created_at)}` }
  }
  if (typeof item.state !== 'string') return { ok: false, reason: `${key}: state is missing` }
  const history = replayGitLabHistory(withLists(payload), options)
  const record = buildRecord(payload, { key, history, source: options.source })
  const mismatch = findStatusMismatch(record)
  return {
    ok: true,
    record,
    warnings: mismatch ? [...history.warnings, mismatch] : history.warnings,
  }
}

function withLists(payload: GitLabItemPayload): GitLabItemPayload {
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : [])
  return {
    ...payload,
    stateEvents: list(payload.stateEvents),
    labelEvents: list(payload.labelEvents),
    milestoneEvents: list(payload.milestoneEvents),
  }
}

function buildRecord(
  payload: GitLabItemPayload,
  built: { key: string; history: GitLabHistory; source: string },
): WorkItemRecord {
  const { item } = payload
  const { key, history } = built
  const open = item.state === 'opened'
  const record: WorkItemRecord = {
    source: built.source,
    key,
    id: item.id === undefined ? undefined : String(item.id),
    url: typeof item.web_url === 'string' ? item.web_url : undefined,
    project: projectOfKey(key),
    type: history.type,
    title: typeof item.title === 'string' ? item.title : undefined,
    created: item.created_at as string,
    status: history.status,
    labels: nonEmpty(labelsOf(payload)),
    links: nonEmpty(gitLabLinksOf(payload)),
    resolved: open ? undefined : (item.merged_at ?? item.closed_at ?? undefined),
    fields: extraFields(payload, history),
    changes: sortChangesByInstant(history.changes),
  }
  return withoutUndefined(record)
}

function labelsOf(payload: GitLabItemPayload): string[] {
  return (payload.item.labels ?? []).flatMap((l) => {
    const name = typeof l === 'string' ? l : l?.name
    return typeof name === 'string' ? [name] : []
  })
}

/** The links of an item: `closes` to the issues a merge request closes; an issue's issue links. */
export function gitLabLinksOf(payload: GitLabItemPayload): WorkItemLink[] {
  const links: WorkItemLink[] = []
  const seen = new Set<string>()
  const push = (type: string, target: string | undefined) => {
    if (target === undefined || seen.has(`${type}>${target}`)) return
    seen.add(`${type}>${target}`)
    links.push({ type, target })
  }
  for (const issue of payload.closes ?? [])
    push(GITLAB_LINK_TYPES.closes, keyOfIssuable(issue, 'issues'))
  for (const link of payload.links ?? []) {
    const type = typeof link?.link_type === 'string' ? link.link_type : GITLAB_LINK_TYPES.relatesTo
    push(type, keyOfIssuable(link, 'issues'))
  }
  return links
}

function extraFields(payload: GitLabItemPayload, history: GitLabHistory) {
  const { item } = payload
  const isMerge = payload.kind === 'merge_requests'
  const users = (item.assignees ?? []).flatMap((a) => (a?.username ? [a.username] : []))
  return nonEmptyFields(
    withoutUndefined({
      author: item.author?.username,
      assignees: nonEmpty(users),
      milestone: item.milestone?.title,
      draft: isMerge ? item.draft === true : undefined,
      branch: isMerge ? item.source_branch : undefined,
      historyCorrected: history.corrected ? true : undefined,
    }),
  )
}
