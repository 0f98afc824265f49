import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { isVmoError } from '@openvmo/core'
import type { VmoError } from '@openvmo/core'
import { createPostgresStore } from '../postgres/create-postgres-store'
import type { PostgresStoreOptions } from '../postgres/create-postgres-store'
import type { KyselyStore } from '../kysely-store'
import { TEST_DATABASE_URL } from './store-test-targets'

/** A fresh `application_name`, so a test can terminate its own connections and no one else's. */
export function uniqueApplicationName(): string {
  return `openvmo_test_${randomBytes(6).toString('hex')}`
}

/** Runs `sql` (with `values`) on a short-lived admin connection to the test server. */
export async function adminQuery<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  try {
    return (await admin.query<T>(text, values)).rows
  } finally {
    await admin.end()
  }
}

/**
 * Terminates every backend whose `application_name` is `name` (what a database restart or a
 * proxy's idle timeout does to a store's connections) and waits until those are gone; returns
 * how many there were. Other sessions on the shared server are left alone.
 */
export async function terminateBackends(name: string): Promise<number> {
  // Two statements on purpose: in one, the planner may call pg_terminate_backend before the
  // application_name filter, on every session of the shared server.
  const rows = await adminQuery<{ pid: number }>(
    `select pid from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()`,
    [name],
  )
  const pids = rows.map((row) => row.pid)
  if (pids.length > 0) {
    await adminQuery(`select pg_terminate_backend(pid) from unnest($1::int[]) as pid`, [pids])
  }
  for (let tries = 0; tries < 100; tries++) {
    const left = await adminQuery(`select 1 from pg_stat_activity where pid = any($1::int[])`, [
      pids,
    ])
    if (left.length === 0) break
    await sleep(20)
  }
  return rows.length
}

/**
 * Calls `work` until it succeeds, at most `tries` times 50 ms apart, as long as it fails with
 * `STORE_UNAVAILABLE`; returns its value and the failures seen (any other error is thrown).
 */
export async function retryWhileUnavailable<T>(
  work: () => Promise<T>,
  tries = 200,
): Promise<{ value: T; failures: VmoError[] }> {
  const failures: VmoError[] = []
  for (;;) {
    try {
      return { value: await work(), failures }
    } catch (error) {
      if (!isVmoError(error, 'STORE_UNAVAILABLE') || failures.length + 1 >= tries) throw error
      failures.push(error)
      await sleep(50)
    }
  }
}

/** Options of {@link openPostgresTestStore}: the store's, with the URL optional. */
export type PostgresTestStoreOptions = Partial<PostgresStoreOptions> & { applicationName: string }

/**
 * Opens a PostgreSQL store for a fault test (default: the test server, 4 connections); for
 * callers outside the store, which reach implementations only through test helpers.
 */
export function openPostgresTestStore(options: PostgresTestStoreOptions): Promise<KyselyStore> {
  return createPostgresStore({ url: TEST_DATABASE_URL, maxConnections: 4, ...options })
}
