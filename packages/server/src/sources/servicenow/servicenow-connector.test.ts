import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { pullAll } from '../testing/connector-contract'
import { createServiceNowConnector } from './servicenow-connector'
import type { ServiceNowConnectorConfigInput } from './servicenow-connector-config'
import {
  FAKE_SERVICENOW_CLIENT_ID,
  FAKE_SERVICENOW_CLIENT_SECRET,
  FAKE_SERVICENOW_PASSWORD,
  FAKE_SERVICENOW_USER,
  startFakeServiceNow,
} from './testing/fake-servicenow-server'
import type { FakeServiceNow, FakeServiceNowOptions } from './testing/fake-servicenow-server'

const RETRY = { limit: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 }
const ALL = { name: 'all', kind: 'instance', value: 'all' }

async function withFake(
  options: FakeServiceNowOptions,
  body: (fake: FakeServiceNow, config: ServiceNowConnectorConfigInput) => Promise<void>,
) {
  const fake = await startFakeServiceNow({ pageSize: 5, ...options })
  try {
    await body(fake, {
      url: fake.url,
      username: FAKE_SERVICENOW_USER,
      pageSize: 5,
      requestTimeoutMs: 1000,
    })
  } finally {
    await fake.close()
  }
}

const basic = (config: ServiceNowConnectorConfigInput) =>
  createServiceNowConnector({
    sourceName: 'snow',
    config,
    secret: FAKE_SERVICENOW_PASSWORD,
    retry: RETRY,
  })

const oauth = (config: ServiceNowConnectorConfigInput, secret: string) =>
  createServiceNowConnector({
    sourceName: 'snow',
    config: { ...config, username: undefined, auth: 'oauth', clientId: FAKE_SERVICENOW_CLIENT_ID },
    secret,
    retry: RETRY,
  })

describe('ServiceNow connector', () => {
  test('an instance scope reads every default table, with labels inherited from task where a table has none', () =>
    withFake({}, async (fake, config) => {
      const req = fake.createTask('sc_request', { changes: 1 })
      const ritm = fake.createTask('sc_req_item', { changes: 2, refs: { request: req } })
      const chg = fake.createTask('change_request', { changes: 5 })
      const inc = fake.createTask('incident', {
        changes: 2,
        refs: { rfc: chg },
        description: 'see PAY-12',
      })
      const prb = fake.createTask('problem', { changes: 4 })
      const got = await pullAll(basic(config), ALL)
      expect([...got.keys()].sort()).toEqual([chg, inc, prb, req, ritm].sort())
      expect(got.get(ritm)?.record).toMatchObject({
        type: 'requested_item',
        status: 'Pending',
        parent: req,
      })
      expect(got.get(chg)?.record).toMatchObject({ type: 'change', status: 'Review' })
      expect(got.get(prb)?.record).toMatchObject({ type: 'problem', status: 'Resolved' })
      expect(got.get(inc)?.record.links).toEqual([{ type: 'change', target: chg }])
      expect(got.get(inc)?.record.fields?.body).toBe('see PAY-12')
      for (const key of got.keys()) {
        expect(got.get(key)?.record.changes).toEqual(fake.expectedRecord(key).changes)
      }
      // one sys_audit read per page of records, not one per record
      const audits = fake.requestLog().filter((p) => p.startsWith('/api/now/table/sys_audit'))
      expect(audits).toHaveLength(5)
      expect(decodeURIComponent(audits[0] ?? '')).toMatch(/documentkeyIN/)
    }))

  test('OAuth client credentials: one token for many requests, and a new one after it is revoked', () =>
    withFake({}, async (fake, config) => {
      const keys = await fake.createItems({ name: 'inc', kind: 'table', value: 'incident' }, 12)
      const connector = oauth(config, FAKE_SERVICENOW_CLIENT_SECRET)
      let pages = 0
      const seen = new Set<string>()
      for await (const page of connector.pull({ name: 'inc', kind: 'table', value: 'incident' })) {
        for (const item of page.items) seen.add(item.record.key)
        if (++pages === 1) fake.revokeTokens()
      }
      expect([...seen].sort()).toEqual(keys.sort())
      expect(fake.tokensIssued()).toBe(2)
    }))

  test('a wrong OAuth client secret fails with CONNECTOR_AUTH_FAILED and never shows the secret', () =>
    withFake({}, async (fake, config) => {
      const connector = oauth(config, 'not-the-secret-xyz')
      const error = await pullAll(connector, ALL).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED'), String(error)).toBe(true)
      expect(String(error)).not.toContain('not-the-secret-xyz')
      const report = await connector.test([ALL])
      expect(report.checks.find((c) => c.name === 'authenticated')?.ok).toBe(false)
    }))

  test.each([
    ['forbidden' as const, /sys_audit cannot be read \(403\).*~21 days/],
    ['off' as const, /auditing looks off for incident.*~21 days/],
  ])('with sys_audit %s history comes from the history sets and test() says so', (audit, said) =>
    withFake({ audit }, async (fake, config) => {
      const [key = ''] = await fake.createItems(
        { name: 'inc', kind: 'table', value: 'incident' },
        3,
      )
      const connector = basic(config)
      const got = await pullAll(connector, { name: 'inc', kind: 'table', value: 'incident' })
      expect(got.get(key)?.record.changes).toEqual(fake.expectedRecord(key).changes)
      expect(got.get(key)?.record.fields?.historyFrom).toBe('sys_history_line')
      const report = await connector.test([{ name: 'inc', kind: 'table', value: 'incident' }])
      expect(report.ok).toBe(true)
      expect(report.checks.find((c) => c.name === 'permissions')?.detail).toMatch(said)
    }),
  )

  test('fetchItems finds named numbers in their tables and leaves out unknown ones', () =>
    withFake({}, async (fake, config) => {
      const inc = fake.createTask('incident')
      const prb = fake.createTask('problem')
      const got = await basic(config).fetchItems([inc, prb, 'INC0099999'])
      expect(got.map((i) => i.record.key).sort()).toEqual([inc, prb].sort())
    }))

  test('a bad config and a bad scope are refused naming the member', () => {
    expect(() =>
      createServiceNowConnector({ sourceName: 's', config: { url: 'ftp://x' }, secret: 'p' }),
    ).toThrow(/servicenow source config: url: .*; username: basic auth needs a username/)
    const connector = basic({ url: 'https://acme.service-now.com', username: 'u' })
    const error = pullAll(connector, { name: 'q', kind: 'query', value: 'incident:ORDERBYnumber' })
    return expect(error).rejects.toThrow(/has an ORDERBY/)
  })
})
