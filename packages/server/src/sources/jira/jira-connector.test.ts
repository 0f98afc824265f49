import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import type { ScopeSpec } from '../connector'
import { pullAll } from '../testing/connector-contract'
import { createJiraConnector } from './jira-connector'
import type { JiraConnectorConfigInput } from './jira-connector-config'
import { jiraIssueToRecord } from './jira-json-mapper'
import type { JiraIssue } from './jira-json-payloads'
import { readJiraJson } from './read-jira-json'
import { startFakeJira } from './testing/fake-jira'
import type { FakeJira, FakeJiraOptions } from './testing/fake-jira'

const PAY: ScopeSpec = { name: 'payments', kind: 'project', value: 'PAY' }
const ALLOW_LIST = { Team: 'customfield_10001', 'Story Points': 'customfield_10016' }
const fakes: FakeJira[] = []

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()))
})

async function fakeJira(options: FakeJiraOptions): Promise<FakeJira> {
  const fake = await startFakeJira({ sourceName: 'acme-jira', ...options })
  fakes.push(fake)
  return fake
}

function connectorTo(fake: FakeJira, config: Partial<JiraConnectorConfigInput> = {}) {
  return createJiraConnector({
    sourceName: 'acme-jira',
    token: fake.token,
    config: {
      url: fake.url,
      deployment: fake.deployment,
      email: fake.email,
      pageSize: fake.pageSize,
      requestTimeoutMs: 1000,
      ...config,
    },
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 2 },
  })
}

