import { VmoError, isVmoError } from '@openvmo/core'
import type {
  ConnectionReport,
  Connector,
  PullOptions,
  PulledItem,
  PulledPage,
  RateLimitState,
  ScopeSpec,
} from '../connector'
import { createGitLabClient } from './gitlab-client'
import type { GitLabClient, GitLabPage, GitLabRetryOptions } from './gitlab-client'
import { testGitLabConnection } from './gitlab-connection-test'
import { parseGitLabConnectorConfig } from './gitlab-connector-config'
import type { GitLabConnectorConfig, GitLabConnectorConfigInput } from './gitlab-connector-config'
import { GitLabItemReader } from './gitlab-item-reader'
import { keyOfIssuable, parseGitLabKey } from './gitlab-keys'
import type { GitLabIssuable, GitLabItemKind } from './gitlab-payloads'
import {
  decodeGitLabCheckpoint,
  encodeGitLabCheckpoint,
  firstListPath,
  offersKeyset,
  scopePath,
} from './gitlab-scopes'
import type { GitLabCheckpoint } from './gitlab-scopes'

/** Options of {@link createGitLabConnector}. */
export interface CreateGitLabConnectorOptions {
  /** The source's name: the `source` of its records and the name its errors give. */
  sourceName: string
  /** The source's stored configuration; defaults applied by `parseGitLabConnectorConfig`. */
  config?: GitLabConnectorConfigInput
  /** A personal, group or project access token with the `read_api` scope. */
  token: string
  /** Retry settings (tests shorten them). */
  retry?: Partial<GitLabRetryOptions>
}

/** A {@link Connector} to GitLab, with the configuration it runs with. */
export interface GitLabConnector extends Connector {
  readonly kind: 'gitlab'
  readonly config: GitLabConnectorConfig
}

/**
 * A connector to gitlab.com or a self-managed GitLab (REST v4). Scopes are `project`
 * (`group/project` or an id) or `group` (`group/sub` or an id: the issues and merge requests of
 * every project in it and its subgroups).
 * - `pull`: the issues, then the merge requests, updated since `sinceMs` (`updated_after`), oldest
 *   created first, each with its resource events and links; issues moved to another project are
 *   left out (their new copy is read where it is). Checkpoints name the list and its next page
 *   (keyset pagination for project issues, numbered pages elsewhere).
 * - `listKeys`: every key of the scope (`group/project#12`, `group/project!7`).
 * - `fetchItems`: the named keys; gone or moved items are left out.
 * Throws INVALID_CONFIG for a bad config and the errors of `gitlab-errors.ts` while running.
 */
export function createGitLabConnector(options: CreateGitLabConnectorOptions): GitLabConnector {
  const config = parseGitLabConnectorConfig(options.config ?? {})
  const client = createGitLabClient({
    sourceName: options.sourceName,
    apiUrl: config.url,
    token: options.token,
    timeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
    retry: options.retry,
  })
  return new GitLabConnectorImpl(options.sourceName, config, client)
}

class GitLabConnectorImpl implements GitLabConnector {
  readonly kind = 'gitlab' as const
  readonly #client: GitLabClient
  readonly #reader: GitLabItemReader
  /** Set once the instance refused keyset pagination (before GitLab 18.3). */
  #keysetRefused = false

  constructor(
    readonly sourceName: string,
    readonly config: GitLabConnectorConfig,
    client: GitLabClient,
  ) {
    this.#client = client
    this.#reader = new GitLabItemReader({ client, sourceName, config })
  }

  test(
    scopes: readonly ScopeSpec[],
    options: { signal?: AbortSignal } = {},
  ): Promise<ConnectionReport> {
    return testGitLabConnection({
      client: this.#client,
      config: this.config,
      scopes,
      signal: options.signal,
    })
  }

