import type { FakeEvent, FakeItem } from './fake-github-model'
import type { FakeGitHubStore } from './fake-github-store'
import { gitHubInstant } from './fake-github-json'
import type { FakeAnswer } from './fake-github-rest'

/** The fake's one Projects v2 project (a single-select field holds the workflow). */
export interface FakeProject {
  owner: string
  number: number
  id: string
  title: string
  field: string
}

/** What the GraphQL answers read. */
export interface FakeGraphqlContext {
  store: FakeGitHubStore
  project: FakeProject
  /** Project timeline nodes per GraphQL page (the connector asks for 100). */
  pageSize: number
  /** Item timeline nodes per GraphQL page (the connector asks for 100). */
  timelinePageSize: number
}

/** GitHub's GraphQL timeline item type of each REST event kind the fake makes. */
const TIMELINE_TYPES: Record<string, string> = {
  labeled: 'LabeledEvent',
  unlabeled: 'UnlabeledEvent',
  closed: 'ClosedEvent',
  reopened: 'ReopenedEvent',
  assigned: 'AssignedEvent',
  milestoned: 'MilestonedEvent',
  demilestoned: 'DemilestonedEvent',
  'cross-referenced': 'CrossReferencedEvent',
  connected: 'ConnectedEvent',
  transferred: 'TransferredEvent',
  converted_to_draft: 'ConvertToDraftEvent',
  ready_for_review: 'ReadyForReviewEvent',
  merged: 'MergedEvent',
}

function referencedNode(item: FakeItem) {
  const node: Record<string, unknown> = {
    __typename: item.isPull ? 'PullRequest' : 'Issue',
    number: item.number,
    title: item.title,
    url: `https://github.com/${item.repo}/${item.isPull ? 'pull' : 'issues'}/${item.number}`,
    repository: { nameWithOwner: item.repo },
  }
  return node
}

/** One timeline node of `event` as the connector's timeline queries select it. */
function timelineItemNode(ctx: FakeGraphqlContext, event: FakeEvent, typename: string) {
  const node: Record<string, unknown> = {
    __typename: typename,
    createdAt: gitHubInstant(event.atMs),
    actor: { login: 'octocat' },
  }
  switch (typename) {
    case 'LabeledEvent':
    case 'UnlabeledEvent':
      node.label = { name: event.label }
      break
    case 'ClosedEvent':
      node.stateReason = event.reason == null ? null : event.reason.toUpperCase()
      break
    case 'AssignedEvent':
      node.assignee = { __typename: 'User', login: event.assignee ?? 'octocat' }
      break
    case 'MilestonedEvent':
    case 'DemilestonedEvent':
      node.milestoneTitle = event.milestone
      break
    case 'CrossReferencedEvent': {
      const source = event.source === undefined ? undefined : ctx.store.byKey.get(event.source)
      node.source = source === undefined ? null : referencedNode(source)
      break
    }
  }
  return node
}

/** A page of an item's timeline (REST order: by time, then as recorded), from `after`. */
function itemTimelinePage(ctx: FakeGraphqlContext, item: FakeItem, after: number) {
  const all = item.events
    .map((event, sequence) => ({ event, sequence, typename: TIMELINE_TYPES[event.kind] }))
    .filter((e) => e.typename !== undefined && (item.isPull || e.event.kind !== 'merged'))
    .sort((a, b) => a.event.atMs - b.event.atMs || a.sequence - b.sequence)
  const nodes = all
    .slice(after, after + ctx.timelinePageSize)
    .map((e) => timelineItemNode(ctx, e.event, e.typename as string))
  const end = after + nodes.length
  return { pageInfo: { hasNextPage: end < all.length, endCursor: String(end) }, nodes }
}

function notFound(id: unknown, path: (string | number)[]) {
  return {
    type: 'NOT_FOUND',
    path,
    locations: [{ line: 2, column: 3 }],
    message: `Could not resolve to a node with the global id of '${String(id)}'`,
  }
}

/** `ItemTimelines`: each item's first timeline page (and a pull request's branch). */
function itemTimelinesAnswer(ctx: FakeGraphqlContext, ids: readonly unknown[]): FakeAnswer {
  const errors: ReturnType<typeof notFound>[] = []
  const nodes = ids.map((id, k) => {
    const item = findNode(ctx, id)
    if (item === undefined) {
      errors.push(notFound(id, ['nodes', k]))
      return null
    }
    const timelineItems = itemTimelinePage(ctx, item, 0)
    return item.isPull
      ? {
          __typename: 'PullRequest',
          id: item.nodeId,
          headRefName: item.branch ?? `topic-${item.number}`,
          timelineItems,
        }
      : { __typename: 'Issue', id: item.nodeId, timelineItems }
  })
  return {
    status: 200,
    body: errors.length > 0 ? { data: { nodes }, errors } : { data: { nodes } },
  }
}

