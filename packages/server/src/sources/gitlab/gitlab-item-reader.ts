import { VmoError } from '@openvmo/core'
import type { PulledItem } from '../connector'
import type { GitLabClient } from './gitlab-client'
import type { GitLabConnectorConfig } from './gitlab-connector-config'
import { keyOfIssuable } from './gitlab-keys'
import { gitLabItemToRecord } from './gitlab-mapper'
import type { GitLabIssuable, GitLabItemKind, GitLabItemPayload } from './gitlab-payloads'

/**
 * Reads the history of issues and merge requests: their `resource_state_events`,
 * `resource_label_events` and `resource_milestone_events` (every page), and their links (an
 * issue's issue links, the issues a merge request closes), and maps them to records.
 */
export class GitLabItemReader {
  readonly #client: GitLabClient
  readonly #sourceName: string
  readonly #config: GitLabConnectorConfig

  constructor(at: { client: GitLabClient; sourceName: string; config: GitLabConnectorConfig }) {
    this.#client = at.client
    this.#sourceName = at.sourceName
    this.#config = at.config
  }

  /** Every page of a list below the API root, concatenated. */
  async listAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
    const all: T[] = []
    let next: string | undefined = path
    while (next !== undefined) {
      const page: { body: unknown; next?: string } = await this.#client.get<unknown>(next, signal)
      if (!Array.isArray(page.body)) throw this.#notList(next)
      all.push(...(page.body as T[]))
      next = page.next
    }
    return all
  }

  /** The items with their histories, in the order given. */
  async readItems(
    kind: GitLabItemKind,
    items: readonly GitLabIssuable[],
    signal?: AbortSignal,
  ): Promise<PulledItem[]> {
    const payloads = await Promise.all(items.map((item) => this.readPayload(kind, item, signal)))
    return payloads.map((payload) => this.toPulledItem(payload))
  }

  /** An item's events and links (requests run at once, within the client's concurrency). */
  async readPayload(
    kind: GitLabItemKind,
    item: GitLabIssuable,
    signal?: AbortSignal,
  ): Promise<GitLabItemPayload> {
    if (!Number.isInteger(item.project_id) || !Number.isInteger(item.iid)) {
      throw this.#badItem(item, kind, 'project_id or iid is missing')
    }
    const base = `/projects/${String(item.project_id)}/${kind}/${String(item.iid)}`
    const events = (name: string) =>
      this.listAll<never>(`${base}/${name}?per_page=${this.#config.pageSize}`, signal)
    const links = this.#config.links
      ? kind === 'issues'
        ? this.#client.get<GitLabItemPayload['links']>(`${base}/links`, signal).then((p) => p.body)
        : this.listAll<GitLabIssuable>(
            `${base}/closes_issues?per_page=${this.#config.pageSize}`,
            signal,
          )
      : Promise.resolve(undefined)
    const [stateEvents, labelEvents, milestoneEvents, linked] = await Promise.all([
      events('resource_state_events'),
      events('resource_label_events'),
      events('resource_milestone_events'),
      links,
    ])
    const payload: GitLabItemPayload = { kind, item, stateEvents, labelEvents, milestoneEvents }
    if (Array.isArray(linked)) {
      if (kind === 'issues') payload.links = linked
      else payload.closes = linked
    }
    return payload
  }

  /** The record of a payload; CONNECTOR_BAD_RESPONSE when GitLab sent one it cannot map. */
  toPulledItem(payload: GitLabItemPayload): PulledItem {
    const result = gitLabItemToRecord(payload, {
      source: this.#sourceName,
      workflowScope: this.#config.workflowScope,
      typeScope: this.#config.typeScope,
    })
    if (!result.ok) throw this.#badItem(payload.item, payload.kind, result.reason)
    return { record: result.record, raw: payload }
  }

  #badItem(item: GitLabIssuable, kind: GitLabItemKind, reason: string): VmoError {
    const which = keyOfIssuable(item, kind) ?? `${kind} id ${String(item.id)}`
    return new VmoError(
      'CONNECTOR_BAD_RESPONSE',
      `gitlab source "${this.#sourceName}": ${which} cannot be read: ${reason}`,
      { details: { source: this.#sourceName } },
    )
  }

  #notList(path: string): VmoError {
    return new VmoError(
      'CONNECTOR_BAD_RESPONSE',
      `gitlab source "${this.#sourceName}": GET ${path.split('?')[0] ?? path} answered something that is not a list`,
      { details: { source: this.#sourceName } },
    )
  }
}
