import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { pullAll } from '../testing/connector-contract'
import { createAzureDevOpsConnector } from './azure-devops-connector'
import { parseAzureDevOpsConnectorConfig } from './azure-devops-connector-config'
import { startFakeAzureDevOps } from './testing/fake-azure-devops-server'
import type { FakeAzureDevOps } from './testing/fake-azure-devops-server'

const PAY = { name: 'pay', kind: 'project', value: 'Pay' }
const RETRY = { limit: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 }

async function withFake(
  body: (
    fake: FakeAzureDevOps,
    connector: ReturnType<typeof createAzureDevOpsConnector>,
  ) => Promise<void>,
) {
  const fake = await startFakeAzureDevOps({ pageSize: 3, updatesPageSize: 2 })
  const connector = createAzureDevOpsConnector({
    sourceName: 'azure-devops',
    token: fake.token,
    config: {
      url: fake.url,
      batchSize: 3,
      wiqlPageSize: 4,
      updatesPageSize: 2,
      requestTimeoutMs: 1000,
    },
    retry: RETRY,
  })
  try {
    await body(fake, connector)
  } finally {
    await fake.close()
  }
}

describe('the Azure DevOps connector', () => {
  test('reads WIQL pages with time precision, batches of ids and paged updates, never sending the PAT in a URL', () =>
    withFake(async (fake, connector) => {
      const keys = await fake.createItems(PAY, 9)
      expect([...(await pullAll(connector, PAY)).keys()].sort()).toEqual([...keys].sort())
      const log = fake.requestLog()
      const wiql = log.filter((p) => p.includes('/_apis/wit/wiql'))
      expect(wiql.length).toBe(3) // 4 + 4 + 1 ids
      expect(
        wiql.every((p) => p.includes('timePrecision=true') && p.includes('api-version=7.1')),
      ).toBe(true)
      expect(log.filter((p) => p.includes('/_apis/wit/workitems?ids=')).length).toBe(5)
      expect(
        log.some((p) => p.includes('updates?%24top=2&%24skip=2') || p.includes('$skip=2')),
      ).toBe(true)
      expect(log.some((p) => p.includes(fake.token))).toBe(false)
    }))

  test('a WIQL scope selects by its own condition', () =>
    withFake(async (fake, connector) => {
      const pay = await fake.createItems(PAY, 2)
      await fake.createItems({ name: 'web', kind: 'project', value: 'Web' }, 2)
      const scope = { name: 'wiql', kind: 'wiql', value: "[System.TeamProject] = 'Pay'" }
      expect([...(await pullAll(connector, scope)).keys()].sort()).toEqual([...pay].sort())
    }))

  test('parent and child relations become links both ways', () =>
    withFake(async (fake, connector) => {
      const [epic = '', story = ''] = await fake.createItems(PAY, 2)
      fake.linkParent(story, epic)
      const got = await pullAll(connector, PAY)
      expect(got.get(story)?.record.parent).toBe(epic)
      expect(got.get(epic)?.record.links).toEqual([{ type: 'child', target: story }])
    }))

  test('a sign-in page (203) for a revoked PAT is CONNECTOR_AUTH_FAILED, not data', () =>
    withFake(async (fake, connector) => {
      await fake.createItems(PAY, 2)
      fake.injectFault({ path: '/workitems?ids=', count: 1, kind: 'unauthorized' })
      const error = await pullAll(connector, PAY).catch((e: unknown) => e)
      expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED'), String(error)).toBe(true)
      expect((error as Error).message).toMatch(/203 with a sign-in page/)
    }))

  test('keeps the X-RateLimit headers of a 429 for the Sources page', () =>
    withFake(async (fake, connector) => {
      await fake.createItems(PAY, 1)
      fake.injectFault({ path: '', count: 1000, kind: 'rate_limited' })
      const error = await pullAll(connector, PAY).catch((e: unknown) => e)
      expect(isVmoError(error, 'CONNECTOR_RATE_LIMITED')).toBe(true)
      expect(connector.rateLimit()).toMatchObject({
        limit: 200,
        remaining: 0,
        retryAfterSeconds: 1,
      })
    }))

  test('test() names the work item types and states with their categories', () =>
    withFake(async (fake, connector) => {
      await fake.createItems(PAY, 2)
      const report = await connector.test([PAY])
      expect(report.ok).toBe(true)
      const scope = report.checks.find((c) => c.name === 'scope')?.detail ?? ''
      expect(scope).toMatch(
        /pay: 2 items \(types User Story, Bug; states New \(Proposed\), Active \(InProgress\)/,
      )
      expect(scope).toMatch(/Removed \(Removed\)/)
    }))

  test('an unknown key is refused before any request', () =>
    withFake(async (fake, connector) => {
      const error = await connector.fetchItems(['Pay#3']).catch((e: unknown) => e)
      expect(isVmoError(error, 'INVALID_INPUT')).toBe(true)
      expect(fake.requestLog()).toEqual([])
    }))
})

describe('parseAzureDevOpsConnectorConfig', () => {
  test('names every bad member', () => {
    const error = (() => {
      try {
        parseAzureDevOpsConnectorConfig({ url: 'ftp://x', batchSize: 500 })
      } catch (e) {
        return e
      }
    })()
    expect(isVmoError(error, 'INVALID_CONFIG')).toBe(true)
    expect((error as Error).message).toMatch(/url: .*; batchSize: /)
  })
})
