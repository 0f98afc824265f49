import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import {
  buildSchema,
  execute,
  isObjectType,
  isUnionType,
  parse,
  validate,
  validateSchema,
} from 'graphql'
import type { GraphQLFieldResolver, GraphQLTypeResolver } from 'graphql'
import { isVmoError } from '@openvmo/core'
import { findLink } from './github-client'
import { keyOfIssue } from './github-links'
import type { GitHubTimelineEvent } from './github-payloads'
import {
  ITEM_TIMELINES_QUERY,
  ITEM_TIMELINE_PAGE_QUERY,
  TIMELINE_EVENTS,
  toTimelineEvent,
} from './github-timeline-queries'
import type { ItemTimelineNode, TimelineItemsConnection } from './github-timeline-queries'
import { graphqlFailure } from './github-timelines'
import { closeItem, reopenItem } from './testing/fake-github-model'
import { startFakeGitHub } from './testing/fake-github-server'
import type { FakeGitHub } from './testing/fake-github-server'
import { GITHUB_CHECKED_QUERIES } from './testing/fixtures/checked-queries'

/** GitHub's public schema, trimmed to what the connector's queries use (see its header). */
const SCHEMA = buildSchema(
  readFileSync(new URL('./testing/fixtures/github-schema.graphql', import.meta.url), 'utf8'),
)

// A response is re-executed against the schema with itself as the data: each field is read by
// its response key, abstract types by `__typename` (or the only possible type, where the query
// selects interface fields alone). The result equals the response exactly when the response has
// every selected field, no other, and values of the right types and nullability.
const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (...[source, , , info]) =>
  (source as Record<string, unknown>)[info.path.key as string]
const byTypename: GraphQLTypeResolver<unknown, unknown> = (...[value, , info, type]) =>
  (value as { __typename?: string }).__typename ?? info.schema.getPossibleTypes(type)[0]?.name

async function expectSelectionShape(query: string, variables: object, data: unknown) {
  const result = await execute({
    schema: SCHEMA,
    document: parse(query),
    rootValue: data,
    variableValues: variables as Record<string, unknown>,
    fieldResolver: byResponseKey,
    typeResolver: byTypename,
  })
  expect(result.errors?.map((e) => `${e.path?.join('.')}: ${e.message}`)).toBeUndefined()
  expect(JSON.parse(JSON.stringify(result.data))).toEqual(data)
}

