import { VmoError } from '@openvmo/core'
import type { JiraClient } from './jira-client'
import type { JiraIssue, JiraJqlSearchPage, JiraSearchPage } from './jira-json-payloads'

/** One page of a search: its issues, and how many the whole search finds when Jira says. */
export interface SearchPage {
  issues: JiraIssue[]
  total?: number
}

/** What to search for: see {@link searchPages}. */
export interface SearchOptions {
  jql: string
  /** Field ids to return (`summary`, `customfield_10020` …). */
  fields: readonly string[]
  /** `maxResults` per page (Jira may return fewer). */
  pageSize: number
  /** Data Center: inline each issue's changelog (`expand=changelog`). */
  expandChangelog?: boolean
  /** On a 403, what the search needs (the browse permission of the scope). */
  needs?: string
  /**
   * Ask for the next page as soon as a page arrives, so the caller's further requests for this
   * page (Cloud's changelog bulk fetch) overlap the wait for the next.
   */
  prefetch?: boolean
  signal?: AbortSignal
}

type PageRequest = (
  position: string | number | undefined,
) => Promise<SearchPage & { next?: string | number }>

/**
 * The pages of a JQL search, in order: on Cloud `POST /rest/api/3/search/jql` following
 * `nextPageToken` (the offset-paged `/search` is being removed there); on Data Center
 * `GET /rest/api/2/search` following `startAt` by the issues received (Jira may cap
 * `maxResults`). With `prefetch`, the next page is requested as soon as the previous one
 * arrives; otherwise when the caller asks for it. Stopping early aborts a request in flight.
 */
export async function* searchPages(
  client: JiraClient,
  options: SearchOptions,
): AsyncGenerator<SearchPage> {
  const stop = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
  const request: PageRequest =
    client.deployment === 'cloud'
      ? (token) => cloudPage(client, options, { token: token as string | undefined, signal })
      : (startAt) => dataCenterPage(client, options, { startAt: (startAt as number) ?? 0, signal })
  let pending = request(undefined)
  try {
    for (;;) {
      const page = await pending
      if (page.next !== undefined && options.prefetch) {
        pending = request(page.next)
        pending.catch(() => undefined)
      }
      yield { issues: page.issues, total: page.total }
      if (page.next === undefined) return
      if (!options.prefetch) pending = request(page.next)
    }
  } finally {
    stop.abort()
  }
}

async function cloudPage(
  client: JiraClient,
  options: SearchOptions,
  at: { token?: string; signal: AbortSignal },
) {
  const page = await client.request<JiraJqlSearchPage>({
    path: '/rest/api/3/search/jql',
    body: {
      jql: options.jql,
      fields: options.fields,
      maxResults: options.pageSize,
      nextPageToken: at.token,
      expand: options.expandChangelog ? 'changelog' : undefined,
    },
    needs: options.needs,
    signal: at.signal,
  })
  const issues = issuesOf(client, page, 'POST /rest/api/3/search/jql')
  const token = page.isLast === true ? undefined : (page.nextPageToken ?? undefined)
  if (token !== undefined && token === at.token) throw repeated(client, 'nextPageToken')
  return { issues, next: token }
}

async function dataCenterPage(
  client: JiraClient,
  options: SearchOptions,
  at: { startAt: number; signal: AbortSignal },
) {
  const page = await client.request<JiraSearchPage>({
    path: '/rest/api/2/search',
    query: {
      jql: options.jql,
      startAt: at.startAt,
      maxResults: options.pageSize,
      fields: options.fields.join(','),
      expand: options.expandChangelog ? 'changelog' : undefined,
    },
    needs: options.needs,
    signal: at.signal,
  })
  const issues = issuesOf(client, page, 'GET /rest/api/2/search')
  const total = typeof page.total === 'number' ? page.total : undefined
  const end = at.startAt + issues.length
  const more = issues.length > 0 && total !== undefined && end < total
  return { issues, total, next: more ? end : undefined }
}

function issuesOf(client: JiraClient, page: { issues?: unknown }, request: string): JiraIssue[] {
  if (typeof page === 'object' && page !== null && Array.isArray(page.issues)) {
    return page.issues as JiraIssue[]
  }
  throw new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `jira source "${client.sourceName}": ${request} answered without an "issues" list`,
    { details: { source: client.sourceName } },
  )
}

function repeated(client: JiraClient, what: string): VmoError {
  return new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `jira source "${client.sourceName}": the search answered the same ${what} twice (a loop)`,
    { details: { source: client.sourceName } },
  )
}
