import { jiraError } from './fake-jira-http'
import type { FakeAnswer } from './fake-jira-http'
import type { FakeJiraRenderer } from './fake-jira-render'
import { offsetOfToken, pageToken } from './fake-jira-search'
import { historyCount } from './fake-jira-state'
import type { FakeIssue } from './fake-jira-state'

// `GET /issue/{key}/changelog` pages hold at most 100 histories, as in Jira.
const CHANGELOG_PAGE_MAX = 100

/**
 * `POST /rest/api/3/changelog/bulkfetch`: the histories of up to 1,000 issues (ids or keys),
 * at most `min(maxResults, limit)` per page, issue by issue in the order asked, each issue's
 * oldest first; `nextPageToken` until the last page. Unknown issues are left out.
 */
export function bulkChangelog(render: FakeJiraRenderer, body: unknown, limit: number): FakeAnswer {
  const request = (body ?? {}) as {
    issueIdsOrKeys?: unknown
    maxResults?: unknown
    nextPageToken?: unknown
  }
  const wanted = Array.isArray(request.issueIdsOrKeys) ? request.issueIdsOrKeys.map(String) : []
  if (wanted.length < 1 || wanted.length > 1000) {
    return jiraError(400, 'issueIdsOrKeys must hold 1 to 1000 issues.')
  }
  const pageLimit = Math.min(Number(request.maxResults ?? 1000), limit)
  const issues = wanted.flatMap((idOrKey) => render.site.state.findByIdOrKey(idOrKey) ?? [])
  const start = typeof request.nextPageToken === 'string' ? offsetOfToken(request.nextPageToken) : 0
  const logs: { issueId: string; changeHistories: unknown[] }[] = []
  // A position counts histories across the requested issues, in request order.
  let skip = start
  let taken = 0
  for (const issue of issues) {
    if (taken >= pageLimit) break
    const count = historyCount(issue)
    if (skip >= count) {
      skip -= count
      continue
    }
    const histories = render.histories(issue).slice(skip, skip + pageLimit - taken)
    skip = 0
    taken += histories.length
    logs.push({ issueId: String(issue.id), changeHistories: histories })
  }
  const total = issues.reduce((sum, issue) => sum + historyCount(issue), 0)
  const next = start + taken
  return {
    status: 200,
    body: { issueChangeLogs: logs, ...(next < total ? { nextPageToken: pageToken(next) } : {}) },
  }
}

/** `GET /rest/api/2|3/issue/{key}/changelog` (`PageBeanChangelog`), oldest first. */
export function issueChangelog(
  render: FakeJiraRenderer,
  issue: FakeIssue | undefined,
  query: URLSearchParams,
): FakeAnswer {
  if (!issue) return jiraError(404, 'Issue does not exist or you do not have permission to see it.')
  const startAt = Number(query.get('startAt') ?? 0)
  const maxResults = Math.min(Number(query.get('maxResults') ?? 100), CHANGELOG_PAGE_MAX)
  const histories = render.histories(issue)
  const values = histories.slice(startAt, startAt + maxResults)
  const self = `${render.api}/issue/${issue.key}/changelog`
  const isLast = startAt + values.length >= histories.length
  const nextPage = `${self}?startAt=${startAt + values.length}&maxResults=${maxResults}`
  return {
    status: 200,
    body: {
      self: `${self}?startAt=${startAt}&maxResults=${maxResults}`,
      ...(isLast ? {} : { nextPage }),
      maxResults,
      startAt,
      total: histories.length,
      isLast,
      values,
    },
  }
}
