import { VmoError, isVmoError } from '@openvmo/core'
import type { PulledItem } from '../connector'
import type { GitHubClient } from './github-client'
import type { GitHubConnectorConfig } from './github-connector-config'
import { EtagCache } from './github-etag-cache'
import { keyOfIssue } from './github-links'
import { gitHubItemToRecord } from './github-mapper'
import type {
  GitHubIssue,
  GitHubItemPayload,
  GitHubProjectHistory,
  GitHubPull,
  GitHubTimelineEvent,
  GitHubUser,
} from './github-payloads'
import { GITHUB_PAGE_SIZE } from './github-scopes'
import { readTimelines } from './github-timelines'
import { mapConcurrently } from './map-concurrently'

/** Page bodies kept for conditional requests of timelines and single issues. */
const BODY_CACHE_PAGES = 2000

function slimUser(user: GitHubUser | null | undefined) {
  if (typeof user !== 'object' || user === null) return user
  const { login, id, type } = user as GitHubUser & { id?: unknown; type?: unknown }
  return { login, id, type }
}

/** An issue without what openvmo never reads (user profiles' URLs, reactions). */
export function slimIssue(issue: GitHubIssue): GitHubIssue {
  const slim = { ...issue } as GitHubIssue & Record<string, unknown>
  slim.user = slimUser(issue.user)
  if (Array.isArray(issue.assignees)) slim.assignees = issue.assignees.map((a) => slimUser(a) ?? {})
  for (const name of ['assignee', 'closed_by']) slim[name] = slimUser(slim[name] as GitHubUser)
  delete slim.reactions
  delete slim.performed_via_github_app
  return slim
}

function slimEvent(event: GitHubTimelineEvent): GitHubTimelineEvent {
  const slim = { ...event } as GitHubTimelineEvent & Record<string, unknown>
  for (const name of ['actor', 'assignee', 'assigner', 'user']) {
    if (name in slim) slim[name] = slimUser(slim[name] as GitHubUser)
  }
  const source = event.source?.issue
  if (source) {
    const { url, html_url, repository_url, number, title, state, pull_request } = source
    slim.source = {
      ...event.source,
      issue: { url, html_url, repository_url, number, title, state, pull_request },
    }
  }
  return slim
}

function asIssue(body: unknown): GitHubIssue {
  return body as GitHubIssue
}

function asEvents(body: unknown): GitHubTimelineEvent[] {
  return Array.isArray(body) ? (body as GitHubTimelineEvent[]).map(slimEvent) : []
}

/** Whether `error` says the item is gone: deleted (404), or in a repository without issues (410). */
function isGone(error: unknown): boolean {
  const status = isVmoError(error) ? error.details?.status : undefined
  return status === 404 || status === 410
}

/** Options of {@link GitHubItemReader}. */
export interface GitHubItemReaderOptions {
  client: GitHubClient
  sourceName: string
  config: GitHubConnectorConfig
}

/**
 * Reads what one item's record is made of (its timeline, every page, and its pull request's
 * branch) and maps it: the connector's part between an issue list and a {@link PulledItem}.
 */
export class GitHubItemReader {
  readonly #client: GitHubClient
  readonly #config: GitHubConnectorConfig
  readonly #sourceName: string
  readonly #timelines = new EtagCache<GitHubTimelineEvent[]>(BODY_CACHE_PAGES)
  readonly #issues = new EtagCache<GitHubIssue>(BODY_CACHE_PAGES)
  readonly #pulls = new EtagCache<GitHubPull>(BODY_CACHE_PAGES)

  constructor(options: GitHubItemReaderOptions) {
    this.#client = options.client
    this.#config = options.config
    this.#sourceName = options.sourceName
  }

  /** The issue `repo#number` now, or undefined when it is gone (404, 410). */
  async readIssue(repo: string, number: number, signal?: AbortSignal) {
    try {
      const url = `/repos/${repo}/issues/${number}`
      const page = await this.#client.getJson(url, { signal, derive: asIssue, cache: this.#issues })
      return page.value
    } catch (error) {
      if (isGone(error)) return undefined
      throw error
    }
  }

