import type { FakeGitLabAnswer } from './fake-gitlab-faults'
import { renderFakeEvents, renderFakeItem } from './fake-gitlab-model'
import type { FakeKind, FakeProject } from './fake-gitlab-model'
import type { FakeGitLabData } from './fake-gitlab-server'

const NOT_FOUND = (what: string): FakeGitLabAnswer => ({
  status: 404,
  body: { message: `404 ${what} Not Found` },
})

/**
 * One page of `all` as GitLab pages it: keyset (`pagination=keyset`: only a `Link: rel="next"`
 * while a page is full, so the end is an empty page) or offset (`page`/`per_page`, with
 * `x-total`, `x-page`, `x-next-page` … and `Link` next, as in doc/api/rest/_index.md).
 */
function paged<T>(
  data: FakeGitLabData,
  url: URL,
  list: { all: readonly T[]; keyset: boolean; render: (t: T) => unknown },
) {
  const { all, keyset, render } = list
  const per = Math.min(Number(url.searchParams.get('per_page') ?? 20) || 20, data.pageSize)
  const link = (params: Record<string, string>) => {
    const next = new URL(url)
    for (const [k, v] of Object.entries(params)) next.searchParams.set(k, v)
    return `<${next.toString()}>; rel="next"`
  }
  if (keyset) {
    const after = Number(
      Buffer.from(url.searchParams.get('cursor') ?? '', 'base64url').toString() || 0,
    )
    const page = all.slice(after, after + per)
    const headers: Record<string, string> =
      page.length === per
        ? { link: link({ cursor: Buffer.from(String(after + per)).toString('base64url') }) }
        : {}
    return { status: 200, body: page.map(render), headers }
  }
  const number = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
  const page = all.slice((number - 1) * per, number * per)
  const pages = Math.ceil(all.length / per)
  const headers: Record<string, string> = {
    'x-total': String(all.length),
    'x-total-pages': String(pages),
    'x-page': String(number),
    'x-per-page': String(per),
    'x-next-page': number < pages ? String(number + 1) : '',
  }
  if (number < pages) headers.link = link({ page: String(number + 1) })
  return { status: 200, body: page.map(render), headers }
}

function list(
  data: FakeGitLabData,
  url: URL,
  scope: { projects: FakeProject[]; kind: FakeKind; group: boolean },
): FakeGitLabAnswer {
  const keyset = url.searchParams.get('pagination') === 'keyset'
  if (keyset && (scope.group || scope.kind !== 'issues' || data.refuseKeyset)) {
    return {
      status: 405,
      body: { message: 'Keyset pagination is not yet available for this type of request' },
    }
  }
  const since = url.searchParams.get('updated_after')
  const sinceMs = since === null ? -Infinity : Date.parse(since)
  const all = data.store.list(scope.projects, scope.kind).filter((i) => i.updatedMs >= sinceMs)
  return paged(data, url, { all, keyset, render: (i) => renderFakeItem(i, data.webBase) })
}

function itemRoute(
  data: FakeGitLabData,
  url: URL,
  at: { project: FakeProject; rest: string[] },
): FakeGitLabAnswer {
  const { project } = at
  const [kindText, iidText, sub] = at.rest
  const kind = kindText as FakeKind
  const item = data.store.findByRef(project, kind, iidText ?? '')
  if (item === undefined) return NOT_FOUND(kind === 'issues' ? 'Issue' : 'Merge Request')
  if (sub === undefined) return { status: 200, body: renderFakeItem(item, data.webBase) }
  const events = /^resource_(state|label|milestone)_events$/.exec(sub)
  if (events) {
    const all = renderFakeEvents(item, events[1] as 'state' | 'label' | 'milestone')
    return paged(data, url, { all, keyset: false, render: (e) => e })
  }
  if (sub === 'links' && kind === 'issues') return { status: 200, body: [] }
  if (sub === 'closes_issues' && kind === 'merge_requests') {
    const closed = item.closes.flatMap((key) => data.store.findByKey(key) ?? [])
    return paged(data, url, {
      all: closed,
      keyset: false,
      render: (i) => renderFakeItem(i, data.webBase),
    })
  }
  return NOT_FOUND('')
}

/** The answer to an authenticated GET below `/api/v4`, from the fake's data. */
export function answerFakeGitLabGet(data: FakeGitLabData, url: URL): FakeGitLabAnswer {
  const parts = url.pathname
    .replace(/^\/api\/v4\//, '')
    .split('/')
    .map(decodeURIComponent)
  const [root, ref = '', ...rest] = parts
  if (root === 'user' && parts.length === 1)
    return { status: 200, body: { id: 1, username: 'root', bot: false } }
  if (root === 'personal_access_tokens' && ref === 'self') {
    return {
      status: 200,
      body: { id: 7, name: 'openvmo', scopes: data.tokenScopes, active: true, revoked: false },
    }
  }
  if (root === 'groups') {
    const projects = [...data.store.projects.values()].filter((p) => p.path.startsWith(`${ref}/`))
    const kind = rest[0] as FakeKind
    if (projects.length === 0) return NOT_FOUND('Group')
    if (rest.length === 1 && (kind === 'issues' || kind === 'merge_requests'))
      return list(data, url, { projects, kind, group: true })
  }
  if (root === 'projects') {
    const project = data.store.findProject(ref)
    if (project === undefined) return NOT_FOUND('Project')
    const kind = rest[0] as FakeKind
    if (kind !== 'issues' && kind !== 'merge_requests') return NOT_FOUND('')
    if (rest.length === 1) return list(data, url, { projects: [project], kind, group: false })
    return itemRoute(data, url, { project, rest })
  }
  return NOT_FOUND('')
}
