import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import { VmoError } from '@openvmo/core'
import { KyselyStore } from '../kysely-store'
import type { ImportWork, StoreDialect } from '../store-dialect'
import type { Database } from '../tables/database'
import { copyOutRows } from './postgres-copy-out'
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

/**
 * Runs an import on one pooled connection: a Kysely bound to that connection runs the shared
 * queries and the transaction, and COPY streams go over the same connection, so every row of the
 * import commits or rolls back together. A failed import discards the connection (a COPY cut off
 * midway may leave it unusable).
 */
async function transactOnOneConnection<T>(pool: pg.Pool, work: ImportWork<T>): Promise<T> {
  const client = await pool.connect()
  const single = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: () => Promise.resolve({ query: client.query.bind(client), release: () => {} }),
        end: () => Promise.resolve(),
      },
    }),
  })
  let failed = false
  try {
    return await single
      .transaction()
      .execute((trx) => work(trx, createPostgresRecordWriter(trx, client)))
  } catch (error) {
    failed = true
    throw error
  } finally {
    client.release(failed)
    await single.destroy()
  }
}

function postgresDialect(location: string, pool: pg.Pool): StoreDialect {
  return {
    name: 'postgres',
    location,
    likeOperator: 'ilike',
    importBatchSize: 5000,
    selectArrays: async (_db, query) => {
      const result = await pool.query<unknown[]>({
        text: query.sql,
        values: [...query.parameters],
        rowMode: 'array',
      })
      return result.rows
    },
    transactImport: (_db, work) => transactOnOneConnection(pool, work),
    streamRows: (select, types) => copyOutRows(pool, select, types),
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
  const store = new KyselyStore(db, postgresDialect(location, pool))
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
