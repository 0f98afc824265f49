import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import { VmoError } from '@openvmo/core'
import { KyselyStore } from '../kysely-store'
import type { StoreOpenMode } from '../store-types'
import { NO_OPENVMO_TABLES, notAStoreError } from '../open-errors'
import type { ImportWork, StoreDialect } from '../store-dialect'
import type { Database } from '../tables/database'
import { copyOutRows } from './postgres-copy-out'
import { createPostgresRecordWriter } from './postgres-record-writer'
import { translatePostgresError } from './postgres-errors'

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (e.g. `DATABASE_URL`). */
  url: string
  /** A schema to use instead of `public` (set as the connection's `search_path`). */
  schema?: string
  /** `create` (default): create openvmo's tables when missing; `read-existing`: see {@link StoreOpenMode}. */
  mode?: StoreOpenMode
  /** Pool size (default 10). */
  maxConnections?: number
  /** Run pending migrations when opening (default true). */
  migrate?: boolean
  /** How the connections name themselves in `pg_stat_activity` (default `openvmo`). */
  applicationName?: string
  /** How long to wait for a connection (a new one, or a free one of the pool); default 10 s. */
  connectTimeoutMs?: number
}

/** Query parameters the driver reads a password from (`?password=…`, the TLS key's). */
const PASSWORD_PARAMETERS = ['password', 'sslpassword']

/**
 * The URL with its password (`user:password@`, `?password=`, `?sslpassword=`) replaced by `***`,
 * safe for messages and logs.
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    for (const name of [...parsed.searchParams.keys()]) {
      if (PASSWORD_PARAMETERS.includes(name.toLowerCase())) parsed.searchParams.set(name, '***')
    }
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
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    application_name: options.applicationName ?? 'openvmo',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
  })
  // A connection that breaks while idle in the pool (the server restarted, a proxy's idle timeout,
  // pg_terminate_backend) or while checked out between queries emits 'error'; unhandled, that
  // would end the process. The pool drops the broken client, the query that meets it fails with
  // STORE_UNAVAILABLE, and the next one connects afresh.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  return pool
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
    translateError: (error) => translatePostgresError(error, location),
    streamRows: (select, types) => copyOutRows(pool, select, types),
  }
}

async function openChecked(store: KyselyStore, options: PostgresStoreOptions): Promise<void> {
  await store.ping()
  if (options.mode === 'read-existing' && !(await store.isOpenvmoStore())) {
    throw notAStoreError(`postgres store ${store.location}`, NO_OPENVMO_TABLES)
  }
  if (options.migrate !== false) await store.migrate()
}

/**
 * Opens a PostgreSQL store (pg Pool + Kysely). Fails with `STORE_UNAVAILABLE` when the server
 * cannot be reached (the message shows the URL with its password redacted and the reason, e.g.
 * that the database does not exist) and with `STORE_VERSION_UNSUPPORTED` when a newer openvmo
 * wrote the schema; in `read-existing` mode, with `INVALID_INPUT` (creating nothing) when the
 * database or schema has no openvmo tables. The pool survives lost connections: calls fail with
 * `STORE_UNAVAILABLE` while the server is away and succeed again once it is back.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<KyselyStore> {
  const location = `"${redactDatabaseUrl(options.url)}"${options.schema ? ` (schema ${options.schema})` : ''}`
  const pool = createPool(options)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const store = new KyselyStore(db, postgresDialect(location, pool))
  try {
    await openChecked(store, options)
  } catch (error) {
    await store.close()
    if (error instanceof VmoError) throw error
    throw new VmoError('STORE_UNAVAILABLE', `cannot reach postgres store ${location}`, {
      cause: error,
    })
  }
  return store
}
