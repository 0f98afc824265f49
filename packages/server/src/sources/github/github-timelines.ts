import { VmoError } from '@openvmo/core'
import type { GitHubClient, GitHubGraphqlError } from './github-client'
import type { GitHubTimelineEvent } from './github-payloads'
import {
  ITEM_TIMELINES_QUERY,
  ITEM_TIMELINE_PAGE_QUERY,
  toTimelineEvent,
} from './github-timeline-queries'
import type { ItemTimelineNode, TimelineItemsConnection } from './github-timeline-queries'

/** Node ids per query (GitHub's limit for `nodes(ids:)`). */
export const TIMELINE_NODES_PER_QUERY = 100

/** An item's timeline as REST events, and its branch when it is a pull request. */
export interface ItemTimeline {
  timeline: GitHubTimelineEvent[]
  headRefName?: string
}

/** Where the timelines are read: the client, the API root and names for messages. */
export interface TimelineReadContext {
  client: GitHubClient
  apiUrl: string
  sourceName: string
}

function describeErrors(errors: readonly GitHubGraphqlError[]): string {
  return errors
    .slice(0, 3)
    .map((e) => `${e.type ?? 'ERROR'}: ${e.message ?? 'no message'}`)
    .join('; ')
}

/**
 * The error of a GraphQL answer whose `errors` are not just items gone (NOT_FOUND): RATE_LIMITED
 * is CONNECTOR_RATE_LIMITED, FORBIDDEN CONNECTOR_AUTH_FAILED, anything else
 * CONNECTOR_BAD_RESPONSE; the message names the source and what was being read.
 */
export function graphqlFailure(
  ctx: Pick<TimelineReadContext, 'sourceName'>,
  what: string,
  errors: readonly GitHubGraphqlError[],
): VmoError | undefined {
  const serious = errors.filter((e) => e.type !== 'NOT_FOUND')
  if (serious.length === 0) return undefined
  const where = `github source "${ctx.sourceName}": POST /graphql (${what})`
  const text = describeErrors(serious)
  const details = { details: { source: ctx.sourceName, path: '/graphql' } }
  if (serious.some((e) => e.type === 'RATE_LIMITED')) {
    return new VmoError('CONNECTOR_RATE_LIMITED', `${where}: still rate limited: ${text}`, details)
  }
  if (serious.some((e) => e.type === 'FORBIDDEN')) {
    return new VmoError(
      'CONNECTOR_AUTH_FAILED',
      `${where} was refused: ${text} (the token needs read access to issues and pull requests)`,
      details,
    )
  }
  return new VmoError('CONNECTOR_BAD_RESPONSE', `${where} answered errors: ${text}`, details)
}

function eventsOf(connection: TimelineItemsConnection | undefined, apiUrl: string) {
  const events: GitHubTimelineEvent[] = []
  for (const node of connection?.nodes ?? []) {
    const event = toTimelineEvent(node, apiUrl)
    if (event !== undefined) events.push(event)
  }
  return events
}

/** The further pages of one item's timeline, after the first. */
async function restOfTimeline(
  ctx: TimelineReadContext,
  node: { id: string; label: string; first: TimelineItemsConnection | undefined },
  signal?: AbortSignal,
): Promise<GitHubTimelineEvent[] | undefined> {
  const events: GitHubTimelineEvent[] = []
  let page = node.first?.pageInfo
  while (page?.hasNextPage === true) {
    if (typeof page.endCursor !== 'string') {
      throw new VmoError(
        'CONNECTOR_BAD_RESPONSE',
        `github source "${ctx.sourceName}": POST /graphql (timeline of ${node.label}) said there is a next page but gave no cursor`,
      )
    }
    const { data, errors } = await ctx.client.graphql<{
      node: { timelineItems?: TimelineItemsConnection } | null
    }>(ITEM_TIMELINE_PAGE_QUERY, { id: node.id, after: page.endCursor }, signal)
    const failure = graphqlFailure(ctx, `timeline of ${node.label}`, errors)
    if (failure) throw failure
    // the item went away between two pages
    if (data?.node == null) return undefined
    events.push(...eventsOf(data.node.timelineItems, ctx.apiUrl))
    page = data.node.timelineItems?.pageInfo
  }
  return events
}

/**
 * The timelines of items by node id (`labels` names each for messages, `owner/repo#12`), in
 * queries of {@link TIMELINE_NODES_PER_QUERY}, with every further page of a long timeline; an
 * item GitHub no longer has (a null node, NOT_FOUND) is absent from the result. Errors other
 * than NOT_FOUND stop the read (see {@link graphqlFailure}).
 */
export async function readTimelines(
  ctx: TimelineReadContext,
  items: readonly { nodeId: string; label: string }[],
  signal?: AbortSignal,
): Promise<Map<string, ItemTimeline>> {
  const found = new Map<string, ItemTimeline>()
  for (let k = 0; k < items.length; k += TIMELINE_NODES_PER_QUERY) {
    const batch = items.slice(k, k + TIMELINE_NODES_PER_QUERY)
    const what = `timelines of ${batch.length} items from ${batch[0]?.label ?? ''}`
    const { data, errors } = await ctx.client.graphql<{ nodes?: (ItemTimelineNode | null)[] }>(
      ITEM_TIMELINES_QUERY,
      { ids: batch.map((b) => b.nodeId) },
      signal,
    )
    const failure = graphqlFailure(ctx, what, errors)
    if (failure) throw failure
    const nodes = data?.nodes
    if (!Array.isArray(nodes) || nodes.length !== batch.length) {
      throw new VmoError(
        'CONNECTOR_BAD_RESPONSE',
        `github source "${ctx.sourceName}": POST /graphql (${what}) answered without a node for each id`,
      )
    }
    for (let j = 0; j < batch.length; j++) {
      const node = nodes[j]
      const item = batch[j] as { nodeId: string; label: string }
      if (node == null) continue
      const timeline = eventsOf(node.timelineItems, ctx.apiUrl)
      const more = await restOfTimeline(
        ctx,
        { id: item.nodeId, label: item.label, first: node.timelineItems },
        signal,
      )
      if (more === undefined) continue
      timeline.push(...more)
      const headRefName = typeof node.headRefName === 'string' ? node.headRefName : undefined
      found.set(item.nodeId, { timeline, ...(headRefName === undefined ? {} : { headRefName }) })
    }
  }
  return found
}
