import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { compileMapping, parseMappingYaml, periodBoundaries, qualify } from '@openvmo/core'
import { deriveTimelines, indexCompletions, selectItems, walkStatusStretches } from '../engine'
import { TEST_MAPPING_YAML, createTestApp } from '../api-test-fixture'
import type { StateVisit } from './time-in-state-items-view'
import { rankLongest } from './time-in-state-items-view'

const RANGE = { from: '2024-01-01', to: '2024-04-01' }

describe('time in state drill-down', () => {
  test('ranks the first visits as a stable sort of all of them, longest first', () => {
    const visit = fc.record({
      item: fc.nat(),
      ms: fc.integer({ min: 1, max: 8 }),
      visits: fc.integer({ min: 1, max: 3 }),
    })
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 60 }), fc.nat({ max: 70 }), (visits, end) => {
        const sorted = [...visits].sort((a, b) => b.ms - a.ms).slice(0, end)
        expect(rankLongest([...visits], end).slice(0, end)).toEqual(sorted)
      }),
    )
  })

  test('pages the items as a walk over every completion sorted afresh', async () => {
    const { app, store } = await createTestApp()
    const dataset = await store.loadFlowDataset()
    const mapping = compileMapping(parseMappingYaml(TEST_MAPPING_YAML, 'openvmo.yaml'), dataset)
    const asOfMs = Date.parse('2024-04-01T00:00:00Z')
    const timelines = deriveTimelines(dataset, mapping, asOfMs)
    const index = indexCompletions(
      timelines,
      selectItems(dataset, mapping),
      periodBoundaries(RANGE, 'week', 'UTC'),
    )
    const status = dataset.statuses.find(qualify('jira', 'Ready'))
    const expected: StateVisit[] = []
    for (const item of index.items) {
      const visit = { item, ms: 0, visits: 0 }
      const [start, end] = [timelines.startMs[item] ?? 0, timelines.endMs[item] ?? 0]
      walkStatusStretches({ dataset, item, asOfMs, openEndMs: end }, (s, a, b) => {
        const ms = Math.min(b, end) - Math.max(a, start)
        if (s !== status || ms <= 0) return
        visit.ms += ms
        visit.visits++
      })
      if (visit.visits > 0) expected.push(visit)
    }
    expected.sort((a, b) => b.ms - a.ms)
    expect(expected.length).toBeGreaterThan(10)
    for (const [offset, limit] of [
      [0, 5],
      [3, 4],
      [0, 100],
      [expected.length - 2, 5],
    ] as const) {
      const query = `from=${RANGE.from}&to=${RANGE.to}&status=Ready&source=jira&offset=${offset}&limit=${limit}`
      const res = await app.request(`/api/v1/flow/time-in-state/items?${query}`)
      const body = (await res.json()) as { items: { key: string; visits: number }[]; total: number }
      const page = expected.slice(offset, offset + limit)
      expect(body.total).toBe(expected.length)
      expect(body.items.map((i) => [i.key, i.visits])).toEqual(
        page.map((v) => [dataset.itemKey[v.item], v.visits]),
      )
    }
  })
})
