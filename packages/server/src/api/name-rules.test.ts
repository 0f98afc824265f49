import { describe, expect, test } from 'vitest'
import { createTestApp } from './api-test-fixture'

interface OpenApiDocument {
  paths: Record<
    string,
    { get?: { parameters?: { name: string; in: string; required?: boolean }[] } }
  >
}

/** Values for the required query parameters of the routes that take a team. */
const REQUIRED_VALUES: Record<string, string> = {
  items: '5',
  date: '2024-04-30',
  status: 'Ready',
  source: 'jira',
  stream: 'Payments',
}

describe('names in queries', () => {
  test('business results match the stream case-insensitively and name it as the model does', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/api/v1/business-results?stream=payments')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { stream: string; series: { points: unknown[] }[] }
    expect(body.stream).toBe('Payments')
    expect(body.series[0]?.points).toHaveLength(2)
  })

  test('every route that takes a team answers 404 naming the known teams when the team is unknown', async () => {
    const { app } = await createTestApp()
    const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument
    const routes = Object.entries(doc.paths).filter(([, item]) =>
      item.get?.parameters?.some((p) => p.in === 'query' && p.name === 'team'),
    )
    expect(routes.length).toBeGreaterThan(10)
    for (const [path, item] of routes) {
      const query = new URLSearchParams({ team: 'nosuchteam' })
      for (const p of item.get?.parameters ?? []) {
        if (p.in === 'query' && p.required === true)
          query.set(p.name, REQUIRED_VALUES[p.name] ?? '')
      }
      const res = await app.request(`${path}?${query.toString()}`)
      expect(res.status, path).toBe(404)
      expect(await res.json(), path).toEqual({
        error: {
          code: 'NOT_FOUND',
          message: 'unknown team "nosuchteam" (known: "mobile", "payments")',
        },
      })
    }
  })

  test('a team matches case-insensitively when it is known', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/api/v1/metrics?team=PAYMENTS&from=2024-01-01&to=2024-04-01')
    expect(res.status).toBe(200)
  })
})
