import { expect } from 'vitest'
import type { ResultDefinition } from '@openvmo/core'
import type { ContractCase } from './store-contract'

const AT = '2026-12-07T10:00:00.000Z'

const incidents: ResultDefinition = {
  stream: 'Payments',
  metric: 'incidents',
  category: 'quality',
  unit: 'count',
  direction: 'lower_is_better',
  target: 2,
  targetDate: '2026-12-31',
  description: 'incidents per week',
}

const point = (date: string, value: number, metric = 'incidents') => ({
  stream: 'Payments',
  metric,
  date,
  value,
})

/** Cases about business-result definitions and point upserts (migration 0011). */
export const resultCases: ContractCase[] = [
  {
    title: 'saves, replaces and lists result definitions per stream',
    async run({ store }) {
      await store.saveResultDefinition(incidents, AT)
      const nps = { ...incidents, metric: 'nps', category: 'happiness' as const, unit: 'score' }
      await store.saveResultDefinition({ ...nps, target: null, targetDate: null }, AT)
      await store.saveResultDefinition({ ...incidents, stream: 'Identity' }, AT)
      await store.saveResultDefinition({ ...incidents, target: 1.5, description: null }, AT)
      expect(await store.listResultDefinitions('Payments')).toEqual([
        { ...incidents, target: 1.5, description: null },
        { ...nps, target: null, targetDate: null },
      ])
      expect((await store.listResultDefinitions()).map((d) => d.stream)).toEqual([
        'Identity',
        'Payments',
        'Payments',
      ])
    },
  },
  {
    title: 'refuses a bad definition and a unit change of a series with points',
    async run({ store }) {
      await expect(
        store.saveResultDefinition({ ...incidents, targetDate: '2026-02-30' }, AT),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      await store.saveResultDefinition(incidents, AT)
      await store.upsertBusinessResults([point('2026-11-02', 3)])
      await expect(
        store.saveResultDefinition({ ...incidents, unit: 'percent' }, AT),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('has points in count, not percent') as unknown,
      })
      expect((await store.listResultDefinitions('Payments'))[0]?.unit).toBe('count')
    },
  },
  {
    title: 'upserts points by date and keeps the other dates',
    async run({ store }) {
      const before = await store.dataVersion()
      expect(
        await store.upsertBusinessResults([point('2026-11-02', 3), point('2026-11-09', 1)]),
      ).toEqual({ inserted: 2, updated: 0 })
      expect(await store.dataVersion()).toBeGreaterThan(before)
      expect(
        await store.upsertBusinessResults([point('2026-11-09', 2), point('2026-11-16', 0.5)]),
      ).toEqual({ inserted: 1, updated: 1 })
      expect((await store.listBusinessResults('Payments')).map((p) => p.value)).toEqual([3, 2, 0.5])
    },
  },
  {
    title: 'writes no point of a batch with a repeated date, a bad date or a non-finite value',
    async run({ store }) {
      await store.upsertBusinessResults([point('2026-11-02', 3)])
      const bad = [
        [point('2026-11-09', 1), point('2026-11-09', 2)],
        [point('2026-11-09', 1), point('2026-11-31', 2)],
        [point('2026-11-09', 1), point('2026-11-16', Number.POSITIVE_INFINITY)],
      ]
      for (const batch of bad) {
        await expect(store.upsertBusinessResults(batch)).rejects.toMatchObject({
          code: 'INVALID_INPUT',
        })
      }
      expect(await store.listBusinessResults('Payments')).toEqual([point('2026-11-02', 3)])
      // the same date in two series is no repetition
      await store.upsertBusinessResults([point('2026-11-09', 1), point('2026-11-09', 7, 'nps')])
      expect(await store.listBusinessResults('Payments')).toHaveLength(3)
    },
  },
]
