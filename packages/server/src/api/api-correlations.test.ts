import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Store } from '../store/store'
import { createTestApp } from './api-test-fixture'
import type { ResultCorrelationsResponse } from './schemas/result-schemas'
import { resultSeries } from './views/result-correlations-view'
import type { FlowMetricsReportResponse } from './schemas/metrics-schemas'

let store: Store
let app: OpenAPIHono

beforeEach(async () => {
  ;({ store, app } = await createTestApp())
  // weekly throughput of Payments over Q1 2024, as a result: it moves with velocity exactly
  const report = (await (
    await app.request('/api/v1/metrics?stream=Payments&period=week&from=2024-01-01&to=2024-04-01')
  ).json()) as FlowMetricsReportResponse
  await store.replaceBusinessResults(
    report.periods.map((p) => ({
      stream: 'Payments',
      metric: 'shipped',
      date: p.start.slice(0, 10),
      value: p.velocity.total,
    })),
  )
})

afterEach(async () => {
  await store.close()
})

const URL = '/api/v1/business-results/correlations?period=week&from=2024-01-01&to=2024-04-01'

describe('flow and business results, correlated', () => {
  test('a result that is the throughput correlates with it at lag 0, rho 1', async () => {
    const res = await app.request(`${URL}&stream=payments&maxLag=2`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as ResultCorrelationsResponse
    expect(body.stream).toBe('Payments')
    expect(body.results).toEqual(['shipped'])
    expect(body.tried).toBe(body.metrics.length * 3)
    const pair = body.correlations.find((c) => c.metric === 'throughput' && c.result === 'shipped')
    expect(pair).toMatchObject({ lag: 0, rho: 1 })
    expect(pair?.pairs).toBe(body.periods)
  })

  test('needs exactly one value stream, and a stream that does not exist is not found', async () => {
    expect((await app.request(URL)).status).toBe(400)
    expect((await app.request(`${URL}&stream=Payments,Mobile`)).status).toBe(400)
    expect((await app.request(`${URL}&stream=Nowhere`)).status).toBe(404)
    expect((await app.request(`${URL}&stream=Payments&maxLag=40`)).status).toBe(400)
  })
})

describe('result series per period', () => {
  const period = (start: string, end: string, partial = false) =>
    ({ start, end, partial }) as unknown as FlowMetricsReportResponse['periods'][number]
  const report = {
    timezone: 'Europe/Berlin',
    periods: [
      period('2023-12-31T23:00:00Z', '2024-01-31T23:00:00Z'),
      period('2024-01-31T23:00:00Z', '2024-02-29T23:00:00Z'),
      period('2024-02-29T23:00:00Z', '2024-03-31T22:00:00Z', true),
    ],
  } as unknown as FlowMetricsReportResponse

  test('averages the points of each period by their local date, none in a period not over', () => {
    const points = [
      { stream: 'S', metric: 'nps', date: '2024-01-01', value: 10 },
      { stream: 'S', metric: 'nps', date: '2024-01-31', value: 20 },
      { stream: 'S', metric: 'nps', date: '2024-03-05', value: 99 },
    ]
    expect(resultSeries(report, points)).toEqual([{ name: 'nps', values: [15, null, null] }])
  })
})
