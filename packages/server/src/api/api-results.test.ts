import { afterEach, describe, expect, test } from 'vitest'
import type { Store } from '../store/store'
import { openStore } from '../store/open-store'
import { createTestApp } from './api-test-fixture'
import { createAuthTestApp } from './auth/auth-test-kit'

let store: Store | undefined
afterEach(async () => {
  await store?.close()
  store = undefined
})

async function setUp() {
  const made = await createTestApp()
  store = made.store
  const send = (method: string, path: string, body: unknown) =>
    made.app.request(`/api/v1/business-results/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  return { app: made.app, store: made.store, send }
}

const incidents = {
  category: 'quality',
  unit: 'count',
  direction: 'lower_is_better',
  target: 2,
  targetDate: '2024-06-30',
}

describe('business results with targets', () => {
  test('defines a result, adds points and reports the latest against the target', async () => {
    const { app, send } = await setUp()
    const put = await send('PUT', 'payments/incidents', incidents)
    expect(put.status).toBe(200)
    expect(await put.json()).toMatchObject({ stream: 'Payments', metric: 'incidents', target: 2 })
    const posted = await send('POST', 'Payments/incidents/points', {
      unit: 'count',
      points: [
        { date: '2024-03-04', value: 1 },
        { date: '2024-03-11', value: 4 },
      ],
    })
    expect(await posted.json()).toEqual({
      stream: 'Payments',
      metric: 'incidents',
      inserted: 2,
      updated: 0,
    })
    const read = await app.request('/api/v1/business-results?stream=payments')
    const body = (await read.json()) as { series: { metric: string; status: string }[] }
    expect(body.series.find((s) => s.metric === 'incidents')).toMatchObject({
      status: 'off_target',
      latest: { date: '2024-03-11', value: 4 },
      definition: { unit: 'count', direction: 'lower_is_better', targetDate: '2024-06-30' },
    })
    // the fixture's series has no definition
    expect(body.series.find((s) => s.metric === 'value')).toMatchObject({
      status: 'no_target',
      definition: null,
    })
    await send('POST', 'Payments/incidents/points', { points: [{ date: '2024-03-11', value: 2 }] })
    const status = await app.request('/api/v1/business-results/status')
    expect(await status.json()).toEqual({
      results: [
        expect.objectContaining({
          stream: 'Payments',
          metric: 'incidents',
          status: 'on_target',
          latest: { date: '2024-03-11', value: 2 },
        }),
      ],
    })
  })

  test('refuses bad input with the one error format and writes nothing', async () => {
    const { store, send } = await setUp()
    await send('PUT', 'Payments/incidents', incidents)
    const before = await store.listBusinessResults('Payments')
    const cases: [string, string, unknown, number, string][] = [
      [
        'POST',
        'Nowhere/incidents/points',
        { points: [{ date: '2024-03-04', value: 1 }] },
        404,
        'unknown value stream "Nowhere"',
      ],
      ['PUT', 'Nowhere/incidents', incidents, 404, 'unknown value stream "Nowhere"'],
      [
        'POST',
        'Payments/incidents/points',
        {
          points: [
            { date: '2024-03-04', value: 1 },
            { date: '2024-03-04', value: 2 },
          ],
        },
        400,
        'point 2 repeats the date 2024-03-04',
      ],
      [
        'POST',
        'Payments/incidents/points',
        { points: [{ date: '2024-02-30', value: 1 }] },
        400,
        'not a YYYY-MM-DD date',
      ],
      [
        'POST',
        'Payments/incidents/points',
        { points: [{ date: '2024-03-04', value: '1' }] },
        400,
        'invalid json',
      ],
      [
        'POST',
        'Payments/incidents/points',
        { unit: 'percent', points: [{ date: '2024-03-04', value: 1 }] },
        400,
        'is kept in count, not percent',
      ],
      ['PUT', 'Payments/nps', { ...incidents, direction: 'up' }, 400, 'invalid json'],
      ['PUT', 'Payments/Bad Name', incidents, 400, 'invalid param'],
      ['PUT', 'Payments/csat', { ...incidents, unit: '%', target: 120 }, 400, 'not a percentage'],
    ]
    for (const [method, path, body, status, message] of cases) {
      const res = await send(method, path, body)
      expect(res.status, `${method} ${path}`).toBe(status)
      const error = (await res.json()) as { error: { code: string; message: string } }
      expect(error.error.message).toContain(message)
    }
    expect(await store.listBusinessResults('Payments')).toEqual(before)
    expect((await store.listResultDefinitions()).map((d) => d.metric)).toEqual(['incidents'])
  })

  test('lets editors write and refuses viewers', async () => {
    store = await openStore({ db: ':memory:' })
    const kit = await createAuthTestApp(store)
    await kit.addUser('ada', { admin: true })
    await kit.addUser('vic')
    const vic = await kit.signIn('vic')
    const init = { method: 'PUT', body: JSON.stringify(incidents) }
    const refused = await kit.request('/api/v1/business-results/Payments/incidents', {
      ...init,
      cookie: vic.cookie,
      csrf: vic.csrf,
    })
    expect(refused.status).toBe(403)
    const ada = await kit.signIn('ada')
    const saved = await kit.request('/api/v1/business-results/Payments/incidents', {
      ...init,
      cookie: ada.cookie,
      csrf: ada.csrf,
    })
    expect(saved.status).toBe(200)
  })
})
