import { afterEach, describe, expect, test } from 'vitest'
import type { Store } from '../store/store'
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
  const send = (method: string, path: string, body?: unknown) =>
    made.app.request(`/api/v1/experiments/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  return { app: made.app, store: made.store, send }
}

const wipLimit = {
  name: 'WIP limit',
  hypothesis: 'Flow time p85 falls by a third.',
  change: 'one item per developer',
  changeDate: '2024-02-05',
  beforeDays: 28,
  afterDays: 28,
  targets: [{ metric: 'flow_time_p85', direction: 'decrease', expectedChangePercent: 33 }],
  control: { stream: 'mobile' },
}

describe('experiments over the API', () => {
  test('records an experiment, lists it and reports it with windows, intervals and a verdict', async () => {
    const { app, send } = await setUp()
    const put = await send('PUT', 'payments/wip-limit', wipLimit)
    expect(put.status).toBe(200)
    expect(await put.json()).toMatchObject({
      id: 'wip-limit',
      scope: { stream: 'Payments', teams: [], types: [] },
      control: { stream: 'Mobile', teams: [], types: [] },
      rolloutEndDate: null,
    })
    const list = await (await app.request('/api/v1/experiments?stream=Payments')).json()
    expect(list).toMatchObject({ experiments: [{ definition: { id: 'wip-limit' } }] })
    const res = await app.request('/api/v1/experiments/wip-limit/report')
    expect(res.status).toBe(200)
    const report = (await res.json()) as {
      windows: Record<'before' | 'after', { completed: number }>
      verdict: string
      reasons: { code: string }[]
      metrics: { metric: string }[]
      weekly: unknown[]
      asOf: string
    }
    expect(report.windows.before).toMatchObject({ from: '2024-01-08', to: '2024-02-05', days: 28 })
    expect(report.windows.after).toMatchObject({ from: '2024-02-05', to: '2024-03-04' })
    expect(report.windows.before.completed + report.windows.after.completed).toBeGreaterThan(5)
    // the fixture has about ten completions per window: too few for a verdict
    expect(report.verdict).toBe('inconclusive')
    expect(report.reasons[0]).toMatchObject({ code: 'too_few_items', metric: 'flow_time_p85' })
    expect(report.metrics.map((m: { metric: string }) => m.metric)).toEqual([
      'flow_time_p50',
      'flow_time_p85',
      'throughput',
      'flow_efficiency',
    ])
    expect(report.weekly.length).toBeGreaterThanOrEqual(8)
    expect(report.asOf).toBe('2024-04-01T00:00:00Z')
    const again = await (await app.request('/api/v1/experiments/wip-limit/report')).json()
    expect(again).toEqual(report)
  })

  test.each([
    [
      { changeDate: '2024-04-02' },
      400,
      'change date 2024-04-02 is in the future (today is 2024-04-01)',
    ],
    [{ beforeDays: 0 }, 400, 'the before window has 0 days'],
    [{ control: { stream: 'Payroll' } }, 404, 'unknown value stream "Payroll"'],
    [{ teams: ['nobody'] }, 404, 'unknown team "nobody"'],
    [{ targets: [] }, 400, 'targets'],
  ])('refuses %o and writes nothing', async (change, status, message) => {
    const { send, store } = await setUp()
    const res = await send('PUT', 'Payments/bad-one', { ...wipLimit, ...change })
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { message: string } }
    expect(body.error.message).toContain(message)
    expect(await store.listExperiments()).toEqual([])
  })

  test('refuses an unknown stream in the path, and an id that belongs to another stream', async () => {
    const { send, store } = await setUp()
    const unknown = await send('PUT', 'Payroll/x', wipLimit)
    expect(unknown.status).toBe(404)
    await send('PUT', 'Payments/wip-limit', wipLimit)
    const taken = await send('PUT', 'Mobile/wip-limit', { ...wipLimit, control: null })
    expect(taken.status).toBe(409)
    expect(await taken.json()).toMatchObject({
      error: { message: 'experiment "wip-limit" belongs to "Payments": choose another id' },
    })
    expect((await store.findExperiment('wip-limit'))?.definition.scope.stream).toBe('Payments')
  })

  test('removes an experiment of its stream only', async () => {
    const { app, send } = await setUp()
    await send('PUT', 'Payments/wip-limit', wipLimit)
    expect((await send('DELETE', 'Mobile/wip-limit')).status).toBe(404)
    expect((await send('DELETE', 'Payments/wip-limit')).status).toBe(204)
    expect((await app.request('/api/v1/experiments/wip-limit/report')).status).toBe(404)
  })

  test('lets an admin record and remove (audited) and refuses a viewer', async () => {
    const { store } = await setUp()
    const kit = await createAuthTestApp(store)
    await kit.addUser('ada', { admin: true })
    await kit.addUser('vic')
    const body = JSON.stringify(wipLimit)
    const vic = await kit.signIn('vic')
    const as = (who: { cookie: string; csrf: string }) => ({ cookie: who.cookie, csrf: who.csrf })
    const path = '/api/v1/experiments/Payments/wip-limit'
    expect((await kit.request(path, { method: 'PUT', body, ...as(vic) })).status).toBe(403)
    const ada = await kit.signIn('ada')
    expect((await kit.request(path, { method: 'PUT', body, ...as(ada) })).status).toBe(200)
    expect((await kit.request(path, { method: 'DELETE', ...as(ada) })).status).toBe(204)
    const audit = (await store.listAudit()).filter((e) => e.target === path)
    expect(audit.map((e) => [e.actor, e.action, e.detail])).toEqual([
      ['ada', 'DELETE /api/v1/experiments/:stream/:id', { status: 204 }],
      ['ada', 'PUT /api/v1/experiments/:stream/:id', { status: 200 }],
    ])
  })

  test('suggests change points of a stream and documents every route', async () => {
    const { app } = await setUp()
    const res = await app.request('/api/v1/experiments/suggestions?stream=Payments')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ stream: 'Payments', suggestions: [] })
    expect((await app.request('/api/v1/experiments/suggestions?stream=Nope')).status).toBe(404)
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: object }
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/experiments'))).toEqual([
      '/api/v1/experiments',
      '/api/v1/experiments/suggestions',
      '/api/v1/experiments/{id}/report',
      '/api/v1/experiments/{stream}/{id}',
    ])
  })
})
