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
