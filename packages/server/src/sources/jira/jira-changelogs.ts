import { VmoError, isVmoError } from '@openvmo/core'
import type { JiraClient } from './jira-client'
import type { JiraHistory, JiraIssue } from './jira-json-payloads'

/** How {@link completeChangelogs} asks for changelogs. */
export interface ChangelogOptions {
  /** Histories per page: bulk fetch `maxResults` (Cloud), per-issue `maxResults` (Data Center). */
  pageSize: number
  /** On a 403, what reading these issues needs. */
  needs?: string
  signal?: AbortSignal
}

/** `BulkChangelogResponseBean` of `POST /rest/api/3/changelog/bulkfetch`. */
interface BulkChangelogPage {
  issueChangeLogs?: { issueId?: string; changeHistories?: JiraHistory[] }[]
  nextPageToken?: string
}

/** `PageBeanChangelog` of `GET /rest/api/2|3/issue/{key}/changelog`. */
interface ChangelogPage {
  values?: JiraHistory[]
  isLast?: boolean
  total?: number
}

// The bulk fetch takes at most 1,000 issues per request.
const BULK_ISSUES = 1000

/**
 * Gives every issue its whole changelog, as `changelog: { startAt: 0, maxResults: n, total: n,
 * histories }` (oldest first, as Jira pages them), in place. Cloud: through
 * `POST /rest/api/3/changelog/bulkfetch`, following `nextPageToken` until the last page. Data
 * Center: the search's inline changelog, completed from `GET /rest/api/2/issue/{key}/changelog`
 * when `total` is above the histories inlined (several issues at once, within the client's
 * concurrency). Returns the keys of issues deleted in the meantime (their changelog is gone).
 */
export async function completeChangelogs(
  client: JiraClient,
  issues: JiraIssue[],
  options: ChangelogOptions,
): Promise<Set<string>> {
  if (client.deployment === 'cloud') {
    await bulkFetchChangelogs(client, issues, options)
    return new Set()
  }
  const incomplete = issues.filter((issue) => {
    const changelog = issue.changelog
    return !changelog || (changelog.total ?? 0) > (changelog.histories?.length ?? 0)
  })
  const gone = await Promise.all(incomplete.map((i) => pageIssueChangelog(client, i, options)))
  return new Set(gone.filter((key): key is string => key !== undefined))
}

async function bulkFetchChangelogs(
  client: JiraClient,
  issues: JiraIssue[],
  options: ChangelogOptions,
): Promise<void> {
  const histories = new Map<string, JiraHistory[]>()
  for (let start = 0; start < issues.length; start += BULK_ISSUES) {
    const ids = issues.slice(start, start + BULK_ISSUES).map((issue) => String(issue.id))
    let token: string | undefined
    do {
      const page: BulkChangelogPage = await client.request({
        path: '/rest/api/3/changelog/bulkfetch',
        body: { issueIdsOrKeys: ids, maxResults: options.pageSize, nextPageToken: token },
        needs: options.needs,
        signal: options.signal,
      })
      for (const log of page.issueChangeLogs ?? []) {
        const list = histories.get(String(log.issueId)) ?? []
        for (const history of log.changeHistories ?? []) list.push(withTextCreated(history))
        histories.set(String(log.issueId), list)
      }
      if (page.nextPageToken !== undefined && page.nextPageToken === token) {
        throw loop(client, 'POST /rest/api/3/changelog/bulkfetch')
      }
      token = page.nextPageToken ?? undefined
    } while (token !== undefined)
  }
  for (const issue of issues) setHistories(issue, histories.get(String(issue.id)) ?? [])
}

// The bulk fetch has been seen to send `created` as epoch milliseconds where the per-issue
// endpoints send ISO text; the mapper reads ISO text.
function withTextCreated(history: JiraHistory): JiraHistory {
  const created: unknown = history.created
  return typeof created === 'number'
    ? { ...history, created: new Date(created).toISOString() }
    : history
}

function setHistories(issue: JiraIssue, histories: JiraHistory[]): void {
  issue.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories }
}

async function pageIssueChangelog(
  client: JiraClient,
  issue: JiraIssue,
  options: ChangelogOptions,
): Promise<string | undefined> {
  const key = String(issue.key)
  const histories: JiraHistory[] = []
  try {
    for (let startAt = 0; ;) {
      const page: ChangelogPage = await client.request({
        path: `${client.api}/issue/${encodeURIComponent(key)}/changelog`,
        query: { startAt, maxResults: options.pageSize },
        needs: options.needs,
        signal: options.signal,
      })
      const values = page.values ?? []
      histories.push(...values.map(withTextCreated))
      startAt += values.length
      if (page.isLast === true || values.length === 0 || startAt >= (page.total ?? 0)) break
    }
  } catch (error) {
    if (!isVmoError(error, 'NOT_FOUND')) throw error
    return wholeIssueChangelog(client, issue, options)
  }
  setHistories(issue, histories)
  return undefined
}

// Data Center versions without the changelog resource answer 404 there; their issue resource
// returns the whole changelog. A 404 there too means the issue was deleted since the search.
async function wholeIssueChangelog(
  client: JiraClient,
  issue: JiraIssue,
  options: ChangelogOptions,
): Promise<string | undefined> {
  const key = String(issue.key)
  try {
    const whole: JiraIssue = await client.request({
      path: `${client.api}/issue/${encodeURIComponent(key)}`,
      query: { fields: 'created', expand: 'changelog' },
      needs: options.needs,
      signal: options.signal,
    })
    setHistories(issue, whole.changelog?.histories ?? [])
    return undefined
  } catch (error) {
    if (isVmoError(error, 'NOT_FOUND')) return key
    throw error
  }
}

function loop(client: JiraClient, request: string): VmoError {
  return new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `jira source "${client.sourceName}": ${request} answered the same nextPageToken twice (a loop)`,
    { details: { source: client.sourceName } },
  )
}
