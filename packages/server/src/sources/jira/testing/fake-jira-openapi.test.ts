import { describe, expect, test } from 'vitest'
import { sharedDataPath } from '../../../../test/shared-data'
import type { ScopeSpec } from '../../connector'
import { createJiraConnector } from '../jira-connector'
import type { JiraConnector } from '../jira-connector'
import { startFakeJira } from './fake-jira'
import type { FakeJira } from './fake-jira'
import { JiraOpenApi, schemasOf } from './fake-jira-openapi'

const spec = new JiraOpenApi(
  sharedDataPath('jira-cloud-openapi/jira-cloud-platform-rest-v3.openapi.json'),
)
const PAY: ScopeSpec = { name: 'payments', kind: 'project', value: 'PAY' }
const OPS: ScopeSpec = { name: 'ops', kind: 'project', value: 'OPS' }
const WEB: ScopeSpec = { name: 'web', kind: 'jql', value: 'project in (PAY, OPS) AND labels = web' }
const DAY = 86_400_000

function connectorTo(fake: FakeJira, token = fake.token): JiraConnector {
  return createJiraConnector({
    sourceName: 'acme-jira',
    token,
    config: {
      url: fake.url,
      deployment: fake.deployment,
      email: fake.email,
      pageSize: fake.pageSize,
      keyPageSize: 5,
      changelogPageSize: 10,
      requestTimeoutMs: 2000,
      fields: { 'Story Points': 'customfield_10016' },
    },
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  })
}

async function drain<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const page of pages) all.push(page)
  return all
}

// Drives the connector through every request it makes (and a few error answers), with the fake
// recording every exchange.
async function exerciseEveryEndpoint(fake: FakeJira): Promise<void> {
  const keys = await fake.createItems(PAY, 12)
  const [long = ''] = await fake.createItems(PAY, 1, { changes: 25 })
  await fake.createItems(OPS, 2)
  await fake.moveItem(keys[3] ?? '', OPS, Date.now())
  await fake.deleteItems([keys[5] ?? ''])
  const connector = connectorTo(fake)
  await connector.test([PAY, OPS, WEB])
  fake.injectFault({ path: '/status', count: 1, kind: 'rate_limited' })
  await connector.listStatuses()
  fake.injectFault({ path: '/status', count: 1, kind: 'forbidden' })
  await connector.listStatuses().catch(() => undefined)
  await drain(connector.pull(PAY))
  await drain(connector.pull(WEB, { sinceMs: Date.now() - 1000 * DAY }))
  await drain(connector.listKeys(OPS))
  await connector.fetchItems([long, keys[5] ?? '', keys[3] ?? ''])
  await connector.test([{ name: 'gone', kind: 'project', value: 'NOPE' }])
  await connectorTo(fake, 'revoked').test([PAY])
  const auth =
    fake.deployment === 'cloud'
      ? `Basic ${btoa(`${fake.email}:${fake.token}`)}`
      : `Bearer ${fake.token}`
  const api = fake.deployment === 'cloud' ? '/rest/api/3' : '/rest/api/2'
  for (const path of [
    `/issue/${long}?expand=changelog`,
    `/issue/${long}/changelog?startAt=20&maxResults=5`,
  ]) {
    await fetch(`${fake.url}${api}${path}`, { headers: { authorization: auth } })
  }
}

describe.each(['cloud', 'data_center'] as const)('the fake Jira %s', (deployment) => {
  test('answers every request the connector makes in the shapes of the Jira OpenAPI document', async () => {
    const fake = await startFakeJira({
      deployment,
      record: true,
      pageSize: 5,
      inlineHistoryLimit: 10,
      bulkChangelogLimit: 10,
    })
    try {
      await exerciseEveryEndpoint(fake)
      const transcript = fake.transcript()
      expect(transcript.flatMap((exchange) => spec.exchangeProblems(exchange))).toEqual([])
      const checked = new Set(
        transcript.map((e) => `${schemasOf(e)?.response}${e.status >= 400 ? ` ${e.status}` : ''}`),
      )
      const expected =
        deployment === 'cloud'
          ? ['SearchAndReconcileResults', 'BulkChangelogResponseBean']
          : ['SearchResults']
      for (const schema of [
        ...expected,
        'User',
        'FieldDetails',
        'StatusDetails',
        'Permissions',
        'PageBeanChangelog',
        'IssueBean',
      ]) {
        expect(checked, schema).toContain(schema)
      }
      expect([...checked].filter((c) => c.startsWith('ErrorCollection')).sort()).toEqual([
        'ErrorCollection 400',
        'ErrorCollection 401',
        'ErrorCollection 403',
        'ErrorCollection 404',
        'ErrorCollection 429',
      ])
    } finally {
      await fake.close()
    }
  })
})

describe('the OpenAPI checks', () => {
  test('find a field the schema does not allow when a fake answer has one', () => {
    expect(
      spec.problems('StatusDetails', { name: 'Done', statusCategory: { key: 'done' } }),
    ).toEqual([])
    expect(
      spec.problems('PageBeanChangelog', { values: [], isLast: true, nextPageToken: 'x' }),
    ).toEqual([expect.stringContaining('must NOT have additional properties')])
    expect(
      spec.fieldProblems({ fields: { resolution: { name: 'Done', color: 'green' } } }),
    ).toHaveLength(1)
  })

  test('find a query parameter the spec does not declare when the connector sends one', () => {
    const problems = spec.exchangeProblems({
      method: 'GET',
      target: '/rest/api/2/search?jql=x&validateQuery=warn&pageToken=1',
      requestBody: '',
      status: 200,
      responseBody: '{"issues":[]}',
    })
    expect(problems).toEqual([
      'GET /rest/api/2/search?jql=x&validateQuery=warn&pageToken=1: query parameter pageToken is not in the spec',
    ])
  })
})
