import type { FakeItem } from './fake-github-model'
import type { FakeGitHubStore } from './fake-github-store'
import { firstUpdatedFrom } from './fake-github-store'
import {
  issueJson,
  pullJson,
  repositoryJson,
  timelineEventJson,
  userJson,
} from './fake-github-json'

/** What the fake answers: status, JSON body and extra headers. */
export interface FakeAnswer {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** What the REST routes read. */
export interface FakeRestContext {
  base: string
  store: FakeGitHubStore
  pageSize: number
  timelinePageSize: number
}

const NOT_FOUND: FakeAnswer = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
}

/** A page of `list` as GitHub pages lists: `per_page` (capped) and `page`, with `Link`. */
function paged<T>(url: URL, list: readonly T[], ctx: { base: string; cap: number }) {
  const cap = ctx.cap
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, cap)
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
  const lastPage = Math.max(1, Math.ceil(list.length / perPage))
  const slice = list.slice((page - 1) * perPage, page * perPage)
  const link = (p: number, rel: string) => {
    const target = new URL(url.pathname + url.search, ctx.base)
    target.searchParams.set('page', String(p))
    target.searchParams.set('per_page', String(perPage))
    return `<${ctx.base}${target.pathname}${target.search}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(page - 1, 'prev'))
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {}
  return { slice, headers }
}

function listIssues(ctx: FakeRestContext, repoName: string, url: URL): FakeAnswer {
  const repo = ctx.store.repos.get(repoName)
  if (repo === undefined) return NOT_FOUND
  const sort = url.searchParams.get('sort') === 'updated' ? 'updated' : 'created'
  const direction = url.searchParams.get('direction') === 'asc' ? 'asc' : 'desc'
  let list = ctx.store.sortedItems(repo, sort, direction)
  const state = url.searchParams.get('state') ?? 'open'
  if (state !== 'all') list = list.filter((item) => item.state === state)
  const since = url.searchParams.get('since')
  if (since !== null) {
    const ms = Date.parse(since)
    if (sort === 'updated' && direction === 'asc') list = list.slice(firstUpdatedFrom(list, ms))
    else list = list.filter((item) => item.updatedMs >= ms)
  }
  const { slice, headers } = paged(url, list, { base: ctx.base, cap: ctx.pageSize })
  return { status: 200, body: slice.map((item) => issueJson(ctx.base, item)), headers }
}

/** The item `repo#number`: itself, or the answer GitHub gives for a moved or deleted one. */
function findItem(ctx: FakeRestContext, repo: string, number: number): FakeItem | FakeAnswer {
  const item = ctx.store.byKey.get(`${repo}#${number}`)
  if (item === undefined) return NOT_FOUND
  if (item.deleted) return { status: 410, body: { message: 'This issue was deleted' } }
  if (item.movedTo !== undefined) {
    const [to, n] = item.movedTo.split('#')
    return { status: 301, headers: { location: `${ctx.base}/repos/${to}/issues/${n}` } }
  }
  return item
}

function timeline(ctx: FakeRestContext, item: FakeItem, url: URL): FakeAnswer {
  const events = item.events
    .map((event, sequence) => ({ ...event, sequence }))
    .filter((event) => event.kind !== 'project_value')
    .sort((a, b) => a.atMs - b.atMs || a.sequence - b.sequence)
  const { slice, headers } = paged(url, events, { base: ctx.base, cap: ctx.timelinePageSize })
  const eventContext = { base: ctx.base, lookup: (key: string) => ctx.store.byKey.get(key) }
  const body = slice.map((event) => timelineEventJson(eventContext, item, event))
  return { status: 200, body, headers }
}

function orgRepos(ctx: FakeRestContext, org: string, url: URL): FakeAnswer {
  const repos = ctx.store.reposOf(org)
  if (repos.length === 0) return NOT_FOUND
  const { slice, headers } = paged(url, repos, { base: ctx.base, cap: 100 })
  return {
    status: 200,
    body: slice.map((r) => repositoryJson(ctx.base, r.fullName, r.id)),
    headers,
  }
}

function search(ctx: FakeRestContext, url: URL): FakeAnswer {
  const q = url.searchParams.get('q') ?? ''
  const repo = /repo:(\S+)/.exec(q)?.[1]
  const onlyIssues = /\bis:issue\b/.test(q)
  const items = [...ctx.store.byKey.values()].filter(
    (item) =>
      (repo === undefined || item.repo === repo) &&
      !item.deleted &&
      item.movedTo === undefined &&
      (!onlyIssues || !item.isPull),
  )
  const body = {
    total_count: items.length,
    incomplete_results: false,
    items: [],
    search_type: 'lexical',
  }
  return { status: 200, body }
}

/** The answer to a GET of the fake's REST API (the routes the connector uses). */
export function answerRestGet(ctx: FakeRestContext, url: URL): FakeAnswer {
  const path = url.pathname
  if (path === '/user') return { status: 200, body: userJson(ctx.base, 'octocat') }
  if (path === '/search/issues') return search(ctx, url)
  const org = /^\/orgs\/([^/]+)\/repos$/.exec(path)
  if (org) return orgRepos(ctx, org[1] as string, url)
  const list = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(path)
  if (list) return listIssues(ctx, list[1] as string, url)
  const one = /^\/repos\/([^/]+\/[^/]+)\/(issues|pulls)\/(\d+)(\/timeline)?$/.exec(path)
  if (!one) return NOT_FOUND
  const found = findItem(ctx, one[1] as string, Number(one[3]))
  if (!('repo' in found)) return found
  if (one[4]) return timeline(ctx, found, url)
  if (one[2] === 'pulls') {
    return found.isPull ? { status: 200, body: pullJson(ctx.base, found) } : NOT_FOUND
  }
  return { status: 200, body: issueJson(ctx.base, found) }
}

/** Rate-limit headers of an answer: a fixed limit, what is left, the reset an hour ahead. */
export function rateLimitHeaders(limit: number, remaining: number, resetMs: number) {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, remaining)),
    'x-ratelimit-reset': String(Math.floor(resetMs / 1000)),
    'x-ratelimit-used': String(Math.max(0, limit - remaining)),
    'x-ratelimit-resource': 'core',
  }
}
