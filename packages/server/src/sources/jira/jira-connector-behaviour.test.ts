import { afterEach, describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import type { ScopeSpec } from '../connector'
import { pullAll } from '../testing/connector-contract'
import { createJiraConnector } from './jira-connector'
import { flowStateOfCategory } from './jira-statuses'
import { startFakeJira } from './testing/fake-jira'
import type { FakeJira, FakeJiraOptions } from './testing/fake-jira'

const PAY: ScopeSpec = { name: 'payments', kind: 'project', value: 'PAY' }
const OPS: ScopeSpec = { name: 'ops', kind: 'project', value: 'OPS' }
const fakes: FakeJira[] = []

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()))
})

async function fakeJira(options: FakeJiraOptions): Promise<FakeJira> {
  const fake = await startFakeJira(options)
  fakes.push(fake)
  return fake
}

function connectorTo(fake: FakeJira) {
  return createJiraConnector({
    sourceName: 'acme-jira',
    token: fake.token,
    config: {
      url: fake.url,
      deployment: fake.deployment,
      email: fake.email,
      pageSize: fake.pageSize,
    },
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  })
}

describe.each(['cloud', 'data_center'] as const)('the Jira %s connector', (deployment) => {
  test('fetches a moved issue by its former key under its new key', async () => {
    const fake = await fakeJira({ deployment })
    const [key = ''] = await fake.createItems(PAY, 1)
    const moved = await fake.moveItem(key, OPS, Date.now())
    const items = await connectorTo(fake).fetchItems([key])
    expect(items.map((i) => i.record.key)).toEqual([moved])
    expect(items[0]?.record.changes).toContainEqual(
      expect.objectContaining({ field: 'Key', from: key, to: moved }),
    )
  })

  test('pulls a JQL scope whose query has its own ORDER BY', async () => {
    const fake = await fakeJira({ deployment, pageSize: 3 })
    const keys = await fake.createItems(PAY, 8)
    await fake.createItems(OPS, 4)
    const scope = {
      name: 'web',
      kind: 'jql',
      value: 'project = PAY AND labels = web ORDER BY rank',
    }
    const got = await pullAll(connectorTo(fake), scope)
    expect([...got.keys()]).toEqual(keys.filter((_, i) => i % 2 === 0))
    expect(fake.jqlLog()[0]).toMatch(/^\(project = PAY AND labels = web\) ORDER BY created ASC/)
  })

  test('lists the statuses with their categories', async () => {
    const fake = await fakeJira({ deployment })
    const statuses = await connectorTo(fake).listStatuses()
    expect(statuses.map((s) => [s.name, s.category, flowStateOfCategory(s.category)])).toEqual([
      ['To Do', 'new', 'new'],
      ['In Progress', 'indeterminate', 'active'],
      ['In Review', 'indeterminate', 'active'],
      ['Done', 'done', 'done'],
    ])
  })

  test('reports the time zone and a project it cannot browse when tested', async () => {
    const fake = await fakeJira({ deployment, timeZone: 'Asia/Kolkata' })
    await fake.createItems(PAY, 2)
    const report = await connectorTo(fake).test([
      PAY,
      { name: 'gone', kind: 'project', value: 'GONE' },
    ])
    expect(report.ok).toBe(false)
    expect(report.timezone).toBe('Asia/Kolkata')
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reachable', true],
      ['authenticated', true],
      ['timezone', true],
      ['permissions', false],
      ['scope', false],
    ])
    expect(report.checks.find((c) => c.name === 'permissions')?.detail).toBe(
      'project GONE does not exist or the account cannot see it',
    )
    expect(report.scopes[0]).toEqual({ scope: 'payments', items: 2 })
  })

  test('refuses a checkpoint it did not make with INVALID_INPUT', async () => {
    const fake = await fakeJira({ deployment })
    const error = await pullAll(connectorTo(fake), PAY, { checkpoint: 'page-7' }).catch(
      (e: unknown) => e,
    )
    expect(isVmoError(error, 'INVALID_INPUT')).toBe(true)
    expect((error as Error).message).toBe(
      'jira source "acme-jira": checkpoint "page-7" is not a jira pull checkpoint',
    )
  })

  test('resumes after a checkpoint among issues created in the same millisecond', async () => {
    const fake = await fakeJira({ deployment, pageSize: 4 })
    const keys = await fake.createItems(PAY, 10)
    for (const issue of fake.state.issues) issue.createdMs = fake.state.baseMs
    fake.state.version++
    const connector = connectorTo(fake)
    const pages = connector.pull(PAY)[Symbol.asyncIterator]()
    const first = await pages.next()
    await pages.return?.(undefined)
    const seen = new Set(first.done ? [] : first.value.items.map((i) => i.record.key))
    const checkpoint = first.done ? undefined : first.value.checkpoint
    const rest = await pullAll(connector, PAY, { checkpoint })
    expect([...rest.keys()].filter((k) => seen.has(k))).toEqual([])
    expect([...seen, ...rest.keys()].sort()).toEqual([...keys].sort())
  })
})

describe('the Jira Data Center connector', () => {
  test('counts a scope from the search total when tested', async () => {
    const fake = await fakeJira({ deployment: 'data_center', keyPageSize: 2 })
    await fake.createItems(PAY, 5)
    const report = await connectorTo(fake).test([PAY])
    expect(report.scopes).toEqual([{ scope: 'payments', items: 5 }])
    expect(fake.requestLog().filter((path) => path.includes('/search'))).toHaveLength(1)
  })

  test('reads a long changelog from the issue resource when the changelog resource is missing', async () => {
    const fake = await fakeJira({
      deployment: 'data_center',
      inlineHistoryLimit: 5,
      changelogResource: false,
    })
    const [key = ''] = await fake.createItems(PAY, 1, { changes: 12 })
    const got = await pullAll(connectorTo(fake), PAY)
    expect(got.get(key)?.record.changes.filter((c) => c.field === 'status')).toHaveLength(12)
    expect(fake.requestLog()).toContain(`/rest/api/2/issue/${key}?fields=created&expand=changelog`)
  })
})

describe('the Jira Cloud connector', () => {
  test('leaves out an issue the mapper refuses and says which when one is unreadable', async () => {
    const fake = await fakeJira({ deployment: 'cloud' })
    const [bad = '', good = ''] = await fake.createItems(PAY, 2)
    const broken = fake.state.find(bad)
    if (broken) broken.createdText = '03/Mar/24 11:00 AM'
    const skipped: { key?: string; reason: string }[] = []
    const connector = createJiraConnector({
      sourceName: 'acme-jira',
      token: fake.token,
      config: { url: fake.url, email: fake.email },
      onSkippedIssue: (issue) => skipped.push(issue),
    })
    expect([...(await pullAll(connector, PAY)).keys()]).toEqual([good])
    expect(skipped).toEqual([
      {
        key: bad,
        reason: 'fields.created "03/Mar/24 11:00 AM" is not an instant with offset',
      },
    ])
  })

  test('keeps the rate-limit headers of the last answer', async () => {
    const fake = await fakeJira({ deployment: 'cloud' })
    const connector = connectorTo(fake)
    expect(connector.rateLimit()).toBeNull()
    await connector.listStatuses()
    expect(connector.rateLimit()).toEqual({
      limit: 1000,
      remaining: expect.any(Number),
      resetAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/),
    })
  })
})
