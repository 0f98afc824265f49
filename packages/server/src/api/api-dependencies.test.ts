import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { runCli } from '../cli/testing/run-cli'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import { TEST_MAPPING_YAML } from './api-test-fixture'
import { createApp } from './create-app'
import type { DependencyGraphResponse } from './schemas/dependency-schemas'
import type { GrantsWorld } from './auth/grants-test-kit'
import { createGrantsWorld } from './auth/grants-test-kit'

const AS_OF = '2024-02-01T00:00:00Z'
const QUERY = `from=2024-01-01&to=2024-01-29&period=week&asOf=${AS_OF}`
const day = (d: number) => new Date(Date.UTC(2024, 0, d)).toISOString()

// PAY-1 (payments) waits in Ready 2–12 January on MOB-1 (mobile, done 8 January) and on PAY-2
// (payments, done 10 January): 2–8 split in two (3 days to mobile), 8–10 PAY-2 alone (internal).
const RECORDS: WorkItemRecord[] = [
  makeWorkItem({
    key: 'PAY-1',
    project: 'PAY',
    team: 'payments',
    title: 'Refund flow',
    created: day(1),
    links: [
      { type: 'is blocked by', target: 'MOB-1' },
      { type: 'depends on', target: 'PAY-2' },
    ],
    path: [
      [day(2), 'Ready'],
      [day(12), 'In Progress'],
      [day(14), 'Done'],
    ],
  }),
  makeWorkItem({
    key: 'PAY-2',
    project: 'PAY',
    team: 'payments',
    created: day(1),
    path: [
      [day(1), 'In Progress'],
      [day(10), 'Done'],
    ],
  }),
  makeWorkItem({
    key: 'MOB-1',
    project: 'MOB',
    team: 'mobile',
    title: 'Login flow',
    created: day(1),
    path: [
      [day(1), 'In Progress'],
      [day(8), 'Done'],
    ],
  }),
]

let db = ''
let store: Store

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'vmo-deps-')), 'deps.db')
  store = await openStore({ db, mode: 'create' })
  await store.importRecords(RECORDS)
  await store.saveMappingVersion(TEST_MAPPING_YAML)
})

afterAll(async () => {
  await store?.close()
})

const request = async (path: string) => {
  const app = createApp({ store, clock: () => Date.parse(AS_OF), loopback: true })
  const res = await app.request(path)
  return { status: res.status, body: (await res.json()) as DependencyGraphResponse }
}

describe('GET /api/v1/dependencies', () => {
  test('weights each edge by the wait it caused, shared with the blockers open at once', async () => {
    const { status, body } = await request(`/api/v1/dependencies?${QUERY}`)
    expect(status).toBe(200)
    expect(body.by).toBe('team')
    expect(body.edges).toHaveLength(1)
    const [edge] = body.edges
    if (!edge) throw new Error('no edge')
    expect(edge).toMatchObject({ upstream: 'mobile', downstream: 'payments', waitDays: 3 })
    expect(edge.itemCount).toBe(1)
    // payments' time in progress: PAY-1 2–14 January and PAY-2 1–10 January, 21 days
    expect(edge.shareOfDownstreamTime).toBeCloseTo(3 / 21, 6)
    expect(edge.periodWaitDays).toEqual([3, 0, 0, 0])
    expect(edge.items.map((i) => [i.key, i.waitDays, i.blockers.map((b) => b.key)])).toEqual([
      ['PAY-1', 3, ['MOB-1']],
    ])
    expect(body.total).toMatchObject({ waitingDays: 10, attributedDays: 3, internalDays: 5 })
    expect(body.periods.map((p) => p.partial)).toEqual([false, false, false, false])
  })

  test('counts only the scope’s waits and refuses an unknown grouping', async () => {
    const mobile = await request(`/api/v1/dependencies?${QUERY}&team=mobile`)
    expect(mobile.body.edges).toEqual([])
    const bad = await request(`/api/v1/dependencies?${QUERY}&by=product`)
    expect(bad.status).toBe(400)
  })

  test('vmo deps --json prints exactly what the API answers', async () => {
    const api = await request(`/api/v1/dependencies?${QUERY}&by=team`)
    const range = ['--from', '2024-01-01', '--to', '2024-01-29', '--period', 'week']
    const cli = await runCli(['deps', '--db', db, '--as-of', AS_OF, ...range, '--json'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(JSON.parse(cli.stdout)).toEqual(api.body)
    const table = await runCli(['deps', '--db', db, '--as-of', AS_OF, ...range])
    expect(table.stdout).toMatch(/mobile\s+│ payments\s+│ 3\.0\s+│ 1/)
  })
})

describe('GET /api/v1/dependencies for a viewer of one stream', () => {
  let world: GrantsWorld
  beforeAll(async () => {
    world = await createGrantsWorld()
    // a Payments item waiting on an open Mobile item
    await world.store.importRecords([
      makeWorkItem({
        key: 'PAY-40',
        project: 'PAY',
        team: 'payments',
        created: day(70),
        links: [{ type: 'is blocked by', target: 'MOB-40' }],
        path: [[day(71), 'Ready']],
      }),
      makeWorkItem({
        key: 'MOB-40',
        project: 'MOB',
        team: 'mobile',
        title: 'Login launcher secret',
        created: day(65),
        path: [[day(66), 'In Progress']],
      }),
    ])
  })
  afterAll(async () => {
    await world.store.close()
  })

  test('shows the wait on a stream it may not read without naming it or its items', async () => {
    const url = '/api/v1/dependencies?by=stream&from=2024-03-01&to=2024-04-01&period=month'
    const get = async (label: string) => {
      const res = await world.t.request(url, { headers: world.principal(label).headers })
      expect(res.status).toBe(200)
      return { text: await res.clone().text(), body: (await res.json()) as DependencyGraphResponse }
    }
    const admin = await get('admin')
    expect(admin.body.edges.map((e) => [e.upstream, e.downstream])).toContainEqual([
      'Mobile',
      'Payments',
    ])
    const viewer = await get('viewer of Payments')
    const edge = viewer.body.edges.find((e) => e.downstream === 'Payments')
    expect(edge?.upstream).toBeNull()
    expect(edge?.items[0]?.blockers[0]).toMatchObject({ restricted: true, source: 'restricted' })
    expect(viewer.body.edges.every((e) => e.downstream === 'Payments')).toBe(true)
    expect(viewer.text.toLowerCase()).not.toMatch(/mobile|mob-|launcher/)
  })
})
