import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ScopeSpec } from '../../connector'
import type { ContractFake } from '../../testing/connector-contract'
import { answerGraphql } from './fake-github-graphql'
import type { FakeProject } from './fake-github-graphql'
import type { FakeItem, FakeWorkflow } from './fake-github-model'
import { advanceFakeItem, expectedFakeRecord, statusOf, toSecond } from './fake-github-model'
import { answerRestGet, rateLimitHeaders } from './fake-github-rest'
import { DOCS, faultAnswer } from './fake-github-faults'
import type { GitHubFault } from './fake-github-faults'
import type { FakeAnswer, FakeRestContext } from './fake-github-rest'
import { FakeGitHubStore } from './fake-github-store'

/** The token the fake accepts unless told otherwise (shaped like a classic token). */
export const FAKE_GITHUB_TOKEN = 'ghp_fakeTokenOfTheFakeGitHubServer0000000'

/** Options of {@link startFakeGitHub}. */
export interface FakeGitHubOptions {
  /** How items move between statuses (default `state`: closed and reopened). */
  workflow?: FakeWorkflow
  /** Most items per issue-list page (default 100, GitHub's maximum). */
  pageSize?: number
  /** Most events per timeline page, REST and GraphQL (default 100). */
  timelinePageSize?: number
  /** Most project status changes per GraphQL timeline page (default 100). */
  graphqlPageSize?: number
  /** The token requests must carry (default {@link FAKE_GITHUB_TOKEN}). */
  token?: string
  /** Scopes of a classic token, sent as `x-oauth-scopes` (default `repo`, `read:project`). */
  tokenScopes?: string[]
  /** The `source` of expected records (default `github`). */
  sourceName?: string
  /** `x-ratelimit-limit`; never enforced (default 5000). */
  rateLimit?: number
  /** When the first item is created (default 90 days ago). */
  startMs?: number
}

/** The fake GitHub: the contract's controls plus GitHub's own (pull requests, references). */
export interface FakeGitHub extends ContractFake {
  readonly store: FakeGitHubStore
  readonly token: string
  readonly project: FakeProject
  injectFault(fault: GitHubFault): void
  /** Forgets every fault not yet used up. */
  clearFaults(): void
  /** Path and status of every answer given (304s included). */
  responseLog(): readonly { path: string; status: number }[]
  /** Changes an item with `change` (then its update time is `atMs`). */
  changeItem(key: string, atMs: number, change: (item: FakeItem) => void): void
  /** A new pull request of `repo` (a draft when `draft`), created an hour after the last item. */
  createPullRequest(
    repo: string,
    options: { body?: string; branch?: string; draft?: boolean },
  ): string
}

interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  path: string
}