describe.each(['cloud', 'data_center'] as const)('the Jira %s connector', (deployment) => {
  test.each([
    ['Europe/Berlin', '2031/01/11 00:00'],
    ['America/New_York', '2031/01/10 18:00'],
  ])(
    'finds a change made at 23:30 UTC and not one made at 22:45 when the user zone is %s',
    async (timeZone, jqlTime) => {
      const fake = await fakeJira({ deployment, timeZone })
      const [early = '', late = ''] = await fake.createItems(PAY, 2)
      await fake.editItems([early], Date.parse('2031-01-10T22:45:00Z'))
      await fake.editItems([late], Date.parse('2031-01-10T23:30:00Z'))
      const since = Date.parse('2031-01-10T23:00:40Z')
      const got = await pullAll(connectorTo(fake), PAY, { sinceMs: since })
      expect([...got.keys()]).toEqual([late])
      expect(fake.jqlLog()).toContain(
        `project = "PAY" AND updated >= "${jqlTime}" ORDER BY created ASC, key ASC`,
      )
    },
  )

  test('returns every history of an issue whose changelog takes several pages', async () => {
    const fake = await fakeJira({ deployment, inlineHistoryLimit: 10, bulkChangelogLimit: 10 })
    const [key = ''] = await fake.createItems(PAY, 1, { changes: 35 })
    const got = await pullAll(connectorTo(fake, { changelogPageSize: 10 }), PAY)
    const statusChanges = got.get(key)?.record.changes.filter((c) => c.field === 'status')
    expect(statusChanges).toEqual(
      fake.expectedRecord(key).changes.filter((c) => c.field === 'status'),
    )
    expect(statusChanges).toHaveLength(35)
    const changelogRequests = fake.requestLog().filter((path) => /changelog/.test(path))
    expect(changelogRequests.length).toBeGreaterThanOrEqual(4)
  })

  test('reads allow-listed custom fields into team and fields when they are configured', async () => {
    const fake = await fakeJira({ deployment })
    const [even = '', odd = ''] = await fake.createItems(PAY, 2)
    const withList = await pullAll(connectorTo(fake, { fields: ALLOW_LIST }), PAY)
    expect(withList.get(even)?.record).toMatchObject({ team: 'payments' })
    expect(withList.get(even)?.record.fields?.['Story Points']).toBe(1)
    expect(withList.get(odd)?.record.team).toBeUndefined()
    expect(withList.get(odd)?.record.fields?.['Story Points']).toBe(2)
    const without = await pullAll(connectorTo(fake, { fields: {} }), PAY)
    expect(without.get(even)?.record.fields?.['Story Points']).toBeUndefined()
  })

  test('gives the same records as vmo import of the same issues saved from a search page', async () => {
    const fake = await fakeJira({ deployment, record: true })
    const keys = await fake.createItems(PAY, 12, { changes: 6 })
    await fake.moveItem(keys[2] ?? '', { name: 'ops', kind: 'project', value: 'OPS' }, Date.now())
    const synced = await pullAll(connectorTo(fake, { fields: ALLOW_LIST }), PAY)
    const folder = await mkdtemp(join(tmpdir(), 'jira-saved-'))
    try {
      const file = join(folder, 'search.json')
      await writeFile(
        file,
        await savedSearchPage(
          fake,
          [...synced.values()].map((i) => i.raw),
        ),
      )
      const options = { source: 'acme-jira', baseUrl: fake.url, customFields: ALLOW_LIST }
      const imported = await readJiraJson(file, options)
      expect(imported.outcomes).toEqual([])
      const records = [...synced.values()].map((item) => item.record)
      expect(imported.records).toEqual(records)
      for (const item of synced.values()) {
        expect(jiraIssueToRecord(item.raw as JiraIssue, options)).toMatchObject({
          record: item.record,
        })
        expect(JSON.stringify(item.raw)).not.toContain(fake.token)
      }
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  test('stops with CONNECTOR_AUTH_FAILED naming the missing permission when jira answers 403', async () => {
    const fake = await fakeJira({ deployment })
    await fake.createItems(PAY, 2)
    fake.injectFault({ path: '/search', count: 1, kind: 'forbidden' })
    const error = await pullAll(connectorTo(fake), PAY).catch((e: unknown) => e)
    expect(isVmoError(error, 'CONNECTOR_AUTH_FAILED')).toBe(true)
    expect((error as Error).message).toMatch(
      /^jira source "acme-jira": (GET|POST) \/rest\/api\/[23]\/search(\/jql)? answered http 403: the account lacks the "Browse projects" permission on project PAY/,
    )
  })

  test('never puts the token in an error when any request fails', async () => {
    const fake = await fakeJira({ deployment })
    await fake.createItems(PAY, 2)
    const secrets = [fake.token, Buffer.from(`${fake.email}:${fake.token}`).toString('base64')]
    const kinds = [
      'unauthorized',
      'forbidden',
      'rate_limited',
      'server_error',
      'malformed_json',
      'truncated_json',
      'hang',
    ] as const
    const errors: unknown[] = []
    for (const kind of kinds) {
      fake.injectFault({ path: '', count: 1000, kind })
      errors.push(await pullAll(connectorTo(fake), PAY).catch((e: unknown) => e))
      fake.clearFaults()
    }
    errors.push(
      await pullAll(connectorTo(fake), { ...PAY, kind: 'jql', value: 'nonsense =' }).catch(
        (e: unknown) => e,
      ),
    )
    await fake.close()
    errors.push(await pullAll(connectorTo(fake), PAY).catch((e: unknown) => e))
    expect(errors.every((e) => isVmoError(e))).toBe(true)
    for (const error of errors) {
      const shown = JSON.stringify({
        message: String(error),
        error,
        cause: String((error as Error).cause),
      })
      for (const secret of secrets) expect(shown).not.toContain(secret)
    }
  })
})

// A saved `vmo import` file: the search page Jira answers with expand=changelog,names.
async function savedSearchPage(fake: FakeJira, raws: unknown[]): Promise<string> {
  const keys = raws.map((raw) => String((raw as JiraIssue).key))
  const fields = [...new Set(raws.flatMap((raw) => Object.keys((raw as JiraIssue).fields ?? {})))]
  const jql = `key in (${keys.join(', ')}) ORDER BY created ASC`
  const auth =
    fake.deployment === 'cloud'
      ? `Basic ${Buffer.from(`${fake.email}:${fake.token}`).toString('base64')}`
      : `Bearer ${fake.token}`
  const response =
    fake.deployment === 'cloud'
      ? await fetch(`${fake.url}/rest/api/3/search/jql`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({ jql, fields, maxResults: 100, expand: 'changelog,names' }),
        })
      : await fetch(
          `${fake.url}/rest/api/2/search?${new URLSearchParams({ jql, fields: fields.join(','), maxResults: '100', expand: 'changelog,names' })}`,
          { headers: { authorization: auth } },
        )
  return response.text()
}
