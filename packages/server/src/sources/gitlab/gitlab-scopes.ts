import { VmoError } from '@openvmo/core'
import type { ScopeSpec } from '../connector'
import type { GitLabItemKind } from './gitlab-payloads'

/** Where a pull resumes: the list being read and the page after the last one stored. */
export interface GitLabCheckpoint {
  /** The list being read, or `done` after the last page of the last list. */
  list: GitLabItemKind | 'done'
  /** The next page of `list` (a path below the API root); absent: its first page. */
  next?: string
}

/** The checkpoint as the opaque text the sync engine stores. */
export function encodeGitLabCheckpoint(checkpoint: GitLabCheckpoint): string {
  return JSON.stringify(checkpoint)
}

/** A stored checkpoint; INVALID_INPUT when it is not one this connector wrote. */
export function decodeGitLabCheckpoint(text: string): GitLabCheckpoint {
  try {
    const value = JSON.parse(text) as Partial<GitLabCheckpoint>
    const lists = ['issues', 'merge_requests', 'done']
    if (typeof value.list === 'string' && lists.includes(value.list)) {
      const next = typeof value.next === 'string' ? value.next : undefined
      return next === undefined ? { list: value.list } : { list: value.list, next }
    }
  } catch {
    // said below
  }
  throw new VmoError('INVALID_INPUT', `${JSON.stringify(text)} is not a gitlab checkpoint`)
}

/** `/projects/group%2Fproject` or `/groups/group%2Fsub`: the API path of a scope. */
export function scopePath(scope: ScopeSpec): string {
  const root = scope.kind === 'group' ? 'groups' : 'projects'
  return `/${root}/${encodeURIComponent(scope.value)}`
}

/** The query of the lists a pull reads, oldest created first (stable while items change). */
export interface ListQuery {
  pageSize: number
  /** `updated_after` (ISO-8601) of an incremental pull. */
  updatedAfter?: string
  /**
   * Keyset pagination: GitLab offers it for project issues (GitLab 18.3+); elsewhere, and on
   * instances that refuse it, pages are numbered (`page`/`per_page`).
   */
  keyset: boolean
}

/** The first page of a scope's issues or merge requests. */
export function firstListPath(scope: ScopeSpec, list: GitLabItemKind, query: ListQuery): string {
  const params = new URLSearchParams({
    scope: 'all',
    state: 'all',
    order_by: 'created_at',
    sort: 'asc',
    per_page: String(query.pageSize),
  })
  if (query.updatedAfter !== undefined) params.set('updated_after', query.updatedAfter)
  if (query.keyset) params.set('pagination', 'keyset')
  return `${scopePath(scope)}/${list}?${params.toString()}`
}

/** Whether GitLab offers keyset pagination for this list. */
export function offersKeyset(scope: ScopeSpec, list: GitLabItemKind): boolean {
  return scope.kind === 'project' && list === 'issues'
}