  #lists(): GitLabItemKind[] {
    return this.config.includeMergeRequests ? ['issues', 'merge_requests'] : ['issues']
  }

  async *pull(scope: ScopeSpec, options: PullOptions = {}): AsyncIterable<PulledPage> {
    const start: GitLabCheckpoint =
      options.checkpoint === undefined
        ? { list: 'issues' }
        : decodeGitLabCheckpoint(options.checkpoint)
    const lists = this.#lists()
    const from = start.list === 'done' ? lists.length : lists.indexOf(start.list)
    const updatedAfter =
      options.sinceMs === undefined ? undefined : new Date(options.sinceMs).toISOString()
    for (let k = Math.max(from, 0); k < lists.length; k++) {
      const list = lists[k] as GitLabItemKind
      const after: GitLabCheckpoint = { list: lists[k + 1] ?? 'done' }
      let page = await this.#firstPage(scope, list, {
        resume: list === start.list ? start.next : undefined,
        updatedAfter,
        signal: options.signal,
      })
      for (;;) {
        const next = page.next
        // the next page is asked for while this one's events are read
        const pending = next === undefined ? undefined : this.#listPage(next, options.signal)
        // awaited below; a pull given up before then must not leave an unhandled rejection
        pending?.catch(() => {})
        const items = await this.#reader.readItems(list, present(page.body), options.signal)
        const checkpoint = next === undefined ? after : { list, next }
        yield { items, checkpoint: encodeGitLabCheckpoint(checkpoint) }
        if (pending === undefined) break
        page = await pending
      }
    }
  }

  /** The page to start a list at: `resume`, or its first page (without keyset when refused). */
  async #firstPage(
    scope: ScopeSpec,
    list: GitLabItemKind,
    at: { resume?: string; updatedAfter?: string; signal?: AbortSignal },
  ): Promise<GitLabPage<GitLabIssuable[]>> {
    if (at.resume !== undefined) return this.#listPage(at.resume, at.signal)
    const query = { pageSize: this.config.pageSize, updatedAfter: at.updatedAfter }
    const keyset = offersKeyset(scope, list) && !this.#keysetRefused
    try {
      return await this.#listPage(firstListPath(scope, list, { ...query, keyset }), at.signal)
    } catch (error) {
      const status = isVmoError(error) ? error.details?.status : undefined
      if (!keyset || (status !== 400 && status !== 405)) throw error
      this.#keysetRefused = true
      return this.#listPage(firstListPath(scope, list, { ...query, keyset: false }), at.signal)
    }
  }

  async #listPage(path: string, signal?: AbortSignal): Promise<GitLabPage<GitLabIssuable[]>> {
    const page = await this.#client.get<unknown>(path, signal)
    if (!Array.isArray(page.body)) {
      throw new VmoError(
        'CONNECTOR_BAD_RESPONSE',
        `gitlab source "${this.sourceName}": GET ${path.split('?')[0] ?? path} answered something that is not a list`,
        { details: { source: this.sourceName } },
      )
    }
    return page as GitLabPage<GitLabIssuable[]>
  }

  async *listKeys(scope: ScopeSpec, options: { signal?: AbortSignal } = {}) {
    for (const list of this.#lists()) {
      const query = `?scope=all&state=all&order_by=created_at&sort=asc&per_page=${this.config.pageSize}`
      let next: string | undefined = `${scopePath(scope)}/${list}${query}`
      while (next !== undefined) {
        const page: GitLabPage<GitLabIssuable[]> = await this.#listPage(next, options.signal)
        yield present(page.body).flatMap((item) => keyOfIssuable(item, list) ?? [])
        next = page.next
      }
    }
  }

  async fetchItems(
    keys: readonly string[],
    options: { signal?: AbortSignal } = {},
  ): Promise<PulledItem[]> {
    const refs = keys.map((key) => {
      const ref = parseGitLabKey(key)
      if (ref === undefined) {
        throw new VmoError(
          'INVALID_INPUT',
          `${JSON.stringify(key)} is not a gitlab item key (group/project#12 or group/project!7)`,
        )
      }
      return ref
    })
    const found = await Promise.all(
      refs.map(async (ref) => {
        const path = `/projects/${encodeURIComponent(ref.project)}/${ref.kind}/${ref.iid}`
        try {
          const item = (await this.#client.get<GitLabIssuable>(path, options.signal)).body
          if (present([item]).length === 0) return undefined
          return this.#reader.toPulledItem(
            await this.#reader.readPayload(ref.kind, item, options.signal),
          )
        } catch (error) {
          if (isVmoError(error, 'NOT_FOUND')) return undefined
          throw error
        }
      }),
    )
    return found.filter((item): item is PulledItem => item !== undefined)
  }

  rateLimit(): RateLimitState | null {
    return this.#client.rateLimit()
  }
}

/** The items still in their project: an issue moved elsewhere stays behind, closed, pointing on. */
function present(items: readonly GitLabIssuable[]): GitLabIssuable[] {
  return items.filter(
    (item) => typeof item === 'object' && item !== null && item.moved_to_id == null,
  )
}
