import { describe, expect, it } from 'vitest'
import { makeWorkItem, renderSuggestedMappingYaml, suggestMapping } from '@openvmo/core'
import { openStore } from '../store/open-store'
import { createApp } from './create-app'
import { TEST_NOW, createTestApp, createTestStore } from './api-test-fixture'
import type { MappingResponse, MappingSuggestionResponse } from './schemas/mapping-schemas'
import type { AgingWipResponse, TimeInStateResponse } from './schemas/flow-schemas'
import type { StatusResponse } from './schemas/source-schemas'

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T

const put = (yaml: string, headers: Record<string, string> = {}) => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json', 'if-match': '"1"', ...headers },
  body: JSON.stringify({ yaml }),
})

describe('the mapping workbench API', () => {
  it('suggests exactly what vmo map suggest writes, with the fields rules can match', async () => {
    const { app, store } = await createTestApp({ withUnmapped: true })
    const body = await json<MappingSuggestionResponse>(app.request('/api/v1/mapping/suggestion'))
    const expected = suggestMapping(await store.loadFlowDataset())
    expect(body.yaml).toBe(renderSuggestedMappingYaml(expected))
    expect(body.items).toBe(49)
    expect(body.statuses.map((s) => [s.name, s.suggested, s.items])).toEqual(
      expected.statuses.map((s) => [s.name, s.suggested, s.items]),
    )
    expect(body.statuses.find((s) => s.name === 'Parked')).toMatchObject({ items: 1 })
    const project = body.fields.find((f) => f.name === 'project')
    expect(project?.values).toEqual([
      { value: 'PAY', items: 25 },
      { value: 'MOB', items: 24 },
    ])
    expect(body.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['source', 'project', 'team']),
    )
    expect(body.fields.map((f) => f.name)).not.toContain('key')
  })

  it('says an empty store has nothing to map', async () => {
    const store = await openStore({ db: ':memory:' })
    const app = createApp({ store, clock: () => TEST_NOW, loopback: true })
    const mapping = await json<MappingResponse>(app.request('/api/v1/mapping'))
    expect(mapping).toMatchObject({ version: null, items: 0, saving: { allowed: true } })
    const suggestion = await json<MappingSuggestionResponse>(
      app.request('/api/v1/mapping/suggestion'),
    )
    expect(suggestion).toMatchObject({ items: 0, statuses: [], types: [], fields: [] })
    expect(await json<StatusResponse>(app.request('/api/v1/status'))).toMatchObject({
      items: 0,
      dataEnd: null,
    })
    // the filters of every page list no stream, rather than failing, until a mapping is saved
    const streams = await app.request('/api/v1/value-streams')
    expect(streams.status).toBe(200)
    expect(await streams.json()).toEqual({ valueStreams: [] })
  })

  it('saves only the way sources are added: on loopback, from a loopback host', async () => {
    const store = await createTestStore()
    const wide = createApp({ store, clock: () => TEST_NOW, loopback: false })
    const yaml = (await store.findCurrentMapping())?.yaml ?? ''
    const refused = await wide.request('/api/v1/mapping', put(`${yaml}\n# edited\n`))
    expect(refused.status).toBe(403)
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('FORBIDDEN')
    const shown = await json<MappingResponse>(wide.request('/api/v1/mapping'))
    expect(shown.saving.allowed).toBe(false)
    expect(shown.saving.reason).toMatch(/loopback/)

    const local = createApp({ store, clock: () => TEST_NOW, loopback: true })
    const foreign = await local.request(
      '/api/v1/mapping',
      put(`${yaml}\n# edited\n`, { origin: 'http://evil.example' }),
    )
    expect(foreign.status).toBe(403)
    const fromEvil = await json<MappingResponse>(
      local.request('/api/v1/mapping', { headers: { origin: 'http://evil.example' } }),
    )
    expect(fromEvil.saving).toMatchObject({ allowed: false })
    const saved = await local.request('/api/v1/mapping', put(`${yaml}\n# edited\n`))
    expect(saved.status).toBe(200)
    expect((await store.findCurrentMapping())?.version).toBe(2)
  })
})

