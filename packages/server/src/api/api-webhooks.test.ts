import { request as httpRequest } from 'node:http'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import type { SyncService } from '../sync/sync-service'
import { createSyncService } from '../sync/sync-service'
import { GatedMemoryConnector, createMemoryKind, signHubBody } from '../sync/testing/memory-kind'
import { createApp } from './create-app'
import type { StatusResponse } from './schemas/source-schemas'
import type { RunningServer } from './serve'
import { startServer } from './serve'

const T0 = Date.parse('2026-03-02T09:00:00Z')
const secretOf = (source: string) => `whsec-${source}-never-shown`
const scopes = [{ name: 'A', kind: 'project', value: 'A' }]

let store: Store
let github: GatedMemoryConnector
let jira: GatedMemoryConnector
let sync: SyncService
let now: number
let app: ReturnType<typeof createApp>

beforeEach(async () => {
  now = T0
  store = await openStore({ db: ':memory:' })
  await store.saveSource({ name: 'gh', kind: 'github', config: {}, scopes })
  await store.saveSource({ name: 'jr', kind: 'jira', config: {}, scopes })
  github = new GatedMemoryConnector('gh')
  jira = new GatedMemoryConnector('jr')
  for (const connector of [github, jira]) {
    for (const key of ['A-1', 'A-2', 'A-3']) connector.put('A', key, { updatedMs: T0 - 60_000 })
  }
  sync = createSyncService({
    store,
    kinds: [createMemoryKind(github, 'github'), createMemoryKind(jira, 'jira')],
    secrets: {
      tokenOf: () => 'tok-never-shown',
      describeToken: () => ({ ok: true, text: 'ok' }),
      webhookSecretOf: (source) => secretOf(source.name),
    },
    owner: 'webhook test',
    clock: () => now,
  })
  app = createApp({ store, clock: () => now, sync, loopback: false })
  for (const source of ['gh', 'jr']) {
    await sync.start(source)
    await until(async () => sync.syncing().length === 0)
  }
})

let server: RunningServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
  await sync.close()
  await store.close()
})

async function until(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await done()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the condition did not come true in 5 s')
}

async function statusOf(source: string, key: string) {
  for await (const record of store.streamRecords({ sources: [source], keys: [key] })) {
    return record.status
  }
  return undefined
}

function deliver(path: string, at: { body: string; signature?: string; type?: string }) {
  const headers: Record<string, string> = { 'content-type': at.type ?? 'application/json' }
  if (at.signature !== undefined) headers['x-hub-signature-256'] = at.signature
  return app.request(path, { method: 'POST', body: at.body, headers })
}

const keysBody = (...keys: string[]) => JSON.stringify({ keys })

describe('POST /api/v1/webhooks/github', () => {
  test('re-syncs the named item within moments when the delivery is signed', async () => {
    github.put('A', 'A-1', { updatedMs: T0, status: 'Done' })
    // Verified over the exact bytes: spacing and non-ASCII text as sent, not as re-serialised.
    const body = JSON.stringify({ keys: ['A-1'], note: 'größer – ✓' }, null, 2)
    const response = await deliver('/api/v1/webhooks/github', {
      body,
      signature: signHubBody(secretOf('gh'), body),
    })
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ source: 'gh', keys: ['A-1'] })
    await until(async () => (await statusOf('gh', 'A-1')) === 'Done')
  })

  test.each([
    ['unsigned', undefined],
    ['signed with another secret', signHubBody('guessed-secret', keysBody('A-2'))],
    ['signed for another body (tampered)', signHubBody(secretOf('gh'), keysBody('A-3'))],
    ['signed with a malformed header', 'sha256=zz'],
  ])('answers 401 and changes nothing when the delivery is %s', async (_, signature) => {
    github.put('A', 'A-2', { updatedMs: T0, status: 'Done' })
    github.put('A', 'A-3', { updatedMs: T0, status: 'Done' })
    const version = await store.dataVersion()
    const response = await deliver('/api/v1/webhooks/github', {
      body: keysBody('A-2'),
      signature,
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message:
          'the github webhook delivery is not signed with the webhook secret of any github source: nothing was changed',
      },
    })
    // A signed delivery of A-3 afterwards is applied; A-2 stays as it was.
    const signed = keysBody('A-3')
    await deliver('/api/v1/webhooks/github', {
      body: signed,
      signature: signHubBody(secretOf('gh'), signed),
    })
    await until(async () => (await statusOf('gh', 'A-3')) === 'Done')
    expect(await statusOf('gh', 'A-2')).toBe('Open')
    expect(await store.dataVersion()).toBeGreaterThan(version)
  })

  test('answers 413 when the delivery is larger than 1 MB', async () => {
    const body = JSON.stringify({ keys: ['A-1'], padding: 'x'.repeat(1_100_000) })
    const response = await deliver('/api/v1/webhooks/github', {
      body,
      signature: signHubBody(secretOf('gh'), body),
    })
    expect(response.status).toBe(413)
  })

  test('answers 415 when the delivery is not sent as JSON', async () => {
    const body = `payload=${encodeURIComponent(keysBody('A-1'))}`
    const response = await deliver('/api/v1/webhooks/github', {
      body,
      signature: signHubBody(secretOf('gh'), body),
      type: 'application/x-www-form-urlencoded',
    })
    expect(response.status).toBe(415)
  })
})

