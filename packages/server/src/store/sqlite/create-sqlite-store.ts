import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { VmoError } from '@openvmo/core'
import { KyselyStore } from '../kysely-store'
import type { StoreDialect } from '../store-dialect'
import type { Database } from '../tables/database'
import { createSqliteRecordWriter, prepareImportStatements } from './sqlite-record-writer'
import type { SqliteImportStatements } from './sqlite-record-writer'

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** File path, or `:memory:`. Created when missing. */
  path: string
  /** Run pending migrations when opening (default true). */
  migrate?: boolean
}

function openDatabase(path: string): BetterSqlite3.Database {
  try {
    const raw = new BetterSqlite3(path)
    // WAL: readers never block the writer, and a killed writer leaves the file as of its last
    // commit. NORMAL is durable across a process crash (only an OS crash may lose the last commit).
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.pragma('foreign_keys = ON')
    raw.pragma('busy_timeout = 5000')
    raw.pragma('cache_size = -65536')
    return raw
  } catch (error) {
    throw new VmoError('STORE_UNAVAILABLE', `cannot open sqlite store "${path}"`, { cause: error })
  }
}

/** Raw-mode statements by SQL text; the loader's few distinct queries are compiled once. */
function arrayStatements(raw: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return (text: string) => {
    let statement = cache.get(text)
    if (!statement) {
      if (cache.size >= 64) cache.clear()
      statement = raw.prepare(text).raw(true)
      cache.set(text, statement)
    }
    return statement
  }
}

function sqliteDialect(raw: BetterSqlite3.Database, path: string): StoreDialect {
  let statements: SqliteImportStatements | undefined
  const arrays = arrayStatements(raw)
  return {
    name: 'sqlite',
    location: `"${path}"`,
    likeOperator: 'like',
    importBatchSize: 2000,
    // Kysely's connection, so the read waits for an open import transaction like any query.
    selectArrays: (db, query) =>
      db
        .connection()
        .execute(() => Promise.resolve(arrays(query.sql).all(...query.parameters) as unknown[][])),
    // Foreign keys are not checked during an import: a lookup per item and link row, and the
    // writer keeps them true by construction (an item's link rows are written right after it,
    // in the same transaction, and deleted with it; sources are created before their items). The pragma is a no-op inside a transaction, so it is
    // set on the connection before BEGIN and restored after, while this import holds it.
    transactImport: (db, work) =>
      db.connection().execute(async (connection) => {
        raw.pragma('foreign_keys = OFF')
        try {
          return await connection.transaction().execute((trx) => {
            statements ??= prepareImportStatements(raw)
            return work(
              trx,
              createSqliteRecordWriter(statements, () => new Date().toISOString()),
            )
          })
        } finally {
          raw.pragma('foreign_keys = ON')
        }
      }),
  }
}

/**
 * Opens (creating when missing) a SQLite store: one file, WAL mode, foreign keys on. Refuses a
 * store written by a newer openvmo with `STORE_VERSION_UNSUPPORTED`.
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<KyselyStore> {
  const raw = openDatabase(options.path)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
  const store = new KyselyStore(db, sqliteDialect(raw, options.path))
  try {
    if (options.migrate !== false) await store.migrate()
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}