/** An archive with only created and resolved: one status change at the resolved date. */
async function archiveApp() {
  const store = await openStore({ db: ':memory:' })
  const records = []
  for (let n = 0; n < 30; n++) {
    const created = new Date(Date.UTC(2019, 0, 1 + n * 5)).toISOString()
    const resolved = new Date(Date.UTC(2019, 0, 8 + n * 5)).toISOString()
    records.push(
      n < 25
        ? makeWorkItem({
            key: `ARC-${n}`,
            created,
            initialStatus: 'In Progress',
            resolved,
            path: [[resolved, 'Closed']],
          })
        : makeWorkItem({
            key: `ARC-${n}`,
            created,
            status: 'In Progress',
            initialStatus: 'In Progress',
          }),
    )
  }
  await store.importRecords(records)
  await store.saveMappingVersion(
    'flowItems: { feature: [Story] }\nstates: { active: [In Progress], done: [Closed] }\n',
  )
  return createApp({ store, clock: () => TEST_NOW, loopback: true })
}

describe('views on data without history say why they are empty', () => {
  it('time in state: no completed item in the range, the data ends before it', async () => {
    const app = await archiveApp()
    const tis = await json<TimeInStateResponse>(app.request('/api/v1/flow/time-in-state'))
    expect(tis.completedItems).toBe(0)
    expect(tis.notices).toEqual([
      {
        code: 'NO_COMPLETED_ITEMS',
        message: expect.stringMatching(
          /^no item was completed between .*: time in state is measured on completed items; the data ends on 2019-05-26, 1,772 days before the as-of date: set the as-of date to 2019-05-26$/,
        ),
        dataEnd: '2019-05-26',
      },
    ])
    const status = await json<StatusResponse>(app.request('/api/v1/status'))
    expect(status).toMatchObject({ items: 30, dataEnd: '2019-05-26T00:00:00Z' })
  })

  it('time in state: completed items without status changes need the changelog', async () => {
    const app = await archiveApp()
    const tis = await json<TimeInStateResponse>(
      app.request('/api/v1/flow/time-in-state?asOf=2019-05-08T23:59:59Z'),
    )
    expect(tis.completedItems).toBeGreaterThan(0)
    expect(tis.completedWithoutStatusHistory).toBe(tis.completedItems)
    expect(tis.notices).toEqual([
      {
        code: 'NO_STATUS_HISTORY',
        message: `${tis.completedItems} of ${tis.completedItems} completed items have no status change between created and resolved: time in state needs the status history; import the changelog (the tool's history of status changes, as a sync or a history export brings it)`,
        dataEnd: null,
      },
    ])
  })

  it('a store with status history gets no notice', async () => {
    const { app } = await createTestApp()
    const tis = await json<TimeInStateResponse>(
      app.request('/api/v1/flow/time-in-state?from=2024-01-01&to=2024-04-01'),
    )
    expect(tis.completedWithoutStatusHistory).toBe(0)
    expect(tis.notices).toEqual([])
    const aging = await json<AgingWipResponse>(app.request('/api/v1/flow/aging'))
    expect(aging.notices).toEqual([])
  })

  it('aging: ages counted to an as-of date long after the data are called out', async () => {
    const app = await archiveApp()
    const aging = await json<AgingWipResponse>(app.request('/api/v1/flow/aging'))
    expect(aging.items.length).toBe(5)
    expect(aging.notices).toEqual([
      {
        code: 'DATA_ENDS_BEFORE_AS_OF',
        message:
          'the data ends on 2019-05-26, 1,772 days before the as-of date: ages are counted up to the as-of date, so every item in progress looks at least that old; set the as-of date to 2019-05-26',
        dataEnd: '2019-05-26',
      },
    ])
    const then = await json<AgingWipResponse>(
      app.request('/api/v1/flow/aging?asOf=2019-05-26T23:59:59Z'),
    )
    expect(then.notices).toEqual([])
    expect(Math.max(...then.items.map((i) => i.ageDays))).toBeLessThan(30)
  })

  it('aging: no item in progress says so', async () => {
    const app = await archiveApp()
    const aging = await json<AgingWipResponse>(
      app.request('/api/v1/flow/aging?asOf=2018-12-31T00:00:00Z'),
    )
    expect(aging.items).toEqual([])
    expect(aging.notices.map((n) => n.code)).toEqual(['NO_ITEMS_IN_PROGRESS'])
  })
})

describe('figures before the first mapping', () => {
  it('answer 422 with details.noMapping, so the dashboard can point to the workbench', async () => {
    const store = await openStore({ db: ':memory:' })
    await store.importRecords([makeWorkItem({ key: 'PAY-1', created: '2024-01-02T00:00:00Z' })])
    const app = createApp({ store, clock: () => TEST_NOW })
    const res = await app.request('/api/v1/metrics')
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      error: { code: 'INVALID_CONFIG', details: { noMapping: true } },
    })
  })
})
