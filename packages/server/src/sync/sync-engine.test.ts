import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { openStore } from '../store/open-store'
import type { Store } from '../store/store'
import { syncSource } from './sync-engine'
import { parseSyncCursor } from './sync-cursor'
import { MemoryConnector } from './testing/memory-connector'

const T0 = Date.parse('2026-01-01T00:00:00Z')
const HOUR = 3_600_000
const source = {
  name: 'mem',
  kind: 'memory',
  config: {},
  scopes: [
    { name: 'A', kind: 'project', value: 'A' },
    { name: 'B', kind: 'project', value: 'B' },
  ],
}

let store: Store
let now = T0
const clock = () => now

beforeEach(async () => {
  store = await openStore({ db: ':memory:' })
  await store.saveSource(source)
  now = T0
})

afterEach(async () => {
  await store.close()
})

const keysOf = async () => (await store.listItemKeys()).map((k) => k.key)

function seeded() {
  const connector = new MemoryConnector('mem', 3)
  for (let i = 1; i <= 7; i++) connector.put('A', `A-${i}`, { updatedMs: T0 - 10 * HOUR + i })
  connector.put('B', 'B-1', { updatedMs: T0 - 5 * HOUR })
  return connector
}

const run = (connector: MemoryConnector, extra: { full?: boolean; signal?: AbortSignal } = {}) =>
  syncSource({ store, source, connector, owner: 'test', clock, ...extra })

describe('syncSource', () => {
  test('a first run stores every item of every scope and reports per scope', async () => {
    const report = await run(seeded())
    expect(report.outcome).toBe('succeeded')
    expect(
      report.scopes.map((s) => [s.scope, s.mode, s.pulled, s.inserted, s.sourceCount]),
    ).toEqual([
      ['A', 'full', 7, 7, 7],
      ['B', 'full', 1, 1, 1],
    ])
    expect(await keysOf()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'B-1'])
    expect(await store.findRawPayload('mem', 'A-3')).toEqual({ key: 'A-3' })
    const runs = await store.listSyncRuns('mem')
    expect(runs[0]).toMatchObject({ outcome: 'succeeded' })
  })

  test('a later run asks only for changes since the last start minus the overlap', async () => {
    const connector = seeded()
    await run(connector)
    expect(parseSyncCursor(await store.findCursor('mem', 'A'))).toEqual({
      sinceMs: T0 - 10 * 60_000,
    })
    now = T0 + HOUR
    connector.put('A', 'A-2', { updatedMs: T0 + 30 * 60_000, status: 'Done' })
    const report = await run(connector)
    // the census ran with the first run, a day is not over: the second run skips it
    expect(report.scopes[0]).toMatchObject({
      mode: 'incremental',
      pulled: 1,
      updated: 1,
      sourceCount: null,
    })
  })

  test('a run killed after a page resumes from its checkpoint and ends with the same store', async () => {
    const connector = seeded()
    connector.failOnPage = { page: 1, error: new Error('killed') }
    const failed = await run(connector)
    expect(failed.outcome).toBe('failed')
    expect(await keysOf()).toEqual(['A-1', 'A-2', 'A-3'])
    const resumed = await run(connector)
    expect(resumed.scopes[0]).toMatchObject({ mode: 'resumed', pulled: 4 })
    expect(await keysOf()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'B-1'])
    expect(parseSyncCursor(await store.findCursor('mem', 'A'))).toEqual({
      sinceMs: T0 - 10 * 60_000,
    })
  })

  test('a stopped run keeps its pages, is recorded as canceled, and the next run continues', async () => {
    const connector = seeded()
    const stop = new AbortController()
    stop.abort()
    const report = await run(connector, { signal: stop.signal })
    expect(report.outcome).toBe('canceled')
    expect(await keysOf()).toEqual(['A-1', 'A-2', 'A-3'])
    expect((await store.listSyncRuns('mem'))[0]?.outcome).toBe('canceled')
    await run(connector)
    expect(await keysOf()).toHaveLength(8)
  })

  test('the census removes items gone from their scope and a moved item follows its new key', async () => {
    const connector = seeded()
    await run(connector)
    connector.items.delete('A-1')
    connector.items.delete('A-2')
    connector.put('B', 'B-2', { updatedMs: T0 + 1 })
    now = T0 + HOUR
    const report = await run(connector, { full: true })
    expect(report.scopes.map((s) => [s.scope, s.deleted, s.sourceCount, s.storedCount])).toEqual([
      ['A', 2, 5, 5],
      ['B', 0, 2, 2],
    ])
    expect(await keysOf()).toEqual(['A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'B-1', 'B-2'])
  })

  test('a second sync of the same source is refused while the first holds the lease', async () => {
    await store.acquireLease('mem', { owner: 'other-host:42', nowMs: T0, ttlMs: HOUR })
    const error = await run(seeded()).catch((e: unknown) => e)
    expect(isVmoError(error, 'CONFLICT')).toBe(true)
    expect((error as Error).message).toMatch(/being synced by other-host:42/)
    now = T0 + 2 * HOUR
    expect((await run(seeded())).outcome).toBe('succeeded')
  })
})
