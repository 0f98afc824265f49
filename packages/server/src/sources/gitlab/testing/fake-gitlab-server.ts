import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ScopeSpec } from '../../connector'
import type { ContractFake, Fault } from '../../testing/connector-contract'
import { gitLabFaultAnswer } from './fake-gitlab-faults'
import type { FakeGitLabAnswer } from './fake-gitlab-faults'
import { advanceFakeItem, expectedFakeRecord, fakeKeyOf, newFakeItem } from './fake-gitlab-model'
import type { FakeGitLabItem, FakeKind, FakeProject } from './fake-gitlab-model'
import { answerFakeGitLabGet } from './fake-gitlab-routes'
import { FakeGitLabStore } from './fake-gitlab-store'

/** The token the fake accepts unless told otherwise (shaped like a personal access token). */
export const FAKE_GITLAB_TOKEN = 'glpat-fakeTokenOfTheFakeGitLab00'

/** Options of {@link startFakeGitLab}. */
export interface FakeGitLabOptions {
  /** Most items (and events) per page (default 100, GitLab's maximum). */
  pageSize?: number
  /** The token requests must carry in `PRIVATE-TOKEN` (default {@link FAKE_GITLAB_TOKEN}). */
  token?: string
  /** The token's scopes, as `/personal_access_tokens/self` lists them (default `read_api`). */
  tokenScopes?: string[]
  /** The `source` of expected records (default `gitlab`). */
  sourceName?: string
  /** Refuse keyset pagination with 405, as GitLab before 18.3 does (default false). */
  refuseKeyset?: boolean
}

/** The fake GitLab: the contract's controls plus merge requests. */
export interface FakeGitLab extends ContractFake {
  readonly token: string
  /** The API root (`http://127.0.0.1:PORT/api/v4`): what a source's `url` is set to. */
  readonly apiUrl: string
  /** A merge request of `project` that closes the issues `closes` (keys), with `changes` steps. */
  createMergeRequest(project: string, options?: { closes?: string[]; changes?: number }): string
}

/** The fake's data: projects by path and id, items by key and id. */
export interface FakeGitLabData {
  store: FakeGitLabStore
  pageSize: number
  refuseKeyset: boolean
  token: string
  tokenScopes: string[]
  webBase: string
}

/** Starts a fake GitLab REST v4 API on 127.0.0.1 (a free port), under `/api/v4`. */
export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const startMs = Date.now() - 90 * 86_400_000
  let nextId = 1000
  const newId = () => nextId++
  let created = 0
  const faults: Fault[] = []
  const requests: string[] = []
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const data: FakeGitLabData = {
    store: new FakeGitLabStore(),
    pageSize: options.pageSize ?? 100,
    refuseKeyset: options.refuseKeyset === true,
    token: options.token ?? FAKE_GITLAB_TOKEN,
    tokenScopes: options.tokenScopes ?? ['read_api'],
    webBase: base,
  }
  const resetS = Math.ceil(Date.now() / 1000) + 60
  let observed = 0

  const project = (path: string): FakeProject => data.store.project(path)

  function takeFault(path: string): Fault | undefined {
    const fault = faults.find((f) => f.count > 0 && path.includes(f.path))
    if (fault) fault.count--
    return fault
  }

  function send(res: ServerResponse, a: FakeGitLabAnswer) {
    observed++
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'ratelimit-name': 'throttle_authenticated_api',
      'ratelimit-limit': '2000',
      'ratelimit-observed': String(observed),
      'ratelimit-remaining': String(Math.max(0, 2000 - observed)),
      'ratelimit-reset': String(resetS),
      ...a.headers,
    }
    res
      .writeHead(a.status, headers)
      .end(a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body)))
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base)
    const path = url.pathname + url.search
    requests.push(path)
    const fault = takeFault(path)
    const real = () =>
      req.headers['private-token'] !== data.token
        ? { status: 401, body: { message: '401 Unauthorized' } }
        : answerFakeGitLabGet(data, url)
    if (fault === undefined) return send(res, real())
    const answer = gitLabFaultAnswer(fault.kind, real)
    if (answer !== 'hang') send(res, answer) // a hang never answers; close() ends it
  }

  function item(key: string): FakeGitLabItem {
    const found = data.store.findByKey(key)
    if (found === undefined) throw new Error(`the fake has no item ${key}`)
    return found
  }

  function add(kind: FakeKind, path: string, changes: number): FakeGitLabItem {
    const createdMs = startMs + created++ * 60_000
    const made = newFakeItem(
      { kind, id: newId(), project: project(path), createdMs, nextId: newId },
      changes,
    )
    data.store.add(made)
    return made
  }

  const pathOf = (scope: ScopeSpec) =>
    scope.kind === 'project' ? scope.value : `${scope.value}/main`

  return {
    url: `${base}/api/v4`,
    apiUrl: `${base}/api/v4`,
    pageSize: data.pageSize,
    inlineHistoryLimit: data.pageSize,
    token: data.token,
    async createItems(scope, count, o = {}) {
      project(pathOf(scope))
      return Array.from({ length: count }, () =>
        fakeKeyOf(add('issues', pathOf(scope), o.changes ?? 3)),
      )
    },
    createMergeRequest(path, o = {}) {
      const made = add('merge_requests', path, o.changes ?? 2)
      made.closes = [...(o.closes ?? [])]
      return fakeKeyOf(made)
    },
    async editItems(keys, atMs) {
      for (const key of keys) advanceFakeItem(item(key), { atMs, close: false, nextId: newId })
    },
    async deleteItems(keys) {
      const gone = new Set(keys.map(item))
      data.store.remove(gone)
    },
    async moveItem(key, to, atMs) {
      // GitLab closes the old issue, points it at the new one, and copies its events over
      const from = item(key)
      const target = project(pathOf(to))
      const moved: FakeGitLabItem = {
        ...from,
        id: newId(),
        iid: target.nextIid[from.kind]++,
        project: target,
        updatedMs: atMs,
        events: [...from.events],
        statuses: [...from.statuses],
      }
      from.movedToId = moved.id
      from.state = 'closed'
      from.updatedMs = atMs
      data.store.move(from, moved)
      return fakeKeyOf(moved)
    },
    expectedRecord: (key) => expectedFakeRecord(item(key), options.sourceName ?? 'gitlab'),
    injectFault(fault) {
      faults.push({ ...fault })
    },
    requestLog: () => [...requests],
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
