import { describe, expect, test } from 'vitest'
import { compileMapping, parseMappingYaml, roundFigures, makeWorkItem } from '@openvmo/core'
import { computeFlowMetricsReport, deriveTimelines } from './engine'
import { TEST_MAPPING_YAML, TEST_NOW, createTestApp } from './api-test-fixture'

const RANGE = 'from=2024-01-01&to=2024-04-01'

const ROUTES: [path: string, keys: string[]][] = [
  ['/api/v1/value-streams', ['valueStreams']],
  ['/api/v1/teams', ['items']],
  ['/api/v1/products', ['items']],
  ['/api/v1/customers', ['items']],
  ['/api/v1/sources', ['sources', 'actions', 'kinds']],
  ['/api/v1/status', ['dataVersion', 'mappingVersion', 'syncing']],
  [`/api/v1/portfolio?period=month&${RANGE}`, ['streams']],
  [`/api/v1/metrics?${RANGE}`, ['periods', 'total', 'littlesLaw', 'warnings']],
  [`/api/v1/dependencies?${RANGE}`, ['by', 'periods', 'total', 'edges']],
  [`/api/v1/flow/cfd?${RANGE}`, ['days', 'bands', 'byFlowState']],
  [`/api/v1/flow/time-in-state?${RANGE}`, ['states', 'flowStates']],
  [`/api/v1/flow/time-in-state/items?status=Ready&source=jira&${RANGE}`, ['items', 'total']],
  ['/api/v1/flow/aging', ['items', 'flowTime']],
  [`/api/v1/flow/flow-times?${RANGE}`, ['points', 'flowTime']],
  [`/api/v1/flow/daily?${RANGE}`, ['days', 'throughput', 'arrivals', 'load']],
  [`/api/v1/flow/littles-law?${RANGE}`, ['littlesLaw']],
  [`/api/v1/flow/data-quality?${RANGE}`, ['itemsChecked', 'findings']],
  ['/api/v1/forecasts/when?items=5', ['forecast', 'backtest']],
  ['/api/v1/forecasts/how-many?date=2024-04-30', ['forecast', 'backtest']],
  ['/api/v1/items?q=refund', ['items', 'total', 'limit', 'offset']],
  ['/api/v1/items/jira/PAY-2', ['item', 'timeline', 'links', 'forecast']],
  ['/api/v1/mapping', ['version', 'yaml', 'parsed']],
  ['/api/v1/business-results?stream=Payments', ['stream', 'series']],
  ['/api/openapi.json', ['openapi', 'paths']],
]

