import { VmoError } from '@openvmo/core'
import { createPostgresStore } from './postgres/create-postgres-store'
import { createSqliteStore } from './sqlite/create-sqlite-store'
import type { KyselyStore } from './kysely-store'
import type { StoreOpenMode } from './store-types'

/** The SQLite file used when neither `--db` nor `OPENVMO_DB` names one. */
export const DEFAULT_SQLITE_PATH = './openvmo.db'

/** Options of {@link openStore}; unset values fall back to the environment. */
export interface OpenStoreOptions {
  /** SQLite file (`--db PATH`); default `OPENVMO_DB`, then {@link DEFAULT_SQLITE_PATH}. */
  db?: string
  /** PostgreSQL URL; default `DATABASE_URL`. When set, PostgreSQL is used. */
  databaseUrl?: string
  /** `create` (default) or `read-existing` (see {@link StoreOpenMode}). */
  mode?: StoreOpenMode
  /**
   * SQLite: how long a write waits for another process's write lock before `STORE_BUSY`; default
   * `OPENVMO_LOCK_WAIT_MS`, then one minute.
   */
  lockWaitMs?: number
  /** SQLite: called when a write starts waiting for another process's write lock. */
  onLockWait?: (path: string) => void
  /** The environment to read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>
}

/** Where {@link openStore} will open the store, without opening it. */
export function resolveStoreLocation(options: OpenStoreOptions = {}) {
  const env = options.env ?? process.env
  const url = options.databaseUrl ?? env.DATABASE_URL
  if (url) return { dialect: 'postgres' as const, url }
  return { dialect: 'sqlite' as const, path: options.db ?? env.OPENVMO_DB ?? DEFAULT_SQLITE_PATH }
}

function lockWaitOf(options: OpenStoreOptions): number | undefined {
  if (options.lockWaitMs !== undefined) return options.lockWaitMs
  const text = (options.env ?? process.env).OPENVMO_LOCK_WAIT_MS
  if (text === undefined || text === '') return undefined
  const ms = Number(text)
  if (!Number.isInteger(ms) || ms < 0) {
    throw new VmoError(
      'INVALID_CONFIG',
      `OPENVMO_LOCK_WAIT_MS "${text}" is not a whole number of milliseconds`,
    )
  }
  return ms
}

/**
 * Opens and migrates the store for the CLI: PostgreSQL when a URL is given or `DATABASE_URL`
 * is set, else the SQLite file. In `read-existing` mode it opens only a store openvmo created
 * (a missing file is `NOT_FOUND`, a database without openvmo's tables `INVALID_INPUT`) and
 * creates nothing.
 */
export function openStore(options: OpenStoreOptions = {}): Promise<KyselyStore> {
  const location = resolveStoreLocation(options)
  const mode = options.mode ?? 'create'
  return location.dialect === 'postgres'
    ? createPostgresStore({ url: location.url, mode })
    : createSqliteStore({
        path: location.path,
        mode,
        lockWaitMs: lockWaitOf(options),
        onLockWait: options.onLockWait,
      })
}
