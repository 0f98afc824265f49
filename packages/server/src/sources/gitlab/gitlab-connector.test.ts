import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { pullAll } from '../testing/connector-contract'
import { createGitLabConnector } from './gitlab-connector'
import { parseGitLabConnectorConfig } from './gitlab-connector-config'
import { startFakeGitLab } from './testing/fake-gitlab-server'
import type { FakeGitLabOptions } from './testing/fake-gitlab-server'

const PAY = { name: 'pay', kind: 'project', value: 'acme/pay' }
const WEB = { name: 'web', kind: 'project', value: 'acme/web' }
const GROUP = { name: 'acme', kind: 'group', value: 'acme' }
const RETRY = { limit: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 }

async function withFake(
  options: FakeGitLabOptions,
  body: (
    fake: Awaited<ReturnType<typeof startFakeGitLab>>,
    connector: ReturnType<typeof createGitLabConnector>,
  ) => Promise<void>,
) {
  const fake = await startFakeGitLab({ pageSize: 4, ...options })
  const connector = createGitLabConnector({
    sourceName: 'gitlab',
    token: fake.token,
    config: { url: fake.apiUrl, pageSize: 4, requestTimeoutMs: 1000 },
    retry: RETRY,
  })
  try {
    await body(fake, connector)
  } finally {
    await fake.close()
  }
}

describe('the GitLab connector', () => {
  test('reads project issues with keyset pages and sends the token only as PRIVATE-TOKEN', () =>
    withFake({}, async (fake, connector) => {
      await fake.createItems(PAY, 9)
      expect((await pullAll(connector, PAY)).size).toBe(9)
      const lists = fake
        .requestLog()
        .filter((p) => p.startsWith('/api/v4/projects/acme%2Fpay/issues?'))
      expect(lists[0]).toMatch(/pagination=keyset/)
      expect(lists.slice(1).every((p) => /cursor=/.test(p))).toBe(true)
      expect(fake.requestLog().some((p) => p.includes(fake.token))).toBe(false)
    }))

  test('falls back to numbered pages on an instance that refuses keyset pagination', () =>
    withFake({ refuseKeyset: true }, async (fake, connector) => {
      const keys = await fake.createItems(PAY, 9)
      expect([...(await pullAll(connector, PAY)).keys()].sort()).toEqual([...keys].sort())
      expect(fake.requestLog().some((p) => /[?&]page=2/.test(p))).toBe(true)
    }))

  test('a group scope reads every project of the group, and merge requests with what they close', () =>
    withFake({}, async (fake, connector) => {
      const pay = await fake.createItems(PAY, 3)
      const web = await fake.createItems(WEB, 2)
      const merge = fake.createMergeRequest('acme/web', { closes: [pay[1] ?? ''] })
      const got = await pullAll(connector, GROUP)
      expect([...got.keys()].sort()).toEqual([...pay, ...web, merge].sort())
      expect(got.get(merge)?.record).toMatchObject({
        type: 'merge_request',
        links: [{ type: 'closes', target: pay[1] }],
      })
    }))

  test('an incremental pull asks for updated_after and the rate limit comes from RateLimit-*', () =>
    withFake({}, async (fake, connector) => {
      await fake.createItems(PAY, 2)
      expect(connector.rateLimit()).toBeNull()
      await pullAll(connector, PAY, { sinceMs: Date.parse('2026-01-01T00:00:00Z') })
      expect(fake.requestLog()[0]).toMatch(/updated_after=2026-01-01T00%3A00%3A00.000Z/)
      expect(connector.rateLimit()).toMatchObject({ limit: 2000, resetAt: expect.any(String) })
    }))

  test('test() says when the token lacks the read_api scope', () =>
    withFake({ tokenScopes: ['read_user'] }, async (_fake, connector) => {
      const report = await connector.test([PAY])
      expect(report.ok).toBe(false)
      expect(report.checks.find((c) => c.name === 'permissions')?.detail).toMatch(/read_api/)
    }))

  test('a 403 of a missing scope is CONNECTOR_AUTH_FAILED naming read_api', () =>
    withFake({}, async (fake, connector) => {
      await fake.createItems(PAY, 1)
      fake.injectFault({ path: '', count: 10, kind: 'forbidden' })
      const error = await pullAll(connector, PAY).catch((e: unknown) => e)
      expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED')).toBe(true)
      expect((error as Error).message).toMatch(/read_api/)
    }))

  test('an instance that cannot be reached is CONNECTOR_UNAVAILABLE, and test() says so', async () => {
    const fake = await startFakeGitLab()
    const url = fake.apiUrl
    await fake.close()
    const connector = createGitLabConnector({
      sourceName: 'gitlab',
      token: 'glpat-secret-never-shown',
      config: { url, requestTimeoutMs: 500 },
      retry: RETRY,
    })
    const error = await pullAll(connector, PAY).catch((e: unknown) => e)
    expect(isVmoError(error, 'CONNECTOR_UNAVAILABLE'), String(error)).toBe(true)
    expect((error as Error).message).toMatch(/could not be reached \(ECONNREFUSED\)/)
    expect((error as Error).message).not.toMatch(/secret-never-shown/)
    const report = await connector.test([PAY])
    expect(report.checks.find((c) => c.name === 'reachable')?.ok).toBe(false)
  })

  test('fetchItems refuses a key that is not a GitLab key', () =>
    withFake({}, async (_fake, connector) => {
      await expect(connector.fetchItems(['PAY-12'])).rejects.toThrow(/not a gitlab item key/)
    }))
})

describe('parseGitLabConnectorConfig', () => {
  test('adds /api/v4 to a bare self-managed URL and defaults to gitlab.com', () => {
    expect(parseGitLabConnectorConfig({ url: 'https://gitlab.acme.com/' }).url).toBe(
      'https://gitlab.acme.com/api/v4',
    )
    expect(parseGitLabConnectorConfig({}).url).toBe('https://gitlab.com/api/v4')
  })

  test('refuses a workflow scope written with its "::"', () => {
    expect(() => parseGitLabConnectorConfig({ workflowScope: 'workflow::' })).toThrow(
      /workflowScope: a scoped-label key has no "::"/,
    )
  })
})
