/**
 * The GraphQL queries that read items' timelines in bulk (one request for a page of 100 items
 * instead of one REST `/issues/{n}/timeline` request each), and the conversion of their nodes
 * into the REST timeline events the mapper reads, so REST and GraphQL share one mapper and the
 * raw payloads stay REST-shaped. Type and enum names are those of GitHub's public schema
 * (checked against it in `github-timeline-queries.test.ts`).
 */
import type { GitHubIssue, GitHubTimelineEvent } from './github-payloads'

/**
 * GraphQL timeline item types and the REST `event` each stands for: every event the mapper
 * reads (status, labels, milestones, draft, merge, links) and a few it keeps for the record.
 * Issue types are missing: GitHub's public schema has no issue type events, so an issue with a
 * type reads its timeline over REST (see `GitHubItemReader`).
 */
export const TIMELINE_EVENTS = {
  LabeledEvent: 'labeled',
  UnlabeledEvent: 'unlabeled',
  ClosedEvent: 'closed',
  ReopenedEvent: 'reopened',
  AssignedEvent: 'assigned',
  MilestonedEvent: 'milestoned',
  DemilestonedEvent: 'demilestoned',
  CrossReferencedEvent: 'cross-referenced',
  ConnectedEvent: 'connected',
  DisconnectedEvent: 'disconnected',
  TransferredEvent: 'transferred',
  ConvertToDraftEvent: 'converted_to_draft',
  ReadyForReviewEvent: 'ready_for_review',
  MergedEvent: 'merged',
} as const

type TimelineTypeName = keyof typeof TIMELINE_EVENTS

/** Events only pull requests have (not members of an issue's timeline). */
const PULL_ONLY: readonly TimelineTypeName[] = [
  'ConvertToDraftEvent',
  'ReadyForReviewEvent',
  'MergedEvent',
]

/** `LabeledEvent` → `LABELED_EVENT`, the `itemTypes` enum value. */
function itemTypeOf(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()
}

// `state` is left out: its type differs between Issue and PullRequest, and GraphQL refuses one
// field of two types in one selection (the mapper needs the key only)
const REFERENCED = `number title url repository { nameWithOwner }`

/** The selection of each event type beyond `createdAt` and the actor. */
const EXTRA_SELECTION: Partial<Record<TimelineTypeName, string>> = {
  LabeledEvent: 'label { name }',
  UnlabeledEvent: 'label { name }',
  ClosedEvent: 'stateReason',
  AssignedEvent: 'assignee { __typename ... on User { login } ... on Bot { login } }',
  MilestonedEvent: 'milestoneTitle',
  DemilestonedEvent: 'milestoneTitle',
  CrossReferencedEvent: `source { __typename ... on Issue { ${REFERENCED} } ... on PullRequest { ${REFERENCED} } }`,
}

function timelineSelection(after: boolean, pull: boolean): string {
  const names = (Object.keys(TIMELINE_EVENTS) as TimelineTypeName[]).filter(
    (name) => pull || !PULL_ONLY.includes(name),
  )
  const types = names.map(itemTypeOf).join(', ')
  const fragments = names
    .map((name) => `... on ${name} { createdAt actor { login } ${EXTRA_SELECTION[name] ?? ''} }`)
    .join('\n        ')
  return `timelineItems(first: 100${after ? ', after: $after' : ''}, itemTypes: [${types}]) {
      pageInfo { hasNextPage endCursor }
      nodes {
        __typename
        ${fragments}
      }
    }`
}

/**
 * Issues and pull requests by node id (at most 100): the first page of each one's timeline, and
 * a pull request's branch.
 */
export const ITEM_TIMELINES_QUERY = `query ItemTimelines($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on Issue { id ${timelineSelection(false, false)} }
    ... on PullRequest { id headRefName ${timelineSelection(false, true)} }
  }
}`

/** The next page of one item's timeline. */
export const ITEM_TIMELINE_PAGE_QUERY = `query ItemTimelinePage($id: ID!, $after: String!) {
  node(id: $id) {
    __typename
    ... on Issue { ${timelineSelection(true, false)} }
    ... on PullRequest { ${timelineSelection(true, true)} }
  }
}`

/** An item referenced by a `CrossReferencedEvent`. */
export interface ReferencedNode {
  __typename?: string
  number?: number
  title?: string
  url?: string
  repository?: { nameWithOwner?: string } | null
}

/** One node of an item's `timelineItems`, as the queries select it. */
export interface TimelineItemNode {
  __typename?: string
  createdAt?: string
  actor?: { login?: string } | null
  label?: { name?: string } | null
  stateReason?: string | null
  assignee?: { __typename?: string; login?: string } | null
  milestoneTitle?: string
  source?: ReferencedNode | null
}

/** A page of an item's timeline. */
export interface TimelineItemsConnection {
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null }
  nodes?: (TimelineItemNode | null)[]
}

/** An issue or pull request node of {@link ITEM_TIMELINES_QUERY}. */
export interface ItemTimelineNode {
  __typename?: string
  id?: string
  headRefName?: string
  timelineItems?: TimelineItemsConnection
}

/**
 * The REST issue (as the issue list and a cross-referenced event embed it) of a referenced
 * node: API URLs below `apiUrl`, the web URL as GraphQL gives it.
 */
function referencedIssue(node: ReferencedNode, apiUrl: string): GitHubIssue | undefined {
  const repo = node.repository?.nameWithOwner
  if (typeof repo !== 'string' || !Number.isInteger(node.number)) return undefined
  const isPull = node.__typename === 'PullRequest'
  const issue: GitHubIssue = {
    url: `${apiUrl}/repos/${repo}/issues/${node.number}`,
    html_url: node.url,
    repository_url: `${apiUrl}/repos/${repo}`,
    number: node.number,
    title: node.title,
  }
  if (isPull) issue.pull_request = { url: `${apiUrl}/repos/${repo}/pulls/${node.number}` }
  return issue
}

/**
 * The REST timeline event (`GET /repos/{owner}/{repo}/issues/{n}/timeline`) of a GraphQL
 * timeline node, with the members the mapper reads; undefined for a type it does not know.
 */
export function toTimelineEvent(
  node: TimelineItemNode | null | undefined,
  apiUrl: string,
): GitHubTimelineEvent | undefined {
  const event = TIMELINE_EVENTS[node?.__typename as TimelineTypeName] as string | undefined
  if (node == null || event === undefined) return undefined
  const out: GitHubTimelineEvent & Record<string, unknown> = {
    event,
    actor: node.actor?.login === undefined ? null : { login: node.actor.login },
    created_at: node.createdAt,
  }
  if (node.label != null) out.label = { name: node.label.name }
  if (event === 'closed') out.state_reason = node.stateReason?.toLowerCase() ?? null
  if (node.assignee !== undefined) {
    out.assignee = node.assignee?.login === undefined ? null : { login: node.assignee.login }
  }
  if (node.milestoneTitle !== undefined) out.milestone = { title: node.milestoneTitle }
  if (node.source != null) {
    const issue = referencedIssue(node.source, apiUrl)
    out.source = { type: 'issue', ...(issue ? { issue } : {}) }
  }
  return out
}
