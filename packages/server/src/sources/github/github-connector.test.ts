import { inspect } from 'node:util'
import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { pullAll } from '../testing/connector-contract'
import { createGitHubConnector } from './github-connector'
import { encodeCheckpoint } from './github-scopes'
import {
  PAY,
  expectedComparable,
  pulledComparable,
  withGitHubPair,
} from './testing/github-test-pair'

async function census(pair: Parameters<Parameters<typeof withGitHubPair>[1]>[0]) {
  const keys: string[] = []
  for await (const page of pair.connector.listKeys(PAY)) keys.push(...page)
  return keys
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('GitHub connector over HTTP', () => {
  test('a second census of an unchanged repository costs only 304s and no rate limit', () =>
    withGitHubPair({}, async (pair) => {
      const keys = await pair.fake.createItems(PAY, 250)
      expect((await census(pair)).sort()).toEqual([...keys].sort())
      const remaining = pair.connector.rateLimit()?.remaining
      const before = pair.fake.responseLog().length
      expect((await census(pair)).sort()).toEqual([...keys].sort())
      const second = pair.fake.responseLog().slice(before)
      expect(second.map((r) => r.status)).toEqual([304, 304, 304])
      expect(pair.connector.rateLimit()?.remaining).toBe(remaining)
    }))

  test('a census after an edit reads again only the page the edited item is on', () =>
    withGitHubPair({}, async (pair) => {
      const keys = await pair.fake.createItems(PAY, 250)
      await census(pair)
      await pair.fake.editItems([keys[150] ?? ''], Date.now())
      const before = pair.fake.responseLog().length
      await census(pair)
      expect(
        pair.fake
          .responseLog()
          .slice(before)
          .map((r) => r.status),
      ).toEqual([304, 200, 304])
    }))

  test('a pull rides out secondary rate limits when GitHub answers 403 with Retry-After', () =>
    withGitHubPair({}, async (pair) => {
      const keys = await pair.fake.createItems(PAY, 3)
      pair.fake.injectFault({ path: '/graphql', count: 2, kind: 'secondary_rate_limited' })
      expect(await pulledComparable(pair)).toEqual(expectedComparable(pair, keys))
      const refused = pair.fake.responseLog().filter((r) => r.status === 403)
      expect(refused).toHaveLength(2)
    }))

  test('a pull stops with CONNECTOR_RATE_LIMITED when the secondary limit never lifts', () =>
    withGitHubPair({}, async (pair) => {
      await pair.fake.createItems(PAY, 1)
      pair.fake.injectFault({ path: '', count: 100, kind: 'secondary_rate_limited' })
      const error = await rejectionOf(pullAll(pair.connector, PAY))
      expect(isVmoError(error, 'CONNECTOR_RATE_LIMITED'), String(error)).toBe(true)
      expect((error as Error).message).toMatch(
        /still rate limited after 3 retries; GitHub asked to wait 1 s/,
      )
      expect(pair.connector.rateLimit()?.retryAfterSeconds).toBe(1)
    }))

  test('a pull waits out a GraphQL RATE_LIMITED answer until the reset, and stops when it never lifts', () =>
    withGitHubPair({}, async (pair) => {
      const keys = await pair.fake.createItems(PAY, 3)
      pair.fake.injectFault({ path: '/graphql', count: 2, kind: 'graphql_rate_limited' })
      expect(await pulledComparable(pair)).toEqual(expectedComparable(pair, keys))
      pair.fake.injectFault({ path: '/graphql', count: 100, kind: 'graphql_rate_limited' })
      const error = await rejectionOf(pullAll(pair.connector, PAY))
      expect(isVmoError(error, 'CONNECTOR_RATE_LIMITED'), String(error)).toBe(true)
      expect((error as Error).message).toMatch(
        /^github source "github": POST \/graphql: still rate limited after 3 retries \(GitHub answered RATE_LIMITED\); the limit resets at /,
      )
    }))

  test('a missing permission stops a pull with CONNECTOR_AUTH_FAILED naming the permission', () =>
    withGitHubPair({}, async (pair) => {
      await pair.fake.createItems(PAY, 1)
      pair.fake.injectFault({ path: '/graphql', count: 1, kind: 'forbidden' })
      const error = await rejectionOf(pullAll(pair.connector, PAY))
      expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED')).toBe(true)
      expect((error as Error).message).toMatch(
        /^github source "github": POST \/graphql was refused \(403\): the token lacks the permission issues=read/,
      )
    }))

  test('a repository the token cannot see stops a pull with CONNECTOR_AUTH_FAILED naming it', () =>
    withGitHubPair({}, async (pair) => {
      const error = await rejectionOf(
        pullAll(pair.connector, { name: 'x', kind: 'repo', value: 'acme/secret' }),
      )
      expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED')).toBe(true)
      expect((error as Error).message).toMatch(
        /\/repos\/acme\/secret\/issues.* was not found \(404\)/,
      )
    }))

  test('no error and no raw payload carries the token, whatever fails', () =>
    withGitHubPair({}, async (pair) => {
      await pair.fake.createItems(PAY, 2)
      const raws = [...(await pullAll(pair.connector, PAY)).values()].map((i) =>
        JSON.stringify(i.raw),
      )
      expect(raws.join('\n')).not.toContain(pair.fake.token)
      for (const kind of ['unauthorized', 'server_error', 'malformed_json'] as const) {
        pair.fake.injectFault({ path: '', count: 100, kind })
        const error = await rejectionOf(pullAll(pair.connector, PAY))
        expect(isVmoError(error), kind).toBe(true)
        expect(inspect(error, { depth: 30 }), kind).not.toContain(pair.fake.token)
        pair.fake.clearFaults()
      }
    }))

  test('a request that never answers fails with CONNECTOR_UNAVAILABLE naming the timeout after the retries', () =>
    withGitHubPair({ config: { requestTimeoutMs: 150 } }, async (pair) => {
      await pair.fake.createItems(PAY, 1)
      pair.fake.injectFault({ path: '/issues?', count: 4, kind: 'hang' })
      const error = await rejectionOf(pullAll(pair.connector, PAY))
      expect(isVmoError(error, 'CONNECTOR_UNAVAILABLE'), String(error)).toBe(true)
      expect((error as Error).message).toMatch(/failed after 3 retries: no answer within 150 ms$/)
      expect(pair.fake.requestLog().filter((p) => p.includes('/issues?'))).toHaveLength(4)
    }))

  test('an aborted pull rejects with the abort and is not retried', () =>
    withGitHubPair({ config: { requestTimeoutMs: 5000 } }, async (pair) => {
      await pair.fake.createItems(PAY, 1)
      pair.fake.injectFault({ path: '/issues?', count: 100, kind: 'hang' })
      const controller = new AbortController()
      const pulling = rejectionOf(
        (async () => {
          for await (const _page of pair.connector.pull(PAY, { signal: controller.signal })) {
            // nothing arrives: the first request hangs
          }
        })(),
      )
      setTimeout(() => controller.abort(), 50)
      const error = await pulling
      expect((error as Error).name).toBe('AbortError')
      expect(pair.fake.requestLog().filter((p) => p.includes('/issues?'))).toHaveLength(1)
    }))

  test('a repository scope starts from the beginning when its checkpoint names another repository', () =>
    withGitHubPair({}, async (pair) => {
      const keys = await pair.fake.createItems(PAY, 3)
      const checkpoint = encodeCheckpoint({
        repo: 'acme/pay-old',
        since: '2030-01-01T00:00:00Z',
        page: 4,
      })
      expect([...(await pullAll(pair.connector, PAY, { checkpoint })).keys()].sort()).toEqual(keys)
      await expect(pullAll(pair.connector, PAY, { checkpoint: 'page 4' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      })
    }))

  test('test() names the classic scope the token lacks', () =>
    withGitHubPair({ fake: { tokenScopes: ['gist', 'read:org'] } }, async (pair) => {
      await pair.fake.createItems(PAY, 2)
      const report = await pair.connector.test([PAY])
      expect(report.ok).toBe(false)
      expect(report.checks.find((c) => c.name === 'permissions')).toEqual({
        name: 'permissions',
        ok: false,
        detail: 'the classic token lacks the scope repo',
      })
      expect(report.scopes).toEqual([{ scope: 'pay', items: 2 }])
    }))

  test('a config with an unknown workflow is refused with INVALID_CONFIG naming the member', () => {
    let error: unknown
    try {
      createGitHubConnector({
        sourceName: 'gh',
        token: 't',
        config: { workflow: { kind: 'columns' } } as never,
      })
    } catch (e) {
      error = e
    }
    expect(isVmoError(error, 'INVALID_CONFIG')).toBe(true)
    expect((error as Error).message).toMatch(/^github source config: workflow\.kind: /)
  })
})
