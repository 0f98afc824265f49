import { afterEach, describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { createPostgresTarget, TEST_DATABASE_URL } from '../testing/store-test-targets'
import type { StoreContractTarget } from '../testing/store-contract'
import { makeRecords } from '../testing/store-test-records'
import type { Store } from '../store'
import {
  adminQuery,
  retryWhileUnavailable,
  terminateBackends,
  uniqueApplicationName,
} from '../testing/postgres-faults'
import { startTcpProxy } from '../testing/tcp-proxy'
import type { TcpProxy } from '../testing/tcp-proxy'
import { createPostgresStore } from './create-postgres-store'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function schemaTarget(): Promise<StoreContractTarget & { schema: string }> {
  const target = await createPostgresTarget()
  cleanups.push(() => target.dispose())
  return target
}

async function openStore(options: { schema: string; url?: string; applicationName?: string }) {
  const store = await createPostgresStore({ url: TEST_DATABASE_URL, maxConnections: 4, ...options })
  cleanups.push(() => store.close())
  return store
}

/** An import that stops after its first records until `release` is called. */
function pausedImport(store: Store) {
  let release = () => {}
  let paused = () => {}
  const reached = new Promise<void>((resolve) => (paused = resolve))
  const gate = new Promise<void>((resolve) => (release = resolve))
  async function* records(): AsyncIterable<WorkItemRecord> {
    yield* makeRecords(2, 'SLOW')
    paused()
    await gate
    yield* makeRecords(1, 'LATE')
  }
  const outcome = store.importRecords(records()).then(
    () => undefined,
    (error: unknown) => error,
  )
  return { reached, release, outcome }
}

describe('postgres store connection faults', () => {
  test('keeps working when its backends are terminated, also in the middle of an import', async () => {
    const { schema } = await schemaTarget()
    const applicationName = uniqueApplicationName()
    const store = await openStore({ schema, applicationName })
    await store.importRecords(makeRecords(3))
    const running = pausedImport(store)
    await running.reached
    expect(await terminateBackends(applicationName)).toBeGreaterThan(0)
    running.release()
    const failed = await running.outcome
    expect(isVmoError(failed, 'STORE_UNAVAILABLE'), String(failed)).toBe(true)
    expect((failed as Error).message).toContain(`(schema ${schema}) is unavailable`)
    const { value, failures } = await retryWhileUnavailable(() => store.countItems())
    expect(value.items).toBe(3)
    expect(failures.every((f) => f.message.includes(schema))).toBe(true)
    expect(await store.importRecords(makeRecords(1, 'AFTER'))).toMatchObject({ inserted: 1 })
  })

  test('answers STORE_UNAVAILABLE when the server is away and recovers when it is back', async () => {
    const { schema } = await schemaTarget()
    const upstream = new URL(TEST_DATABASE_URL)
    const proxy: TcpProxy = await startTcpProxy({
      host: upstream.hostname,
      port: Number(upstream.port || 5432),
    })
    cleanups.push(() => proxy.close())
    const url = new URL(TEST_DATABASE_URL)
    url.port = String(proxy.port)
    url.password = 'not-shown'
    const store = await openStore({ schema, url: url.toString() })
    await store.importRecords(makeRecords(2))
    await proxy.stop()
    for (const call of [() => store.countItems(), () => store.findCurrentMapping()]) {
      const error: unknown = await call().catch((e: unknown) => e)
      expect(isVmoError(error, 'STORE_UNAVAILABLE'), String(error)).toBe(true)
      expect((error as Error).message).toContain(`127.0.0.1:${proxy.port}`)
      expect((error as Error).message).toContain(':***@')
      expect((error as Error).message).not.toContain('not-shown')
    }
    await proxy.start()
    const { value } = await retryWhileUnavailable(() => store.countItems())
    expect(value.items).toBe(2)
  })

  test('names the database when it does not exist, without the password', async () => {
    const url = new URL(TEST_DATABASE_URL)
    url.pathname = `/openvmo_missing_${uniqueApplicationName().slice(-8)}`
    url.password = 'not-shown'
    const error: unknown = await createPostgresStore({ url: url.toString() }).catch(
      (e: unknown) => e,
    )
    expect(isVmoError(error, 'STORE_UNAVAILABLE'), String(error)).toBe(true)
    const message = (error as Error).message
    expect(message).toContain(`database "${url.pathname.slice(1)}" does not exist`)
    expect(message).not.toContain('not-shown')
  })

  test('creates no tables when a reading command opens an empty schema', async () => {
    const { schema } = await schemaTarget()
    const error: unknown = await createPostgresStore({
      url: TEST_DATABASE_URL,
      schema,
      mode: 'read-existing',
    }).catch((e: unknown) => e)
    expect(isVmoError(error, 'INVALID_INPUT'), String(error)).toBe(true)
    expect((error as Error).message).toContain(`(schema ${schema}) is not an openvmo store`)
    const tables = await adminQuery(`select 1 from pg_tables where schemaname = $1`, [schema])
    expect(tables).toEqual([])
  })
})
