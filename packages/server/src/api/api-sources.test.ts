import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import type { SourceSecrets, SyncService } from '../sync/sync-service'
import { createSyncService } from '../sync/sync-service'
import { GatedMemoryConnector, createMemoryKind } from '../sync/testing/memory-kind'
import { createApp } from './create-app'
import type { ConnectionReportResponse, SourceStateListResponse } from './schemas/source-schemas'

const TOKEN = 'tok-3f9a-never-shown'
const WEBHOOK_SECRET = 'whsec-7c21-never-shown'
const T0 = Date.parse('2026-03-02T09:00:00Z')
const MEM = {
  name: 'mem',
  kind: 'memory',
  config: { tokenEnv: 'MEM_TOKEN' },
  scopes: [
    { name: 'A', kind: 'project', value: 'A' },
    { name: 'B', kind: 'project', value: 'B' },
  ],
}

const secrets: SourceSecrets = {
  tokenOf: () => TOKEN,
  describeToken: () => ({ ok: true, text: '$MEM_TOKEN (ok)' }),
  webhookSecretOf: () => WEBHOOK_SECRET,
}

let store: Store
let connector: GatedMemoryConnector
let sync: SyncService
let now: number
/** Every response body of the test, to prove no token or secret is ever sent. */
let bodies: string[]

beforeEach(async () => {
  now = T0
  bodies = []
  store = await openStore({ db: ':memory:' })
  await store.importRecords([makeWorkItem({ source: 'files', key: 'F-1', path: [] })])
  await store.saveSource(MEM)
  connector = new GatedMemoryConnector('mem', 2)
  for (let i = 1; i <= 3; i++) connector.put('A', `A-${i}`, { updatedMs: T0 - 3_600_000 + i })
  connector.put('B', 'B-1', { updatedMs: T0 - 3_600_000 })
  sync = createSyncService({
    store,
    kinds: [createMemoryKind(connector)],
    secrets,
    owner: 'api test',
    clock: () => now,
  })
})

afterEach(async () => {
  connector.release()
  await sync.close()
  for (const body of bodies) {
    expect(body).not.toContain(TOKEN)
    expect(body).not.toContain(WEBHOOK_SECRET)
  }
  await store.close()
})

function appOf(options: { sync?: SyncService | null; loopback?: boolean } = {}) {
  const withSync = options.sync === null ? undefined : (options.sync ?? sync)
  return createApp({ store, clock: () => now, sync: withSync, loopback: options.loopback ?? true })
}

type App = ReturnType<typeof appOf>

async function call(app: App, path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init
  const response = await app.request(path, {
    ...rest,
    ...(json === undefined
      ? {}
      : { method: rest.method ?? 'POST', body: JSON.stringify(json), headers: JSON_HEADERS }),
  })
  const text = await response.text()
  bodies.push(text)
  return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : undefined }
}

const JSON_HEADERS = { 'content-type': 'application/json' }

async function listSources(app: App) {
  return (await call(app, '/api/v1/sources')).body as SourceStateListResponse
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the condition did not come true in 5 s')
}

describe('GET /api/v1/sources', () => {
  test('lists synced and imported sources with their states when a sync has run', async () => {
    const app = appOf()
    await call(app, '/api/v1/sources/mem/sync', { json: {} })
    const { sources, actions, kinds } = await until(
      () => listSources(app),
      (list) => list.sources.some((s) => s.lastRun?.outcome === 'succeeded'),
    )
    expect(actions).toEqual({ allowed: true, reason: null })
    expect(kinds).toEqual([{ kind: 'memory', description: 'items held in memory (tests)' }])
    expect(sources.map((s) => [s.name, s.kind, s.itemCount])).toEqual([
      ['files', null, 1],
      ['mem', 'memory', 4],
    ])
    const mem = sources[1]
    expect(mem?.scopes.map((s) => [s.name, s.sourceCount, s.storedCount])).toEqual([
      ['A', 3, 3],
      ['B', 1, 1],
    ])
    expect(mem?.scopes[0]?.reconciledAt).toMatch(/^2026-03-02T09:00:00/)
    expect(mem).toMatchObject({
      token: { ok: true, text: '$MEM_TOKEN (ok)' },
      webhook: true,
      lastRun: { outcome: 'succeeded', inserted: 4, updated: 0, deleted: 0, error: null },
      running: null,
    })
    expect(sources[0]).toMatchObject({ scopes: [], token: null, webhook: false, lastRun: null })
  })

  test('says why actions are not offered when the server does not sync', async () => {
    const { sources, actions, kinds } = await listSources(appOf({ sync: null }))
    expect(sources.map((s) => [s.name, s.kind, s.token])).toEqual([
      ['files', null, null],
      ['mem', 'memory', null],
    ])
    expect(actions.allowed).toBe(false)
    expect(actions.reason).toMatch(/without live sync/)
    expect(kinds).toEqual([])
  })
})

