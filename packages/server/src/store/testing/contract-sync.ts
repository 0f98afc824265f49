import { expect } from 'vitest'
import type { ContractCase } from './store-contract'
import { findRecord, makeRecord } from './store-test-records'

const scope = (name: string) => ({ name, kind: 'project', value: name })
const HOUR = 3_600_000

/** Cases about what live sync keeps: sources, leases, raw payloads by scope, tombstones. */
export const syncCases: ContractCase[] = [
  {
    title: 'saves, reads back and replaces a synced source with its scopes',
    async run({ store }) {
      const config = { url: 'https://acme.atlassian.net', deployment: 'cloud' }
      const secret = { v: 1, kid: 'k1', data: 'AAAA' }
      await store.saveSource({ name: 'acme', kind: 'jira', config, secret, scopes: [scope('PAY')] })
      expect(await store.findSource('acme')).toEqual({
        name: 'acme',
        kind: 'jira',
        config,
        secret,
        scopes: [scope('PAY')],
      })
      await store.setCursor('acme', 'PAY', '{"sinceMs":1}')
      await store.saveSource({ name: 'acme', kind: 'jira', config, scopes: [scope('OPS')] })
      expect(await store.findSource('acme')).toEqual({
        name: 'acme',
        kind: 'jira',
        config,
        scopes: [scope('OPS')],
      })
      expect(await store.findCursor('acme', 'PAY')).toBeUndefined()
      await store.importRecords([makeRecord({ source: 'csv' })])
      expect(await store.findSource('csv')).toBeUndefined()
      expect(await store.findSource('nope')).toBeUndefined()
    },
  },
  {
    title: 'removes a source with its items, payloads, cursors and runs, and nothing else',
    async run({ store }) {
      await store.saveSource({ name: 'acme', kind: 'jira', config: {}, scopes: [scope('PAY')] })
      await store.importRecords([
        makeRecord({ source: 'acme', key: 'PAY-1' }),
        makeRecord({ source: 'acme', key: 'PAY-2' }),
        makeRecord({ source: 'csv', key: 'X-1' }),
      ])
      await store.putRawPayloads('acme', 'PAY', [{ key: 'PAY-1', payload: { id: 1 } }])
      await store.setCursor('acme', 'PAY', 'c')
      await store.finishSyncRun(await store.startSyncRun('acme'), 'succeeded')
      const version = await store.dataVersion()
      expect(await store.removeSource('acme')).toBe(2)
      expect(await store.dataVersion()).toBeGreaterThan(version)
      expect((await store.listSources()).map((s) => s.name)).toEqual(['csv'])
      expect(await store.countItems()).toMatchObject({ items: 1 })
      expect(await store.findRawPayload('acme', 'PAY-1')).toBeUndefined()
      expect(await store.listSyncRuns('acme')).toEqual([])
      await expect(store.removeSource('acme')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    },
  },
  {
    title: 'grants the sync lease to one holder at a time until it expires',
    async run({ store, target }) {
      const other = await target.open()
      try {
        const now = Date.parse('2026-01-01T00:00:00Z')
        const tries = await Promise.all(
          ['a', 'b', 'c', 'd'].map((owner, i) =>
            (i % 2 === 0 ? store : other).acquireLease('acme', { owner, nowMs: now, ttlMs: HOUR }),
          ),
        )
        const winners = tries.filter((t) => t.acquired)
        expect(winners).toHaveLength(1)
        const holder = winners[0]?.holder.owner ?? ''
        expect(tries.every((t) => t.holder.owner === holder)).toBe(true)
        const renewed = await store.acquireLease('acme', {
          owner: holder,
          nowMs: now + 1000,
          ttlMs: HOUR,
        })
        expect(renewed.acquired).toBe(true)
        const refused = await store.acquireLease('acme', {
          owner: 'z',
          nowMs: now + HOUR / 2,
          ttlMs: HOUR,
        })
        expect(refused).toMatchObject({ acquired: false, holder: { owner: holder } })
        const taken = await store.acquireLease('acme', {
          owner: 'z',
          nowMs: now + 2 * HOUR,
          ttlMs: HOUR,
        })
        expect(taken.acquired).toBe(true)
        await store.releaseLease('acme', holder)
        expect(
          (await store.acquireLease('acme', { owner: 'y', nowMs: now + 2 * HOUR, ttlMs: HOUR }))
            .acquired,
        ).toBe(false)
        const replaced = await store.acquireLease('acme', {
          owner: 'x',
          nowMs: now + 2 * HOUR,
          ttlMs: HOUR,
          replacing: 'z',
        })
        expect(replaced).toMatchObject({ acquired: true, holder: { owner: 'x' } })
        await store.releaseLease('acme', 'x')
        expect(
          (await store.acquireLease('acme', { owner: 'y', nowMs: now + 2 * HOUR, ttlMs: HOUR }))
            .acquired,
        ).toBe(true)
      } finally {
        await other.close()
      }
    },
  },
  {
    title: 'lists the keys a scope delivered, and moves a key with its latest scope',
    async run({ store }) {
      const payload = (key: string) => ({ key, payload: { key } })
      await store.putRawPayloads('acme', 'PAY', [payload('PAY-1'), payload('PAY-2')])
      await store.putRawPayloads('acme', 'OPS', [payload('OPS-1'), payload('PAY-2')])
      expect(await store.listScopeKeys('acme', 'PAY')).toEqual(['PAY-1'])
      expect(await store.listScopeKeys('acme', 'OPS')).toEqual(['OPS-1', 'PAY-2'])
      expect(await store.findRawPayload('acme', 'PAY-2')).toEqual({ key: 'PAY-2' })
    },
  },
  {
    title: 'lists every stored item key by source, then key',
    async run({ store }) {
      await store.importRecords([
        makeRecord({ source: 'jira', key: 'PAY-2' }),
        makeRecord({ source: 'github', key: 'acme/pay#1' }),
        makeRecord({ source: 'jira', key: 'PAY-10' }),
      ])
      expect(await store.listItemKeys()).toEqual([
        { source: 'github', key: 'acme/pay#1' },
        { source: 'jira', key: 'PAY-10' },
        { source: 'jira', key: 'PAY-2' },
      ])
    },
  },
  {
    title: 'deletes items with their history and payloads, keeps a tombstone, and revives on sight',
    async run({ store }) {
      await store.importRecords([
        makeRecord({ source: 'acme', key: 'PAY-1' }),
        makeRecord({ source: 'acme', key: 'PAY-2' }),
      ])
      await store.putRawPayloads('acme', 'PAY', [{ key: 'PAY-1', payload: {} }])
      const version = await store.dataVersion()
      const gone = await store.deleteItems('acme', {
        keys: ['PAY-1', 'PAY-9'],
        scope: 'PAY',
        reason: 'deleted',
      })
      expect(gone).toBe(1)
      expect(await store.dataVersion()).toBeGreaterThan(version)
      expect(await findRecord(store, 'acme', 'PAY-1')).toBeUndefined()
      expect((await store.loadFlowDataset()).itemKey).toEqual(['PAY-2'])
      expect(await store.listScopeKeys('acme', 'PAY')).toEqual([])
      await store.importRecords([makeRecord({ source: 'acme', key: 'PAY-1' })])
      await store.putRawPayloads('acme', 'PAY', [{ key: 'PAY-1', payload: {} }])
      expect(await findRecord(store, 'acme', 'PAY-1')).toBeDefined()
      expect(await store.listScopeKeys('acme', 'PAY')).toEqual(['PAY-1'])
    },
  },
]
