import type { FakeItem } from './fake-github-model'
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
  /** Timeline nodes per GraphQL page (the connector asks for 100). */
  pageSize: number
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
 * Answers the connector's GraphQL queries (told apart by what they select: the project, items'
 * project values, a further timeline page, or node ids to keys); anything else is a GraphQL
 * error, as GitHub answers a query it cannot parse.
 */
export function answerGraphql(
  ctx: FakeGraphqlContext,
  body: { query?: unknown; variables?: unknown },
): FakeAnswer {
  const query = typeof body.query === 'string' ? body.query : ''
  const v = (body.variables ?? {}) as Variables
  const ids = Array.isArray(v.ids) ? v.ids : []
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
