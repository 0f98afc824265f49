import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '@openvmo/core'
import { createTestApp } from './api-test-fixture'

interface Hit {
  source: string
  key: string
  type: string
  open: boolean
  lastChange: string
}
interface Page {
  items: Hit[]
  total: number
}

async function searchApp() {
  const fixture = await createTestApp()
  // A GitHub issue about refunds, open, in the Payments project.
  await fixture.store.importRecords([
    makeWorkItem({
      source: 'github',
      key: 'acme/pay#45',
      project: 'PAY',
      title: 'Refund button greyed out',
      type: 'Bug',
      created: '2024-01-05T00:00:00Z',
      path: [['2024-01-06T00:00:00Z', 'In Progress']],
    }),
  ])
  const search = async (query: string) => {
    const res = await fixture.app.request(`/api/v1/items?limit=500&${query}`)
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as Page
  }
  return { ...fixture, search }
}

const keys = (page: Page) => page.items.map((h) => `${h.source}:${h.key}`).sort()

describe('GET /api/v1/items: ranking and filters', () => {
  test('open items come first, each group the most recently changed first', async () => {
    const { search } = await searchApp()
    const all = await search('q=refund')
    const firstClosed = all.items.findIndex((h) => !h.open)
    expect(firstClosed).toBeGreaterThan(0)
    expect(all.items.slice(firstClosed).every((h) => !h.open)).toBe(true)
    for (const group of [all.items.slice(0, firstClosed), all.items.slice(firstClosed)]) {
      const times = group.map((h) => Date.parse(h.lastChange))
      expect(times).toEqual([...times].sort((a, b) => b - a))
    }
    // PAY-21..24 and the GitHub issue are in progress; PAY-1..20 are done.
    expect(
      all.items
        .slice(0, firstClosed)
        .map((h) => h.key)
        .sort(),
    ).toEqual(['PAY-21', 'PAY-22', 'PAY-23', 'PAY-24', 'acme/pay#45'].sort())
  })

  test('an exact key still comes first, before open items', async () => {
    const { search } = await searchApp()
    const page = await search('q=PAY-2')
    expect(page.items[0]?.key).toBe('PAY-2')
    expect(page.items[0]?.open).toBe(false)
    expect(page.items[1]?.open).toBe(true)
  })

  test('state, stream, source and type each narrow the hits to the items that match', async () => {
    const { search } = await searchApp()
    const all = await search('q=flow')
    expect(all.total).toBe(48)
    const open = await search('q=flow&state=open')
    const closed = await search('q=flow&state=closed')
    expect(open.items.every((h) => h.open)).toBe(true)
    expect(closed.items.every((h) => !h.open)).toBe(true)
    expect([open.total, closed.total]).toEqual([8, 40])

    const payments = await search('q=flow&stream=Payments')
    expect(payments.total).toBe(24)
    expect(payments.items.every((h) => h.key.startsWith('PAY-'))).toBe(true)
    const both = await search('q=flow&stream=Payments,Mobile')
    expect(both.total).toBe(48)

    const refund = await search('q=refund')
    const github = await search('q=refund&source=github')
    expect(keys(github)).toEqual(['github:acme/pay#45'])
    expect((await search('q=refund&source=jira')).total).toBe(refund.total - 1)

    const defects = await search('q=flow&type=defect')
    expect(defects.total).toBe(12)
    expect(defects.items.every((h) => h.type === 'Bug')).toBe(true)
    const combined = await search('q=refund&type=defect&state=open&source=jira&stream=Payments')
    expect(keys(combined)).toEqual(['jira:PAY-24'])
  })

  test('unknown filter values are a 400 naming the value', async () => {
    const { app } = await searchApp()
    for (const [query, named] of [
      ['state=done', 'state'],
      ['stream=Nowhere', '"Nowhere"'],
      ['source=gitlab', '"gitlab"'],
      ['type=bug', '"bug"'],
    ] as const) {
      const res = await app.request(`/api/v1/items?q=flow&${query}`)
      expect(res.status, query).toBe(400)
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect(body.error.code, query).toBe('INVALID_INPUT')
      expect(body.error.message, query).toContain(named)
    }
  })

  test('the OpenAPI document lists the filters', async () => {
    const { app } = await searchApp()
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>
    }
    const names = doc.paths['/api/v1/items']?.get.parameters.map((p) => p.name)
    expect(names).toEqual(expect.arrayContaining(['q', 'state', 'stream', 'source', 'type']))
  })
})

describe('GET /api/v1/items as of a time', () => {
  test('leaves out items created later and shows open, status and last change as of then', async () => {
    const { search } = await searchApp()
    const now = await search('q=Refund flow 1')
    const then = await search('q=Refund flow 1&asOf=2024-02-15T00:00:00Z')
    const hit = (page: Page, key: string) => page.items.find((h) => h.key === key)
    // PAY-14: created 11 Feb, in progress from 13 Feb, done 18 Feb.
    expect(hit(now, 'PAY-14')).toMatchObject({ open: false, status: 'Done' })
    expect(hit(then, 'PAY-14')).toMatchObject({
      open: true,
      status: 'In Progress',
      lastChange: '2024-02-13T00:00:00Z',
    })
    // PAY-16 was created on 17 Feb: not there yet.
    expect(hit(now, 'PAY-16')).toBeDefined()
    expect(hit(then, 'PAY-16')).toBeUndefined()
  })
})
