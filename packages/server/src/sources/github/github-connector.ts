import { VmoError, parseInstant } from '@openvmo/core'
import type {
  ConnectionReport,
  Connector,
  PullOptions,
  PulledItem,
  PulledPage,
  RateLimitState,
  ScopeSpec,
} from '../connector'
import { GitHubClient } from './github-client'
import type { GitHubClientTuning } from './github-client'
import { parseGitHubConnectorConfig } from './github-connector-config'
import type { GitHubConnectorConfig, GitHubConnectorConfigInput } from './github-connector-config'
import { testGitHubConnection } from './github-connection-test'
import { EtagCache } from './github-etag-cache'
import { GitHubItemReader } from './github-item-reader'
import { keyOfIssue } from './github-links'
import type { GitHubIssue, GitHubItemPayload } from './github-payloads'
import { GitHubProjectReader } from './github-projects'
import {
  advanceCursor,
  decodeCheckpoint,
  encodeCheckpoint,
  gitHubTime,
  issueListPath,
  listScopeRepos,
  GITHUB_PAGE_SIZE,
} from './github-scopes'
import type { GitHubCheckpoint, IssueCursor } from './github-scopes'
import { mapConcurrently } from './map-concurrently'

/** Census pages kept for conditional requests (keys only: 100 keys a page). */
const CENSUS_CACHE_PAGES = 100_000

/** Options of {@link createGitHubConnector}. */
export interface CreateGitHubConnectorOptions {
  /** The source's name: the `source` of its records and the name its errors give. */
  sourceName: string
  /** The source's stored configuration; defaults applied by `parseGitHubConnectorConfig`. */
  config?: GitHubConnectorConfigInput
  /** A personal access token (fine-grained or classic) or an app installation token. */
  token: string
  /** Retry and wait settings (tests shorten them). */
  tuning?: GitHubClientTuning
}

/** A {@link Connector} to GitHub, with the configuration it runs with. */
export interface GitHubConnector extends Connector {
  readonly kind: 'github'
  readonly config: GitHubConnectorConfig
}

const ITEM_KEY = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)#(\d+)$/
const NODE_ID = /^[A-Za-z0-9_=+/-]+$/

/**
 * A connector to GitHub or GitHub Enterprise Server (see `gitHubConnectorConfigSchema`). Scopes
 * are `repo` (`acme/pay`) or `org` (`acme`: every repository of it with issues, by name).
 * - `pull`: the issues (and pull requests) updated since `sinceMs`, oldest update first, 100 a
 *   page, each with its whole timeline; checkpoints name the repository and the list cursor.
 * - `listKeys`: every key of the scope, with conditional requests, so a census of an unchanged
 *   repository costs 304s and no rate limit.
 * - `fetchItems`: keys `owner/repo#12`, or GitHub node ids (`I_…`, `PR_…`, as Projects v2
 *   webhooks name items); gone items (404, 410) are left out; a transferred issue comes back
 *   under its new key.
 * Throws INVALID_CONFIG for a bad config and the errors of `toGitHubError` while running.
 */
export function createGitHubConnector(options: CreateGitHubConnectorOptions): GitHubConnector {
  const config = parseGitHubConnectorConfig(options.config ?? {})
  const client = new GitHubClient({
    sourceName: options.sourceName,
    apiUrl: config.apiUrl,
    token: options.token,
    timeoutMs: config.requestTimeoutMs,
    maxRateLimitWaitSeconds: config.maxRateLimitWaitSeconds,
    tuning: options.tuning,
  })
  return new GitHubConnectorImpl(options.sourceName, config, client)
}

class GitHubConnectorImpl implements GitHubConnector {
  readonly kind = 'github' as const
  readonly #client: GitHubClient
  readonly #reader: GitHubItemReader
  readonly #projects: GitHubProjectReader | undefined
  readonly #census = new EtagCache<string[]>(CENSUS_CACHE_PAGES)

  constructor(
    readonly sourceName: string,
    readonly config: GitHubConnectorConfig,
    client: GitHubClient,
  ) {
    this.#client = client
    this.#reader = new GitHubItemReader({ client, sourceName, config })
    const workflow = config.workflow
    this.#projects =
      workflow.kind === 'project' ? new GitHubProjectReader(client, workflow) : undefined
  }

  test(
    scopes: readonly ScopeSpec[],
    options: { signal?: AbortSignal } = {},
  ): Promise<ConnectionReport> {
    return testGitHubConnection({
      client: this.#client,
      config: this.config,
      projects: this.#projects,
      scopes,
      signal: options.signal,
    })
  }