async function postGraphql(fake: FakeGitHub, query: string, variables: object) {
  const response = await fetch(`${fake.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `bearer ${fake.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { data: unknown; errors?: { type?: string }[] }
}

async function restTimeline(fake: FakeGitHub, key: string): Promise<GitHubTimelineEvent[]> {
  const [repo, number] = key.split('#')
  const events: GitHubTimelineEvent[] = []
  let url: string | undefined = `${fake.url}/repos/${repo}/issues/${number}/timeline`
  while (url !== undefined) {
    const response = await fetch(url, { headers: { authorization: `token ${fake.token}` } })
    events.push(...((await response.json()) as GitHubTimelineEvent[]))
    url = findLink(response.headers.get('link'), 'next')
  }
  return events
}

/** What the mapper reads of an event: REST and converted GraphQL events must agree on it. */
function mapperView(event: GitHubTimelineEvent & Record<string, unknown>) {
  return {
    event: event.event,
    at: event.created_at,
    label: event.label?.name,
    milestone: event.milestone?.title,
    reason: event.event === 'closed' ? (event.state_reason ?? null) : undefined,
    assignee: (event.assignee as { login?: string } | undefined)?.login,
    source: event.source?.issue ? keyOfIssue(event.source.issue) : undefined,
  }
}

const HOUR = 3_600_000

describe("GitHub's GraphQL queries", () => {
  test('the vendored schema part is a valid schema', () => {
    expect(validateSchema(SCHEMA).map((e) => e.message)).toEqual([])
  })

  test.each(Object.entries(GITHUB_CHECKED_QUERIES))(
    "the %s query is valid against GitHub's public schema",
    (_, query) => {
      expect(validate(SCHEMA, parse(query)).map((e) => e.message)).toEqual([])
    },
  )

  test('every timeline event the REST path maps is asked for by its GraphQL type', () => {
    const mapped = [
      'labeled',
      'unlabeled',
      'closed',
      'reopened',
      'assigned',
      'milestoned',
      'demilestoned',
      'cross-referenced',
      'connected',
      'converted_to_draft',
      'ready_for_review',
      'merged',
    ]
    expect(Object.values(TIMELINE_EVENTS)).toEqual(expect.arrayContaining(mapped))
    const pullUnion = SCHEMA.getType('PullRequestTimelineItems')
    expect(isUnionType(pullUnion)).toBe(true)
    for (const name of Object.keys(TIMELINE_EVENTS)) {
      expect(isObjectType(SCHEMA.getType(name)), name).toBe(true)
      expect(ITEM_TIMELINES_QUERY).toContain(`... on ${name} {`)
      const item = name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()
      expect(SCHEMA.getType('PullRequestTimelineItemsItemType')?.toString()).toBe(
        'PullRequestTimelineItemsItemType',
      )
      expect(ITEM_TIMELINES_QUERY).toContain(item)
    }
  })

  test("the fake answers the timeline queries in the shapes they select, with the REST timeline's events", async () => {
    const fake = await startFakeGitHub({ workflow: 'milestones', timelinePageSize: 3 })
    try {
      const pay = { name: 'pay', kind: 'repo' as const, value: 'acme/pay' }
      const [issue = '', gone = '', other = ''] = await fake.createItems(pay, 3, { changes: 2 })
      const pull = fake.createPullRequest('acme/pay', { draft: true, branch: 'feature/x' })
      const created = fake.store.byKey.get(pull)?.createdMs ?? 0
      fake.changeItem(pull, created + 3 * HOUR, (item) => {
        item.events.push({ kind: 'ready_for_review', atMs: created + HOUR })
        item.events.push({ kind: 'converted_to_draft', atMs: created + HOUR + 60_000 })
        item.events.push({ kind: 'ready_for_review', atMs: created + 2 * HOUR })
        item.events.push({ kind: 'connected', atMs: created + 2 * HOUR })
        item.mergedMs = created + 3 * HOUR
        item.events.push({ kind: 'merged', atMs: created + 3 * HOUR })
        closeItem(item, created + 3 * HOUR, null)
      })
      fake.changeItem(issue, created + 4 * HOUR, (item) => {
        item.events.push({ kind: 'cross-referenced', atMs: created, source: pull })
        item.events.push({ kind: 'labeled', atMs: created + HOUR, label: 'bug' })
        item.events.push({ kind: 'unlabeled', atMs: created + 2 * HOUR, label: 'bug' })
        closeItem(item, created + 3 * HOUR, 'not_planned')
        reopenItem(item, created + 4 * HOUR)
      })
      await fake.deleteItems([gone])
      const keys = [issue, gone, other, pull]
      const ids = keys.map((key) => fake.store.byKey.get(key)?.nodeId)

      const answer = await postGraphql(fake, ITEM_TIMELINES_QUERY, { ids })
      await expectSelectionShape(ITEM_TIMELINES_QUERY, { ids }, answer.data)
      expect(answer.errors?.map((e) => e.type)).toEqual(['NOT_FOUND'])
      const nodes = (answer.data as { nodes: (ItemTimelineNode | null)[] }).nodes
      expect(nodes[1]).toBeNull()
      expect(nodes[3]?.headRefName).toBe('feature/x')

      for (const [k, key] of keys.entries()) {
        const node = nodes[k]
        if (node == null) continue
        const events = [...(node.timelineItems?.nodes ?? [])]
        let page = node.timelineItems?.pageInfo
        while (page?.hasNextPage) {
          const variables = { id: ids[k], after: page.endCursor }
          const next = await postGraphql(fake, ITEM_TIMELINE_PAGE_QUERY, variables)
          await expectSelectionShape(ITEM_TIMELINE_PAGE_QUERY, variables, next.data)
          const more = (next.data as { node: { timelineItems: TimelineItemsConnection } }).node
          events.push(...(more.timelineItems.nodes ?? []))
          page = more.timelineItems.pageInfo
        }
        const converted = events.map((e) => toTimelineEvent(e, fake.url))
        const rest = (await restTimeline(fake, key)).filter((e) =>
          Object.values(TIMELINE_EVENTS).includes(e.event as never),
        )
        expect(
          converted.map((e) => mapperView(e as never)),
          key,
        ).toEqual(rest.map((e) => mapperView(e as never)))
      }
    } finally {
      await fake.close()
    }
  })

  test('GraphQL errors other than items gone stop the read with a message naming source and read', () => {
    const ctx = { sourceName: 'acme-gh' }
    expect(graphqlFailure(ctx, 'x', [{ type: 'NOT_FOUND', message: 'gone' }])).toBeUndefined()
    const limited = graphqlFailure(ctx, 'timelines of 100 items from acme/pay#1', [
      { type: 'RATE_LIMITED', message: 'API rate limit exceeded' },
    ])
    expect(isVmoError(limited, 'CONNECTOR_RATE_LIMITED')).toBe(true)
    expect(limited?.message).toBe(
      'github source "acme-gh": POST /graphql (timelines of 100 items from acme/pay#1): still rate limited: RATE_LIMITED: API rate limit exceeded',
    )
    const forbidden = graphqlFailure(ctx, 'y', [{ type: 'FORBIDDEN', message: 'no access' }])
    expect(isVmoError(forbidden, 'CONNECTOR_AUTH_FAILED')).toBe(true)
    const odd = graphqlFailure(ctx, 'z', [{ message: 'Parse error' }])
    expect(isVmoError(odd, 'CONNECTOR_BAD_RESPONSE')).toBe(true)
    expect(odd?.message).toMatch(
      /^github source "acme-gh": POST \/graphql \(z\) answered errors: ERROR: Parse error$/,
    )
  })
})
