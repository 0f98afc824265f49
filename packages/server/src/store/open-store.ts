import { createPostgresStore } from './postgres/create-postgres-store'
import { createSqliteStore } from './sqlite/create-sqlite-store'
import type { KyselyStore } from './kysely-store'
import type { StoreOpenMode } from './store-types'

/** The SQLite file used when neither `--db` nor `OPENVMO_DB` names one. */
export const DEFAULT_SQLITE_PATH = './openvmo.db'

/** Options of {@link openStore} (the CLI fills them from flags and the environment). */
export interface OpenStoreOptions {
  /** SQLite file; default {@link DEFAULT_SQLITE_PATH}. */
  db?: string
  /** PostgreSQL URL. When set, PostgreSQL is used. */
  databaseUrl?: string
  /** `create` (default) or `read-existing` (see {@link StoreOpenMode}). */
  mode?: StoreOpenMode
  /** SQLite: how long a write waits for another process's write lock before `STORE_BUSY`. */
  lockWaitMs?: number
  /** SQLite: called when a write starts waiting for another process's write lock. */
  onLockWait?: (path: string) => void
}

/** Where {@link openStore} will open the store, without opening it. */
export function resolveStoreLocation(options: Pick<OpenStoreOptions, 'db' | 'databaseUrl'> = {}) {
  if (options.databaseUrl) return { dialect: 'postgres' as const, url: options.databaseUrl }
  return { dialect: 'sqlite' as const, path: options.db ?? DEFAULT_SQLITE_PATH }
}

/**
 * Opens and migrates the store: PostgreSQL when a URL is given, else the SQLite file. In `read-existing` mode it opens only a store openvmo created
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
        lockWaitMs: options.lockWaitMs,
        onLockWait: options.onLockWait,
      })
}
