import { describe, expect, test } from 'vitest'
import { TEST_MAPPING_YAML, createTestApp } from './api-test-fixture'

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
    const res = await app.request('/api/v1/mapping', put(TEST_MAPPING_YAML.replace('Ready, ', '')))
    expect(res.status).toBe(422)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNMAPPED_VALUES')
    expect(
      ((await (await app.request('/api/v1/mapping')).json()) as { version: number }).version,
    ).toBe(1)
  })
})
