import { VmoError } from '@openvmo/core'
import type { GitHubClient } from './github-client'
import type { GitHubWorkflow } from './github-connector-config'
import type {
  GitHubItemPayload,
  GitHubProjectChange,
  GitHubProjectHistory,
} from './github-payloads'
import {
  projectQuery,
  ITEMS_QUERY,
  NODES_QUERY,
  TIMELINE_PAGE_QUERY,
} from './github-project-queries'
import type { ItemNode, TimelineConnection } from './github-project-queries'

type ProjectWorkflow = Extract<GitHubWorkflow, { kind: 'project' }>

/** The configured project as GitHub knows it. */
export interface GitHubProjectInfo {
  id: string
  title: string
  /** The field's GraphQL type (`ProjectV2SingleSelectField`), or undefined when it is missing. */
  fieldType?: string
}

/** Nodes per GraphQL query (GitHub's limit for `nodes(ids:)`). */
const NODES_PER_QUERY = 100

/**
 * Reads the configured Projects v2 single-select field of items over GraphQL: the value now
 * (`fieldValueByName`, with when it was set) and, for the `Status` field, its recorded changes
 * (`ProjectV2ItemStatusChangedEvent` and `RemovedFromProjectV2Event` in the item's timeline).
 * GitHub records no history for other fields: their value counts from when it was last set.
 */
export class GitHubProjectReader {
  #info: Promise<GitHubProjectInfo> | undefined

  constructor(
    readonly client: GitHubClient,
    readonly workflow: ProjectWorkflow,
  ) {}

  /**
   * The project (cached after the first success); CONNECTOR_AUTH_FAILED when GitHub does not
   * show it to the token, INVALID_CONFIG when its field is missing or not single-select.
   */
  describe(signal?: AbortSignal): Promise<GitHubProjectInfo> {
    this.#info ??= this.#describe(signal).catch((error: unknown) => {
      this.#info = undefined
      throw error
    })
    return this.#info
  }

  async #describe(signal?: AbortSignal): Promise<GitHubProjectInfo> {
    const { owner, ownerType, number, field } = this.workflow
    const { data } = await this.client.graphql<{
      owner?: {
        projectV2?: { id: string; title: string; field?: { __typename?: string } | null } | null
      } | null
    }>(projectQuery(ownerType), { owner, number, field }, signal)
    const project = data?.owner?.projectV2
    const name = `project ${number} of ${ownerType} "${owner}"`
    if (!project) {
      throw new VmoError(
        'CONNECTOR_AUTH_FAILED',
        `${name} was not found, or the token cannot read it (it needs Projects read access; classic tokens the read:project scope)`,
      )
    }
    const fieldType = project.field?.__typename
    if (fieldType !== 'ProjectV2SingleSelectField') {
      const found = fieldType ? `is a ${fieldType}` : 'does not exist'
      throw new VmoError(
        'INVALID_CONFIG',
        `${name} ("${project.title}"): field "${field}" ${found}; the workflow needs a single-select field`,
      )
    }
    return { id: project.id, title: project.title, fieldType }
  }

  /** The project history of each payload's item, by the issue's `node_id`. */
  async read(
    payloads: readonly GitHubItemPayload[],
    signal?: AbortSignal,
  ): Promise<Map<string, GitHubProjectHistory>> {
    const info = await this.describe(signal)
    const ids = payloads.flatMap((p) =>
      typeof p.issue.node_id === 'string' ? [p.issue.node_id] : [],
    )
    const histories = new Map<string, GitHubProjectHistory>()
    for (let k = 0; k < ids.length; k += NODES_PER_QUERY) {
      const batch = ids.slice(k, k + NODES_PER_QUERY)
      const { data } = await this.client.graphql<{ nodes: (ItemNode | null)[] }>(
        ITEMS_QUERY,
        { ids: batch, field: this.workflow.field },
        signal,
      )
      for (const node of data?.nodes ?? []) {
        if (node?.id) histories.set(node.id, await this.#historyOf(node, info.id, signal))
      }
    }
    return histories
  }

  async #historyOf(node: ItemNode, projectId: string, signal?: AbortSignal) {
    const events = [...(node.timelineItems?.nodes ?? [])]
    let page = node.timelineItems?.pageInfo
    while (page?.hasNextPage && page.endCursor) {
      const { data } = await this.client.graphql<{
        node: { timelineItems?: TimelineConnection } | null
      }>(TIMELINE_PAGE_QUERY, { id: node.id, after: page.endCursor }, signal)
      events.push(...(data?.node?.timelineItems?.nodes ?? []))
      page = data?.node?.timelineItems?.pageInfo
    }
    const recordsHistory = this.workflow.field.toLowerCase() === 'status'
    const changes: GitHubProjectChange[] = []
    for (const event of recordsHistory ? events : []) {
      if (event?.project?.id !== projectId || typeof event.createdAt !== 'string') continue
      const removed = event.__typename === 'RemovedFromProjectV2Event'
      changes.push({ at: event.createdAt, to: removed ? null : event.status || null })
    }
    const item = node.projectItems?.nodes?.find((n) => n?.project?.id === projectId)
    const value = item?.fieldValueByName?.name
    const current =
      typeof value === 'string' ? { value, updatedAt: item?.fieldValueByName?.updatedAt } : null
    const last = changes.at(-1)
    if (current?.updatedAt && (last === undefined || last.to !== current.value)) {
      changes.push({ at: current.updatedAt, to: current.value })
    }
    return { current, changes }
  }

  /** The repository and number of each issue or pull request node id (others left out). */
  static async resolveNodes(
    client: GitHubClient,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ repo: string; number: number }[]> {
    const refs: { repo: string; number: number }[] = []
    for (let k = 0; k < ids.length; k += NODES_PER_QUERY) {
      const { data } = await client.graphql<{
        nodes: ({ number?: number; repository?: { nameWithOwner?: string } } | null)[]
      }>(NODES_QUERY, { ids: ids.slice(k, k + NODES_PER_QUERY) }, signal)
      for (const node of data?.nodes ?? []) {
        const repo = node?.repository?.nameWithOwner
        if (typeof repo === 'string' && Number.isInteger(node?.number)) {
          refs.push({ repo, number: node?.number as number })
        }
      }
    }
    return refs
  }
}
