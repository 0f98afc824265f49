import { setTimeout as sleep } from 'node:timers/promises'
import type BetterSqlite3 from 'better-sqlite3'
import { CompiledQuery, SqliteDialect, SqliteDriver } from 'kysely'
import type { DatabaseConnection, Driver } from 'kysely'
import { VmoError } from '@openvmo/core'
import { isSqliteBusy } from './sqlite-errors'

/** How long a statement outside a transaction waits for another writer (SQLite's busy timeout). */
export const BUSY_TIMEOUT_MS = 5000

/** The default of {@link WriteLockOptions.timeoutMs}: one minute. */
export const DEFAULT_LOCK_WAIT_MS = 60_000

// Each attempt lets SQLite wait this long itself (a lock released within it is taken silently);
// between attempts the event loop is free, so a server keeps answering while a writer waits.
const ATTEMPT_MS = 50
const PAUSE_MS = 100

/** How a transaction waits for the store's write lock. */
export interface WriteLockOptions {
  /** The open store file (its busy timeout is lowered while attempts run). */
  raw: BetterSqlite3.Database
  /** The file, for messages. */
  path: string
  /** How long to wait for another connection's write lock before `STORE_BUSY`. */
  timeoutMs: number
  /** Called once when the lock is taken by another connection and this one starts waiting. */
  onWait?: () => void
}

function busyError(lock: WriteLockOptions, cause: unknown): VmoError {
  return new VmoError(
    'STORE_BUSY',
    `another import holds "${lock.path}": try again when it finishes (waited ${Math.round(lock.timeoutMs / 1000)} s for its write lock)`,
    { cause, details: { path: lock.path, waitedMs: lock.timeoutMs } },
  )
}

/**
 * Runs `begin` (a `BEGIN IMMEDIATE`) until it takes the write lock, retrying while another
 * connection holds it, for at most `lock.timeoutMs`; then throws `STORE_BUSY`.
 */
export async function acquireWriteLock(
  begin: () => Promise<unknown>,
  lock: WriteLockOptions,
): Promise<void> {
  const deadline = Date.now() + lock.timeoutMs
  let waiting = false
  lock.raw.pragma(`busy_timeout = ${ATTEMPT_MS}`)
  try {
    for (;;) {
      try {
        await begin()
        return
      } catch (error) {
        if (!isSqliteBusy(error)) throw error
        const left = deadline - Date.now()
        if (left <= 0) throw busyError(lock, error)
        if (!waiting) lock.onWait?.()
        waiting = true
        await sleep(Math.min(PAUSE_MS, left))
      }
    }
  } finally {
    lock.raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  }
}

/**
 * Kysely's SQLite driver, with every transaction started by `BEGIN IMMEDIATE`: it takes the write
 * lock up front, so a transaction that reads before it writes never fails midway with "database
 * is locked" (a deferred `BEGIN` cannot wait for a lock it would need to upgrade to), and a
 * second writer waits for the first (see {@link acquireWriteLock}).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #lock: WriteLockOptions

  constructor(lock: WriteLockOptions) {
    super({ database: lock.raw })
    this.#lock = lock
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await acquireWriteLock(
      () => connection.executeQuery(CompiledQuery.raw('begin immediate')),
      this.#lock,
    )
  }
}

/** Kysely's SQLite dialect over `lock.raw`, whose transactions wait for the write lock. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #lock: WriteLockOptions

  constructor(lock: WriteLockOptions) {
    super({ database: lock.raw })
    this.#lock = lock
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#lock)
  }
}
