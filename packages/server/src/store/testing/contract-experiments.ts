import { expect } from 'vitest'
import type { ExperimentDefinition } from '@openvmo/core'
import type { ContractCase } from './store-contract'

const wipLimit: ExperimentDefinition = {
  id: 'payments-wip-limit',
  name: 'WIP limit of one item per developer',
  hypothesis: 'Flow time p85 drops by a third — «ü» and "quotes" kept as written.',
  change: 'one item per developer',
  changeDate: '2026-03-02',
  rolloutEndDate: null,
  beforeDays: 91,
  afterDays: 91,
  scope: { stream: 'Payments', teams: ['PAY-A'], types: ['feature', 'defect'] },
  targets: [{ metric: 'flow_time_p85', direction: 'decrease', expectedChangePercent: 33 }],
  control: { stream: 'Customer Portal', teams: [], types: [] },
}

/** Cases about experiments (migration 0012). */
export const experimentCases: ContractCase[] = [
  {
    title: 'saves, finds and lists experiments per stream, exactly as given',
    async run({ store }) {
      expect(await store.saveExperiment(wipLimit, '2026-12-07T10:00:00.000Z')).toBe(true)
      const qa = {
        ...wipLimit,
        id: 'mobile-qa',
        scope: { stream: 'Mobile App', teams: [], types: [] },
      }
      await store.saveExperiment(qa, '2026-12-07T11:00:00.000Z')
      expect(await store.findExperiment('payments-wip-limit')).toEqual({
        definition: wipLimit,
        createdAt: '2026-12-07T10:00:00.000Z',
        updatedAt: '2026-12-07T10:00:00.000Z',
      })
      expect((await store.listExperiments()).map((e) => e.definition.id)).toEqual([
        'mobile-qa',
        'payments-wip-limit',
      ])
      expect((await store.listExperiments('payments')).map((e) => e.definition.id)).toEqual([
        'payments-wip-limit',
      ])
      expect(await store.listExperiments('Identity')).toEqual([])
      expect(await store.findExperiment('nope')).toBeUndefined()
    },
  },
  {
    title: 'replaces an experiment by id, keeping when it was first saved, and deletes it',
    async run({ store }) {
      await store.saveExperiment(wipLimit, '2026-12-07T10:00:00.000Z')
      const moved = { ...wipLimit, afterDays: 60, scope: { ...wipLimit.scope, stream: 'Identity' } }
      expect(await store.saveExperiment(moved, '2026-12-07T12:00:00.000Z')).toBe(false)
      expect(await store.findExperiment(wipLimit.id)).toEqual({
        definition: moved,
        createdAt: '2026-12-07T10:00:00.000Z',
        updatedAt: '2026-12-07T12:00:00.000Z',
      })
      expect(await store.listExperiments('Payments')).toEqual([])
      await store.deleteExperiment(wipLimit.id)
      expect(await store.listExperiments()).toEqual([])
      await expect(store.deleteExperiment(wipLimit.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'no experiment "payments-wip-limit"',
      })
    },
  },
]