/** Starts a fake GitHub REST and GraphQL API on 127.0.0.1 (a free port). */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const workflow = options.workflow ?? 'state'
  const startMs = toSecond(options.startMs ?? Date.now() - 90 * 86_400_000)
  const store = new FakeGitHubStore(workflow, startMs)
  const token = options.token ?? FAKE_GITHUB_TOKEN
  const limit = options.rateLimit ?? 5000
  const resetMs = Date.now() + 3_600_000
  let remaining = limit
  const faults: GitHubFault[] = []
  const requests: string[] = []
  const responses: { path: string; status: number }[] = []
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const project: FakeProject = {
    owner: 'acme',
    number: 1,
    id: 'PVT_kwDOFake1',
    title: 'Roadmap',
    field: 'Status',
  }
  const rest: FakeRestContext = {
    base,
    store,
    pageSize: options.pageSize ?? 100,
    timelinePageSize: options.timelinePageSize ?? 100,
  }
  const graphql = {
    store,
    project,
    pageSize: options.graphqlPageSize ?? 100,
    timelinePageSize: rest.timelinePageSize,
  }
  const scopesHeader = (options.tokenScopes ?? ['repo', 'read:project']).join(', ')

  function takeFault(path: string): GitHubFault | undefined {
    const fault = faults.find((f) => f.count > 0 && path.includes(f.path))
    if (fault) fault.count--
    return fault
  }

  async function answer(req: IncomingMessage, url: URL): Promise<FakeAnswer> {
    const auth = req.headers.authorization ?? ''
    if (auth !== `token ${token}` && auth !== `bearer ${token}` && auth !== `Bearer ${token}`) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } }
    }
    if (req.method === 'POST' && url.pathname === '/graphql') {
      return answerGraphql(graphql, JSON.parse(await readBody(req)) as object)
    }
    if (req.method === 'GET') return answerRestGet(rest, url)
    return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } }
  }

  function send(exchange: Exchange, a: FakeAnswer | string) {
    const { req, res, path } = exchange
    const text = typeof a === 'string' ? a : a.body === undefined ? '' : JSON.stringify(a.body)
    let status = typeof a === 'string' ? 200 : a.status
    const headers: Record<string, string> = { 'x-github-media-type': 'github.v3; format=json' }
    if (status === 200 && typeof a !== 'string') {
      headers.etag = `W/"${createHash('sha1').update(text).digest('hex')}"`
      if (req.headers['if-none-match'] === headers.etag) status = 304
    }
    // like GitHub, a 304 costs nothing; the headers tell what is left after this request
    if (status !== 304) remaining--
    Object.assign(
      headers,
      { 'x-oauth-scopes': scopesHeader },
      rateLimitHeaders(limit, remaining, resetMs),
    )
    Object.assign(headers, typeof a === 'string' ? {} : a.headers)
    if (text !== '' && status !== 304) headers['content-type'] = 'application/json; charset=utf-8'
    responses.push({ path, status })
    res.writeHead(status, headers).end(status === 304 ? undefined : text)
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base)
    const path = url.pathname + url.search
    requests.push(path)
    const fault = takeFault(path)
    if (fault?.kind === 'hang') return // never answers; close() ends the connection
    try {
      const real = await answer(req, url)
      send({ req, res, path }, fault ? faultAnswer(fault.kind, () => real) : real)
    } catch (error) {
      send({ req, res, path }, { status: 500, body: { message: String(error) } })
    }
  }

  function item(key: string): FakeItem {
    const found = store.byKey.get(key)
    if (found === undefined) throw new Error(`the fake has no item ${key}`)
    return found
  }

  function repoOf(scope: ScopeSpec): string {
    return scope.kind === 'repo' ? scope.value : `${scope.value}/main`
  }

  return {
    url: base,
    pageSize: rest.pageSize,
    inlineHistoryLimit: rest.timelinePageSize,
    store,
    token,
    project,
    async createItems(scope, count, o = {}) {
      const made = store.createIssues(repoOf(scope), count, o.changes ?? 3)
      return made.map((i) => `${i.repo}#${i.number}`)
    },
    async editItems(keys, atMs) {
      for (const key of keys) {
        const found = item(key)
        advanceFakeItem(found, workflow, toSecond(atMs))
        store.touch(store.repo(found.repo))
      }
    },
    async deleteItems(keys) {
      for (const key of keys) {
        const found = item(key)
        found.deleted = true
        store.touch(store.repo(found.repo))
      }
    },
    async moveItem(key, to, atMs) {
      const from = item(key)
      const target = store.repo(repoOf(to))
      const moved: FakeItem = { ...from, repo: target.fullName, number: target.nextNumber++ }
      moved.events = [...from.events, { kind: 'transferred', atMs: toSecond(atMs) }]
      moved.updatedMs = toSecond(atMs)
      const newKey = `${moved.repo}#${moved.number}`
      from.movedTo = newKey
      store.touch(store.repo(from.repo))
      store.add(moved)
      return newKey
    },
    createPullRequest(repo, o) {
      const [made] = store.createIssues(repo, 1, 0)
      const pull = made as FakeItem
      Object.assign(pull, {
        isPull: true,
        nodeId: `PR_kwDOFake${pull.id}`,
        draft: o.draft === true,
      })
      Object.assign(pull, { body: o.body ?? null, branch: o.branch })
      pull.statuses = [{ atMs: pull.createdMs, status: statusOf(pull, workflow) }]
      store.byNodeId.set(pull.nodeId, pull)
      return `${pull.repo}#${pull.number}`
    },
    changeItem(key, atMs, change) {
      const found = item(key)
      change(found)
      found.updatedMs = toSecond(atMs)
      store.touch(store.repo(found.repo))
    },
    expectedRecord(key) {
      return expectedFakeRecord(item(key), options.sourceName ?? 'github')
    },
    injectFault(fault) {
      faults.push({ ...fault })
    },
    clearFaults() {
      faults.length = 0
    },
    requestLog: () => [...requests],
    responseLog: () => [...responses],
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export type { GitHubFault, GitHubFaultKind } from './fake-github-faults'
