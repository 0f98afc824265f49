import { existsSync } from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely } from 'kysely'
import { VmoError } from '@openvmo/core'
import { KyselyStore } from '../kysely-store'
import { MIGRATION_TABLE } from '../migrations/migrations'
import { missingStoreError, NO_OPENVMO_TABLES, notAStoreError } from '../open-errors'
import type { StoreOpenMode } from '../store-types'
import type { StoreDialect } from '../store-dialect'
import type { Database } from '../tables/database'
import { createSqliteRecordWriter, prepareImportStatements } from './sqlite-record-writer'
import type { SqliteImportStatements } from './sqlite-record-writer'
import { translateSqliteError } from './sqlite-errors'
import { BUSY_TIMEOUT_MS, DEFAULT_LOCK_WAIT_MS, ImmediateSqliteDialect } from './sqlite-write-lock'

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** File path, or `:memory:`. */
  path: string
  /** `create` (default): create the file when missing; `read-existing`: see {@link StoreOpenMode}. */
  mode?: StoreOpenMode
  /** Run pending migrations when opening (default true). */
  migrate?: boolean
  /**
   * How long a write transaction waits for another process's write lock (an import) before
   * `STORE_BUSY`; default {@link DEFAULT_LOCK_WAIT_MS}.
   */
  lockWaitMs?: number
  /** Called when a write starts waiting for another process's write lock (to say so). */
  onLockWait?: (path: string) => void
}

const MEMORY = ':memory:'

/** Throws unless the SQLite file behind `raw` holds openvmo's tables (checked before any write). */
function assertOpenvmoFile(raw: BetterSqlite3.Database, path: string): void {
  let found: unknown
  try {
    found = raw
      .prepare(`select 1 from sqlite_master where type = 'table' and name = ?`)
      .get(MIGRATION_TABLE)
  } catch (error) {
    throw notAStoreError(`"${path}"`, (error as Error).message, error)
  }
  if (found === undefined) throw notAStoreError(`"${path}"`, NO_OPENVMO_TABLES)
}

function openDatabase(path: string, mode: StoreOpenMode): BetterSqlite3.Database {
  const existing = mode === 'read-existing' && path !== MEMORY
  if (existing && !existsSync(path)) throw missingStoreError(path)
  let raw: BetterSqlite3.Database | undefined
  try {
    raw = new BetterSqlite3(path, { fileMustExist: existing })
    if (existing) assertOpenvmoFile(raw, path)
    // WAL: readers never block the writer, and a killed writer leaves the file as of its last
    // commit. NORMAL is durable across a process crash (only an OS crash may lose the last commit).
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.pragma('foreign_keys = ON')
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    raw.pragma('cache_size = -65536')
    return raw
  } catch (error) {
    raw?.close()
    if (error instanceof VmoError) throw error
    const translated = translateSqliteError(error, path)
    if (translated instanceof VmoError) throw translated
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
    translateError: (error) => translateSqliteError(error, path),
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
 * Opens a SQLite store: one file, WAL mode, foreign keys on; created when missing unless `mode`
 * is `read-existing`. Write transactions start with `BEGIN IMMEDIATE` and wait (at most
 * `lockWaitMs`) for another process's write lock. Refuses a store written by a newer openvmo with
 * `STORE_VERSION_UNSUPPORTED`.
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<KyselyStore> {
  const { path, onLockWait } = options
  const raw = openDatabase(path, options.mode ?? 'create')
  const dialect = new ImmediateSqliteDialect({
    raw,
    path,
    timeoutMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    onWait: onLockWait && (() => onLockWait(path)),
  })
  const store = new KyselyStore(new Kysely<Database>({ dialect }), sqliteDialect(raw, path))
  try {
    if (options.migrate !== false) await store.migrate()
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}
