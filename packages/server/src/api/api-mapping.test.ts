import { afterEach, describe, expect, test } from 'vitest'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import { createPostgresTarget } from '../store/testing/store-test-targets'
import { TEST_MAPPING_YAML, TEST_NOW, createTestApp, testRecords } from './api-test-fixture'
import { createApp } from './create-app'

const RANGE = 'from=2024-01-01&to=2024-04-01'

type Preview = {
  valid: boolean
  problems: { line: number; message: string }[]
  unmapped: { states: { name: string; items: number }[]; types: unknown[] }
  streams: {
    stream: string
    before: { velocity: { total: number; defect: number } } | null
    after: { velocity: { total: number; defect: number } } | null
  }[]
}

async function preview(app: Awaited<ReturnType<typeof createTestApp>>['app'], yaml: string) {
  const res = await app.request(`/api/v1/mapping/preview?${RANGE}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ yaml }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Preview
}

const put = (yaml: string, ifMatch?: string) => ({
  method: 'PUT',
  headers: { 'Content-Type': 'application/json', ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
  body: JSON.stringify({ yaml }),
})

describe('mapping routes', () => {
  test('the preview lists unmapped values with their item counts', async () => {
    const { app } = await createTestApp({ withUnmapped: true })
    const body = await preview(app, TEST_MAPPING_YAML)
    expect(body.valid).toBe(false)
    expect(body.unmapped.states).toEqual([{ source: 'jira', name: 'Parked', items: 1 }])
  })

  test('the preview shows the metric deltas of a change per stream', async () => {
    const { app } = await createTestApp()
    const bugsAsFeatures = TEST_MAPPING_YAML.replace(
      'feature: [Story, Epic]',
      'feature: [Story, Epic, Bug]',
    ).replace('defect: [Bug]', 'defect: []')
    const body = await preview(app, bugsAsFeatures)
    expect(body.valid).toBe(true)
    const payments = body.streams.find((s) => s.stream === 'Payments')
    expect(payments?.before?.velocity.defect).toBeGreaterThan(0)
    expect(payments?.after?.velocity.defect).toBe(0)
    expect(payments?.after?.velocity.total).toBe(payments?.before?.velocity.total)
  })

  test('the preview reports a syntax error with its line', async () => {
    const { app } = await createTestApp()
    const body = await preview(app, 'timezone: UTC\nstates:\n  new: [Backlog\n')
    expect(body.valid).toBe(false)
    expect(body.problems[0]?.line).toBeGreaterThan(0)
  })

  test('saving a mapping recomputes the results', async () => {
    const { app } = await createTestApp()
    const before = (await (await app.request(`/api/v1/metrics?${RANGE}`)).json()) as {
      total: { velocity: { defect: number } }
    }
    const changed = TEST_MAPPING_YAML.replace(
      'feature: [Story, Epic]',
      'feature: [Story, Epic, Bug]',
    ).replace('defect: [Bug]', 'defect: []')
    const saved = await app.request('/api/v1/mapping', put(changed, '"1"'))
    expect(saved.status).toBe(200)
    expect(((await saved.json()) as { version: number }).version).toBe(2)
    const after = (await (await app.request(`/api/v1/metrics?${RANGE}`)).json()) as {
      total: { velocity: { defect: number } }
    }
    expect(before.total.velocity.defect).toBeGreaterThan(0)
    expect(after.total.velocity.defect).toBe(0)
    expect(
      ((await (await app.request('/api/v1/mapping')).json()) as { version: number }).version,
    ).toBe(2)
  })

  test('saving over a stale If-Match version answers 409', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/api/v1/mapping', put(TEST_MAPPING_YAML + '\n# edited\n', '"7"'))
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CONFLICT')
  })

  test('saving a mapping that leaves values unmapped answers 422 and keeps the old one', async () => {
    const { app } = await createTestApp()
    const res = await app.request(
      '/api/v1/mapping',
      put(TEST_MAPPING_YAML.replace('Ready, ', ''), '"1"'),
    )
    expect(res.status).toBe(422)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNMAPPED_VALUES')
    expect(
      ((await (await app.request('/api/v1/mapping')).json()) as { version: number }).version,
    ).toBe(1)
  })

  test('saves when If-Match is the ETag that GET /mapping gives', async () => {
    const { app } = await createTestApp()
    const read = await app.request('/api/v1/mapping')
    expect(read.headers.get('etag')).toBe('"1"')
    const saved = await app.request(
      '/api/v1/mapping',
      put(edited(1), read.headers.get('etag') ?? ''),
    )
    expect(saved.status).toBe(200)
    expect(saved.headers.get('etag')).toBe('"2"')
    const reread = await app.request('/api/v1/mapping', { headers: { 'If-None-Match': '"2"' } })
    expect(reread.status).toBe(304)
  })

  test('answers 428 with what to send when a save has no If-Match', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/api/v1/mapping', put(edited(1)))
    expect(res.status).toBe(428)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error).toEqual({
      code: 'PRECONDITION_REQUIRED',
      message:
        'saving the mapping needs an If-Match header: send the ETag of GET /api/v1/mapping (e.g. If-Match: "3"; "0" while none is saved)',
    })
  })

  test('answers 409 or 400 when If-Match is weak, stale or malformed, and 200 when a list names the current version', async () => {
    const { app } = await createTestApp()
    const weak = await app.request('/api/v1/mapping', put(edited(1), 'W/"1"'))
    expect(weak.status).toBe(409)
    const stale = await app.request('/api/v1/mapping', put(edited(1), '"0", "2"'))
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as { error: { message: string } }).error.message).toBe(
      `If-Match "0", "2" does not match the mapping's current version "1": reload it and apply the change again`,
    )
    const malformed = await app.request('/api/v1/mapping', put(edited(1), '1'))
    expect(malformed.status).toBe(400)
    const listed = await app.request('/api/v1/mapping', put(edited(1), '"7", "1"'))
    expect(listed.status).toBe(200)
  })

  test('saves the first mapping when If-Match is the "0" ETag of an empty store, and * only over one', async () => {
    const store = await openStore({ db: ':memory:' })
    await store.importRecords(testRecords())
    const app = createApp({ store, clock: () => TEST_NOW, loopback: true })
    const read = await app.request('/api/v1/mapping')
    expect(read.headers.get('etag')).toBe('"0"')
    expect(await (await app.request('/api/v1/mapping', put(edited(1), '*'))).json()).toMatchObject({
      error: { code: 'CONFLICT' },
    })
    expect((await app.request('/api/v1/mapping', put(edited(1), '"0"'))).status).toBe(200)
    expect((await app.request('/api/v1/mapping', put(edited(2), '*'))).status).toBe(200)
    // a retried save of the current text succeeds whatever version it names
    expect((await app.request('/api/v1/mapping', put(edited(2), '"1"'))).status).toBe(200)
    expect((await store.findCurrentMapping())?.version).toBe(2)
    await store.close()
  })
})