describe('POST /api/v1/sources/{name}/test and /sync', () => {
  test('reports every check and the items per scope when the connection is tested', async () => {
    const { status, body } = await call(appOf(), '/api/v1/sources/mem/test', { json: {} })
    expect(status).toBe(200)
    expect(body as ConnectionReportResponse).toEqual({
      ok: true,
      checks: [{ name: 'reachable', ok: true, detail: 'the memory answers' }],
      scopes: [
        { scope: 'A', items: 3 },
        { scope: 'B', items: 1 },
      ],
    })
  })

  test('answers 404 naming the source when it is not a synced one', async () => {
    const { status, body } = await call(appOf(), '/api/v1/sources/files/test', { json: {} })
    expect(status).toBe(404)
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: 'no synced source "files"' } })
  })

  test('shows live progress, refuses a second sync with 409, then the result', async () => {
    const app = appOf()
    connector.hold()
    const first = await call(app, '/api/v1/sources/mem/sync', { json: { full: true } })
    expect(first).toMatchObject({ status: 202, body: { source: 'mem', full: true } })
    const second = await call(app, '/api/v1/sources/mem/sync', { json: {} })
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({ error: { code: 'CONFLICT' } })
    const running = (await listSources(app)).sources.find((s) => s.name === 'mem')
    expect(running?.running).toMatchObject({ source: 'mem', done: 0 })
    expect((await call(app, '/api/v1/status')).body).toMatchObject({ syncing: ['mem'] })
    connector.release()
    const done = await until(
      () => listSources(app),
      (list) => list.sources.some((s) => s.lastRun?.outcome === 'succeeded' && !s.running),
    )
    expect(done.sources[1]?.lastRun).toMatchObject({ inserted: 4 })
    expect((await call(app, '/api/v1/status')).body).toMatchObject({ syncing: [] })
  })

  test('answers 400 when the sync body has an unknown field', async () => {
    const { status, body } = await call(appOf(), '/api/v1/sources/mem/sync', {
      json: { everything: true },
    })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect(sync.syncing()).toEqual([])
  })
})

describe('loopback only', () => {
  const actions = [
    ['/api/v1/sources/mem/test', {}],
    ['/api/v1/sources/mem/sync', {}],
    ['/api/v1/sources', { kind: 'memory', name: 'mem2', tokenEnv: 'T', settings: { scope: 'A' } }],
  ] as const

  test('refuses to add, test or sync with 403 when the server listens beyond loopback', async () => {
    const app = appOf({ loopback: false })
    for (const [path, json] of actions) {
      const { status, body } = await call(app, path, { json })
      expect(status).toBe(403)
      expect(body).toMatchObject({
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/listens on loopback/) },
      })
    }
    expect(sync.syncing()).toEqual([])
    expect(await store.findSource('mem2')).toBeUndefined()
    expect((await listSources(app)).actions).toMatchObject({ allowed: false })
  })

  test('refuses with 403 when a loopback request names another host or origin', async () => {
    const app = appOf()
    const foreignHost = await call(app, 'http://evil.example/api/v1/sources/mem/sync', {
      json: {},
    })
    expect(foreignHost.status).toBe(403)
    expect(foreignHost.text).toContain('host \\"evil.example\\"')
    const response = await app.request('/api/v1/sources/mem/sync', {
      method: 'POST',
      body: '{}',
      headers: { ...JSON_HEADERS, origin: 'http://evil.example' },
    })
    expect(response.status).toBe(403)
    expect(sync.syncing()).toEqual([])
  })

  test('refuses with 403 when the server was started without live sync', async () => {
    const { status, body } = await call(appOf({ sync: null }), '/api/v1/sources/mem/test', {
      json: {},
    })
    expect(status).toBe(403)
    expect(body).toMatchObject({ error: { message: expect.stringMatching(/without live sync/) } })
  })
})

describe('POST /api/v1/sources', () => {
  const add = { kind: 'memory', name: 'mem2', tokenEnv: 'MEM2_TOKEN', settings: { scope: ['A'] } }

  test('saves the source through its kind with the token variable when on loopback', async () => {
    const { status, body } = await call(appOf(), '/api/v1/sources', { json: add })
    expect(status).toBe(201)
    expect(body).toMatchObject({ source: { name: 'mem2', kind: 'memory', lastRun: null } })
    expect(await store.findSource('mem2')).toEqual({
      name: 'mem2',
      kind: 'memory',
      config: { tokenEnv: 'MEM2_TOKEN' },
      scopes: [{ name: 'A', kind: 'project', value: 'A' }],
    })
  })

  test('answers 409 when a synced source of that name exists', async () => {
    const { status } = await call(appOf(), '/api/v1/sources', { json: { ...add, name: 'mem' } })
    expect(status).toBe(409)
  })

  test.each([
    ['an unknown kind', { ...add, kind: 'svn' }, /unknown source kind "svn" \(known: memory\)/],
    ['a token in the body', { ...add, token: TOKEN }, /unrecognized key/],
    ['a token in the settings', { ...add, settings: { apiToken: TOKEN } }, /tokenEnv/],
    ['a nested secret', { ...add, settings: { auth: { password: TOKEN } } }, /tokenEnv/],
    ['a bad name', { ...add, name: 'My Jira' }, /name: must be lowercase/],
    ['settings the kind refuses', { ...add, settings: {} }, /needs a scope/],
  ])('answers 400 and saves nothing when the body has %s', async (_, json, message) => {
    const { status, body } = await call(appOf(), '/api/v1/sources', { json })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: { code: 'INVALID_INPUT', message } })
    expect((await store.listSources()).map((s) => s.name)).toEqual(['files', 'mem'])
  })
})
