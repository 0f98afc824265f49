import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { parseMappingYaml } from '@openvmo/core'
import type { Store } from '../store/store'
import { TEST_MAPPING_YAML, createTestApp } from './api-test-fixture'
import type { GrantsWorld } from './auth/grants-test-kit'
import { createGrantsWorld } from './auth/grants-test-kit'

// An editor changes the mapping of the value streams granted to them (their stream's entry,
// teams and products), and nothing else of it; the figures they preview are their stream's.

const PATH = '/api/v1/mapping/streams/Payments'
const WIDER = `valueStreams:
  - name: Payments
    match: { project: [PAY, OPS] }
teams:
  - name: payments
  - name: refunds
`

let world: GrantsWorld
let store: Store

beforeEach(async () => {
  world = await createGrantsWorld()
  store = world.store
})

afterEach(async () => {
  await store.close()
})

const as = (label: string) => world.principal(label).headers

async function send(
  label: string,
  method: string,
  extra: { body?: string; headers?: Record<string, string> } = {},
) {
  const { body, headers = {} } = extra
  const url = method === 'POST' ? `${PATH}/preview` : PATH
  return world.t.request(url, {
    method,
    headers: { ...as(label), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify({ yaml: body }) }),
  })
}

describe('a stream definition, read and saved by an editor of the stream', () => {
  test('shows the stream entry, teams and products of Payments only', async () => {
    const res = await send('editor of Payments', 'GET')
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe('"1"')
    const body = (await res.json()) as { yaml: string; version: number; saving: unknown }
    expect(body.version).toBe(1)
    expect(body.yaml).toContain('match: {project: [PAY]}')
    expect(body.yaml).not.toMatch(/mobile|MOB|Backlog/i)
    expect(body.saving).toEqual({ allowed: true, reason: null })
  })

  test('saves an edited definition as the next version, leaving every other line as it was', async () => {
    const res = await send('editor of Payments', 'PUT', {
      body: WIDER,
      headers: {
        'if-match': '"1"',
        origin: 'https://vmo.example.com',
      },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ version: 2 })
    const saved = await store.findCurrentMapping()
    const before = parseMappingYaml(TEST_MAPPING_YAML, 'x')
    const after = parseMappingYaml(saved?.yaml ?? '', 'x')
    expect(after.valueStreams[0]).toEqual({ name: 'Payments', match: { project: ['PAY', 'OPS'] } })
    expect(after.valueStreams[1]).toEqual(before.valueStreams[1])
    expect(after.states).toEqual(before.states)
    expect(saved?.yaml).toMatch(/- name: refunds\n\s+stream: Payments/)
    // the model is the file's: the new team is listed
    const teams = await world.t.request('/api/v1/teams', { headers: as('editor of Payments') })
    expect(await teams.text()).toContain('"refunds"')
    const audit = await store.listAudit()
    expect(
      audit.some((e) => e.action === 'PUT /api/v1/mapping/streams/:stream' && e.actor === 'eddie'),
    ).toBe(true)
  })

  test('refuses a rename at its line and keeps the mapping', async () => {
    const res = await send('editor token', 'PUT', {
      body: 'valueStreams:\n  - name: Cards\n    match: { project: PAY }\n',
      headers: { 'if-match': '"1"' },
    })
    expect(res.status).toBe(422)
    const { error } = (await res.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('INVALID_CONFIG')
    expect(error.message).toMatch(/^stream definition:2:\d+: .*renaming a value stream/)
    expect((await store.findCurrentMapping())?.version).toBe(1)
  })

  test('refuses a save over a version that is no longer current', async () => {
    await store.saveMappingVersion(
      TEST_MAPPING_YAML.replace('timezone: UTC', 'timezone: Europe/Berlin'),
    )
    const res = await send('editor of Payments', 'PUT', {
      body: WIDER,
      headers: { 'if-match': '"1"' },
    })
    expect(res.status).toBe(409)
    expect((await store.findCurrentMapping())?.version).toBe(2)
  })

  test('is refused to a viewer of the stream and to the editor on another stream', async () => {
    expect((await send('viewer of Payments', 'GET')).status).toBe(403)
    expect(
      (await send('viewer token', 'PUT', { body: WIDER, headers: { 'if-match': '"1"' } })).status,
    ).toBe(403)
    const other = await world.t.request('/api/v1/mapping/streams/Mobile', {
      headers: as('editor of Payments'),
    })
    expect(other.status).toBe(403)
    expect(await other.text()).not.toMatch(/MOB/)
  })

  test("previews the stream's own figures only", async () => {
    const res = await send('editor of Payments', 'POST', { body: WIDER })
    expect(res.status).toBe(200)
    const preview = (await res.json()) as {
      valid: boolean
      streams: { stream: string }[]
      findings: unknown[]
    }
    expect(preview.valid).toBe(true)
    expect(preview.streams.map((s) => s.stream)).toEqual(['Payments'])
    expect(preview.findings).toEqual([])
    const bad = (await (
      await send('editor of Payments', 'POST', { body: 'rules: []\n' })
    ).json()) as {
      valid: boolean
      problems: { message: string }[]
    }
    expect(bad.valid).toBe(false)
    expect(bad.problems.map((p) => p.message).join()).toContain('is not a known key')
  })
})

describe('saving the mapping without sign-in', () => {
  test('is refused for a request from another origin, as before sign-in existed', async () => {
    const { app, store: plain } = await createTestApp()
    try {
      await plain.saveMappingVersion(TEST_MAPPING_YAML)
      const res = await app.request(PATH, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          'if-match': '*',
          origin: 'https://vmo.example.com',
        },
        body: JSON.stringify({ yaml: WIDER }),
      })
      expect(res.status).toBe(403)
      expect((await plain.findCurrentMapping())?.version).toBe(1)
    } finally {
      await plain.close()
    }
  })
})
