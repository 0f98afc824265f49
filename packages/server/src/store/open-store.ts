import { createPostgresStore } from './postgres/create-postgres-store'
import { createSqliteStore } from './sqlite/create-sqlite-store'
import type { KyselyStore } from './kysely-store'

/** The SQLite file used when neither `--db` nor `OPENVMO_DB` names one. */
export const DEFAULT_SQLITE_PATH = './openvmo.db'

/** Options of {@link openStore}; unset values fall back to the environment. */
export interface OpenStoreOptions {
  /** SQLite file (`--db PATH`); default `OPENVMO_DB`, then {@link DEFAULT_SQLITE_PATH}. */
  db?: string
  /** PostgreSQL URL; default `DATABASE_URL`. When set, PostgreSQL is used. */
  databaseUrl?: string
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

/**
 * Opens and migrates the store for the CLI: PostgreSQL when a URL is given or `DATABASE_URL`
 * is set, else the SQLite file.
 */
export function openStore(options: OpenStoreOptions = {}): Promise<KyselyStore> {
  const location = resolveStoreLocation(options)
  return location.dialect === 'postgres'
    ? createPostgresStore({ url: location.url })
    : createSqliteStore({ path: location.path })
}