const edited = (n: number) => `${TEST_MAPPING_YAML}# edit ${n}\n`

describe('mapping saves on postgres', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function twoInstances() {
    const target = await createPostgresTarget()
    cleanups.push(() => target.dispose())
    const stores: Store[] = []
    for (const _ of [1, 2]) {
      const store = await target.open()
      cleanups.push(() => store.close())
      stores.push(store)
    }
    await stores[0]?.importRecords(testRecords())
    await stores[0]?.saveMappingVersion(TEST_MAPPING_YAML)
    return stores.map((store) => createApp({ store, clock: () => TEST_NOW, loopback: true }))
  }

  test('lets exactly one PUT win when four concurrent PUTs send the same If-Match to two instances', async () => {
    const apps = await twoInstances()
    for (let trial = 0; trial < 10; trial++) {
      const etag = (await apps[0]?.request('/api/v1/mapping'))?.headers.get('etag') ?? ''
      expect(etag).toBe(`"${trial + 1}"`)
      const answers = await Promise.all(
        [0, 1, 2, 3].map(async (writer) => {
          const app = apps[writer % 2]
          const res = await app?.request('/api/v1/mapping', put(edited(trial * 10 + writer), etag))
          return { status: res?.status, body: (await res?.json()) as { error?: { code: string } } }
        }),
      )
      const statuses = answers.map((a) => a.status).sort()
      expect(statuses, JSON.stringify(answers)).toEqual([200, 409, 409, 409])
      for (const a of answers.filter((a) => a.status === 409)) {
        expect(a.body.error?.code).toBe('CONFLICT')
      }
    }
  })
})
