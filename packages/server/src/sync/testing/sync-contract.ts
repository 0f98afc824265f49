import { describe, expect, test } from 'vitest'
import type { WorkItemRecord } from '@openvmo/core'
import { openStore } from '../../store/open-store'
import type { Store } from '../../store/store'
import type { SourceDefinition } from '../../store/store-types'
import { findRecord } from '../../store/testing/store-test-records'
import type {
  ConnectorContractTarget,
  ContractFake,
} from '../../sources/testing/connector-contract'
import { comparableRecord } from '../../sources/testing/connector-contract'
import { syncSource } from '../sync-engine'
import type { SyncReport } from '../sync-types'

const DAY = 86_400_000

interface SyncCallOptions {
  full?: boolean
  nowMs?: number
  onProgress?: () => void
}

/** Opens a fresh store for a case: SQLite in memory, or a PostgreSQL schema. */
export type OpenTestStore = () => Promise<{ store: Store; dispose: () => Promise<void> }>

/** A fresh in-memory SQLite store. */
export const memoryStore: OpenTestStore = async () => {
  const store = await openStore({ db: ':memory:' })
  return { store, dispose: () => store.close() }
}

/**
 * The sync contract: a connector, its fake and the sync engine together, into a real store. Runs
 * after the connector contract (which checks the connector alone) and covers what only the
 * engine and the store together do: a full sync, an incremental one after edits, deletions and
 * moves found by the census, faults ridden out during a run, and a revoked token.
 */
export function describeSyncContract(
  target: ConnectorContractTarget,
  open: OpenTestStore = memoryStore,
) {
  const [first, second] = target.scopes
  const source: SourceDefinition = {
    name: target.sourceName,
    kind: 'contract',
    config: {},
    scopes: [
      { name: first.name, kind: first.kind, value: first.value },
      { name: second.name, kind: second.kind, value: second.value },
    ],
  }
  const sourceName = (record: WorkItemRecord) => record.source

  function withSync(
    body: (
      s: Awaited<ReturnType<ConnectorContractTarget['start']>> & {
        store: Store
        sync: (options?: SyncCallOptions) => Promise<SyncReport>
      },
    ) => Promise<void>,
  ) {
    return async () => {
      const started = await target.start()
      const opened = await open()
      const sync = (options: SyncCallOptions = {}) =>
        syncSource({
          store: opened.store,
          source,
          connector: started.connector,
          owner: 'contract',
          clock: () => options.nowMs ?? Date.now(),
          full: options.full,
          onProgress: options.onProgress,
        })
      try {
        await opened.store.saveSource(source)
        await body({ ...started, store: opened.store, sync })
      } finally {
        await opened.dispose()
        await started.fake.close()
      }
    }
  }

  async function expectStored(store: Store, fake: ContractFake, keys: readonly string[]) {
    for (const key of keys) {
      const expected = fake.expectedRecord(key)
      const stored = await findRecord(store, sourceName(expected), key)
      expect(stored, key).toBeDefined()
      expect(comparableRecord(stored as WorkItemRecord)).toEqual(comparableRecord(expected))
    }
  }

  const storedKeys = async (store: Store) => (await store.listItemKeys()).map((k) => k.key).sort()

  describe(`${target.name} sync contract`, () => {
    test(
      'a first sync stores every item of every scope with its history and raw payload',
      withSync(async ({ fake, store, sync }) => {
        const a = await fake.createItems(first, 5)
        const b = await fake.createItems(second, 2, { changes: fake.inlineHistoryLimit + 3 })
        const report = await sync()
        expect(report.outcome).toBe('succeeded')
        expect(report.scopes.map((s) => [s.scope, s.pulled, s.sourceCount])).toEqual([
          [first.name, 5, 5],
          [second.name, 2, 2],
        ])
        expect(await storedKeys(store)).toEqual([...a, ...b].sort())
        await expectStored(store, fake, [...a, ...b])
        const expected = fake.expectedRecord(a[0] ?? '')
        expect(await store.findRawPayload(expected.source, a[0] ?? '')).toBeDefined()
      }),
    )

    test(
      'an incremental sync brings the edits and leaves the other items as they were',
      withSync(async ({ fake, store, sync }) => {
        const keys = await fake.createItems(first, 6)
        await sync()
        const later = Date.now() + DAY
        await fake.editItems([keys[2] ?? ''], later + 60_000)
        const report = await sync({ nowMs: later + 120_000 })
        expect(report.scopes[0]).toMatchObject({ mode: 'incremental', updated: 1 })
        await expectStored(store, fake, keys)
      }),
    )

    test(
      'a full sync with the census removes deleted items and follows a move to another scope',
      withSync(async ({ fake, store, sync }) => {
        const keys = await fake.createItems(first, 4)
        await sync()
        await fake.deleteItems([keys[0] ?? ''])
        const moved = await fake.moveItem(keys[1] ?? '', second, Date.now() + DAY)
        const report = await sync({ full: true, nowMs: Date.now() + 2 * DAY })
        expect(report.scopes.map((s) => [s.scope, s.deleted])).toEqual([
          [first.name, 2],
          [second.name, 0],
        ])
        expect(await storedKeys(store)).toEqual([keys[2] ?? '', keys[3] ?? '', moved].sort())
        await expectStored(store, fake, [keys[2] ?? '', keys[3] ?? '', moved])
      }),
    )

    test(
      'a sync rides out 429s and 5xx on its way and stores everything',
      withSync(async ({ fake, store, sync }) => {
        const keys = await fake.createItems(first, fake.pageSize + 2)
        fake.injectFault({ path: '', count: 2, kind: 'rate_limited' })
        fake.injectFault({ path: '', count: 2, kind: 'unavailable' })
        expect((await sync()).outcome).toBe('succeeded')
        await expectStored(store, fake, keys)
      }),
    )

    test(
      'a token revoked in the middle of a run stops it, keeps its pages, and the next run resumes',
      withSync(async ({ fake, store, sync }) => {
        const keys = await fake.createItems(first, fake.pageSize * 2 + 1)
        let revoked = false
        const failed = await sync({
          onProgress: () => {
            if (revoked) return
            revoked = true
            fake.injectFault({ path: '', count: 1, kind: 'unauthorized' })
          },
        })
        expect(failed.outcome).toBe('failed')
        expect(failed.scopes).toHaveLength(1)
        expect(failed.scopes[0]?.error).toBeDefined()
        const partial = await storedKeys(store)
        expect(partial.length).toBeGreaterThan(0)
        expect(partial.length).toBeLessThan(keys.length)
        const resumed = await sync()
        expect(resumed.scopes[0]?.mode).toBe('resumed')
        expect(await storedKeys(store)).toEqual([...keys].sort())
        await expectStored(store, fake, keys)
      }),
    )
  })
}
