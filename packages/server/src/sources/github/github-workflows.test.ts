import { describe, expect, test } from 'vitest'
import type { ScopeSpec } from '../connector'
import { pullAll } from '../testing/connector-contract'
import { graphqlUrlOf } from './github-client'
import { closeItem } from './testing/fake-github-model'
import {
  PAY,
  expectedComparable,
  pulledComparable,
  withGitHubPair,
} from './testing/github-test-pair'

const HOUR = 3_600_000

describe('GitHub workflows over HTTP', () => {
  test('reads statuses from status labels, label swaps and all, when labels are the workflow', () =>
    withGitHubPair(
      { fake: { workflow: 'labels' }, config: { workflow: { kind: 'labels', prefix: 'status:' } } },
      async (pair) => {
        const keys = await pair.fake.createItems(PAY, 4, { changes: 5 })
        await pair.fake.editItems([keys[0] ?? ''], Date.now())
        expect(await pulledComparable(pair)).toEqual(expectedComparable(pair, keys))
        expect(pair.fake.expectedRecord(keys[0] ?? '').changes).toHaveLength(6)
      },
    ))

  test('reads statuses from milestones when milestones are the workflow', () =>
    withGitHubPair(
      { fake: { workflow: 'milestones' }, config: { workflow: { kind: 'milestones' } } },
      async (pair) => {
        const keys = await pair.fake.createItems(PAY, 3, { changes: 4 })
        expect(await pulledComparable(pair)).toEqual(expectedComparable(pair, keys))
      },
    ))

  test('reads statuses from the Projects v2 Status field over GraphQL, its history paged, when a project is the workflow', () =>
    withGitHubPair(
      {
        fake: { workflow: 'project', graphqlPageSize: 2 },
        config: { workflow: { kind: 'project', owner: 'acme', number: 1 } },
      },
      async (pair) => {
        const keys = await pair.fake.createItems(PAY, 3, { changes: 5 })
        expect(await pulledComparable(pair)).toEqual(expectedComparable(pair, keys))
        const graphql = pair.fake.requestLog().filter((p) => p === '/graphql')
        // the project, one query for the page of items' timelines, one for their project
        // values, two more pages of each item's project history
        expect(graphql).toHaveLength(1 + 1 + 1 + 3 * 2)
      },
    ))

  test('reports a project field that does not exist as INVALID_CONFIG in test() and pull', () =>
    withGitHubPair(
      {
        fake: { workflow: 'project' },
        config: { workflow: { kind: 'project', owner: 'acme', number: 1, field: 'Stage' } },
      },
      async (pair) => {
        await pair.fake.createItems(PAY, 1)
        const report = await pair.connector.test([PAY])
        expect(report.checks.find((c) => c.name === 'permissions')).toMatchObject({
          ok: false,
          detail:
            'project 1 of organization "acme" ("Roadmap"): field "Stage" does not exist; the workflow needs a single-select field',
        })
        await expect(pullAll(pair.connector, PAY)).rejects.toMatchObject({ code: 'INVALID_CONFIG' })
      },
    ))

  test('reads a pull request with its branch and closing references, from draft to merged', () =>
    withGitHubPair({}, async (pair) => {
      const [issue = ''] = await pair.fake.createItems(PAY, 1)
      const key = pair.fake.createPullRequest('acme/pay', {
        draft: true,
        branch: 'feature/PAY-12-refunds',
        body: `Adds refunds.\n\nFixes #${issue.split('#')[1]}`,
      })
      const pull = pair.fake.store.byKey.get(key)
      const created = pull?.createdMs ?? 0
      pair.fake.changeItem(key, created + 2 * HOUR, (item) => {
        item.draft = false
        item.events.push({ kind: 'ready_for_review', atMs: created + HOUR })
        item.mergedMs = created + 2 * HOUR
        item.events.push({ kind: 'merged', atMs: created + 2 * HOUR })
        closeItem(item, created + 2 * HOUR, null)
      })
      const got = (await pullAll(pair.connector, PAY)).get(key)?.record
      expect(got?.type).toBe('Pull Request')
      expect(got?.changes.map((c) => `${c.from}>${c.to}`)).toEqual(['draft>open', 'open>merged'])
      expect(got?.links).toEqual([{ type: 'closes', target: issue }])
      expect(got?.fields?.branch).toBe('feature/PAY-12-refunds')
    }))

  test('reads the timeline of an issue with an issue type over REST, the others over GraphQL', () =>
    withGitHubPair({}, async (pair) => {
      const [typed = '', plain = ''] = await pair.fake.createItems(PAY, 2)
      const created = pair.fake.store.byKey.get(typed)?.createdMs ?? 0
      pair.fake.changeItem(typed, created + 30 * HOUR, (item) => {
        item.issueType = 'Bug'
        item.events.push({ kind: 'issue_type_added', atMs: created + 30 * HOUR, issueType: 'Bug' })
      })
      const got = await pullAll(pair.connector, PAY)
      const types = got.get(typed)?.record.changes.filter((c) => c.field === 'type')
      expect(types?.map((c) => `${c.from}>${c.to}`)).toEqual(['Issue>Bug'])
      expect(got.get(typed)?.record.fields?.historyCorrected).toBeUndefined()
      expect(got.get(plain)?.record.type).toBe('Issue')
      const timelines = pair.fake.requestLog().filter((p) => p.includes('/timeline'))
      expect(timelines).toEqual(['/repos/acme/pay/issues/1/timeline?per_page=100'])
    }))

  test('leaves pull requests out when includePullRequests is false, in pulls, censuses and counts', () =>
    withGitHubPair({ config: { includePullRequests: false } }, async (pair) => {
      const keys = await pair.fake.createItems(PAY, 2)
      pair.fake.createPullRequest('acme/pay', {})
      expect([...(await pullAll(pair.connector, PAY)).keys()].sort()).toEqual(keys)
      const census: string[] = []
      for await (const page of pair.connector.listKeys(PAY)) census.push(...page)
      expect(census.sort()).toEqual(keys)
      expect((await pair.connector.test([PAY])).scopes).toEqual([{ scope: 'pay', items: 2 }])
    }))

  test('pulls every repository of an organisation and resumes in the repository it stopped in', () =>
    withGitHubPair({ fake: { pageSize: 2 } }, async (pair) => {
      const org: ScopeSpec = { name: 'acme', kind: 'org', value: 'acme' }
      const pay = await pair.fake.createItems(PAY, 3)
      const web = await pair.fake.createItems({ name: 'web', kind: 'repo', value: 'acme/web' }, 3)
      expect([...(await pullAll(pair.connector, org)).keys()].sort()).toEqual(
        [...pay, ...web].sort(),
      )
      const checkpoints: string[] = []
      for await (const page of pair.connector.pull(org)) checkpoints.push(page.checkpoint)
      const inWeb = checkpoints.find((c) => c.includes('"repo":"acme/web"')) ?? ''
      const rest = [...(await pullAll(pair.connector, org, { checkpoint: inWeb })).keys()]
      expect(rest.every((key) => key.startsWith('acme/web#'))).toBe(true)
      expect((await pair.connector.test([org])).scopes).toEqual([{ scope: 'acme', items: 6 }])
    }))

  test('fetches items named by node id and follows a transferred issue to its new key', () =>
    withGitHubPair({}, async (pair) => {
      const [first = '', second = ''] = await pair.fake.createItems(PAY, 2)
      const moved = await pair.fake.moveItem(
        second,
        { name: 'web', kind: 'repo', value: 'acme/web' },
        Date.now(),
      )
      const nodeId = pair.fake.store.byKey.get(first)?.nodeId ?? ''
      const got = await pair.connector.fetchItems([nodeId, second, 'acme/pay#99'])
      expect(got.map((i) => i.record.key).sort()).toEqual([first, moved].sort())
      await expect(pair.connector.fetchItems(['not a key'])).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      })
    }))

  test('finds the GraphQL endpoint of GitHub and of GitHub Enterprise Server', () => {
    expect(graphqlUrlOf('https://api.github.com')).toBe('https://api.github.com/graphql')
    expect(graphqlUrlOf('https://ghe.example.com/api/v3')).toBe(
      'https://ghe.example.com/api/graphql',
    )
  })
})
