import { describe, expect, test } from 'vitest'
import { createTestApp } from './api-test-fixture'
import type { FlowMetricsReportResponse, PortfolioResponse } from './schemas/metrics-schemas'

async function getJson<T>(app: Awaited<ReturnType<typeof createTestApp>>['app'], path: string) {
  const res = await app.request(path)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as T
}

describe('partial periods', () => {
  test('the metrics mark the period not over at the as-of instant as partial', async () => {
    const { app } = await createTestApp()
    const report = await getJson<FlowMetricsReportResponse>(
      app,
      '/api/v1/metrics?period=month&from=2024-01-01&to=2024-04-01&asOf=2024-03-15T00:00:00Z',
    )
    expect(report.periods.map((p) => p.partial)).toEqual([false, false, true])
    expect(report.total.partial).toBe(true)
  })

  test('the portfolio marks the partial period and takes its last period from the full ones', async () => {
    const { app } = await createTestApp()
    const portfolio = await getJson<PortfolioResponse>(
      app,
      '/api/v1/portfolio?period=month&from=2024-01-01&to=2024-04-01&asOf=2024-03-15T00:00:00Z',
    )
    const payments = portfolio.streams.find((s) => s.name === 'Payments')
    expect(payments?.trend.map((p) => p.partial)).toEqual([false, false, true])
    expect(payments?.lastPeriod?.start).toBe('2024-02-01T00:00:00Z')
    expect(payments?.lastPeriod?.partial).toBe(false)
  })

  test('the OpenAPI document lists partial on every period', async () => {
    const { app } = await createTestApp()
    const doc = await getJson<{ components: { schemas: Record<string, { required?: string[] }> } }>(
      app,
      '/api/openapi.json',
    )
    expect(doc.components.schemas.PeriodMetrics?.required).toContain('partial')
  })
})

type App = Awaited<ReturnType<typeof createTestApp>>['app']
const RANGE = 'from=2024-01-01&to=2024-04-01&period=month'

/** A route's answer with and without `filter`, for routes whose figures a filter must change. */
async function both<T>(app: App, path: string, filter: string): Promise<[T, T]> {
  const join = path.includes('?') ? '&' : '?'
  return [await getJson<T>(app, path), await getJson<T>(app, `${path}${join}${filter}`)]
}

describe('filters narrow every figure', () => {
  test('the portfolio shows only the streams asked for, several at once', async () => {
    const { app } = await createTestApp()
    const one = await getJson<PortfolioResponse>(app, `/api/v1/portfolio?${RANGE}&stream=mobile`)
    expect(one.streams.map((s) => s.name)).toEqual(['Mobile'])
    const two = await getJson<PortfolioResponse>(
      app,
      `/api/v1/portfolio?${RANGE}&stream=Mobile&stream=Payments`,
    )
    expect(two.streams.map((s) => s.name)).toEqual(['Payments', 'Mobile'])
  })

  test('the portfolio narrows each stream to the team asked for', async () => {
    const { app } = await createTestApp()
    const [all, team] = await both<PortfolioResponse>(
      app,
      `/api/v1/portfolio?${RANGE}`,
      'team=mobile',
    )
    const velocity = (p: PortfolioResponse, name: string) =>
      p.streams.find((s) => s.name === name)?.total.velocity.total
    expect(velocity(all, 'Payments')).toBeGreaterThan(0)
    expect(velocity(team, 'Payments')).toBe(0)
    expect(velocity(team, 'Mobile')).toBe(velocity(all, 'Mobile'))
  })

  test('the metrics count only the Flow Item types asked for', async () => {
    const { app } = await createTestApp()
    const [all, defects] = await both<FlowMetricsReportResponse>(
      app,
      `/api/v1/metrics?${RANGE}&stream=Payments`,
      'type=defect',
    )
    expect(defects.total.velocity.total).toBe(all.total.velocity.defect)
    expect(defects.total.velocity.feature).toBe(0)
    expect(defects.total.flowTime?.count).toBe(all.total.velocity.defect)
    expect(defects.scope.types).toEqual(['defect'])
  })

  test('time in state, aging and flow times count only the types asked for', async () => {
    const { app } = await createTestApp()
    type Tis = { states: { items: number }[] }
    const [tisAll, tisDefect] = await both<Tis>(
      app,
      `/api/v1/flow/time-in-state?${RANGE}`,
      'type=defect',
    )
    const max = (r: Tis) => Math.max(...r.states.map((s) => s.items))
    expect(max(tisDefect)).toBeLessThan(max(tisAll))
    type Aging = { items: { type: string }[] }
    const [agingAll, agingFeature] = await both<Aging>(app, '/api/v1/flow/aging', 'type=feature')
    expect(agingFeature.items.length).toBeLessThan(agingAll.items.length)
    type Times = { points: unknown[]; flowTime: { count: number } | null }
    const [timesAll, timesDefect] = await both<Times>(
      app,
      `/api/v1/flow/flow-times?${RANGE}`,
      'type=defect',
    )
    expect(timesDefect.points.length).toBeLessThan(timesAll.points.length)
    expect(timesDefect.flowTime?.count).toBe(timesDefect.points.length)
  })

  test('an unknown type is a 400 naming it', async () => {
    const { app } = await createTestApp()
    const res = await app.request(`/api/v1/metrics?${RANGE}&type=bug`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } })
  })
})
