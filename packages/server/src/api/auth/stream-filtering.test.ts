import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { GrantsWorld, Principal } from './grants-test-kit'
import { createGrantsWorld } from './grants-test-kit'

let world: GrantsWorld

beforeAll(async () => {
  world = await createGrantsWorld()
})

afterAll(async () => {
  await world.store.close()
})

describe('what a viewer of one value stream sees', () => {
  const get = async (who: Principal, url: string) => {
    const res = await world.t.request(url, { headers: who.headers })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const viewer = () => world.principal('viewer of Payments')
  const admin = () => world.principal('admin')

  test('the portfolio, the value streams and the search hold only its stream', async () => {
    const portfolio = await get(viewer(), '/api/v1/portfolio')
    const names = (portfolio.body.streams as { name: string }[]).map((s) => s.name)
    expect(names).toEqual(['Payments'])
    const all = await get(admin(), '/api/v1/portfolio')
    expect((all.body.streams as { name: string }[]).map((s) => s.name)).toEqual([
      'Payments',
      'Mobile',
    ])
    const streams = await get(viewer(), '/api/v1/value-streams')
    expect((streams.body.valueStreams as { name: string }[]).map((s) => s.name)).toEqual([
      'Payments',
    ])
    const hits = await get(viewer(), '/api/v1/items?q=flow&limit=100')
    const keys = (hits.body.items as { key: string }[]).map((h) => h.key)
    expect(keys.length).toBe(25)
    expect(keys.every((k) => k.startsWith('PAY-'))).toBe(true)
    const adminHits = await get(admin(), '/api/v1/items?q=o&limit=100')
    expect((adminHits.body.items as { key: string }[]).map((h) => h.key)).toContain('OPS-1')
  })

  test('a roll-up over every stream covers only the streams it may read', async () => {
    const own = await get(viewer(), '/api/v1/metrics?stream=Payments')
    const all = await get(viewer(), '/api/v1/metrics')
    expect(all.body.periods).toEqual(own.body.periods)
    expect(all.body.scope).toEqual({ valueStreams: ['Payments'] })
  })

  test("a team of another stream's items is answered as one that does not exist", async () => {
    expect((await get(viewer(), '/api/v1/flow/aging?team=payments')).status).toBe(200)
    const other = await get(viewer(), '/api/v1/flow/aging?team=mobile')
    const none = await get(viewer(), '/api/v1/flow/aging?team=nobody')
    expect(other.status).toBe(404)
    expect(JSON.stringify(other.body).replace('mobile', 'nobody')).toBe(JSON.stringify(none.body))
    expect(JSON.stringify(none.body)).toContain('(known: \\"payments\\")')
  })

  test('a linked item of another stream shows as restricted, without key or title', async () => {
    const journey = await get(viewer(), '/api/v1/items/jira/PAY-25')
    expect(journey.status).toBe(200)
    const links = journey.body.links as { nodes: Record<string, unknown>[] }
    expect(links.nodes).toContainEqual(
      expect.objectContaining({ source: 'restricted', key: 'restricted-1', restricted: true }),
    )
    expect(JSON.stringify(journey.body)).not.toContain('MOB-3')
    const blockers = (journey.body.waitsOn as { blockers: { restricted?: boolean }[] }).blockers
    expect(blockers.map((b) => b.restricted)).toEqual([true])
    const full = await get(admin(), '/api/v1/items/jira/PAY-25')
    expect(JSON.stringify(full.body)).toContain('MOB-3')
    expect(JSON.stringify(full.body)).not.toContain('restricted')
  })
})

describe('a signed-in user granted no value stream', () => {
  test('sees an empty portfolio, no value stream, no item and no figure', async () => {
    await world.t.addUser('nemo')
    const { cookie } = await world.t.signIn('nemo')
    const get = async (url: string) => {
      const res = await world.t.request(url, { cookie })
      return { status: res.status, body: (await res.json()) as Record<string, unknown> }
    }
    expect((await get('/api/v1/portfolio')).body.streams).toEqual([])
    expect((await get('/api/v1/value-streams')).body.valueStreams).toEqual([])
    expect((await get('/api/v1/items?q=flow')).body.total).toBe(0)
    const daily = await get('/api/v1/flow/daily')
    expect(daily.status).toBe(200)
    expect((daily.body.throughput as number[]).every((n) => n === 0)).toBe(true)
    expect((await get('/api/v1/items/jira/PAY-1')).status).toBe(404)
  })
})
