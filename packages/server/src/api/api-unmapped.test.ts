import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { createTestApp } from './api-test-fixture'

const RANGE = 'from=2024-01-01&to=2024-04-01'

/** The test store plus one item in "Weird Status", a status the mapping does not name. */
async function appWithWeirdStatus() {
  const { app, store } = await createTestApp()
  await store.importRecords([
    makeWorkItem({
      key: 'PAY-500',
      project: 'PAY',
      created: '2024-01-05T00:00:00Z',
      path: [
        ['2024-01-06T00:00:00Z', 'Ready'],
        ['2024-01-07T00:00:00Z', 'Weird Status'],
      ],
    }),
  ])
  return { app, store }
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T
}

describe('an unmapped status in the store', () => {
  test.each([
    `/api/v1/metrics?${RANGE}`,
    `/api/v1/portfolio?period=month&${RANGE}`,
    `/api/v1/flow/cfd?${RANGE}`,
    `/api/v1/flow/time-in-state?${RANGE}`,
    '/api/v1/flow/aging',
    `/api/v1/flow/flow-times?${RANGE}`,
    `/api/v1/flow/data-quality?${RANGE}`,
    '/api/v1/forecasts/when?items=5&asOf=2024-03-01T00:00:00Z',
    '/api/v1/value-streams',
    '/api/v1/teams',
    '/api/v1/items/jira/PAY-2',
    '/api/v1/items/jira/PAY-500',
  ])('leaves %s answering 200 when one item uses it', async (path) => {
    const { app } = await appWithWeirdStatus()
    const res = await app.request(path)
    expect(res.status, await res.clone().text()).toBe(200)
  })

  test('leaves the item out of every figure and says so with its count', async () => {
    const { app } = await appWithWeirdStatus()
    const { app: clean } = await createTestApp()
    const report = await json<{ total: unknown; warnings: { code: string; message: string }[] }>(
      await app.request(`/api/v1/metrics?stream=Payments&${RANGE}`),
    )
    const before = await json<{ total: unknown }>(
      await clean.request(`/api/v1/metrics?stream=Payments&${RANGE}`),
    )
    expect(report.total).toEqual(before.total)
    const warning = report.warnings.find((w) => w.code === 'UNMAPPED_VALUES')
    expect(warning?.message).toMatch(/^1 item is left out of every figure: "Weird Status" of jira/)
  })

  test('lists the unmapped value with its item count on the mapping', async () => {
    const { app } = await appWithWeirdStatus()
    const mapping = await json<{ unmapped: unknown }>(await app.request('/api/v1/mapping'))
    expect(mapping.unmapped).toEqual({
      states: [{ source: 'jira', name: 'Weird Status', items: 1 }],
      types: [],
      items: 1,
    })
  })

  test('shows the item itself with its unmapped status instead of a guessed flow state', async () => {
    const { app } = await appWithWeirdStatus()
    const journey = await json<{
      flowState: string | null
      timeline: { status: string; flowState: string | null }[]
    }>(await app.request('/api/v1/items/jira/PAY-500'))
    expect(journey.flowState).toBeNull()
    expect(journey.timeline.at(-1)).toMatchObject({ status: 'Weird Status', flowState: null })
    expect(journey.timeline.at(-2)).toMatchObject({ status: 'Ready', flowState: 'waiting' })
  })
})