describe('POST /api/v1/webhooks/jira/{source}', () => {
  test('verifies the delivery with the secret of the source in the path', async () => {
    jira.put('A', 'A-1', { updatedMs: T0, status: 'Done' })
    const body = keysBody('A-1')
    const own = await deliver('/api/v1/webhooks/jira/jr', {
      body,
      signature: signHubBody(secretOf('jr'), body),
    })
    expect(own.status).toBe(202)
    expect(await own.json()).toEqual({ source: 'jr', keys: ['A-1'] })
    await until(async () => (await statusOf('jr', 'A-1')) === 'Done')
  })

  test('answers 401 when signed with the secret of another source', async () => {
    const body = keysBody('A-1')
    const signature = signHubBody(secretOf('gh'), body)
    const response = await deliver('/api/v1/webhooks/jira/jr', { body, signature })
    expect(response.status).toBe(401)
    expect(await response.text()).toContain('of source \\"jr\\"')
    const unknown = await deliver('/api/v1/webhooks/jira/nope', { body, signature })
    expect(unknown.status).toBe(401)
  })

  test('answers 404 when the server was started without live sync', async () => {
    const plain = createApp({ store, clock: () => now })
    const response = await plain.request('/api/v1/webhooks/jira/jr', {
      method: 'POST',
      body: keysBody('A-1'),
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(404)
  })
})

describe('GET /api/v1/status', () => {
  const status = async () => (await (await app.request('/api/v1/status')).json()) as StatusResponse

  test('moves the data version after a sync changed items, uncached', async () => {
    const response = await app.request('/api/v1/status')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const before = (await response.json()) as StatusResponse
    expect(before).toMatchObject({ mappingVersion: null, syncing: [] })
    github.put('A', 'A-4', { updatedMs: T0 + 1, status: 'Open' })
    now += 3_600_000
    await sync.start('gh')
    await until(async () => sync.syncing().length === 0)
    await until(async () => {
      now += 6_000
      return (await status()).dataVersion !== before.dataVersion
    })
  })

  test('moves the mapping version after a mapping is saved', async () => {
    const before = await status()
    await store.saveMappingVersion('timezone: UTC\n')
    now += 6_000
    await until(async () => {
      now += 6_000
      return (await status()).mappingVersion === 1
    })
    expect((await status()).dataVersion).not.toBe(before.dataVersion)
  })
})

describe('the OpenAPI document', () => {
  test('lists the source, status and webhook routes with the webhooks’ 401', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sources',
        '/api/v1/sources/{name}/test',
        '/api/v1/sources/{name}/sync',
        '/api/v1/status',
        '/api/v1/webhooks/github',
        '/api/v1/webhooks/jira/{source}',
      ]),
    )
    const github = doc.paths['/api/v1/webhooks/github']?.post
    expect(Object.keys(github?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '401', '413', '415']),
    )
  })
})

/** POSTs `body` in chunks (no Content-Length) over a socket with the given headers. */
function post(url: string, at: { body: string; headers: Record<string, string> }) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: at.headers }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    for (let offset = 0; offset < at.body.length; offset += 1000) {
      req.write(at.body.slice(offset, offset + 1000))
    }
    req.end()
  })
}

describe('over a socket', () => {
  test('verifies a delivery sent in chunks and refuses one over 1 MB', async () => {
    server = await startServer({ app, port: 0 })
    github.put('A', 'A-1', { updatedMs: T0, status: 'Done' })
    const body = keysBody('A-1')
    const signature = signHubBody(secretOf('gh'), body)
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': signature }
    const accepted = await post(`${server.url}/api/v1/webhooks/github`, { body, headers })
    expect(accepted.status).toBe(202)
    await until(async () => (await statusOf('gh', 'A-1')) === 'Done')
    const large = JSON.stringify({ keys: ['A-2'], padding: 'x'.repeat(1_100_000) })
    const refused = await post(`${server.url}/api/v1/webhooks/github`, { body: large, headers })
    expect(refused.status).toBe(413)
  })

  test('refuses to sync with 403 when the Host header names another machine', async () => {
    server = await startServer({
      app: createApp({ store, clock: () => now, sync, loopback: true }),
      port: 0,
    })
    const headers = { 'content-type': 'application/json', host: 'rebound.example' }
    const answer = await post(`${server.url}/api/v1/sources/gh/sync`, { body: '{}', headers })
    expect(answer.status).toBe(403)
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'FORBIDDEN' } })
    const local = await post(`${server.url}/api/v1/sources/gh/sync`, {
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect(local.status).toBe(202)
    await until(async () => sync.syncing().length === 0)
  })
})