/** `ItemTimelinePage`: a further page of one item's timeline. */
function itemTimelinePageAnswer(ctx: FakeGraphqlContext, v: Variables): FakeAnswer {
  const item = findNode(ctx, v.id)
  if (item === undefined) {
    return { status: 200, body: { data: { node: null }, errors: [notFound(v.id, ['node'])] } }
  }
  const timelineItems = itemTimelinePage(ctx, item, Number(v.after) || 0)
  const node = { __typename: item.isPull ? 'PullRequest' : 'Issue', timelineItems }
  return { status: 200, body: { data: { node } } }
}

type Variables = Record<string, unknown>

function timelinePage(ctx: FakeGraphqlContext, item: FakeItem, after: number) {
  let previous: string | null = null
  const all = item.events
    .filter((e) => e.kind === 'project_value')
    .map((e) => {
      const node =
        e.projectValue === null
          ? {
              __typename: 'RemovedFromProjectV2Event',
              createdAt: gitHubInstant(e.atMs),
              project: { id: ctx.project.id },
            }
          : {
              __typename: 'ProjectV2ItemStatusChangedEvent',
              createdAt: gitHubInstant(e.atMs),
              previousStatus: previous ?? '',
              status: e.projectValue,
              project: { id: ctx.project.id },
            }
      previous = e.projectValue ?? null
      return node
    })
  const nodes = all.slice(after, after + ctx.pageSize)
  const end = after + nodes.length
  return { pageInfo: { hasNextPage: end < all.length, endCursor: String(end) }, nodes }
}

function itemNode(ctx: FakeGraphqlContext, item: FakeItem, field: unknown) {
  const inProject = item.events.some((e) => e.kind === 'project_value')
  const value =
    item.project !== null && field === ctx.project.field
      ? {
          __typename: 'ProjectV2ItemFieldSingleSelectValue',
          name: item.project.value,
          updatedAt: gitHubInstant(item.project.atMs),
        }
      : null
  return {
    __typename: item.isPull ? 'PullRequest' : 'Issue',
    id: item.nodeId,
    projectItems: {
      nodes: inProject ? [{ project: { id: ctx.project.id }, fieldValueByName: value }] : [],
    },
    timelineItems: timelinePage(ctx, item, 0),
  }
}

function findNode(ctx: FakeGraphqlContext, id: unknown): FakeItem | undefined {
  const item = typeof id === 'string' ? ctx.store.byNodeId.get(id) : undefined
  return item?.deleted || item?.movedTo !== undefined ? undefined : item
}

function projectAnswer(ctx: FakeGraphqlContext, v: Variables): FakeAnswer {
  const { project } = ctx
  if (v.owner !== project.owner || v.number !== project.number) {
    const errors = [
      {
        type: 'NOT_FOUND',
        message: `Could not resolve to a ProjectV2 with the number ${String(v.number)}.`,
      },
    ]
    return { status: 200, body: { data: { owner: { projectV2: null } }, errors } }
  }
  const field = v.field === project.field ? { __typename: 'ProjectV2SingleSelectField' } : null
  const projectV2 = { id: project.id, title: project.title, field }
  return { status: 200, body: { data: { owner: { projectV2 } } } }
}

/**
 * Answers the connector's GraphQL queries (told apart by their operation name, `ItemTimelines`
 * and `ItemTimelinePage`, or by what they select: the project, items' project values, a further
 * project timeline page, or node ids to keys); anything else is a GraphQL
 * error, as GitHub answers a query it cannot parse.
 */
export function answerGraphql(
  ctx: FakeGraphqlContext,
  body: { query?: unknown; variables?: unknown },
): FakeAnswer {
  const query = typeof body.query === 'string' ? body.query : ''
  const v = (body.variables ?? {}) as Variables
  const ids = Array.isArray(v.ids) ? v.ids : []
  if (/^\s*query ItemTimelines\b/.test(query)) return itemTimelinesAnswer(ctx, ids)
  if (/^\s*query ItemTimelinePage\b/.test(query)) return itemTimelinePageAnswer(ctx, v)
  if (query.includes('projectV2(number')) return projectAnswer(ctx, v)
  if (query.includes('nodes(ids') && query.includes('projectItems')) {
    const nodes = ids.map((id) => {
      const item = findNode(ctx, id)
      return item === undefined ? null : itemNode(ctx, item, v.field)
    })
    return { status: 200, body: { data: { nodes } } }
  }
  if (query.includes('nodes(ids')) {
    const nodes = ids.map((id) => {
      const item = findNode(ctx, id)
      return item === undefined
        ? null
        : {
            __typename: item.isPull ? 'PullRequest' : 'Issue',
            number: item.number,
            repository: { nameWithOwner: item.repo },
          }
    })
    return { status: 200, body: { data: { nodes } } }
  }
  if (query.includes('node(id')) {
    const item = findNode(ctx, v.id)
    const node =
      item === undefined ? null : { timelineItems: timelinePage(ctx, item, Number(v.after) || 0) }
    return { status: 200, body: { data: { node } } }
  }
  return {
    status: 200,
    body: { errors: [{ message: 'Parse error: the fake does not know this query' }] },
  }
}