describe('api routes', () => {
  test.each(ROUTES)('GET %s answers 200 with its fields', async (path, keys) => {
    const { app } = await createTestApp()
    const res = await app.request(path)
    expect(res.status, await res.clone().text()).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    for (const key of keys) expect(body).toHaveProperty(key)
  })

  test('the CFD ends on the as-of day, flagged as not over, when the range runs past it', async () => {
    const { app } = await createTestApp()
    const asOf = '2024-03-10T12:00:00Z'
    const res = await app.request(`/api/v1/flow/cfd?${RANGE}&asOf=${asOf}&tz=UTC`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      days: string[]
      lastDayPartial: boolean
      bands: { counts: number[] }[]
    }
    expect(body.days[0]).toBe('2024-01-01')
    expect(body.days.at(-1)).toBe('2024-03-10')
    expect(body.lastDayPartial).toBe(true)
    for (const band of body.bands) expect(band.counts).toHaveLength(body.days.length)
    const midnight = await app.request(`/api/v1/flow/cfd?${RANGE}&asOf=2024-03-10T00:00:00Z&tz=UTC`)
    const ended = (await midnight.json()) as { days: string[]; lastDayPartial: boolean }
    expect([ended.days.at(-1), ended.lastDayPartial]).toEqual(['2024-03-09', false])
  })

  test('the metrics equal computeFlowMetricsReport on the same data', async () => {
    const { app, store } = await createTestApp()
    const res = await app.request(`/api/v1/metrics?stream=Payments&period=week&${RANGE}`)
    const dataset = await store.loadFlowDataset()
    const mapping = compileMapping(parseMappingYaml(TEST_MAPPING_YAML, 'openvmo.yaml'), dataset)
    const input = { dataset, mapping, timelines: deriveTimelines(dataset, mapping, TEST_NOW) }
    const scope = { valueStream: 'Payments' }
    const direct = computeFlowMetricsReport(input, {
      from: '2024-01-01',
      to: '2024-04-01',
      period: 'week',
      scope,
    })
    // the API rounds figures to 6 decimals exactly as `vmo metrics --json` does
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(roundFigures(direct))))
    expect(direct.total.velocity.total).toBeGreaterThan(0)
  })

  test('an unknown value stream answers 404 with the error body', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/api/v1/metrics?stream=nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'value stream "nope" is not in the mapping (known: "Payments", "Mobile")',
      },
    })
  })

  test('a bad query answers 400 INVALID_INPUT', async () => {
    const { app } = await createTestApp()
    for (const path of [
      '/api/v1/metrics?period=fortnight',
      '/api/v1/flow/cfd?tz=Mars/Base',
      '/api/v1/forecasts/when?items=0',
    ]) {
      const res = await app.request(path)
      expect(res.status, path).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT')
    }
  })

  test('a when or how-many forecast the history cannot support answers 422 with the reason', async () => {
    const { app } = await createTestApp()
    for (const path of [
      '/api/v1/forecasts/when?items=5&asOf=2024-01-02T00:00:00Z',
      '/api/v1/forecasts/how-many?date=2024-02-01&asOf=2024-01-02T00:00:00Z',
    ]) {
      const res = await app.request(path)
      expect(res.status, path).toBe(422)
      const body = (await res.json()) as {
        error: { code: string; message: string; details: { required: number } }
      }
      expect(body.error.code).toBe('INSUFFICIENT_DATA')
      expect(body.error.message).toMatch(/^cannot forecast: /)
      expect(body.error.details.required).toBeGreaterThan(0)
    }
  })

  test('an unknown item and an unknown route answer 404', async () => {
    const { app } = await createTestApp()
    expect((await app.request('/api/v1/items/jira/NOPE-1')).status).toBe(404)
    const res = await app.request('/api/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
  })

  test('a repeated request with If-None-Match answers 304', async () => {
    const { app } = await createTestApp()
    const first = await app.request(`/api/v1/flow/cfd?${RANGE}`)
    const etag = first.headers.get('ETag')
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/)
    const second = await app.request(`/api/v1/flow/cfd?${RANGE}`, {
      headers: { 'If-None-Match': etag ?? '' },
    })
    expect(second.status).toBe(304)
    const other = await app.request(`/api/v1/flow/cfd?from=2024-02-01&to=2024-04-01`, {
      headers: { 'If-None-Match': etag ?? '' },
    })
    expect(other.status).toBe(200)
  })

  test('search pages through all hits with a total', async () => {
    const { app } = await createTestApp()
    const page = async (offset: number) =>
      (await (await app.request(`/api/v1/items?q=refund&limit=10&offset=${offset}`)).json()) as {
        items: { key: string }[]
        total: number
      }
    const [a, b, c] = [await page(0), await page(10), await page(20)]
    expect([a.total, a.items.length, b.items.length, c.items.length]).toEqual([24, 10, 10, 4])
    expect(new Set([...a.items, ...b.items, ...c.items].map((i) => i.key)).size).toBe(24)
  })

  test('search finds an item by the text of its fields and its labels, not only key and title', async () => {
    const { app, store } = await createTestApp()
    const item = makeWorkItem({
      key: 'OPS-7',
      title: 'Checkout fails',
      labels: ['norway-launch'],
      fields: { description: 'Customers in Norway see a blank page', customer: 'Fjord Air' },
    })
    await store.importRecords([item])
    const keys = async (q: string) =>
      (
        (await (await app.request(`/api/v1/items?q=${encodeURIComponent(q)}`)).json()) as {
          items: { key: string }[]
        }
      ).items.map((i) => i.key)
    expect(await keys('blank page')).toEqual(['OPS-7'])
    expect(await keys('fjord air')).toEqual(['OPS-7'])
    expect(await keys('NORWAY-LAUNCH')).toEqual(['OPS-7'])
  })

  test('the journey links the item to its parent, children and other tools', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/api/v1/items/jira/PAY-2')
    const body = (await res.json()) as {
      links: {
        nodes: { key: string; known: boolean }[]
        edges: { from: string; to: string; type: string }[]
      }
      timeline: { status: string; to: string | null }[]
      valueStreams: string[]
    }
    expect(body.valueStreams).toEqual(['Payments'])
    expect(body.timeline.map((s) => s.status)).toEqual(['Backlog', 'Ready', 'In Progress', 'Done'])
    expect(body.links.edges).toContainEqual({
      from: 'jira:PAY-2',
      to: 'jira:PAY-1',
      type: 'parent',
    })
    expect(body.links.edges).toContainEqual({
      from: 'jira:PAY-2',
      to: 'github:acme/pay#45',
      type: 'relates',
    })
    expect(body.links.nodes.find((n) => n.key === 'acme/pay#45')?.known).toBe(false)
  })

  test('an item in progress says what it waits on: its status and days in it, open blockers first', async () => {
    const { app } = await createTestApp()
    const body = (await (await app.request('/api/v1/items/jira/PAY-23')).json()) as {
      waitsOn: {
        status: string
        flowState: string
        days: number
        blockers: { key: string; link: string; open: boolean; status: string; waitedDays: number }[]
      }
    }
    expect(body.waitsOn).toMatchObject({ status: 'In Progress', flowState: 'active' })
    // PAY-23 moved to In Progress on day 71 of 2024 (2024-03-11), 21 days before TEST_NOW.
    expect(body.waitsOn.days).toBeCloseTo(21, 5)
    // it waited (Ready) 1 day, 10–11 March, while PAY-22 was open and PAY-3 long done
    expect(body.waitsOn.blockers).toMatchObject([
      { key: 'PAY-22', link: 'is blocked by', open: true, status: 'In Progress', waitedDays: 1 },
      { key: 'PAY-3', link: 'blocks', open: false, status: 'Done', waitedDays: 0 },
    ])
    const done = (await (await app.request('/api/v1/items/jira/PAY-3')).json()) as {
      waitsOn: unknown
    }
    expect(done.waitsOn).toBeNull()
  })

  test('an item in progress has a dated forecast with its sample size', async () => {
    const { app } = await createTestApp()
    const body = (await (await app.request('/api/v1/items/jira/PAY-24')).json()) as {
      forecast: { kind: string; sample?: { flowTimes: number } }
      flowState: string
    }
    expect(body.flowState).toBe('active')
    expect(['forecast', 'insufficient_data']).toContain(body.forecast.kind)
  })
})