  /**
   * The payload of a listed issue: the issue (slimmed), its whole timeline, and its branch
   * (pull requests, when configured); undefined when it went away meanwhile.
   */
  async readPayload(
    issue: GitHubIssue,
    signal?: AbortSignal,
  ): Promise<GitHubItemPayload | undefined> {
    const key = keyOfIssue(issue)
    if (key === undefined) throw this.#badIssue(issue, 'an issue without repository or number')
    const [repo, number] = [key.slice(0, key.lastIndexOf('#')), issue.number as number]
    try {
      const timeline = await this.#readTimeline(repo, number, signal)
      const pull = await this.#readPull(repo, issue, signal)
      return { issue: slimIssue(issue), timeline, ...(pull ? { pull } : {}) }
    } catch (error) {
      if (isGone(error)) return undefined
      throw error
    }
  }

  /**
   * The payloads of listed issues, in their order (undefined for one that went away meanwhile):
   * timelines and branches in bulk over GraphQL (one query for up to 100 items, more only for
   * a timeline longer than a page), except for issues with an issue type, whose type changes
   * only the REST timeline holds (GitHub's public GraphQL schema has no issue type events).
   */
  async readPayloads(
    issues: readonly GitHubIssue[],
    signal?: AbortSignal,
  ): Promise<(GitHubItemPayload | undefined)[]> {
    const bulk: { nodeId: string; label: string }[] = []
    const single: GitHubIssue[] = []
    for (const issue of issues) {
      const key = keyOfIssue(issue)
      if (key === undefined) throw this.#badIssue(issue, 'an issue without repository or number')
      if (typeof issue.node_id === 'string' && issue.node_id !== '' && issue.type == null) {
        bulk.push({ nodeId: issue.node_id, label: key })
      } else single.push(issue)
    }
    const limit = this.#config.concurrency
    const [timelines, singles] = await Promise.all([
      readTimelines(
        { client: this.#client, apiUrl: this.#config.apiUrl, sourceName: this.#sourceName },
        bulk,
        signal,
      ),
      mapConcurrently(single, { limit, signal }, (issue, s) => this.readPayload(issue, s)),
    ])
    const bySingle = new Map(single.map((issue, k) => [issue, singles[k]]))
    return issues.map((issue) => {
      if (bySingle.has(issue)) return bySingle.get(issue)
      const read = timelines.get(issue.node_id as string)
      if (read === undefined) return undefined
      const branches = issue.pull_request != null && this.#config.pullRequestBranches
      const pull: GitHubPull | undefined = branches
        ? read.headRefName === undefined
          ? {}
          : { head: { ref: read.headRefName } }
        : undefined
      return { issue: slimIssue(issue), timeline: read.timeline, ...(pull ? { pull } : {}) }
    })
  }

  /** The pulled item of a payload (with its project values, when read). */
  toPulledItem(payload: GitHubItemPayload, project?: GitHubProjectHistory): PulledItem {
    const raw = project ? { ...payload, project } : payload
    const result = gitHubItemToRecord(raw, { ...this.#config, source: this.#sourceName })
    if (!result.ok) throw this.#badIssue(payload.issue, result.reason)
    return { record: result.record, raw }
  }

  async #readTimeline(repo: string, number: number, signal?: AbortSignal) {
    const events: GitHubTimelineEvent[] = []
    let url: string | undefined =
      `/repos/${repo}/issues/${number}/timeline?per_page=${GITHUB_PAGE_SIZE}`
    while (url !== undefined) {
      const page: { value: GitHubTimelineEvent[]; next?: string } = await this.#client.getJson(
        url,
        { signal, derive: asEvents, cache: this.#timelines },
      )
      events.push(...page.value)
      url = page.next
    }
    return events
  }

  async #readPull(repo: string, issue: GitHubIssue, signal?: AbortSignal) {
    if (issue.pull_request == null || !this.#config.pullRequestBranches) return undefined
    const url = `/repos/${repo}/pulls/${issue.number}`
    const derive = (body: unknown): GitHubPull => {
      const ref = (body as GitHubPull)?.head?.ref
      return typeof ref === 'string' ? { head: { ref } } : {}
    }
    return (await this.#client.getJson(url, { signal, derive, cache: this.#pulls })).value
  }

  #badIssue(issue: GitHubIssue, reason: string): VmoError {
    const which = keyOfIssue(issue) ?? issue?.url ?? 'an issue'
    return new VmoError(
      'CONNECTOR_BAD_RESPONSE',
      `github source "${this.#sourceName}": ${which} cannot be read: ${reason}`,
    )
  }
}