  async *pull(scope: ScopeSpec, options: PullOptions = {}): AsyncIterable<PulledPage> {
    const resume =
      options.checkpoint === undefined ? undefined : decodeCheckpoint(options.checkpoint)
    const since = options.sinceMs === undefined ? undefined : gitHubTime(options.sinceMs)
    for (const repo of await listScopeRepos(this.#client, scope, options.signal)) {
      // an organisation's repositories are read in name order: those before the checkpoint's
      // are done (a repository scope renamed since its checkpoint starts again)
      if (resume && scope.kind === 'org' && repo < resume.repo) continue
      const cursor = resume?.repo === repo ? resume : { since, page: 1 }
      yield* this.#pullRepo(repo, cursor, options.signal)
    }
  }

  async *#pullRepo(repo: string, start: IssueCursor, signal?: AbortSignal) {
    // keys returned in this walk with their update time: a page under a later `since` repeats
    // the items of the last second, which need not be read again
    const seen = new Map<string, number>()
    const list = (at: IssueCursor) => {
      const page = this.#client.getJson(issueListPath(repo, at), { signal, derive: asIssueList })
      // awaited below; a walk given up before then must not leave an unhandled rejection
      page.catch(() => {})
      return page
    }
    let cursor = start
    let pending = list(cursor)
    for (;;) {
      const page = await pending
      const next = advanceCursor(cursor, page.value.at(-1)?.updated_at)
      // the next page is asked for while this one's timelines are read
      if (page.next !== undefined) pending = list(next)
      const fresh = page.value.filter((issue) => this.#wanted(issue, seen))
      const items = await this.#readItems(fresh, signal)
      remember(seen, page.value, next)
      const checkpoint: GitHubCheckpoint = { repo, ...next }
      yield { items, checkpoint: encodeCheckpoint(checkpoint) }
      if (page.next === undefined) return
      cursor = next
    }
  }

  #wanted(issue: GitHubIssue, seen: ReadonlyMap<string, number>): boolean {
    if (!this.config.includePullRequests && issue.pull_request != null) return false
    const key = keyOfIssue(issue)
    return key === undefined || seen.get(key) !== parseInstant(issue.updated_at ?? '')
  }

  async #readItems(issues: readonly GitHubIssue[], signal?: AbortSignal): Promise<PulledItem[]> {
    return this.#toItems(await this.#reader.readPayloads(issues, signal), signal)
  }

  async #toItems(payloads: readonly (GitHubItemPayload | undefined)[], signal?: AbortSignal) {
    const present = payloads.filter((p): p is GitHubItemPayload => p !== undefined)
    const projects = await this.#projects?.read(present, signal)
    const items = present.map((p) =>
      this.#reader.toPulledItem(p, projects?.get(p.issue.node_id ?? '')),
    )
    const byKey = new Map(items.map((item) => [item.record.key, item]))
    return [...byKey.values()]
  }

  async *listKeys(scope: ScopeSpec, options: { signal?: AbortSignal } = {}) {
    for (const repo of await listScopeRepos(this.#client, scope, options.signal)) {
      let url: string | undefined =
        `/repos/${repo}/issues?state=all&sort=created&direction=asc&per_page=${GITHUB_PAGE_SIZE}`
      while (url !== undefined) {
        const page: { value: string[]; next?: string } = await this.#client.getJson(url, {
          signal: options.signal,
          derive: (body) => this.#censusKeys(body),
          cache: this.#census,
        })
        yield page.value
        url = page.next
      }
    }
  }

  #censusKeys(body: unknown): string[] {
    const issues = asIssueList(body).filter(
      (issue) => this.config.includePullRequests || issue.pull_request == null,
    )
    return issues.flatMap((issue) => keyOfIssue(issue) ?? [])
  }

  async fetchItems(keys: readonly string[], options: { signal?: AbortSignal } = {}) {
    const signal = options.signal
    const refs = await this.#resolveKeys(keys, signal)
    const limit = this.config.concurrency
    const issues = await mapConcurrently(refs, { limit, signal }, (ref, s) =>
      this.#reader.readIssue(ref.repo, ref.number, s),
    )
    const wanted = issues.filter(
      (issue): issue is GitHubIssue => issue !== undefined && this.#wanted(issue, new Map()),
    )
    return this.#toItems(await this.#reader.readPayloads(wanted, signal), signal)
  }

  async #resolveKeys(keys: readonly string[], signal?: AbortSignal) {
    const refs: { repo: string; number: number }[] = []
    const nodeIds: string[] = []
    for (const key of keys) {
      const match = ITEM_KEY.exec(key)
      if (match) refs.push({ repo: match[1] as string, number: Number(match[2]) })
      else if (NODE_ID.test(key)) nodeIds.push(key)
      else
        throw new VmoError(
          'INVALID_INPUT',
          `${JSON.stringify(key)} is not a github item key (owner/repo#12) or node id`,
        )
    }
    if (nodeIds.length > 0)
      refs.push(...(await GitHubProjectReader.resolveNodes(this.#client, nodeIds, signal)))
    return refs
  }

  rateLimit(): RateLimitState | null {
    return this.#client.rateLimit()
  }
}

function asIssueList(body: unknown): GitHubIssue[] {
  return Array.isArray(body) ? (body as GitHubIssue[]) : []
}

/** Adds the page's items to `seen` and forgets those updated before the next `since`. */
function remember(seen: Map<string, number>, issues: readonly GitHubIssue[], next: IssueCursor) {
  for (const issue of issues) {
    const key = keyOfIssue(issue)
    if (key !== undefined) seen.set(key, parseInstant(issue.updated_at ?? ''))
  }
  const sinceMs = next.since === undefined ? -Infinity : parseInstant(next.since)
  for (const [key, ms] of seen) if (!(ms >= sinceMs)) seen.delete(key)
}
