import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import { VmoError } from '@openvmo/core'
import { KyselyStore } from '../kysely-store'
import type { StoreDialect } from '../store-dialect'
import type { Database } from '../tables/database'
import { createPostgresRecordWriter } from './postgres-record-writer'

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (e.g. `DATABASE_URL`). */
  url: string
  /** A schema to use instead of `public` (set as the connection's `search_path`). */
  schema?: string
  /** Pool size (default 10). */
  maxConnections?: number
  /** Run pending migrations when opening (default true). */
  migrate?: boolean
}

/** The URL with its password replaced by `***`, safe for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable database url)'
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/

function createPool(options: PostgresStoreOptions): pg.Pool {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new VmoError(
      'INVALID_CONFIG',
      `postgres schema "${options.schema}" must match ${SCHEMA_NAME}`,
    )
  }
  return new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  })
}

function postgresDialect(location: string): StoreDialect {
  return {
    name: 'postgres',
    location,
    likeOperator: 'ilike',
    importBatchSize: 2000,
    createWriter: (trx) => createPostgresRecordWriter(trx),
  }
}

/**
 * Opens a PostgreSQL store (pg Pool + Kysely). Fails with `STORE_UNAVAILABLE` when the server
 * cannot be reached (the message shows the URL with its password redacted) and with
 * `STORE_VERSION_UNSUPPORTED` when a newer openvmo wrote the schema.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<KyselyStore> {
  const location = `"${redactDatabaseUrl(options.url)}"${options.schema ? ` (schema ${options.schema})` : ''}`
  const pool = createPool(options)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const store = new KyselyStore(db, postgresDialect(location))
  try {
    await store.ping()
    if (options.migrate !== false) await store.migrate()
  } catch (error) {
    await store.close()
    if (error instanceof VmoError) throw error
    throw new VmoError('STORE_UNAVAILABLE', `cannot reach postgres store ${location}`, {
      cause: error,
    })
  }
  return store
}
