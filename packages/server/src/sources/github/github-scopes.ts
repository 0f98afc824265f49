import { VmoError, formatInstant, parseInstant } from '@openvmo/core'
import type { ScopeSpec } from '../connector'
import type { GitHubClient } from './github-client'
import { findGitHubScopeProblem } from './github-connector-config'

/** Items per page of every list request (GitHub's maximum). */
export const GITHUB_PAGE_SIZE = 100

/**
 * Where a pull of one repository continues: the issue list `since` (inclusive, ISO-8601) and the
 * page under it. Paging by `since` rather than by page number keeps the walk stable while items
 * change: an item updated during the pull moves behind the cursor and comes again, none is
 * skipped.
 */
export interface IssueCursor {
  since?: string
  page: number
}

/** A pull checkpoint: the repository being read and its cursor. */
export interface GitHubCheckpoint extends IssueCursor {
  repo: string
}

/** The opaque checkpoint text of `checkpoint`. */
export function encodeCheckpoint(checkpoint: GitHubCheckpoint): string {
  return JSON.stringify({ v: 1, ...checkpoint })
}

/** The checkpoint of `text`; INVALID_INPUT when it is not one this connector wrote. */
export function decodeCheckpoint(text: string): GitHubCheckpoint {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }
  const c = value as Partial<GitHubCheckpoint> & { v?: unknown }
  const valid =
    typeof c === 'object' &&
    c !== null &&
    c.v === 1 &&
    typeof c.repo === 'string' &&
    Number.isInteger(c.page) &&
    (c.since === undefined || Number.isFinite(parseInstant(c.since)))
  if (!valid) {
    throw new VmoError('INVALID_INPUT', `${JSON.stringify(text)} is not a github pull checkpoint`)
  }
  return { repo: c.repo as string, since: c.since, page: c.page as number }
}

/** `ms` as GitHub writes times (`2024-03-01T09:00:00Z`, whole seconds, rounded down). */
export function gitHubTime(ms: number): string {
  return formatInstant(Math.floor(ms / 1000) * 1000).replace(/\.000Z$/, 'Z')
}

/** The issue-list request of `repo` at `cursor`: every state, oldest update first. */
export function issueListPath(repo: string, cursor: IssueCursor): string {
  const since = cursor.since === undefined ? '' : `&since=${encodeURIComponent(cursor.since)}`
  return `/repos/${repo}/issues?state=all&sort=updated&direction=asc&per_page=${GITHUB_PAGE_SIZE}&page=${cursor.page}${since}`
}

/**
 * The cursor after a page whose last item was updated at `lastUpdatedAt`: `since` one second
 * before it (GitHub's times have whole seconds; items of that second come again and are
 * skipped by the caller), or the next page under the same `since` when that would not move.
 * After an empty page (no `lastUpdatedAt`) the cursor stays where it is.
 */
export function advanceCursor(cursor: IssueCursor, lastUpdatedAt: string | undefined): IssueCursor {
  if (lastUpdatedAt === undefined) return cursor
  const lastMs = parseInstant(lastUpdatedAt)
  const sinceMs = cursor.since === undefined ? -Infinity : parseInstant(cursor.since)
  if (!Number.isFinite(lastMs) || lastMs - 1000 <= sinceMs) {
    return { since: cursor.since, page: cursor.page + 1 }
  }
  return { since: gitHubTime(lastMs - 1000), page: 1 }
}

/** The scope's value checked: INVALID_INPUT naming it when it is not a repo or org. */
export function checkScope(scope: ScopeSpec): void {
  const problem = findGitHubScopeProblem(scope.kind, scope.value)
  if (problem !== undefined) {
    throw new VmoError('INVALID_INPUT', `github scope "${scope.name}": ${problem}`)
  }
}

interface RepositoryPayload {
  full_name?: unknown
  has_issues?: unknown
}

/**
 * The repositories of a scope, sorted by name: the repository itself, or every repository of
 * the organisation that has issues (`/orgs/{org}/repos`, paged).
 */
export async function listScopeRepos(
  client: GitHubClient,
  scope: ScopeSpec,
  signal?: AbortSignal,
): Promise<string[]> {
  checkScope(scope)
  if (scope.kind === 'repo') return [scope.value]
  const repos: string[] = []
  let url: string | undefined =
    `/orgs/${scope.value}/repos?type=all&sort=full_name&direction=asc&per_page=${GITHUB_PAGE_SIZE}`
  while (url !== undefined) {
    const page: Awaited<ReturnType<typeof client.getJson<string[]>>> = await client.getJson(url, {
      signal,
      derive: (body) =>
        (Array.isArray(body) ? (body as RepositoryPayload[]) : [])
          .filter((r) => typeof r?.full_name === 'string' && r.has_issues !== false)
          .map((r) => r.full_name as string),
    })
    repos.push(...page.value)
    url = page.next
  }
  return repos.sort()
}
